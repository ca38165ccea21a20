using System;

namespace Tsid.Identity
{
    /// <summary>
    /// The result of one resolve: a view whose <see cref="Name"/> lives in the buffer the caller passed to
    /// <see cref="ServerIdentityResolver.Resolve"/>. Nothing is allocated unless an explanation was asked for; call
    /// <see cref="GetName"/> or <see cref="ToRecord"/> to keep the result beyond the buffer.
    /// </summary>
    public readonly ref struct ServerIdentity
    {
        internal ServerIdentity(ReadOnlySpan<char> name, IdentitySource source, IServerIdentityRule? rule, int ruleIndex, SniCoverage coverage, IdentityDiagnostics diagnostics, HostNameFlags nameFlags, bool rejected, IdentityDiagnostics rejectReason, ServerIdentityExplanation? explanation)
        {
            IsRejected = rejected;
            RejectReason = rejectReason;
            Name = name;
            Source = source;
            Rule = rule;
            RuleIndex = ruleIndex;
            CertificateCoversSni = coverage;
            Diagnostics = diagnostics;
            NameFlags = nameFlags;
            Explanation = explanation;
        }

        /// <summary>The normalised name (see <see cref="HostName"/>); empty when nothing was resolved. The policy reads it as it is (<c>ConnectionFacts.From(identity, evidence)</c>).</summary>
        public ReadOnlySpan<char> Name { get; }

        /// <summary>True when a name was resolved.</summary>
        public bool IsResolved => Source != IdentitySource.None;

        /// <summary>
        /// True when a rule rejected the connection (<see cref="ServerIdentityRuleContext.Reject"/>; FortiGate <c>strict</c>
        /// on an SNI the certificate does not cover): there is no name, and the policy decides at its Identity stage.
        /// </summary>
        public bool IsRejected { get; }

        /// <summary>The diagnostic the rejecting rule gave (<see cref="IdentityDiagnostics.SniCheckRejected"/> for the built-in rule); <see cref="IdentityDiagnostics.None"/> unless <see cref="IsRejected"/>.</summary>
        public IdentityDiagnostics RejectReason { get; }

        /// <summary>Where the name came from; <see cref="IdentitySource.None"/> when nothing was resolved.</summary>
        public IdentitySource Source { get; }

        /// <summary>The rule that decided, or null when no rule did.</summary>
        public IServerIdentityRule? Rule { get; }

        /// <summary>The deciding rule's position in <see cref="ServerIdentityResolver.Rules"/>, or -1.</summary>
        public int RuleIndex { get; }

        /// <summary>Whether the certificate covers the SNI, whichever rule decided.</summary>
        public SniCoverage CertificateCoversSni { get; }

        /// <summary>What an operator should know (near-duplicate, wildcard, IDN, ECH public name, ...).</summary>
        public IdentityDiagnostics Diagnostics { get; }

        /// <summary>What normalisation noticed about the name (wildcard, A-label, IP literal, trailing dot, ...).</summary>
        public HostNameFlags NameFlags { get; }

        /// <summary>Every candidate considered and why it was taken or skipped; null unless asked for.</summary>
        public ServerIdentityExplanation? Explanation { get; }

        /// <summary>The name as a new string (empty when unresolved).</summary>
        /// <returns>The name.</returns>
        public string GetName() => Name.ToString();

        /// <summary>An owned copy of this result that outlives the name buffer.</summary>
        /// <returns>The record.</returns>
        public ServerIdentityRecord ToRecord() =>
            new ServerIdentityRecord(IsResolved ? Name.ToString() : null, Source, Rule?.Name, RuleIndex, CertificateCoversSni, Diagnostics, NameFlags, IsRejected, RejectReason, Explanation);

        /// <summary>The name, or <c>(none)</c>.</summary>
        /// <returns>Text for logs.</returns>
        public override string ToString() => IsResolved ? Name.ToString() + " (" + Source.ToString() + ")" : "(none)";
    }
}
