using System;

namespace Tsid.Identity
{
    /// <summary>Which caller-supplied hints a hint-matching rule looks at.</summary>
    [Flags]
    public enum IdentityHintKinds : byte
    {
        /// <summary>None (invalid for a rule; rejected by the builder).</summary>
        None = 0,

        /// <summary>The HTTP Host header the caller saw (<see cref="ServerIdentityEvidence.HttpHost"/>).</summary>
        HttpHost = 1,

        /// <summary>Names the caller's DNS cache maps to the destination address (<see cref="ServerIdentityEvidence.DnsNames"/>).</summary>
        DnsName = 2,

        /// <summary>An identity the caller cached for this destination earlier (<see cref="ServerIdentityEvidence.CachedIdentity"/>).</summary>
        CachedIdentity = 4,

        /// <summary>
        /// The host the client asked a proxy for: HTTP CONNECT authority, SOCKS 4a/5 domain name, PROXY v2 authority TLV
        /// (<see cref="ServerIdentityEvidence.ProxyTarget"/>). Stronger than a DNS answer: the client itself named it.
        /// </summary>
        ProxyTarget = 8,

        /// <summary>All of them, tried in the order proxy target, HTTP Host, DNS names, cached identity.</summary>
        All = ProxyTarget | HttpHost | DnsName | CachedIdentity,
    }
}
