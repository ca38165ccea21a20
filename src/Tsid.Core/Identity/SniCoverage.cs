namespace Tsid.Identity
{
    /// <summary>Whether the leaf certificate covers the SNI (RFC 6125 6.4): the mismatch signal nDPI and FortiGate give.</summary>
    public enum SniCoverage : byte
    {
        /// <summary>Not known: there was no SNI, or no certificate was visible (TLS 1.3, resumption).</summary>
        Unknown = 0,

        /// <summary>A dNSName (or, when there is none, a commonName; an iPAddress for an IP-literal SNI) covers the SNI.</summary>
        Covered,

        /// <summary>The certificate was visible and none of its names covers the SNI.</summary>
        NotCovered,
    }
}
