namespace Tsid.Tls
{
    /// <summary>What was wrong with TLS bytes. Flat and specific; <see cref="TlsError.Offset"/> says where.</summary>
    public enum TlsErrorCode : byte
    {
        /// <summary>No error.</summary>
        None = 0,

        /// <summary>The first bytes of the stream are neither a TLS record nor an SSLv2-compatible ClientHello.</summary>
        NotTls,

        /// <summary>A record's content type is not one of change_cipher_spec, alert, handshake, application_data, heartbeat (RFC 8446 5.1).</summary>
        InvalidContentType,

        /// <summary>A record's legacy_record_version is not 3.x (RFC 8446 5.1).</summary>
        InvalidRecordVersion,

        /// <summary>A record is longer than 2^14 + 2048 bytes (RFC 5246 6.2.3, RFC 8446 5.2).</summary>
        RecordOverflow,

        /// <summary>A zero-length handshake, alert or change_cipher_spec record (RFC 8446 5.1).</summary>
        EmptyRecord,

        /// <summary>A record of another content type arrived while a handshake message was incomplete (RFC 8446 5.1).</summary>
        InterleavedContentType,

        /// <summary>A ClientHello is longer than <see cref="TlsHandshakeLimits.MaxClientHelloLength"/>.</summary>
        ClientHelloTooLarge,

        /// <summary>A Certificate message is longer than <see cref="TlsHandshakeLimits.MaxCertificateLength"/>.</summary>
        CertificateTooLarge,

        /// <summary>Another buffered handshake message (ServerHello) is longer than <see cref="TlsHandshakeLimits.MaxServerHelloLength"/>.</summary>
        HandshakeMessageTooLarge,

        /// <summary>
        /// Handshake bytes arrived further beyond the next expected offset than <see cref="TlsHandshakeLimits.MaxReorderWindow"/>
        /// allows (out-of-order QUIC CRYPTO data or DTLS fragments).
        /// </summary>
        ReorderWindowExceeded,

        /// <summary>Out-of-order handshake bytes left more than <see cref="HandshakeMessageReassembler.MaxReorderRanges"/> separate ranges.</summary>
        TooManyReorderGaps,

        /// <summary>An alert record whose length is not a whole number of 2-byte alerts (RFC 8446 6).</summary>
        InvalidAlert,

        /// <summary>A change_cipher_spec record that is not the single byte 1 (RFC 5246 7.1).</summary>
        InvalidChangeCipherSpec,

        /// <summary>An SSLv2-compatible ClientHello with an impossible length or type (RFC 5246 E.2).</summary>
        InvalidSslV2ClientHello,

        /// <summary>A handshake message arrived where it cannot (e.g. a second ServerHello, a ClientHello from the server).</summary>
        UnexpectedMessage,

        /// <summary>A message or field ends before its declared length.</summary>
        Truncated,

        /// <summary>Bytes are left over after a message, an extension block or an extension body.</summary>
        TrailingData,

        /// <summary>legacy_session_id is longer than 32 bytes (RFC 8446 4.1.2).</summary>
        InvalidSessionId,

        /// <summary>cipher_suites is empty or has an odd length (RFC 8446 4.1.2).</summary>
        InvalidCipherSuites,

        /// <summary>legacy_compression_methods is empty (RFC 5246 7.4.1.2).</summary>
        InvalidCompressionMethods,

        /// <summary>The same extension type appears twice in one message (RFC 8446 4.2).</summary>
        DuplicateExtension,

        /// <summary>pre_shared_key is not the last extension of a ClientHello (RFC 8446 4.2.11).</summary>
        PreSharedKeyNotLast,

        /// <summary>server_name is malformed (RFC 6066 3).</summary>
        InvalidServerName,

        /// <summary>application_layer_protocol_negotiation is malformed (RFC 7301 3.1).</summary>
        InvalidAlpn,

        /// <summary>supported_versions is malformed (RFC 8446 4.2.1).</summary>
        InvalidSupportedVersions,

        /// <summary>supported_groups is malformed (RFC 8446 4.2.7).</summary>
        InvalidSupportedGroups,

        /// <summary>signature_algorithms or signature_algorithms_cert is malformed (RFC 8446 4.2.3).</summary>
        InvalidSignatureAlgorithms,

        /// <summary>key_share is malformed (RFC 8446 4.2.8).</summary>
        InvalidKeyShare,

        /// <summary>psk_key_exchange_modes is malformed (RFC 8446 4.2.9).</summary>
        InvalidPskKeyExchangeModes,

        /// <summary>pre_shared_key is malformed (RFC 8446 4.2.11).</summary>
        InvalidPreSharedKey,

        /// <summary>early_data in a ClientHello is not empty (RFC 8446 4.2.10).</summary>
        InvalidEarlyData,

        /// <summary>encrypted_client_hello is malformed (draft-ietf-tls-esni 5).</summary>
        InvalidEncryptedClientHello,

        /// <summary>ec_point_formats is malformed (RFC 8422 5.1.2).</summary>
        InvalidEcPointFormats,

        /// <summary>status_request is malformed (RFC 6066 8).</summary>
        InvalidStatusRequest,

        /// <summary>renegotiation_info is malformed (RFC 5746 3.2).</summary>
        InvalidRenegotiationInfo,

        /// <summary>record_size_limit is not a 2-byte value of at least 64 (RFC 8449 4).</summary>
        InvalidRecordSizeLimit,

        /// <summary>compress_certificate is malformed (RFC 8879 3).</summary>
        InvalidCompressCertificate,

        /// <summary>The certificate_list of a Certificate message is malformed or holds an empty certificate (RFC 5246 7.4.2).</summary>
        InvalidCertificateList,

        /// <summary>A CertificateStatus message is malformed (RFC 6066 8).</summary>
        InvalidCertificateStatus,
    }
}
