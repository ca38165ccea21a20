namespace Tsid.Tls
{
    /// <summary>
    /// A TLS extension type (IANA "TLS ExtensionType Values"). Open: unknown and GREASE (RFC 8701) values keep
    /// their wire value and pass through untouched.
    /// </summary>
    public enum TlsExtensionType : ushort
    {
        /// <summary><c>server_name(0)</c> (RFC 6066 3).</summary>
        ServerName = 0,

        /// <summary><c>max_fragment_length(1)</c> (RFC 6066 4).</summary>
        MaxFragmentLength = 1,

        /// <summary><c>status_request(5)</c> (RFC 6066 8).</summary>
        StatusRequest = 5,

        /// <summary><c>supported_groups(10)</c> (RFC 8422, RFC 8446 4.2.7).</summary>
        SupportedGroups = 10,

        /// <summary><c>ec_point_formats(11)</c> (RFC 8422 5.1.2).</summary>
        EcPointFormats = 11,

        /// <summary><c>signature_algorithms(13)</c> (RFC 8446 4.2.3).</summary>
        SignatureAlgorithms = 13,

        /// <summary><c>use_srtp(14)</c> (RFC 5764).</summary>
        UseSrtp = 14,

        /// <summary><c>heartbeat(15)</c> (RFC 6520).</summary>
        Heartbeat = 15,

        /// <summary><c>application_layer_protocol_negotiation(16)</c> (RFC 7301).</summary>
        ApplicationLayerProtocolNegotiation = 16,

        /// <summary><c>signed_certificate_timestamp(18)</c> (RFC 6962).</summary>
        SignedCertificateTimestamp = 18,

        /// <summary><c>padding(21)</c> (RFC 7685).</summary>
        Padding = 21,

        /// <summary><c>encrypt_then_mac(22)</c> (RFC 7366).</summary>
        EncryptThenMac = 22,

        /// <summary><c>extended_master_secret(23)</c> (RFC 7627).</summary>
        ExtendedMasterSecret = 23,

        /// <summary><c>compress_certificate(27)</c> (RFC 8879).</summary>
        CompressCertificate = 27,

        /// <summary><c>record_size_limit(28)</c> (RFC 8449).</summary>
        RecordSizeLimit = 28,

        /// <summary><c>session_ticket(35)</c> (RFC 5077).</summary>
        SessionTicket = 35,

        /// <summary><c>pre_shared_key(41)</c> (RFC 8446 4.2.11); must be the last extension of a ClientHello.</summary>
        PreSharedKey = 41,

        /// <summary><c>early_data(42)</c> (RFC 8446 4.2.10).</summary>
        EarlyData = 42,

        /// <summary><c>supported_versions(43)</c> (RFC 8446 4.2.1).</summary>
        SupportedVersions = 43,

        /// <summary><c>cookie(44)</c> (RFC 8446 4.2.2).</summary>
        Cookie = 44,

        /// <summary><c>psk_key_exchange_modes(45)</c> (RFC 8446 4.2.9).</summary>
        PskKeyExchangeModes = 45,

        /// <summary><c>certificate_authorities(47)</c> (RFC 8446 4.2.4).</summary>
        CertificateAuthorities = 47,

        /// <summary><c>post_handshake_auth(49)</c> (RFC 8446 4.2.6).</summary>
        PostHandshakeAuth = 49,

        /// <summary><c>signature_algorithms_cert(50)</c> (RFC 8446 4.2.3).</summary>
        SignatureAlgorithmsCert = 50,

        /// <summary><c>key_share(51)</c> (RFC 8446 4.2.8).</summary>
        KeyShare = 51,

        /// <summary><c>quic_transport_parameters(57)</c> (RFC 9001 8.2).</summary>
        QuicTransportParameters = 57,

        /// <summary><c>application_settings</c> (ALPS, 0x4469; Chrome).</summary>
        ApplicationSettings = 0x4469,

        /// <summary><c>encrypted_client_hello</c> (0xfe0d, draft-ietf-tls-esni).</summary>
        EncryptedClientHello = 0xfe0d,

        /// <summary><c>renegotiation_info</c> (0xff01, RFC 5746).</summary>
        RenegotiationInfo = 0xff01,
    }
}
