namespace Tsid.Tls
{
    /// <summary>Whether a passive observer can see the server's certificate chain.</summary>
    public enum TlsCertificateVisibility : byte
    {
        /// <summary>Not decided yet (no ServerHello, or a TLS 1.2 handshake still in progress).</summary>
        Unknown = 0,

        /// <summary>The Certificate message was sent in plaintext (TLS 1.2 and older) and was read.</summary>
        Visible,

        /// <summary>TLS 1.3 was negotiated: the certificate is encrypted (RFC 8446 4.4.2) and not visible.</summary>
        EncryptedTls13,

        /// <summary>TLS 1.2 or older went to change_cipher_spec without a Certificate (session resumption, PSK or anonymous suites).</summary>
        NotSent,
    }
}
