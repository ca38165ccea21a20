namespace Tsid.Tls
{
    /// <summary>What the first bytes of a stream look like (<see cref="TlsRecordHeader.Detect"/>).</summary>
    public enum TlsStreamKind : byte
    {
        /// <summary>Too few bytes to tell yet.</summary>
        NeedMoreData = 0,

        /// <summary>A plausible TLS record header.</summary>
        Tls,

        /// <summary>An SSLv2-compatible ClientHello (RFC 5246 E.2): a TLS-capable client speaking the old record format.</summary>
        SslV2ClientHello,

        /// <summary>Not TLS.</summary>
        NotTls,
    }
}
