using System;

namespace Tsid.Identity
{
    /// <summary>Which caller-supplied hints a hint-matching rule looks at.</summary>
    [Flags]
    public enum IdentityHintKinds : byte
    {
        /// <summary>None (invalid for a rule; rejected by the builder).</summary>
        None = 0,

        /// <summary>The HTTP Host header or CONNECT authority the caller saw (<see cref="ServerIdentityEvidence.HttpHost"/>).</summary>
        HttpHost = 1,

        /// <summary>Names the caller's DNS cache maps to the destination address (<see cref="ServerIdentityEvidence.DnsNames"/>).</summary>
        DnsName = 2,

        /// <summary>An identity the caller cached for this destination earlier (<see cref="ServerIdentityEvidence.CachedIdentity"/>).</summary>
        CachedIdentity = 4,

        /// <summary>All of them, tried in the order HTTP Host, DNS names, cached identity.</summary>
        All = HttpHost | DnsName | CachedIdentity,
    }
}
