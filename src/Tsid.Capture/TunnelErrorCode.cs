namespace Tsid.Capture
{
    /// <summary>Why a tunnel message did not parse (with <see cref="TunnelError.Offset"/>).</summary>
    public enum TunnelErrorCode : byte
    {
        /// <summary>No error.</summary>
        None = 0,

        /// <summary>The bytes are not the start of this kind of message (another format, or no tunnel at all).</summary>
        NotThisFormat,

        /// <summary>An HTTP request line or status line is not <c>METHOD SP target SP HTTP/1.x</c> / <c>HTTP/1.x SP code SP reason</c>.</summary>
        MalformedStartLine,

        /// <summary>An HTTP version other than 1.0 or 1.1.</summary>
        UnsupportedHttpVersion,

        /// <summary>The CONNECT target is not <c>host:port</c> (RFC 9110 9.3.6), or a port is not 1-65535.</summary>
        MalformedAuthority,

        /// <summary>A header line has no colon, or a control character.</summary>
        MalformedHeader,

        /// <summary>The request or response head is longer than <see cref="HttpConnectReader.MaxHeadBytes"/>.</summary>
        HeadTooLong,

        /// <summary>A SOCKS version byte other than the one expected (4, 5, or 1 for RFC 1929 authentication).</summary>
        UnsupportedVersion,

        /// <summary>A SOCKS command other than CONNECT, BIND or UDP ASSOCIATE.</summary>
        UnsupportedCommand,

        /// <summary>A SOCKS 5 method the server chose that cannot be followed (GSSAPI and others encapsulate what follows).</summary>
        UnsupportedMethod,

        /// <summary>A SOCKS 5 greeting with no method.</summary>
        NoMethods,

        /// <summary>A SOCKS 5 address type other than IPv4 (1), domain name (3) or IPv6 (4).</summary>
        UnsupportedAddressType,

        /// <summary>A NUL-terminated SOCKS 4 field longer than <see cref="SocksReader.MaxSocks4FieldLength"/>, or an empty domain name.</summary>
        BadFieldLength,

        /// <summary>A reserved byte that must be zero is not.</summary>
        ReservedNotZero,

        /// <summary>The PROXY v1 line is not <c>PROXY TCP4|TCP6|UNKNOWN ...\r\n</c> with valid addresses and ports.</summary>
        MalformedProxyLine,

        /// <summary>The PROXY v1 line is longer than <see cref="ProxyProtocolReader.MaxV1LineLength"/> bytes.</summary>
        ProxyLineTooLong,

        /// <summary>A PROXY v2 version other than 2, or a command other than LOCAL or PROXY.</summary>
        UnsupportedProxyVersion,

        /// <summary>A PROXY v2 address block shorter than its family needs.</summary>
        AddressBlockTooShort,

        /// <summary>A PROXY v2 TLV that runs past the header.</summary>
        MalformedTlv,

        /// <summary>A PROXY v2 header longer than <see cref="ProxyProtocolReader.MaxV2HeaderLength"/>.</summary>
        ProxyHeaderTooLong,
    }
}
