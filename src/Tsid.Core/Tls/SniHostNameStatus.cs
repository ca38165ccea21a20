namespace Tsid.Tls
{
    /// <summary>
    /// How a server_name host_name entry measures up to RFC 6066 3 ("a fully qualified DNS hostname … without a
    /// trailing dot"; "literal IPv4 and IPv6 addresses are not permitted"). A parser reports these; it does not
    /// silently accept or drop the name.
    /// </summary>
    public enum SniHostNameStatus : byte
    {
        /// <summary>Letters, digits, hyphens (and underscores, which real names use) in labels of 1..63 bytes, at most 253 bytes.</summary>
        Valid = 0,

        /// <summary>The name is empty.</summary>
        Empty,

        /// <summary>The name ends with a dot (RFC 6066 3 forbids it).</summary>
        TrailingDot,

        /// <summary>The name is an IPv4 literal such as <c>192.0.2.1</c> (RFC 6066 3 forbids it).</summary>
        IPv4Literal,

        /// <summary>The name holds a colon: an IPv6 literal (RFC 6066 3 forbids it).</summary>
        IPv6Literal,

        /// <summary>A byte outside letters, digits, '-', '_' and '.' (a NUL, a space, non-ASCII, …).</summary>
        IllegalCharacter,

        /// <summary>An empty label (a leading dot or two dots in a row).</summary>
        EmptyLabel,

        /// <summary>A label longer than 63 bytes (RFC 1035 2.3.4).</summary>
        LabelTooLong,

        /// <summary>The name is longer than 253 bytes (RFC 1035 2.3.4).</summary>
        TooLong,
    }
}
