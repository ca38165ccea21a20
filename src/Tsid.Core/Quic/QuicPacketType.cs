namespace Tsid.Quic
{
    /// <summary>
    /// The kind of a QUIC packet, independent of how its version numbers the long-header types (RFC 9000 17.2,
    /// RFC 9369 3.2).
    /// </summary>
    public enum QuicPacketType : byte
    {
        /// <summary>Not a packet that was read.</summary>
        None = 0,

        /// <summary>Initial (RFC 9000 17.2.2): protected with keys any observer can derive; carries the ClientHello and ServerHello.</summary>
        Initial,

        /// <summary>0-RTT (RFC 9000 17.2.3): early data, protected with keys from a resumed session.</summary>
        ZeroRtt,

        /// <summary>Handshake (RFC 9000 17.2.4): the rest of the TLS handshake (certificate included), under handshake keys.</summary>
        Handshake,

        /// <summary>Retry (RFC 9000 17.2.5): the server asks the client to start again with a token and a new connection ID.</summary>
        Retry,

        /// <summary>Version Negotiation (RFC 9000 17.2.1): the server's list of versions, Version field 0.</summary>
        VersionNegotiation,

        /// <summary>A short-header (1-RTT) packet (RFC 9000 17.3): application data, never a ClientHello.</summary>
        OneRtt,
    }
}
