using System.Collections.Generic;

namespace Tsid.Cli.Reports
{
    /// <summary>The name a preset resolved for a connection, and why (the JSON contract's identity object).</summary>
    internal sealed class IdentityReport
    {
        public string? Name { get; init; }

        /// <summary>Snake-case <see cref="Tsid.Identity.IdentitySource"/>, e.g. <c>first_subject_alt_name</c>.</summary>
        public string Source { get; init; } = "none";

        public string? Rule { get; init; }

        public string Preset { get; init; } = string.Empty;

        /// <summary>True/false when a certificate and an SNI were both seen; null otherwise.</summary>
        public bool? SniCoveredByCertificate { get; init; }

        public List<string> Diagnostics { get; } = new();

        /// <summary>Candidate-by-candidate explanation lines, only with --explain.</summary>
        public List<string>? Explanation { get; set; }
    }
}
