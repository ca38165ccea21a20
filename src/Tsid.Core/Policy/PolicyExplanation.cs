using System;
using System.Collections.Generic;
using System.Text;

namespace Tsid.Policy
{
    /// <summary>A decision with every list and rule consulted on the way, in order, and why each did or did not match.</summary>
    public sealed class PolicyExplanation
    {
        internal PolicyExplanation(PolicyDecision decision, MatchMode mode, IReadOnlyList<string> names, IReadOnlyList<PolicyTraceStep> steps, string? matchedName, string? matchedPattern)
        {
            MatchedName = matchedName;
            MatchedPattern = matchedPattern;
            Decision = decision;
            Mode = mode;
            NamesConsidered = names;
            Steps = steps;
        }

        /// <summary>The decision (the same as <see cref="AccessPolicy.Evaluate"/> returns).</summary>
        public PolicyDecision Decision { get; }

        /// <summary>The match mode of the policy.</summary>
        public MatchMode Mode { get; }

        /// <summary>The names host conditions and lists were checked against.</summary>
        public IReadOnlyList<string> NamesConsidered { get; }

        /// <summary>The name that matched a host condition or list (<see cref="PolicyDecision.GetMatchedName"/>), or <see langword="null"/>.</summary>
        public string? MatchedName { get; }

        /// <summary>The pattern or listed entry it matched (<see cref="PolicyDecision.GetMatchedPattern"/>), or <see langword="null"/>.</summary>
        public string? MatchedPattern { get; }

        /// <summary>Every step, in evaluation order.</summary>
        public IReadOnlyList<PolicyTraceStep> Steps { get; }

        /// <inheritdoc/>
        public override string ToString()
        {
            var sb = new StringBuilder();
            sb.Append("mode ").Append(Mode).Append(", names: ").Append(NamesConsidered.Count == 0 ? "(none)" : string.Join(", ", NamesConsidered));
            foreach (PolicyTraceStep step in Steps)
            {
                sb.Append(Environment.NewLine).Append("  ").Append(step.ToString());
            }

            sb.Append(Environment.NewLine).Append("=> ").Append(Decision.ToString());
            if (MatchedName != null)
            {
                sb.Append(", name ").Append(MatchedName).Append(" matched ").Append(MatchedPattern);
            }
            return sb.ToString();
        }
    }
}
