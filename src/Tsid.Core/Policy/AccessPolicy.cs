using System;
using System.Collections.Generic;
using Tsid.Tls;

namespace Tsid.Policy
{
    /// <summary>
    /// A built policy: Security-Intelligence lists (block lists, with allow lists that exempt names from them),
    /// then ordered rules (first match wins; Monitor rules record and continue), then the default action.
    /// A connection the identity resolver rejected is decided first, at the identity stage.
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

        internal AccessPolicy(NamedDomainSet[] blockLists, NamedDomainSet[] allowLists, PolicyRule[] rules, PolicyAction defaultAction, string? defaultTag, MatchMode mode, ICategoryLookup? categories, PolicyAction rejectedIdentityAction, string? rejectedIdentityTag)
        {
            RejectedIdentityAction = rejectedIdentityAction;
            RejectedIdentityTag = rejectedIdentityTag;
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
            foreach (PolicyRule rule in rules)
            {
                UsesJa4 |= rule.UsesJa4;
                UsesJa3 |= rule.UsesJa3;
            }
        }

        /// <summary>
        /// True when a rule looks at the client's JA4 (<see cref="ConnectionFacts.Ja4"/>): compute it (with
        /// <see cref="Fingerprints.Ja4.TryFormat"/> into a stack buffer) only then.
        /// </summary>
        public bool UsesJa4 { get; }

        /// <summary>True when a rule looks at the client's JA3 hash (<see cref="ConnectionFacts.Ja3"/>).</summary>
        public bool UsesJa3 { get; }

        /// <summary>The action when nothing else decided.</summary>
        public PolicyAction DefaultAction { get; }

        /// <summary>The caller's tag for default decisions.</summary>
        public string? DefaultTag { get; }

        /// <summary>
        /// What happens to a connection the identity resolver rejected (<see cref="ConnectionFacts.IdentityRejected"/>): Block
        /// (the default) or Allow decide at the <see cref="PolicyStage.Identity"/> stage; Monitor records it and lets the
        /// lists and rules decide on the unnamed connection.
        /// </summary>
        public PolicyAction RejectedIdentityAction { get; }

        /// <summary>The caller's tag for decisions of the identity stage.</summary>
        public string? RejectedIdentityTag { get; }

        /// <summary>Which names lists and host conditions look at.</summary>
        public MatchMode Mode { get; }

        /// <summary>The ordered rules.</summary>
        public IReadOnlyList<PolicyRule> Rules => _rules;

        /// <summary>The Security-Intelligence block lists, in order.</summary>
        public IReadOnlyList<NamedDomainSet> BlockLists => _blockLists;

        /// <summary>The Security-Intelligence allow lists.</summary>
        public IReadOnlyList<NamedDomainSet> AllowLists => _allowLists;

        /// <summary>Decides on one connection. Allocation-free.</summary>
        /// <param name="facts">What is known about the connection (see <see cref="ConnectionFacts.From(in Identity.ServerIdentity, in Identity.ServerIdentityEvidence)"/>).</param>
        /// <returns>The decision.</returns>
        public PolicyDecision Evaluate(scoped in ConnectionFacts facts) => Run(in facts, null);

        /// <summary>Decides on one connection and explains every step (allocates; for logs, tools and tests).</summary>
        /// <param name="facts">What is known about the connection.</param>
        /// <returns>The decision and every list and rule consulted.</returns>
        public PolicyExplanation Explain(scoped in ConnectionFacts facts)
        {
            var steps = new List<PolicyTraceStep>();
            PolicyDecision decision = Run(in facts, steps);
            var names = new List<string>();
            if (!facts.ResolvedName.IsEmpty)
            {
                names.Add(facts.ResolvedName.ToString());
            }

            if (Mode == MatchMode.AnyPresentedName)
            {
                foreach (string n in facts.PresentedNames.ToArray())
                {
                    if (!names.Contains(n))
                    {
                        names.Add(n);
                    }
                }
            }

            return new PolicyExplanation(decision, Mode, names, steps, decision.GetMatchedName(in facts), decision.GetMatchedPattern(in facts));
        }

        private PolicyDecision Run(scoped in ConnectionFacts f, List<PolicyTraceStep>? trace)
        {
            if (Mode != MatchMode.AnyPresentedName || f.PresentedNames.IsEmpty)
            {
                // Only the resolved name: no table, nothing on the stack to clear.
                var none = new NameTable(default, default);
                return Decide(in f, ref none, trace);
            }

            var names = new NameTable(stackalloc char[NameTable.StackChars], stackalloc int[NameTable.StackNames * NameTable.SlotWidth]);
            try
            {
                names.Fill(f.ResolvedName, f.PresentedNames);
                return Decide(in f, ref names, trace);
            }
            finally
            {
                names.Dispose();
            }
        }

        private PolicyDecision Decide(scoped in ConnectionFacts f, scoped ref NameTable names, List<PolicyTraceStep>? trace)
        {
            ReadOnlySpan<char> resolved = f.ResolvedName;
            int monitors = 0;
            string? firstMonitor = null;

            // Stage 0: the identity resolver's verdict. A rejected connection has no name; it never falls through silently.
            if (f.IdentityRejected)
            {
                trace?.Add(new PolicyTraceStep(PolicyStage.Identity, -1, RejectedIdentityName, RejectedIdentityAction, true, "the identity resolver rejected the connection (" + f.IdentityRejectReason + ")"));
                if (RejectedIdentityAction != PolicyAction.Monitor)
                {
                    return new PolicyDecision(RejectedIdentityAction, PolicyStage.Identity, -1, null, RejectedIdentityTag, -1, null, -1, monitors, firstMonitor, f.IdentityRejectReason);
                }

                monitors++;
                firstMonitor = RejectedIdentityName;
            }

            AddressKey source = AddressKey.From(f.SourceAddress);
            AddressKey destination = AddressKey.From(f.DestinationAddress);

            // Stage 1: Security Intelligence. A listed name is blocked unless an allow list holds that same name.
            for (int i = 0; i < _blockLists.Length; i++)
            {
                NamedDomainSet list = _blockLists[i];
                int hit = -2;
                int start = -1;
                string? exemptDetail = null;
                for (int k = -1; k < names.Count; k++)
                {
                    ReadOnlySpan<char> name = k < 0 ? resolved : names[k];
                    if (name.IsEmpty || !list.Set.TryMatch(name, out int s))
                    {
                        continue;
                    }

                    string? exemptBy = ExemptingList(name);
                    if (exemptBy != null)
                    {
                        if (trace != null)
                        {
                            exemptDetail = (exemptDetail is null ? string.Empty : exemptDetail + "; ") + name.ToString() + " is listed (" + name.Slice(s).ToString() + ") but exempt by allow list '" + exemptBy + "'";
                        }

                        continue;
                    }

                    hit = k;
                    start = s;
                    break;
                }

                if (hit == -2)
                {
                    trace?.Add(new PolicyTraceStep(PolicyStage.SecurityIntelligence, i, list.Name, list.Action, false, exemptDetail ?? "no name is on the list"));
                    continue;
                }

                ReadOnlySpan<char> listed = hit < 0 ? resolved : names[hit];
                trace?.Add(new PolicyTraceStep(PolicyStage.SecurityIntelligence, i, list.Name, list.Action, true, listed.ToString() + " is listed as " + listed.Slice(start).ToString()));
                if (list.Action == PolicyAction.Monitor)
                {
                    monitors++;
                    firstMonitor ??= list.Name;
                    continue;
                }

                return new PolicyDecision(PolicyAction.Block, PolicyStage.SecurityIntelligence, i, list.Name, null, Origin(ref names, hit), null, start, monitors, firstMonitor);
            }

            // Stage 2: rules in order; the first that matches decides, Monitor rules record and continue.
            // The flat filters skip rules whose cheap conditions (port, version, a single network, a single plain
            // host pattern on the resolved name) cannot hold; every other rule is checked in full.
            Span<ulong> suffixes = stackalloc ulong[RuleFilter.MaxNameLabels];
            int nameLabels = trace is null && names.Count == 0 && !resolved.IsEmpty ? RuleFilter.Suffixes(_seed, resolved, suffixes) : -1;
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
                if (!Matches(rule, in f, in source, in destination, ref names, trace != null, out int matched, out string? pattern, out int start, out string? why, out string? fingerprint, out string? fingerprintList))
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

                return new PolicyDecision(rule.Action, PolicyStage.Rule, i, rule.Name, rule.Tag, matched == -2 ? -1 : Origin(ref names, matched), pattern, start, monitors, firstMonitor, matchedFingerprint: fingerprint, matchedFingerprintList: fingerprintList);
            }

            trace?.Add(new PolicyTraceStep(PolicyStage.Default, -1, "default", DefaultAction, true, "no list or rule decided"));
            return new PolicyDecision(DefaultAction, PolicyStage.Default, -1, null, DefaultTag, -1, null, -1, monitors, firstMonitor);
        }

        /// <summary>The name the trace and decisions call the identity stage.</summary>
        internal const string RejectedIdentityName = "rejected identity";

        // -1 is the resolved name (decision index 0); k >= 0 is the table's k-th name.
        private static int Origin(scoped ref NameTable names, int k) => k < 0 ? 0 : names.Origin(k);

        private string? ExemptingList(ReadOnlySpan<char> name)
        {
            for (int j = 0; j < _allowLists.Length; j++)
            {
                if (_allowLists[j].Set.Contains(name))
                {
                    return _allowLists[j].Name;
                }
            }

            return null;
        }

        // Conditions are checked cheapest first; "why" is only built when explaining. matched: -2 no name, -1 the resolved name, k the table's k-th name.
        private bool Matches(PolicyRule r, scoped in ConnectionFacts f, in AddressKey source, in AddressKey destination, scoped ref NameTable names, bool explain, out int matched, out string? pattern, out int start, out string? why, out string? fingerprint, out string? fingerprintList)
        {
            matched = -2;
            pattern = null;
            start = -1;
            why = null;
            fingerprint = null;
            fingerprintList = null;
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

            if (r.AlpnBytes.Length != 0 && !AnyProtocol(r.AlpnBytes, f.AlpnNegotiated))
            {
                why = explain ? "negotiated ALPN " + (f.AlpnNegotiated.IsEmpty ? "unknown" : ProtocolText(f.AlpnNegotiated)) + " not in " + string.Join(",", r.AlpnIds) : null;
                return false;
            }

            if (r.OfferedAlpnBytes.Length != 0 && !AnyOffered(r.OfferedAlpnBytes, f.AlpnOffered))
            {
                why = explain ? "offered ALPN " + OfferedText(f.AlpnOffered) + " has none of " + string.Join(",", r.OfferedAlpnIds) : null;
                return false;
            }

            if (r.Sources.Length != 0 && !AnySource(r.Sources, f.ResolvedSource))
            {
                why = explain ? "identity source " + f.ResolvedSource + " not in " + string.Join(",", r.Sources) : null;
                return false;
            }

            if (r.CertificateCoversSni is Identity.SniCoverage needed && f.CertificateCoversSni != needed)
            {
                why = explain ? "certificate-covers-SNI is " + f.CertificateCoversSni + ", rule needs " + needed : null;
                return false;
            }

            if (r.ProxyTargetPatterns.Length != 0 && !AnyProxyTarget(r.ProxyTargetPatterns, f.ProxyTarget))
            {
                why = explain ? "proxy target " + (f.ProxyTarget.IsEmpty ? "none" : f.ProxyTarget.ToString()) + " matches none of " + string.Join(",", (object[])r.ProxyTargetPatterns) : null;
                return false;
            }

            if (r.SourceNets.Length != 0 && !AnyNetwork(r.SourceNets, in source))
            {
                why = explain ? "source " + AddressText(f.SourceAddress) + " not in " + string.Join(",", r.SourceNets) : null;
                return false;
            }

            if (r.DestinationNets.Length != 0 && !AnyNetwork(r.DestinationNets, in destination))
            {
                why = explain ? "destination " + AddressText(f.DestinationAddress) + " not in " + string.Join(",", r.DestinationNets) : null;
                return false;
            }

            if (r.HasFingerprintCondition && !MatchFingerprints(r, in f, out fingerprint, out fingerprintList))
            {
                why = explain ? FingerprintMissText(r, in f) : null;
                return false;
            }

            if (r.HasHostCondition && !MatchHosts(r, f.ResolvedName, ref names, f.DestinationPort, out matched, out pattern, out start))
            {
                why = explain ? "no name matches " + HostConditionText(r) : null;
                return false;
            }

            if (r.CategoryNames.Length != 0 && !MatchCategories(r, f.ResolvedName, ref names))
            {
                why = explain ? "no name is in category " + string.Join(",", r.CategoryNames) : null;
                return false;
            }

            if (explain)
            {
                if (matched == -2)
                {
                    why = "all conditions hold";
                }
                else
                {
                    ReadOnlySpan<char> name = matched < 0 ? f.ResolvedName : names[matched];
                    why = "all conditions hold; " + name.ToString() + " matched " + (pattern ?? name.Slice(start).ToString());
                }

                if (fingerprint != null)
                {
                    bool isJa3 = fingerprint.Length == Fingerprints.Ja3.HashLength && fingerprint.IndexOf('_') < 0;
                    why += "; " + (isJa3 ? "ja3 " + f.Ja3.ToString() : "ja4 " + f.Ja4.ToString()) + " matched " + fingerprint + (fingerprintList is null ? string.Empty : " (list " + fingerprintList + ")");
                }
            }

            return true;
        }

        // JA4, JA3 and fingerprint lists are one condition: the first entry that matches, in rule order, is reported.
        private static bool MatchFingerprints(PolicyRule r, scoped in ConnectionFacts f, out string? entry, out string? list)
        {
            list = null;
            ReadOnlySpan<char> ja4 = f.Ja4;
            ReadOnlySpan<char> ja3 = f.Ja3;
            foreach (Ja4Pattern p in r.Ja4Patterns)
            {
                if (p.Matches(ja4))
                {
                    entry = p.Text;
                    return true;
                }
            }

            if (!ja3.IsEmpty)
            {
                foreach (string hash in r.Ja3Hashes)
                {
                    if (ja3.SequenceEqual(hash.AsSpan()))
                    {
                        entry = hash;
                        return true;
                    }
                }
            }

            foreach (NamedFingerprintSet s in r.FingerprintSets)
            {
                if (s.Set.TryMatchJa4(ja4, out entry) || s.Set.TryMatchJa3(ja3, out entry))
                {
                    list = s.Name;
                    return true;
                }
            }

            entry = null;
            return false;
        }

        private static string FingerprintMissText(PolicyRule r, scoped in ConnectionFacts f)
        {
            var parts = new List<string>();
            foreach (Ja4Pattern p in r.Ja4Patterns)
            {
                parts.Add("ja4 " + p.Text);
            }

            foreach (string h in r.Ja3Hashes)
            {
                parts.Add("ja3 " + h);
            }

            foreach (NamedFingerprintSet s in r.FingerprintSets)
            {
                parts.Add("fingerprint list " + s.Name);
            }

            return "client fingerprint (ja4 " + (f.Ja4.IsEmpty ? "unknown" : f.Ja4.ToString()) + ", ja3 " + (f.Ja3.IsEmpty ? "unknown" : f.Ja3.ToString()) + ") matches none of " + string.Join(" | ", parts);
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

        private static bool AnyProxyTarget(HostPattern[] patterns, ReadOnlySpan<char> target)
        {
            // The target is host[:port] as the client named it; the pattern reads the host (IPv6 without brackets).
            ReadOnlySpan<char> host = Identity.HintCoveredByCertificateRule.StripPort(target);
            if (host.IsEmpty)
            {
                return false;
            }

            for (int i = 0; i < patterns.Length; i++)
            {
                if (patterns[i].Matches(host))
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

        private static bool AnyProtocol(byte[][] protocols, ReadOnlySpan<byte> negotiated)
        {
            if (negotiated.IsEmpty)
            {
                return false;
            }

            for (int i = 0; i < protocols.Length; i++)
            {
                if (negotiated.SequenceEqual(protocols[i]))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool AnyOffered(byte[][] protocols, ProtocolNameList offered)
        {
            foreach (ReadOnlySpan<byte> protocol in offered)
            {
                if (AnyProtocol(protocols, protocol))
                {
                    return true;
                }
            }

            return false;
        }

        private static string ProtocolText(ReadOnlySpan<byte> protocol) => System.Text.Encoding.UTF8.GetString(protocol.ToArray());

        private static string OfferedText(ProtocolNameList offered)
        {
            var parts = new List<string>();
            foreach (ReadOnlySpan<byte> protocol in offered)
            {
                parts.Add(ProtocolText(protocol));
            }

            return parts.Count == 0 ? "(none)" : string.Join(",", parts);
        }

        private static string AddressText(ReadOnlySpan<byte> address)
        {
            Span<char> text = stackalloc char[Identity.IPAddressText.MaxLength];
            return Identity.IPAddressText.TryFormat(address, text, out int written) ? text.Slice(0, written).ToString() : "unknown";
        }

        private static bool MatchHosts(PolicyRule r, ReadOnlySpan<char> resolved, scoped ref NameTable names, int port, out int matched, out string? pattern, out int start)
        {
            for (int k = -1; k < names.Count; k++)
            {
                ReadOnlySpan<char> host = k < 0 ? resolved : names[k];
                if (host.IsEmpty)
                {
                    continue;
                }

                HostPattern[] patterns = r.HostPatterns;
                for (int i = 0; i < patterns.Length; i++)
                {
                    if (patterns[i].Matches(host, port))
                    {
                        matched = k;
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
                        matched = k;
                        pattern = null;
                        return true;
                    }
                }
            }

            matched = -2;
            pattern = null;
            start = -1;
            return false;
        }

        private bool MatchCategories(PolicyRule r, ReadOnlySpan<char> resolved, scoped ref NameTable names)
        {
            ICategoryLookup lookup = _categories!;
            for (int k = -1; k < names.Count; k++)
            {
                ReadOnlySpan<char> n = k < 0 ? resolved : names[k];
                if (n.IsEmpty)
                {
                    continue;
                }

                for (int i = 0; i < r.CategoryNames.Length; i++)
                {
                    if (lookup.IsInCategory(n, r.CategoryNames[i]))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        internal static string VersionText(TlsProtocolVersion v) => v.ToString();
    }
}
