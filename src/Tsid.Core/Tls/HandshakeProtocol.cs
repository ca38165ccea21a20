namespace Tsid.Tls
{
    /// <summary>
    /// The protocol that carried a TLS handshake to the reassembler: TLS records over a stream (RFC 8446 5),
    /// DTLS records over datagrams (RFC 6347, RFC 9147), or QUIC CRYPTO frames (RFC 9001 4).
    /// </summary>
    /// <remarks>
    /// The handshake messages are the same in all three (DTLS adds its own fragment header, which the DTLS transport
    /// removes); fingerprints such as JA4 name the carrier in their first character (<c>t</c>, <c>d</c>, <c>q</c>).
    /// </remarks>
    public enum HandshakeProtocol : byte
    {
        /// <summary>TLS (or SSL) records over TCP or another byte stream.</summary>
        Tls = 0,

        /// <summary>DTLS records over UDP (RFC 6347 for DTLS 1.0/1.2, RFC 9147 for DTLS 1.3).</summary>
        Dtls = 1,

        /// <summary>QUIC: the handshake travels in CRYPTO frames of Initial and Handshake packets (RFC 9001 4).</summary>
        Quic = 2,
    }
}
