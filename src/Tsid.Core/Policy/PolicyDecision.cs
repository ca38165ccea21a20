using System.Globalization;

namespace Tsid.Policy
{
    /// <summary>
    /// The outcome of <see cref="AccessPolicy.Evaluate"/>: the action, which stage and rule or list decided, and which
    /// name and pattern matched. A value; making one allocates nothing (<see cref="MatchedPattern"/> makes a string
    /// only when read for a list match).
    /// </summary>
    public readonly struct PolicyDecision
    {
        private readonly string? _pattern;
        private readonly int _matchStart;

        internal PolicyDecision(PolicyAction action, PolicyStage stage, int ruleIndex, string? ruleName, string? tag, string? matchedName, string? pattern, int matchStart, int monitorCount, string? firstMonitor)
        {
            Action = action;
            Stage = stage;
            RuleIndex = ruleIndex;
            RuleName = ruleName;
            Tag = tag;
            MatchedName = matchedName;
            _pattern = pattern;
            _matchStart = matchStart;
            MonitorCount = monitorCount;
            FirstMonitorName = firstMonitor;
        }

        /// <summary>Allow or Block (never Monitor).</summary>
        public PolicyAction Action { get; }

        /// <summary>The stage that decided.</summary>
        public PolicyStage Stage { get; }

        /// <summary>The position (from 0) of the rule, or of the Security-Intelligence block list, that decided; -1 for the default action.</summary>
        public int RuleIndex { get; }

        /// <summary>The name of the rule or Security-Intelligence list that decided; <see langword="null"/> for the default action.</summary>
        public string? RuleName { get; }

        /// <summary>The caller's tag of the deciding rule (or of the default action).</summary>
        public string? Tag { get; }

        /// <summary>The connection's name that matched a host condition or list (one of the facts' strings), or <see langword="null"/> when the decision did not depend on a name.</summary>
        public string? MatchedName { get; }

        /// <summary>The pattern or list entry that matched: the pattern text, or for a domain list the listed suffix of <see cref="MatchedName"/>.</summary>
        public string? MatchedPattern => _pattern ?? (MatchedName != null && _matchStart >= 0 ? MatchedName.Substring(_matchStart) : null);

        /// <summary>How many Monitor rules and monitor-only lists matched on the way (they record and let evaluation continue).</summary>
        public int MonitorCount { get; }

        /// <summary>The first Monitor rule or monitor-only list that matched, or <see langword="null"/>.</summary>
        public string? FirstMonitorName { get; }

        /// <inheritdoc/>
        public override string ToString()
        {
            string where = Stage == PolicyStage.Default ? "default action" : Stage + " '" + RuleName + "' (#" + (RuleIndex + 1).ToString(CultureInfo.InvariantCulture) + ")";
            string match = MatchedName is null ? string.Empty : ", name " + MatchedName + " matched " + MatchedPattern;
            return Action + " by " + where + match;
        }
    }
}
