namespace Tsid.Capture
{
    /// <summary>Which tunnel prefix a TCP stream started with, before the TLS it carries.</summary>
    public enum TunnelKind : byte
    {
        /// <summary>No tunnel: TLS (or the cleartext dialogue) starts at the first byte.</summary>
        None = 0,

        /// <summary>An HTTP CONNECT request (RFC 9110 9.3.6) and a 2xx answer from the proxy.</summary>
        HttpConnect,

        /// <summary>SOCKS 4 or its 4a extension (a host name instead of an address).</summary>
        Socks4,

        /// <summary>SOCKS 5 (RFC 1928), with no authentication or username/password (RFC 1929).</summary>
        Socks5,

        /// <summary>The HAProxy PROXY protocol, version 1 (a text line).</summary>
        ProxyV1,

        /// <summary>The HAProxy PROXY protocol, version 2 (a binary header).</summary>
        ProxyV2,
    }
}
