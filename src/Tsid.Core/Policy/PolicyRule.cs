using System;
using System.Collections.Generic;
using Tsid.Identity;
using Tsid.Tls;

namespace Tsid.Policy
{
    /// <summary>
    /// One ordered access rule of a built <see cref="AccessPolicy"/>: an action and conditions that must all hold
    /// (several values of one condition are alternatives). Immutable. Made by <see cref="RuleBuilder"/>.
    /// </summary>
    public sealed class PolicyRule
    {
        internal readonly HostPattern[] HostPatterns;
        internal readonly NamedDomainSet[] HostLists;
        internal readonly IpNetwork[] SourceNets;
        internal readonly IpNetwork[] DestinationNets;
        internal readonly PortRange[] Ports;
        internal readonly TlsProtocolVersion[] Versions;
        internal readonly string[] AlpnIds;
        internal readonly IdentitySource[] Sources;
        internal readonly string[] CategoryNames;

        internal PolicyRule(
            string name,
            int index,
            PolicyAction action,
            string? tag,
            HostPattern[] hosts,
            NamedDomainSet[] hostLists,
            IpNetwork[] sourceNets,
            IpNetwork[] destinationNets,
            PortRange[] ports,
            TlsProtocolVersion[] versions,
            string[] alpn,
            IdentitySource[] sources,
            bool? coversSni,
            string[] categories)
        {
            Name = name;
            Index = index;
            Action = action;
            Tag = tag;
            HostPatterns = hosts;
            HostLists = hostLists;
            SourceNets = sourceNets;
            DestinationNets = destinationNets;
            Ports = ports;
            Versions = versions;
            AlpnIds = alpn;
            Sources = sources;
            CertificateCoversSni = coversSni;
            CategoryNames = categories;
        }

        /// <summary>The rule's name.</summary>
        public string Name { get; }

        /// <summary>The rule's position in the policy, from 0.</summary>
        public int Index { get; }

        /// <summary>What the rule does when it matches.</summary>
        public PolicyAction Action { get; }

        /// <summary>The caller's tag for this rule (copied into decisions), or <see langword="null"/>.</summary>
        public string? Tag { get; }

        /// <summary>Host patterns (any may match).</summary>
        public IReadOnlyList<HostPattern> Hosts => HostPatterns;

        /// <summary>Domain lists used as host conditions (any may match; alternatives to <see cref="Hosts"/>).</summary>
        public IReadOnlyList<NamedDomainSet> HostSets => HostLists;

        /// <summary>Source networks (any may match).</summary>
        public IReadOnlyList<IpNetwork> SourceNetworks => SourceNets;

        /// <summary>Destination networks (any may match).</summary>
        public IReadOnlyList<IpNetwork> DestinationNetworks => DestinationNets;

        /// <summary>Destination ports (any may match).</summary>
        public IReadOnlyList<PortRange> DestinationPorts => Ports;

        /// <summary>Negotiated TLS versions (any may match).</summary>
        public IReadOnlyList<TlsProtocolVersion> TlsVersions => Versions;

        /// <summary>Negotiated ALPN protocols (any may match; compared ordinally as RFC 7301 protocol IDs are octets).</summary>
        public IReadOnlyList<string> Alpn => AlpnIds;

        /// <summary>Where the resolved name must have come from (any may match).</summary>
        public IReadOnlyList<IdentitySource> IdentitySources => Sources;

        /// <summary>Required value of <see cref="ConnectionFacts.CertificateCoversSni"/>, or <see langword="null"/> for no condition.</summary>
        public bool? CertificateCoversSni { get; }

        /// <summary>URL categories (any may match), answered by the policy's <see cref="ICategoryLookup"/>.</summary>
        public IReadOnlyList<string> Categories => CategoryNames;

        /// <summary>True when the rule has no condition at all, so it matches every connection.</summary>
        public bool IsCatchAll =>
            HostPatterns.Length == 0 && HostLists.Length == 0 && SourceNets.Length == 0 && DestinationNets.Length == 0
            && Ports.Length == 0 && Versions.Length == 0 && AlpnIds.Length == 0 && Sources.Length == 0
            && CertificateCoversSni is null && CategoryNames.Length == 0;

        internal bool HasHostCondition => HostPatterns.Length != 0 || HostLists.Length != 0;

        /// <inheritdoc/>
        public override string ToString() => "#" + (Index + 1) + " " + Name + " → " + Action;
    }
}
