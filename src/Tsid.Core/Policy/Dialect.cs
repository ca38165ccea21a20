namespace Tsid.Policy
{
    /// <summary>
    /// The syntax a host pattern is written in. The same text means different things in different products
    /// (<c>example.com</c> covers subdomains for Cisco and Chrome but not for Squid), so a pattern is always parsed
    /// under an explicit dialect. docs/policy.md has a table with examples for each.
    /// </summary>
    public enum Dialect : byte
    {
        /// <summary>
        /// Cisco FMC Security Intelligence URL/DNS list entries: <c>example.com</c> matches itself and every subdomain
        /// (not <c>examplexyz.com</c>, not <c>example.com.evil.net</c>); a lone label such as <c>org</c> matches the whole
        /// TLD; <c>*</c> stands for exactly one whole label anywhere (<c>*.example.com</c>, <c>www.*.com</c>,
        /// <c>example.*</c>) and subdomains of what it matches also match; a trailing <c>/</c> means an exact match
        /// (<c>example.com/</c>, <c>example.*/</c>); internationalised names must be punycode. Entries with a URL path
        /// are rejected: only the host is visible on a TLS connection.
        /// </summary>
        CiscoSecurityIntelligence = 1,

        /// <summary>
        /// Cisco FMC URL objects: without a <c>/</c> the pattern is a host name matched at a label boundary
        /// (<c>ign.com</c> matches <c>ign.com</c> and <c>www.ign.com</c>, not <c>verisign.com</c>); with a <c>/</c> it is a
        /// case-insensitive substring of the URL, accepted where it starts the URL, follows a dot or <c>://</c>, or
        /// itself starts with a dot. On a TLS connection the URL is taken to be <c>https://</c><em>host</em><c>/</c>.
        /// </summary>
        CiscoUrlObject,

        /// <summary>
        /// Squid <c>acl … dstdomain</c>: a leading <c>.</c> matches the domain and all its subdomains
        /// (<c>.example.com</c> matches <c>example.com</c> and <c>www.example.com</c>); without it the match is exact.
        /// </summary>
        SquidDstdomain,

        /// <summary>
        /// Chrome/Edge <c>URLBlocklist</c>/<c>URLAllowlist</c> filters, <c>[scheme://][.]host[:port][/path][@query]</c>:
        /// <c>example.com</c> matches the host and its subdomains, <c>.www.example.com</c> only that exact host, <c>*</c>
        /// every host. A scheme other than https/wss, a port other than the destination port, or a path other than
        /// <c>/</c> never matches a TLS connection (the path and query are not visible).
        /// </summary>
        ChromeUrlBlocklist,

        /// <summary>The host name must equal the pattern (ASCII case-insensitive, trailing dot ignored). No wildcards.</summary>
        Exact,

        /// <summary>
        /// RFC 6125 6.4.3 style: <c>*.example.com</c> matches exactly one label in place of the <c>*</c>
        /// (<c>www.example.com</c>, not <c>example.com</c>, not <c>a.b.example.com</c>); the wildcard must be the whole
        /// left-most label and at least two labels must follow it. Without <c>*</c>, an exact match.
        /// </summary>
        Wildcard,
    }
}
