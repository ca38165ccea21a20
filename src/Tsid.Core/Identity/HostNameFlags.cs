using System;

namespace Tsid.Identity
{
    /// <summary>What <see cref="HostName"/> noticed or changed while normalising a name.</summary>
    [Flags]
    public enum HostNameFlags : ushort
    {
        /// <summary>Nothing to report.</summary>
        None = 0,

        /// <summary>A trailing dot (the DNS root) was removed.</summary>
        TrailingDotRemoved = 1 << 0,

        /// <summary>Upper-case ASCII letters were folded to lower case.</summary>
        CaseFolded = 1 << 1,

        /// <summary>The left-most label holds an asterisk: the name is a wildcard pattern (RFC 6125 6.4.3), kept as it is.</summary>
        Wildcard = 1 << 2,

        /// <summary>The left-most label is a partial-label wildcard such as <c>f*.example.com</c>.</summary>
        PartialWildcard = 1 << 3,

        /// <summary>At least one label is an IDN A-label (<c>xn--</c>, RFC 5890 2.3.2.1).</summary>
        IdnALabel = 1 << 4,

        /// <summary>At least one Unicode U-label was converted to an A-label with Punycode (RFC 3492).</summary>
        ConvertedFromUnicode = 1 << 5,

        /// <summary>The name is an IPv4 address literal in dotted-decimal form.</summary>
        IPv4Literal = 1 << 6,

        /// <summary>The name is an IPv6 address literal (RFC 4291 2.2 text form).</summary>
        IPv6Literal = 1 << 7,

        /// <summary>A label holds an underscore: accepted because real certificates and SNI carry them, but not an LDH host name (RFC 952).</summary>
        Underscore = 1 << 8,

        /// <summary>The name has a single label (for example <c>localhost</c>).</summary>
        SingleLabel = 1 << 9,
    }
}
