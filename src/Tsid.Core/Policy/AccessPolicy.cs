using System;
using System.Collections.Generic;
using Tsid.Tls;

namespace Tsid.Policy
{
    /// <summary>
    /// A built policy: Security-Intelligence lists (block lists, with allow lists that exempt names from them),
    /// then ordered rules (first match wins; Monitor rules record and continue), then the default action.
    /// Immutable and thread-safe: one instance serves every connection. <see cref="Evaluate"/> allocates nothing.
    /// </summary>
    public sealed class AccessPolicy
    {
        private readonly NamedDomainSet[] _blockLists;
        private readonly NamedDomainSet[] _allowLists;
        private readonly PolicyRule[] _rules;
        private readonly ICategoryLookup? _categories;
        private readonly RuleFilter[] _filters;
        private readonly RuleIndex? _index;
        private readonly ulong _seed = 0x243F_6A88_85A3_08D3UL; // fixed: fingerprints here only preselect rules, every match is verified

        internal AccessPolicy(NamedDomainSet[] blockLists, NamedDomainSet[] allowLists, PolicyRule[] rules, PolicyAction defaultAction, string? defaultTag, MatchMode mode, ICategoryLookup? categories)
        {
            _blockLists = blockLists;
            _allowLists = allowLists;
            _rules = rules;
            DefaultAction = defaultAction;
            DefaultTag = defaultTag;
            Mode = mode;
            _categories = categories;
            _filters = new RuleFilter[rules.Length];
            for (int i = 0; i < rules.Length; i++)
            {
                _filters[i] = RuleFilter.For(rules[i], _seed);
            }

            _index = RuleIndex.For(rules, _filters);
        }

        /// <summary>The action when nothing else decided.</summary>
        public PolicyAction DefaultAction { get; }

        /// <summary>The caller's tag for default decisions.</summary>
        public string? DefaultTag { get; }

        /// <summary>Which names lists and host conditions look at.</summary>
        public MatchMode Mode { get; }

        /// <summary>The ordered rules.</summary>
        public IReadOnlyList<PolicyRule> Rules => _rules;

        /// <summary>The Security-Intelligence block lists, in order.</summary>
        public IReadOnlyList<NamedDomainSet> BlockLists => _blockLists;

        /// <summary>The Security-Intelligence allow lists.</summary>
        public IReadOnlyList<NamedDomainSet> AllowLists => _allowLists;

        /// <summary>Decides on one connection. Allocation-free.</summary>
        /// <param name="facts">What is known about the connection.</param>
        /// <returns>The decision.</returns>
        public PolicyDecision Evaluate(in ConnectionFacts facts) => Run(in facts, null);

        /// <summary>Decides on one connection and explains every step (allocates; for logs, tools and tests).</summary>
        /// <param name="facts">What is known about the connection.</param>
        /// <returns>The decision and every list and rule consulted.</returns>
        public PolicyExplanation Explain(in ConnectionFacts facts)
        {
            var steps = new List<PolicyTraceStep>();
            PolicyDecision decision = Run(in facts, steps);
            var names = new List<string>();
            string? resolved = string.IsNullOrEmpty(facts.ResolvedName) ? null : facts.ResolvedName;
            if (resolved != null)
            {
                names.Add(resolved);
            }

            if (Mode == MatchMode.AnyPresentedName)
            {
                foreach (string n in facts.PresentedNames.Span)
                {
                    if (!string.IsNullOrEmpty(n) && !names.Contains(n))
                    {
                        names.Add(n);
                    }
                }
            }

            return new PolicyExplanation(decision, Mode, names, steps);
        }

        private PolicyDecision Run(in ConnectionFacts f, List<PolicyTraceStep>? trace)
        {
            string? resolved = string.IsNullOrEmpty(f.ResolvedName) ? null : f.ResolvedName;
            ReadOnlySpan<string> presented = Mode == MatchMode.AnyPresentedName ? f.PresentedNames.Span : default;
            int monitors = 0;
            string? firstMonitor = null;
            AddressKey source = AddressKey.From(f.SourceAddress);
            AddressKey destination = AddressKey.From(f.DestinationAddress);

            // Stage 1: Security Intelligence. A listed name is blocked unless an allow list holds that same name.
            for (int i = 0; i < _blockLists.Length; i++)
            {
                NamedDomainSet list = _blockLists[i];
                string? hit = null;
                int start = -1;
                string? exemptDetail = null;
                for (int k = -1; k < presented.Length; k++)
                {
                    string? name = k < 0 ? resolved : presented[k];
                    if (string.IsNullOrEmpty(name) || (k >= 0 && string.Equals(name, resolved, StringComparison.Ordinal)))
                    {
                        continue;
                    }

                    if (!list.Set.TryMatch(name.AsSpan(), out int s))
                    {
                        continue;
                    }

                    string? exemptBy = ExemptingList(name!);
                    if (exemptBy != null)
                    {
                        if (trace != null)
                        {
                            exemptDetail = (exemptDetail is null ? string.Empty : exemptDetail + "; ") + name + " is listed (" + name!.Substring(s) + ") but exempt by allow list '" + exemptBy + "'";
                        }

                        continue;
                    }

                    hit = name;
                    start = s;
                    break;
                }

                if (hit is null)
                {
                    trace?.Add(new PolicyTraceStep(PolicyStage.SecurityIntelligence, i, list.Name, list.Action, false, exemptDetail ?? "no name is on the list"));
                    continue;
                }

                trace?.Add(new PolicyTraceStep(PolicyStage.SecurityIntelligence, i, list.Name, list.Action, true, hit + " is listed as " + hit.Substring(start)));
                if (list.Action == PolicyAction.Monitor)
                {
                    monitors++;
                    firstMonitor ??= list.Name;
                    continue;
                }

                return new PolicyDecision(PolicyAction.Block, PolicyStage.SecurityIntelligence, i, list.Name, null, hit, null, start, monitors, firstMonitor);
            }

            // Stage 2: rules in order; the first that matches decides, Monitor rules record and continue.
            // The flat filters skip rules whose cheap conditions (port, version, a single network, a single plain
            // host pattern on the resolved name) cannot hold; every other rule is checked in full.
            Span<ulong> suffixes = stackalloc ulong[RuleFilter.MaxNameLabels];
            int nameLabels = trace is null && presented.Length == 0 && resolved != null ? RuleFilter.Suffixes(_seed, resolved.AsSpan(), suffixes) : -1;
            int port = f.DestinationPort;
            uint versionBit = (uint)((int)f.TlsVersion - 0x0300) < 32 ? 1u << ((int)f.TlsVersion - 0x0300) : 0;
            RuleFilter[] filters = _filters;
            int count = _rules.Length;
            RuleIndex? index = trace is null ? _index : null;
            Span<ulong> candidates = stackalloc ulong[index is null ? 0 : index.Words];
            if (index != null)
            {
                Span<ulong> scratch = stackalloc ulong[index.Words];
                index.Candidates(candidates, scratch, port, in source, in destination, nameLabels, suffixes);
            }

            for (int i = index is null ? 0 : RuleIndex.Next(candidates, 0, count); i < count; i = index is null ? i + 1 : RuleIndex.Next(candidates, i + 1, count))
            {
                if (trace is null)
                {
                    ref RuleFilter rf = ref filters[i];
                    if ((uint)(port - rf.PortFirst) > rf.PortSpan
                        || (rf.VersionBits != uint.MaxValue && (rf.VersionBits & versionBit) == 0)
                        || (rf.SourceCheck && (!source.Known || source.IsIPv6 != rf.SourceV6 || (source.Low & rf.SourceMaskLow) != rf.SourceLow || (source.High & rf.SourceMaskHigh) != rf.SourceHigh))
                        || (rf.DestinationCheck && (!destination.Known || destination.IsIPv6 != rf.DestinationV6 || (destination.Low & rf.DestinationMaskLow) != rf.DestinationLow || (destination.High & rf.DestinationMaskHigh) != rf.DestinationHigh))
                        || (rf.HostKind != 0 && nameLabels >= 0 && (rf.HostLabels > nameLabels || (rf.HostKind == 1 && rf.HostLabels != nameLabels) || suffixes[rf.HostLabels - 1] != rf.HostFingerprint)))
                    {
                        continue;
                    }
                }

                PolicyRule rule = _rules[i];
                if (!Matches(rule, in f, in source, in destination, resolved, presented, trace != null, out string? name, out string? pattern, out int start, out string? why))
                {
                    trace?.Add(new PolicyTraceStep(PolicyStage.Rule, i, rule.Name, rule.Action, false, why!));
                    continue;
                }

                trace?.Add(new PolicyTraceStep(PolicyStage.Rule, i, rule.Name, rule.Action, true, why!));
                if (rule.Action == PolicyAction.Monitor)
                {
                    monitors++;
                    firstMonitor ??= rule.Name;
                    continue;
                }

                return new PolicyDecision(rule.Action, PolicyStage.Rule, i, rule.Name, rule.Tag, name, pattern, start, monitors, firstMonitor);
            }

            trace?.Add(new PolicyTraceStep(PolicyStage.Default, -1, "default", DefaultAction, true, "no list or rule decided"));
            return new PolicyDecision(DefaultAction, PolicyStage.Default, -1, null, DefaultTag, null, null, -1, monitors, firstMonitor);
        }

        private string? ExemptingList(string name)
        {
            for (int j = 0; j < _allowLists.Length; j++)
            {
                if (_allowLists[j].Set.Contains(name.AsSpan()))
                {
                    return _allowLists[j].Name;
                }
            }

            return null;
        }

        // Conditions are checked cheapest first; "why" is only built when explaining.
        private bool Matches(PolicyRule r, in ConnectionFacts f, in AddressKey source, in AddressKey destination, string? resolved, ReadOnlySpan<string> presented, bool explain, out string? name, out string? pattern, out int start, out string? why)
        {
            name = null;
            pattern = null;
            start = -1;
            why = null;
            if (r.Ports.Length != 0 && !AnyPort(r.Ports, f.DestinationPort))
            {
                why = explain ? "destination port " + (f.DestinationPort == 0 ? "unknown" : f.DestinationPort.ToString(System.Globalization.CultureInfo.InvariantCulture)) + " not in " + string.Join(",", r.Ports) : null;
                return false;
            }

            if (r.Versions.Length != 0 && !AnyVersion(r.Versions, f.TlsVersion))
            {
                why = explain ? "TLS version " + f.TlsVersion + " not in " + string.Join(",", r.Versions) : null;
                return false;
            }

            if (r.AlpnIds.Length != 0 && (f.Alpn is null || Array.IndexOf(r.AlpnIds, f.Alpn) < 0))
            {
                why = explain ? "ALPN " + (f.Alpn ?? "(none)") + " not in " + string.Join(",", r.AlpnIds) : null;
                return false;
            }

            if (r.Sources.Length != 0 && !AnySource(r.Sources, f.ResolvedSource))
            {
                why = explain ? "identity source " + f.ResolvedSource + " not in " + string.Join(",", r.Sources) : null;
                return false;
            }

            if (r.CertificateCoversSni is bool covers && f.CertificateCoversSni != covers)
            {
                why = explain ? "certificate-covers-SNI is " + (f.CertificateCoversSni?.ToString() ?? "unknown") + ", rule needs " + covers : null;
                return false;
            }

            if (r.SourceNets.Length != 0 && !AnyNetwork(r.SourceNets, in source))
            {
                why = explain ? "source " + (f.SourceAddress?.ToString() ?? "unknown") + " not in " + string.Join(",", r.SourceNets) : null;
                return false;
            }

            if (r.DestinationNets.Length != 0 && !AnyNetwork(r.DestinationNets, in destination))
            {
                why = explain ? "destination " + (f.DestinationAddress?.ToString() ?? "unknown") + " not in " + string.Join(",", r.DestinationNets) : null;
                return false;
            }

            if (r.HasHostCondition && !MatchHosts(r, resolved, presented, f.DestinationPort, out name, out pattern, out start))
            {
                why = explain ? "no name matches " + HostConditionText(r) : null;
                return false;
            }

            if (r.CategoryNames.Length != 0 && !MatchCategories(r, resolved, presented, out string? categoryName))
            {
                why = explain ? "no name is in category " + string.Join(",", r.CategoryNames) : null;
                return false;
            }

            if (explain)
            {
                why = name is null ? "all conditions hold" : "all conditions hold; " + name + " matched " + (pattern ?? name.Substring(start));
            }

            return true;
        }

        private static string HostConditionText(PolicyRule r)
        {
            var parts = new List<string>();
            foreach (HostPattern p in r.HostPatterns)
            {
                parts.Add(p.ToString() + (p.NeverMatchesReason is null ? string.Empty : " (never matches TLS: " + p.NeverMatchesReason + ")"));
            }

            foreach (NamedDomainSet s in r.HostLists)
            {
                parts.Add("list " + s.Name);
            }

            return string.Join(" | ", parts);
        }

        private static bool AnyPort(PortRange[] ports, int port)
        {
            for (int i = 0; i < ports.Length; i++)
            {
                if (ports[i].Contains(port))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool AnyVersion(TlsProtocolVersion[] versions, TlsProtocolVersion version)
        {
            for (int i = 0; i < versions.Length; i++)
            {
                if (versions[i] == version)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool AnySource(Identity.IdentitySource[] sources, Identity.IdentitySource source)
        {
            for (int i = 0; i < sources.Length; i++)
            {
                if (sources[i] == source)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool AnyNetwork(IpNetwork[] nets, in AddressKey address)
        {
            for (int i = 0; i < nets.Length; i++)
            {
                if (nets[i].Contains(in address))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool MatchHosts(PolicyRule r, string? resolved, ReadOnlySpan<string> presented, int port, out string? name, out string? pattern, out int start)
        {
            for (int k = -1; k < presented.Length; k++)
            {
                string? n = k < 0 ? resolved : presented[k];
                if (string.IsNullOrEmpty(n) || (k >= 0 && string.Equals(n, resolved, StringComparison.Ordinal)))
                {
                    continue;
                }

                ReadOnlySpan<char> host = n.AsSpan();
                HostPattern[] patterns = r.HostPatterns;
                for (int i = 0; i < patterns.Length; i++)
                {
                    if (patterns[i].Matches(host, port))
                    {
                        name = n;
                        pattern = patterns[i].Text;
                        start = -1;
                        return true;
                    }
                }

                NamedDomainSet[] lists = r.HostLists;
                for (int i = 0; i < lists.Length; i++)
                {
                    if (lists[i].Set.TryMatch(host, out start))
                    {
                        name = n;
                        pattern = null;
                        return true;
                    }
                }
            }

            name = null;
            pattern = null;
            start = -1;
            return false;
        }

        private bool MatchCategories(PolicyRule r, string? resolved, ReadOnlySpan<string> presented, out string? matched)
        {
            ICategoryLookup lookup = _categories!;
            for (int k = -1; k < presented.Length; k++)
            {
                string? n = k < 0 ? resolved : presented[k];
                if (string.IsNullOrEmpty(n))
                {
                    continue;
                }

                for (int i = 0; i < r.CategoryNames.Length; i++)
                {
                    if (lookup.IsInCategory(n.AsSpan(), r.CategoryNames[i]))
                    {
                        matched = n;
                        return true;
                    }
                }
            }

            matched = null;
            return false;
        }

        internal static string VersionText(TlsProtocolVersion v) => v.ToString();
    }
}
