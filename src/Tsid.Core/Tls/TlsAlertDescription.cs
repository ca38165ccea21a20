namespace Tsid.Tls
{
    /// <summary>An alert's description (RFC 8446 6 <c>AlertDescription</c>, RFC 5246 7.2, RFC 6066). Open: other values keep their wire value.</summary>
    public enum TlsAlertDescription : byte
    {
        /// <summary><c>close_notify(0)</c>.</summary>
        CloseNotify = 0,

        /// <summary><c>unexpected_message(10)</c>.</summary>
        UnexpectedMessage = 10,

        /// <summary><c>bad_record_mac(20)</c>.</summary>
        BadRecordMac = 20,

        /// <summary><c>record_overflow(22)</c>.</summary>
        RecordOverflow = 22,

        /// <summary><c>handshake_failure(40)</c>.</summary>
        HandshakeFailure = 40,

        /// <summary><c>bad_certificate(42)</c>.</summary>
        BadCertificate = 42,

        /// <summary><c>unsupported_certificate(43)</c>.</summary>
        UnsupportedCertificate = 43,

        /// <summary><c>certificate_revoked(44)</c>.</summary>
        CertificateRevoked = 44,

        /// <summary><c>certificate_expired(45)</c>.</summary>
        CertificateExpired = 45,

        /// <summary><c>certificate_unknown(46)</c>.</summary>
        CertificateUnknown = 46,

        /// <summary><c>illegal_parameter(47)</c>.</summary>
        IllegalParameter = 47,

        /// <summary><c>unknown_ca(48)</c>.</summary>
        UnknownCa = 48,

        /// <summary><c>access_denied(49)</c>.</summary>
        AccessDenied = 49,

        /// <summary><c>decode_error(50)</c>.</summary>
        DecodeError = 50,

        /// <summary><c>decrypt_error(51)</c>.</summary>
        DecryptError = 51,

        /// <summary><c>protocol_version(70)</c>.</summary>
        ProtocolVersion = 70,

        /// <summary><c>insufficient_security(71)</c>.</summary>
        InsufficientSecurity = 71,

        /// <summary><c>internal_error(80)</c>.</summary>
        InternalError = 80,

        /// <summary><c>inappropriate_fallback(86)</c> (RFC 7507).</summary>
        InappropriateFallback = 86,

        /// <summary><c>user_canceled(90)</c>.</summary>
        UserCanceled = 90,

        /// <summary><c>no_renegotiation(100)</c>.</summary>
        NoRenegotiation = 100,

        /// <summary><c>missing_extension(109)</c>.</summary>
        MissingExtension = 109,

        /// <summary><c>unsupported_extension(110)</c>.</summary>
        UnsupportedExtension = 110,

        /// <summary><c>unrecognized_name(112)</c> (RFC 6066 3): the server does not know the SNI name.</summary>
        UnrecognizedName = 112,

        /// <summary><c>bad_certificate_status_response(113)</c>.</summary>
        BadCertificateStatusResponse = 113,

        /// <summary><c>unknown_psk_identity(115)</c>.</summary>
        UnknownPskIdentity = 115,

        /// <summary><c>certificate_required(116)</c>.</summary>
        CertificateRequired = 116,

        /// <summary><c>no_application_protocol(120)</c> (RFC 7301).</summary>
        NoApplicationProtocol = 120,

        /// <summary><c>ech_required(121)</c>.</summary>
        EchRequired = 121,
    }
}
