namespace Tsid.Identity
{
    /// <summary>One candidate a rule considered, in a <see cref="ServerIdentityExplanation"/>.</summary>
    public sealed class IdentityCandidate
    {
        internal IdentityCandidate(string ruleName, IdentitySource source, string value, string? normalizedName, CandidateVerdict verdict, string detail)
        {
            RuleName = ruleName;
            Source = source;
            Value = value;
            NormalizedName = normalizedName;
            Verdict = verdict;
            Detail = detail;
        }

        /// <summary>The rule that considered it.</summary>
        public string RuleName { get; }

        /// <summary>Where the candidate came from (<see cref="IdentitySource.None"/> for a missing piece of evidence).</summary>
        public IdentitySource Source { get; }

        /// <summary>The candidate as seen (empty when it was missing).</summary>
        public string Value { get; }

        /// <summary>The normal form, for the taken candidate; null otherwise.</summary>
        public string? NormalizedName { get; }

        /// <summary>Taken, or why not.</summary>
        public CandidateVerdict Verdict { get; }

        /// <summary>A short human-readable reason.</summary>
        public string Detail { get; }

        /// <inheritdoc/>
        public override string ToString()
        {
            string value = Value.Length == 0 ? "-" : "\"" + Value + "\"";
            return RuleName + ": " + Verdict.ToString() + " " + Source.ToString() + " " + value + " (" + Detail + ")";
        }
    }
}
