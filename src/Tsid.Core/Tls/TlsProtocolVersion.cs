namespace Tsid.Tls
{
    /// <summary>
    /// A TLS protocol version as it appears on the wire (RFC 8446 4.1.2 <c>ProtocolVersion</c>, a <c>uint16</c>).
    /// The enum is open: unknown, draft (0x7fXX) and GREASE values are kept as their wire value, never clamped.
    /// </summary>
    public enum TlsProtocolVersion : ushort
    {
        /// <summary>No version is known (not seen, or not negotiated yet).</summary>
        None = 0,

        /// <summary>SSL 3.0 (RFC 6101), wire value 0x0300.</summary>
        Ssl30 = 0x0300,

        /// <summary>TLS 1.0 (RFC 2246), wire value 0x0301.</summary>
        Tls10 = 0x0301,

        /// <summary>TLS 1.1 (RFC 4346), wire value 0x0302.</summary>
        Tls11 = 0x0302,

        /// <summary>TLS 1.2 (RFC 5246), wire value 0x0303.</summary>
        Tls12 = 0x0303,

        /// <summary>TLS 1.3 (RFC 8446), wire value 0x0304.</summary>
        Tls13 = 0x0304,

        /// <summary>DTLS 1.0 (RFC 4347), wire value 0xfeff (the one's complement of 1.1: DTLS versions count down).</summary>
        Dtls10 = 0xfeff,

        /// <summary>DTLS 1.2 (RFC 6347), wire value 0xfefd.</summary>
        Dtls12 = 0xfefd,

        /// <summary>DTLS 1.3 (RFC 9147), wire value 0xfefc (only in supported_versions; records and legacy_version say 0xfefd).</summary>
        Dtls13 = 0xfefc,
    }
}
