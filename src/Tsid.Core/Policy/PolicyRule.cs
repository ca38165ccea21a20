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
        internal readonly byte[][] AlpnBytes;
        internal readonly string[] OfferedAlpnIds;
        internal readonly byte[][] OfferedAlpnBytes;
        internal readonly IdentitySource[] Sources;
        internal readonly string[] CategoryNames;
        internal readonly HostPattern[] ProxyTargetPatterns;
        internal readonly Ja4Pattern[] Ja4Patterns;
        internal readonly string[] Ja3Hashes;
        internal readonly NamedFingerprintSet[] FingerprintSets;

        internal PolicyRule(string name, int index, PolicyAction action, string? tag, RuleBuilder conditions)
        {
            Name = name;
            Index = index;
            Action = action;
            Tag = tag;
            HostPatterns = conditions.HostPatterns.ToArray();
            HostLists = conditions.HostLists.ToArray();
            SourceNets = conditions.SourceNetworks.ToArray();
            DestinationNets = conditions.DestinationNetworks.ToArray();
            Ports = conditions.Ports.ToArray();
            Versions = conditions.Versions.ToArray();
            AlpnIds = conditions.Alpn.ToArray();
            AlpnBytes = ProtocolIds(AlpnIds);
            OfferedAlpnIds = conditions.OfferedAlpn.ToArray();
            OfferedAlpnBytes = ProtocolIds(OfferedAlpnIds);
            Sources = conditions.IdentitySources.ToArray();
            CertificateCoversSni = conditions.CoversSni;
            CategoryNames = conditions.Categories.ToArray();
            ProxyTargetPatterns = conditions.ProxyTargets.ToArray();
            Ja4Patterns = conditions.Ja4.ToArray();
            Ja3Hashes = conditions.Ja3.ToArray();
            FingerprintSets = conditions.FingerprintLists.ToArray();
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

        /// <summary>
        /// Negotiated ALPN protocols (any may match <see cref="ConnectionFacts.AlpnNegotiated"/>; compared as octets, RFC 7301 3.1).
        /// An unknown negotiated protocol (TLS 1.3, or no ALPN) never matches.
        /// </summary>
        public IReadOnlyList<string> Alpn => AlpnIds;

        /// <summary>Offered ALPN protocols: the condition holds when the client offered any of them (<see cref="ConnectionFacts.AlpnOffered"/>).</summary>
        public IReadOnlyList<string> OfferedAlpn => OfferedAlpnIds;

        /// <summary>Where the resolved name must have come from (any may match).</summary>
        public IReadOnlyList<IdentitySource> IdentitySources => Sources;

        /// <summary>Required value of <see cref="ConnectionFacts.CertificateCoversSni"/> (<see cref="SniCoverage.Covered"/> or <see cref="SniCoverage.NotCovered"/>), or <see langword="null"/> for no condition.</summary>
        public SniCoverage? CertificateCoversSni { get; }

        /// <summary>URL categories (any may match), answered by the policy's <see cref="ICategoryLookup"/>.</summary>
        public IReadOnlyList<string> Categories => CategoryNames;

        /// <summary>Patterns the proxy target must match (any may; <see cref="ConnectionFacts.ProxyTarget"/>).</summary>
        public IReadOnlyList<HostPattern> ProxyTargets => ProxyTargetPatterns;
        /// <summary>JA4 fingerprints and patterns (any may match <see cref="ConnectionFacts.Ja4"/>; with <see cref="Ja3"/> and <see cref="FingerprintLists"/> one condition).</summary>
        public IReadOnlyList<Ja4Pattern> Ja4 => Ja4Patterns;

        /// <summary>JA3 hashes, lower case (any may match <see cref="ConnectionFacts.Ja3"/>).</summary>
        public IReadOnlyList<string> Ja3 => Ja3Hashes;

        /// <summary>Fingerprint lists (the JA3 or JA4 of the connection may be in any).</summary>
        public IReadOnlyList<NamedFingerprintSet> FingerprintLists => FingerprintSets;

        internal bool HasFingerprintCondition => Ja4Patterns.Length != 0 || Ja3Hashes.Length != 0 || FingerprintSets.Length != 0;

        internal bool UsesJa4
        {
            get
            {
                bool uses = Ja4Patterns.Length != 0;
                foreach (NamedFingerprintSet s in FingerprintSets)
                {
                    uses |= s.Set.HasJa4;
                }

                return uses;
            }
        }

        internal bool UsesJa3
        {
            get
            {
                bool uses = Ja3Hashes.Length != 0;
                foreach (NamedFingerprintSet s in FingerprintSets)
                {
                    uses |= s.Set.HasJa3;
                }

                return uses;
            }
        }

        /// <summary>True when the rule has no condition at all, so it matches every connection.</summary>
        public bool IsCatchAll =>
            HostPatterns.Length == 0 && HostLists.Length == 0 && SourceNets.Length == 0 && DestinationNets.Length == 0
            && Ports.Length == 0 && Versions.Length == 0 && AlpnIds.Length == 0 && OfferedAlpnIds.Length == 0 && Sources.Length == 0
            && CertificateCoversSni is null && CategoryNames.Length == 0
            && ProxyTargetPatterns.Length == 0
            && !HasFingerprintCondition;

        internal bool HasHostCondition => HostPatterns.Length != 0 || HostLists.Length != 0;

        // RFC 7301 3.1: protocol IDs are octet strings; the builder takes them as text and compares their UTF-8 bytes.
        private static byte[][] ProtocolIds(string[] ids)
        {
            var bytes = new byte[ids.Length][];
            for (int i = 0; i < ids.Length; i++)
            {
                bytes[i] = System.Text.Encoding.UTF8.GetBytes(ids[i]);
            }

            return bytes;
        }

        /// <inheritdoc/>
        public override string ToString() => "#" + (Index + 1) + " " + Name + " → " + Action;
    }
}
