namespace Tsid.Tls
{
    /// <summary>What a <see cref="TlsFrame"/> holds.</summary>
    public enum TlsFrameKind : byte
    {
        /// <summary>Nothing (default value).</summary>
        None = 0,

        /// <summary>A plaintext handshake message, reassembled across records.</summary>
        HandshakeMessage,

        /// <summary>A plaintext alert (2 bytes: level, description).</summary>
        Alert,

        /// <summary>A change_cipher_spec record (TLS 1.2 and older: everything after it in this direction is encrypted).</summary>
        ChangeCipherSpec,

        /// <summary>An SSLv2-compatible ClientHello (RFC 5246 E.2); the body is the message after the 2-byte header.</summary>
        SslV2ClientHello,
    }
}
