namespace Tsid.Tls
{
    /// <summary>The handshake message type (RFC 8446 4 <c>HandshakeType</c>, RFC 5246 7.4, RFC 6066 8). Open: other values keep their wire value.</summary>
    public enum TlsHandshakeType : byte
    {
        /// <summary><c>hello_request(0)</c> (TLS 1.2 and older).</summary>
        HelloRequest = 0,

        /// <summary><c>client_hello(1)</c>.</summary>
        ClientHello = 1,

        /// <summary><c>server_hello(2)</c>; a HelloRetryRequest is a ServerHello with a special random (RFC 8446 4.1.3).</summary>
        ServerHello = 2,

        /// <summary><c>hello_verify_request(3)</c> (DTLS).</summary>
        HelloVerifyRequest = 3,

        /// <summary><c>new_session_ticket(4)</c>.</summary>
        NewSessionTicket = 4,

        /// <summary><c>end_of_early_data(5)</c>.</summary>
        EndOfEarlyData = 5,

        /// <summary><c>encrypted_extensions(8)</c> (TLS 1.3, always encrypted).</summary>
        EncryptedExtensions = 8,

        /// <summary><c>certificate(11)</c>.</summary>
        Certificate = 11,

        /// <summary><c>server_key_exchange(12)</c> (TLS 1.2 and older).</summary>
        ServerKeyExchange = 12,

        /// <summary><c>certificate_request(13)</c>.</summary>
        CertificateRequest = 13,

        /// <summary><c>server_hello_done(14)</c> (TLS 1.2 and older).</summary>
        ServerHelloDone = 14,

        /// <summary><c>certificate_verify(15)</c>.</summary>
        CertificateVerify = 15,

        /// <summary><c>client_key_exchange(16)</c> (TLS 1.2 and older).</summary>
        ClientKeyExchange = 16,

        /// <summary><c>finished(20)</c>.</summary>
        Finished = 20,

        /// <summary><c>certificate_url(21)</c> (RFC 6066 5).</summary>
        CertificateUrl = 21,

        /// <summary><c>certificate_status(22)</c> (RFC 6066 8, stapled OCSP).</summary>
        CertificateStatus = 22,

        /// <summary><c>key_update(24)</c>.</summary>
        KeyUpdate = 24,

        /// <summary><c>compressed_certificate(25)</c> (RFC 8879).</summary>
        CompressedCertificate = 25,

        /// <summary><c>message_hash(254)</c>.</summary>
        MessageHash = 254,
    }
}
