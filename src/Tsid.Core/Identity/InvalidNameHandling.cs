namespace Tsid.Identity
{
    /// <summary>What a resolver does with a candidate that is not a valid host name (a CN such as <c>LDAP SSL test</c>, an OU such as <c>Cisco Smart Licensing</c>).</summary>
    public enum InvalidNameHandling : byte
    {
        /// <summary>Skip it: the rule yields nothing for it and the next candidate or rule is tried.</summary>
        Skip = 0,

        /// <summary>
        /// Keep it verbatim (ASCII lower-cased), flagged <see cref="IdentityDiagnostics.NotAHostName"/> — what firewalls that
        /// report the raw certificate field do. Names with control characters (an embedded NUL, for one) or longer than
        /// <see cref="HostName.MaxLength"/> are still skipped.
        /// </summary>
        KeepFlagged = 1,
    }
}
