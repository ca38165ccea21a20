namespace Tsid.Cli.Reports
{
    /// <summary>What a policy decided for a connection (the JSON contract's verdict object).</summary>
    internal sealed class VerdictReport
    {
        public string Action { get; init; } = string.Empty;

        public string Stage { get; init; } = string.Empty;

        public string? Rule { get; init; }

        public int RuleIndex { get; init; } = -1;

        public string? MatchedName { get; init; }

        public string? MatchedPattern { get; init; }

        public string? Tag { get; init; }

        /// <summary>Every list and rule consulted and why it did or did not match; only with --explain.</summary>
        public System.Collections.Generic.List<string>? Explanation { get; init; }
    }
}
