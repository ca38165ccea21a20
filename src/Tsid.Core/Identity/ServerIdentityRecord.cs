namespace Tsid.Identity
{
    /// <summary>An owned, immutable copy of a <see cref="ServerIdentity"/>: what a CLI prints or a cache keeps.</summary>
    public sealed record ServerIdentityRecord
    {
        internal ServerIdentityRecord(string? name, IdentitySource source, string? ruleName, int ruleIndex, SniCoverage certificateCoversSni, IdentityDiagnostics diagnostics, HostNameFlags nameFlags, bool rejected, IdentityDiagnostics rejectReason, ServerIdentityExplanation? explanation)
        {
            IsRejected = rejected;
            RejectReason = rejectReason;
            Name = name;
            Source = source;
            RuleName = ruleName;
            RuleIndex = ruleIndex;
            CertificateCoversSni = certificateCoversSni;
            Diagnostics = diagnostics;
            NameFlags = nameFlags;
            Explanation = explanation;
        }

        /// <summary>The normalised name, or null when nothing was resolved.</summary>
        public string? Name { get; }

        /// <summary>Where the name came from.</summary>
        public IdentitySource Source { get; }

        /// <summary>The deciding rule's name, or null.</summary>
        public string? RuleName { get; }

        /// <summary>The deciding rule's position, or -1.</summary>
        public int RuleIndex { get; }

        /// <summary>Whether the certificate covers the SNI.</summary>
        public SniCoverage CertificateCoversSni { get; }

        /// <summary>True when a rule rejected the connection (see <see cref="ServerIdentity.IsRejected"/>).</summary>
        public bool IsRejected { get; }

        /// <summary>Why, when <see cref="IsRejected"/>.</summary>
        public IdentityDiagnostics RejectReason { get; }

        /// <summary>Diagnostics.</summary>
        public IdentityDiagnostics Diagnostics { get; }

        /// <summary>Normalisation flags of the name.</summary>
        public HostNameFlags NameFlags { get; }

        /// <summary>The explanation, when one was asked for.</summary>
        public ServerIdentityExplanation? Explanation { get; }
    }
}
