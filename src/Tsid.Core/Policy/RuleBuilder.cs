using System;
using System.Collections.Generic;
using Tsid.Identity;
using Tsid.Tls;

namespace Tsid.Policy
{
    /// <summary>
    /// Collects one rule's conditions and action inside <see cref="PolicyBuilder.Rule(string, Action{RuleBuilder})"/>.
    /// Conditions of different kinds are AND-ed; several values of one kind are alternatives (OR). Bad input
    /// (a bad CIDR, a pattern invalid in its dialect) is not thrown here: it is reported, with every other
    /// problem, by <see cref="PolicyBuilder.Build"/>.
    /// </summary>
    public sealed class RuleBuilder
    {
        private readonly List<HostPattern> _hosts = new List<HostPattern>();
        private readonly List<NamedDomainSet> _hostLists = new List<NamedDomainSet>();
        private readonly List<IpNetwork> _sources = new List<IpNetwork>();
        private readonly List<IpNetwork> _destinations = new List<IpNetwork>();
        private readonly List<PortRange> _ports = new List<PortRange>();
        private readonly List<TlsProtocolVersion> _versions = new List<TlsProtocolVersion>();
        private readonly List<string> _alpn = new List<string>();
        private readonly List<string> _offeredAlpn = new List<string>();
        private readonly List<IdentitySource> _identitySources = new List<IdentitySource>();
        private readonly List<string> _categories = new List<string>();
        private readonly List<HostPattern> _proxyTargets = new List<HostPattern>();
        private readonly List<string> _problems = new List<string>();
        private readonly List<Ja4Pattern> _ja4 = new List<Ja4Pattern>();
        private readonly List<string> _ja3 = new List<string>();
        private readonly List<NamedFingerprintSet> _fingerprintLists = new List<NamedFingerprintSet>();
        private SniCoverage? _coversSni;
        private PolicyAction? _action;
        private string? _tag;

        internal RuleBuilder()
        {
        }

        internal IReadOnlyList<string> Problems => _problems;

        internal bool UsesCategories => _categories.Count != 0;

        internal List<HostPattern> HostPatterns => _hosts;

        internal List<NamedDomainSet> HostLists => _hostLists;

        internal List<IpNetwork> SourceNetworks => _sources;

        internal List<IpNetwork> DestinationNetworks => _destinations;

        internal List<PortRange> Ports => _ports;

        internal List<TlsProtocolVersion> Versions => _versions;

        internal List<string> Alpn => _alpn;

        internal List<string> OfferedAlpn => _offeredAlpn;

        internal List<IdentitySource> IdentitySources => _identitySources;

        internal SniCoverage? CoversSni => _coversSni;

        internal List<string> Categories => _categories;

        internal List<HostPattern> ProxyTargets => _proxyTargets;

        internal List<Ja4Pattern> Ja4 => _ja4;

        internal List<string> Ja3 => _ja3;

        internal List<NamedFingerprintSet> FingerprintLists => _fingerprintLists;

        /// <summary>The client address must be in <paramref name="cidr"/> (e.g. <c>10.12.1.0/24</c>).</summary>
        /// <param name="cidr">An IPv4 or IPv6 network, or a single address.</param>
        /// <returns>This builder.</returns>
        public RuleBuilder FromNetwork(string cidr)
        {
            if (IpNetwork.TryParse(cidr, out IpNetwork n, out string? error))
            {
                _sources.Add(n);
            }
            else
            {
                _problems.Add("source network '" + cidr + "': " + error);
            }

            return this;
        }

        /// <summary>The client address must be in <paramref name="network"/>.</summary>
        /// <param name="network">The network.</param>
        /// <returns>This builder.</returns>
        public RuleBuilder FromNetwork(IpNetwork network)
        {
            _sources.Add(network);
            return this;
        }

        /// <summary>The server address must be in <paramref name="cidr"/>.</summary>
        /// <param name="cidr">An IPv4 or IPv6 network, or a single address.</param>
        /// <returns>This builder.</returns>
        public RuleBuilder ToNetwork(string cidr)
        {
            if (IpNetwork.TryParse(cidr, out IpNetwork n, out string? error))
            {
                _destinations.Add(n);
            }
            else
            {
                _problems.Add("destination network '" + cidr + "': " + error);
            }

            return this;
        }

        /// <summary>The server address must be in <paramref name="network"/>.</summary>
        /// <param name="network">The network.</param>
        /// <returns>This builder.</returns>
        public RuleBuilder ToNetwork(IpNetwork network)
        {
            _destinations.Add(network);
            return this;
        }

        /// <summary>A server name (per the policy's <see cref="MatchMode"/>) must match <paramref name="pattern"/> read in <paramref name="dialect"/>.</summary>
        /// <param name="pattern">The pattern text.</param>
        /// <param name="dialect">Its syntax.</param>
        /// <returns>This builder.</returns>
        public RuleBuilder ToHost(string pattern, Dialect dialect)
        {
            if (HostPattern.TryParse(pattern, dialect, out HostPattern? p, out string? error))
            {
                _hosts.Add(p);
            }
            else
            {
                _problems.Add("host pattern '" + pattern + "' is invalid in " + dialect + ": " + error);
            }

            return this;
        }

        /// <summary>A server name must match <paramref name="pattern"/>.</summary>
        /// <param name="pattern">A parsed pattern.</param>
        /// <returns>This builder.</returns>
        public RuleBuilder ToHost(HostPattern pattern)
        {
            _hosts.Add(pattern ?? throw new ArgumentNullException(nameof(pattern)));
            return this;
        }

        /// <summary>A server name, or a parent domain of it, must be in <paramref name="set"/> (an alternative to the <see cref="ToHost(string, Dialect)"/> patterns).</summary>
        /// <param name="set">The domains.</param>
        /// <param name="name">The list's name for decisions and explanations.</param>
        /// <returns>This builder.</returns>
        public RuleBuilder ToHostIn(DomainSet set, string name)
        {
            _hostLists.Add(new NamedDomainSet(name, set ?? throw new ArgumentNullException(nameof(set)), PolicyAction.Allow));
            return this;
        }

        /// <summary>
        /// The host the client asked a proxy for (<see cref="ConnectionFacts.ProxyTarget"/>: CONNECT authority, SOCKS domain
        /// name, PROXY v2 authority) must match <paramref name="pattern"/> read in <paramref name="dialect"/>. A connection that
        /// came through no proxy never matches. Several patterns are alternatives.
        /// </summary>
        /// <param name="pattern">The pattern text.</param>
        /// <param name="dialect">Its syntax.</param>
        /// <returns>This builder.</returns>
        public RuleBuilder ToProxyTarget(string pattern, Dialect dialect)
        {
            if (HostPattern.TryParse(pattern, dialect, out HostPattern? p, out string? error))
            {
                _proxyTargets.Add(p);
            }
            else
            {
                _problems.Add("proxy-target pattern '" + pattern + "' is invalid in " + dialect + ": " + error);
            }

            return this;
        }

        /// <summary>The destination port must be <paramref name="port"/>.</summary>
        /// <param name="port">1–65535.</param>
        /// <returns>This builder.</returns>
        public RuleBuilder ToPort(int port) => ToPorts(port, port);

        /// <summary>The destination port must be in <paramref name="first"/>–<paramref name="last"/>.</summary>
        /// <param name="first">First port.</param>
        /// <param name="last">Last port.</param>
        /// <returns>This builder.</returns>
        public RuleBuilder ToPorts(int first, int last)
        {
            if (first < 1 || last > 65535 || last < first)
            {
                _problems.Add("port range " + first + "-" + last + " is not within 1-65535");
            }
            else
            {
                _ports.Add(new PortRange(first, last));
            }

            return this;
        }

        /// <summary>The negotiated TLS version must be <paramref name="version"/>.</summary>
        /// <param name="version">The version.</param>
        /// <returns>This builder.</returns>
        public RuleBuilder WithTlsVersion(TlsProtocolVersion version)
        {
            _versions.Add(version);
            return this;
        }

        /// <summary>
        /// The negotiated ALPN protocol (<see cref="ConnectionFacts.AlpnNegotiated"/>, what the server chose) must be
        /// <paramref name="protocol"/> (e.g. <c>h2</c>). Under TLS 1.3 the choice is encrypted, so this never matches there;
        /// use <see cref="WithOfferedAlpn"/> to match on what the client asked for.
        /// </summary>
        /// <param name="protocol">The protocol ID.</param>
        /// <returns>This builder.</returns>
        public RuleBuilder WithAlpn(string protocol) => AddProtocol(_alpn, protocol);

        /// <summary>The client must have offered <paramref name="protocol"/> in its ClientHello (<see cref="ConnectionFacts.AlpnOffered"/>).</summary>
        /// <param name="protocol">The protocol ID.</param>
        /// <returns>This builder.</returns>
        public RuleBuilder WithOfferedAlpn(string protocol) => AddProtocol(_offeredAlpn, protocol);

        /// <summary>The resolved name must have come from <paramref name="source"/> (e.g. only when the name came from SNI).</summary>
        /// <param name="source">The identity source.</param>
        /// <returns>This builder.</returns>
        public RuleBuilder WithIdentitySource(IdentitySource source)
        {
            _identitySources.Add(source);
            return this;
        }

        /// <summary>Whether the certificate covers the SNI must equal <paramref name="covers"/> (unknown never matches).</summary>
        /// <param name="covers">The required value.</param>
        /// <returns>This builder.</returns>
        public RuleBuilder WhenCertificateCoversSni(bool covers)
        {
            _coversSni = covers ? SniCoverage.Covered : SniCoverage.NotCovered;
            return this;
        }

        /// <summary>A server name must be in URL category <paramref name="category"/> (needs <see cref="PolicyBuilder.Categories"/>).</summary>
        /// <param name="category">The category name.</param>
        /// <returns>This builder.</returns>
        public RuleBuilder InCategory(string category)
        {
            if (string.IsNullOrWhiteSpace(category))
            {
                _problems.Add("empty category name");
            }
            else
            {
                _categories.Add(category);
            }

            return this;
        }

        /// <summary>
        /// The client's JA4 (<see cref="ConnectionFacts.Ja4"/>) must match <paramref name="fingerprintOrPattern"/>: a whole
        /// fingerprint or a pattern such as <c>t13d*_8daaf6152771_*</c> (<see cref="Ja4Pattern"/>). JA4, JA3 and fingerprint
        /// list conditions are one kind: any of them may match.
        /// </summary>
        /// <param name="fingerprintOrPattern">The JA4 or pattern.</param>
        /// <returns>This builder.</returns>
        public RuleBuilder WithJa4(string fingerprintOrPattern)
        {
            if (Ja4Pattern.TryParse(fingerprintOrPattern, out Ja4Pattern? pattern, out string? error))
            {
                _ja4.Add(pattern!);
            }
            else
            {
                _problems.Add("JA4 '" + fingerprintOrPattern + "': " + error);
            }

            return this;
        }

        /// <summary>The client's JA3 hash (<see cref="ConnectionFacts.Ja3"/>) must be <paramref name="md5"/> (32 hex digits).</summary>
        /// <param name="md5">The JA3 hash.</param>
        /// <returns>This builder.</returns>
        public RuleBuilder WithJa3(string md5)
        {
            if (FingerprintSet.IsJa3(md5))
            {
                _ja3.Add(md5.ToLowerInvariant());
            }
            else
            {
                _problems.Add("JA3 '" + md5 + "' is not an MD5 hash (32 hex digits)");
            }

            return this;
        }

        /// <summary>The client's JA3 or JA4 must be in <paramref name="set"/> (an alternative to <see cref="WithJa4"/> and <see cref="WithJa3"/>).</summary>
        /// <param name="set">The fingerprints.</param>
        /// <param name="name">The list's name for decisions and explanations.</param>
        /// <returns>This builder.</returns>
        public RuleBuilder WithFingerprintIn(FingerprintSet set, string name)
        {
            _fingerprintLists.Add(new NamedFingerprintSet(name, set ?? throw new ArgumentNullException(nameof(set))));
            return this;
        }

        /// <summary>The rule allows matching connections.</summary>
        /// <param name="tag">The caller's tag, copied into decisions.</param>
        /// <returns>This builder.</returns>
        public RuleBuilder Allow(string? tag = null) => Act(PolicyAction.Allow, tag);

        /// <summary>The rule blocks matching connections.</summary>
        /// <param name="tag">The caller's tag, copied into decisions.</param>
        /// <returns>This builder.</returns>
        public RuleBuilder Block(string? tag = null) => Act(PolicyAction.Block, tag);

        /// <summary>The rule records matching connections and evaluation continues with the next rule.</summary>
        /// <param name="tag">The caller's tag, copied into decisions.</param>
        /// <returns>This builder.</returns>
        public RuleBuilder Monitor(string? tag = null) => Act(PolicyAction.Monitor, tag);

        private RuleBuilder AddProtocol(List<string> into, string protocol)
        {
            // RFC 7301 3.1: opaque ProtocolName<1..2^8-1>.
            if (string.IsNullOrEmpty(protocol) || System.Text.Encoding.UTF8.GetByteCount(protocol) > byte.MaxValue)
            {
                _problems.Add("ALPN protocol '" + protocol + "' must be 1-255 bytes");
            }
            else
            {
                into.Add(protocol);
            }

            return this;
        }

        private RuleBuilder Act(PolicyAction action, string? tag)
        {
            if (_action != null)
            {
                _problems.Add("more than one action (" + _action + " and " + action + ")");
            }

            _action = action;
            _tag = tag;
            return this;
        }

        internal PolicyRule? Build(string name, int index)
        {
            if (_action is null)
            {
                _problems.Add("no action: end the rule with Allow(), Block() or Monitor()");
            }

            if (_problems.Count != 0)
            {
                return null;
            }

            return new PolicyRule(name, index, _action!.Value, _tag, this);
        }
    }
}
