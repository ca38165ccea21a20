namespace Tsid.Capture
{
    /// <summary>How a SOCKS request names its destination (RFC 1928 4 ATYP; SOCKS 4 has an address, 4a a name).</summary>
    public enum SocksAddressType : byte
    {
        /// <summary>No address (default).</summary>
        None = 0,

        /// <summary>A 4-byte IPv4 address (ATYP X'01').</summary>
        IPv4 = 1,

        /// <summary>A domain name (ATYP X'03'; the SOCKS 4a host name).</summary>
        DomainName = 3,

        /// <summary>A 16-byte IPv6 address (ATYP X'04').</summary>
        IPv6 = 4,
    }
}
