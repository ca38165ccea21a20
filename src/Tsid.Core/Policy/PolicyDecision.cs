using System;
using System.Globalization;
using Tsid.Identity;

namespace Tsid.Policy
{
    /// <summary>
    /// The outcome of <see cref="AccessPolicy.Evaluate"/>: the action, which stage and rule or list decided, and which of
    /// the connection's names matched. A small value; making one allocates nothing. The matched name is recorded as a
    /// position (<see cref="MatchedNameIndex"/>), because the names are views over the caller's buffers: read it back
    /// against the same facts with <see cref="TryGetMatchedName"/> (no allocation) or <see cref="GetMatchedName"/>.
    /// </summary>
    public readonly struct PolicyDecision
    {
        private readonly string? _pattern;
        private readonly int _matchStart;

        internal PolicyDecision(PolicyAction action, PolicyStage stage, int ruleIndex, string? ruleName, string? tag, int nameIndex, string? pattern, int matchStart, int monitorCount, string? firstMonitor, IdentityDiagnostics rejectReason = IdentityDiagnostics.None, string? matchedFingerprint = null, string? matchedFingerprintList = null)
        {
            Action = action;
            Stage = stage;
            RuleIndex = ruleIndex;
            RuleName = ruleName;
            Tag = tag;
            MatchedNameIndex = nameIndex;
            _pattern = pattern;
            _matchStart = matchStart;
            MonitorCount = monitorCount;
            FirstMonitorName = firstMonitor;
            IdentityRejectReason = rejectReason;
            MatchedFingerprint = matchedFingerprint;
            MatchedFingerprintList = matchedFingerprintList;
        }

        /// <summary>
        /// The fingerprint entry of the deciding rule that matched, as the rule or list holds it (a JA4 fingerprint or
        /// pattern such as <c>t13d*_8daaf6152771_*</c>, or a JA3 hash); <see langword="null"/> when the deciding rule has no
        /// fingerprint condition. No allocation: the string is the rule's own.
        /// </summary>
        public string? MatchedFingerprint { get; }

        /// <summary>The fingerprint list the matched entry is in, or <see langword="null"/> when it is the rule's own <c>ja4</c>/<c>ja3</c> condition.</summary>
        public string? MatchedFingerprintList { get; }

        /// <summary>Allow or Block (never Monitor).</summary>
        public PolicyAction Action { get; }

        /// <summary>The stage that decided.</summary>
        public PolicyStage Stage { get; }

        /// <summary>The position (from 0) of the rule, or of the Security-Intelligence block list, that decided; -1 for the identity stage and the default action.</summary>
        public int RuleIndex { get; }

        /// <summary>The name of the rule or Security-Intelligence list that decided; <see langword="null"/> for the identity stage and the default action.</summary>
        public string? RuleName { get; }

        /// <summary>The caller's tag of the deciding rule (or of the identity stage, or of the default action).</summary>
        public string? Tag { get; }

        /// <summary>For a decision of the <see cref="PolicyStage.Identity"/> stage: why the resolver rejected the connection.</summary>
        public IdentityDiagnostics IdentityRejectReason { get; }

        /// <summary>
        /// Which name matched a host condition or list: -1 when the decision did not depend on a name, 0 for
        /// <see cref="ConnectionFacts.ResolvedName"/>, n ≥ 1 for the n-th name of <see cref="ConnectionFacts.PresentedNames"/>
        /// (counting from 1 in enumeration order).
        /// </summary>
        public int MatchedNameIndex { get; }

        /// <summary>True when the decision depended on a name (see <see cref="MatchedNameIndex"/>).</summary>
        public bool HasMatchedName => MatchedNameIndex >= 0;

        /// <summary>How many Monitor rules and monitor-only lists matched on the way (they record and let evaluation continue).</summary>
        public int MonitorCount { get; }

        /// <summary>The first Monitor rule or monitor-only list that matched, or <see langword="null"/>.</summary>
        public string? FirstMonitorName { get; }

        /// <summary>
        /// Writes the name that matched, as it was compared (the resolved name as given, a presented name normalised), without
        /// allocating. Pass the facts the decision was made on.
        /// </summary>
        /// <param name="facts">The facts given to <see cref="AccessPolicy.Evaluate"/>.</param>
        /// <param name="destination">At least <see cref="HostName.MaxLength"/> characters.</param>
        /// <param name="charsWritten">The name's length.</param>
        /// <returns>False when no name matched (or <paramref name="destination"/> is too small).</returns>
        public bool TryGetMatchedName(scoped in ConnectionFacts facts, Span<char> destination, out int charsWritten)
        {
            charsWritten = 0;
            if (MatchedNameIndex == 0)
            {
                if (!facts.ResolvedName.TryCopyTo(destination))
                {
                    return false;
                }

                charsWritten = facts.ResolvedName.Length;
                return true;
            }

            if (MatchedNameIndex > 0)
            {
                int n = 0;
                foreach (PresentedName name in facts.PresentedNames)
                {
                    if (++n == MatchedNameIndex)
                    {
                        return name.Normalize(destination, out charsWritten) == HostNameStatus.Valid;
                    }
                }
            }

            return false;
        }

        /// <summary>The name that matched a host condition or list, or <see langword="null"/> (allocates: for logs and tools).</summary>
        /// <param name="facts">The facts given to <see cref="AccessPolicy.Evaluate"/>.</param>
        /// <returns>The name.</returns>
        public string? GetMatchedName(scoped in ConnectionFacts facts)
        {
            Span<char> buffer = stackalloc char[Math.Max(HostName.MaxLength, facts.ResolvedName.Length)];
            return TryGetMatchedName(in facts, buffer, out int written) ? buffer.Slice(0, written).ToString() : null;
        }

        /// <summary>
        /// The pattern or list entry that matched: the pattern text, or for a domain list the listed suffix of the matched
        /// name; <see langword="null"/> when no name matched (allocates for a list match).
        /// </summary>
        /// <param name="facts">The facts given to <see cref="AccessPolicy.Evaluate"/>.</param>
        /// <returns>The pattern or entry.</returns>
        public string? GetMatchedPattern(scoped in ConnectionFacts facts)
        {
            if (_pattern != null || _matchStart < 0)
            {
                return _pattern;
            }

            string? name = GetMatchedName(in facts);
            return name != null && _matchStart <= name.Length ? name.Substring(_matchStart) : null;
        }

        /// <summary>The decision with the name and pattern that matched (allocates).</summary>
        /// <param name="facts">The facts given to <see cref="AccessPolicy.Evaluate"/>.</param>
        /// <returns>Text for logs.</returns>
        public string ToString(scoped in ConnectionFacts facts)
        {
            string? name = GetMatchedName(in facts);
            string text = name is null ? ToString() : ToString() + ", name " + name + " matched " + GetMatchedPattern(in facts);
            return MatchedFingerprint is null ? text : text + ", fingerprint " + MatchedFingerprint + (MatchedFingerprintList is null ? string.Empty : " (list " + MatchedFingerprintList + ")");
        }

        /// <summary>The decision without the names (see <see cref="ToString(in ConnectionFacts)"/>).</summary>
        /// <returns>Text for logs.</returns>
        public override string ToString()
        {
            switch (Stage)
            {
                case PolicyStage.Default:
                    return Action + " by default action";
                case PolicyStage.Identity:
                    return Action + " by Identity (rejected: " + IdentityRejectReason + ")";
                default:
                    return Action + " by " + Stage + " '" + RuleName + "' (#" + (RuleIndex + 1).ToString(CultureInfo.InvariantCulture) + ")";
            }
        }
    }
}
