namespace Tsid.Identity
{
    /// <summary>
    /// The tri-state answer of <see cref="HostNameMatcher"/>, after rustls-webpki: a malformed input is neither a match nor
    /// a clean mismatch, and callers that must fail closed can tell the difference.
    /// </summary>
    public enum NameMatchResult : byte
    {
        /// <summary>Both inputs are well formed and the presented identifier does not cover the reference identifier.</summary>
        NoMatch = 0,

        /// <summary>The presented identifier covers the reference identifier (RFC 6125 6.4).</summary>
        Match = 1,

        /// <summary>One of the inputs is not a well-formed identifier, so no comparison was made.</summary>
        InvalidInput = 2,
    }
}
