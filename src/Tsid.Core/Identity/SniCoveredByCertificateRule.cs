using System;

namespace Tsid.Identity
{
    /// <summary>
    /// The SNI, confirmed by the certificate: it is taken only when a certificate name covers it (RFC 6125 6.4). Options
    /// say whether commonNames count, what happens on a mismatch (continue, or reject as FortiGate <c>strict</c> does), and
    /// whether an SNI is taken unconfirmed when no certificate is visible (TLS 1.3). The name is reported with
    /// <see cref="IdentitySource.Sni"/> (or <see cref="IdentitySource.EchPublicName"/>).
    /// </summary>
    public sealed class SniCoveredByCertificateRule : IServerIdentityRule
    {
        /// <summary>The RFC 6125 default: dNSNames (CN only when there are none), continue on mismatch, nothing without a certificate.</summary>
        public static SniCoveredByCertificateRule Instance { get; } = new SniCoveredByCertificateRule(CommonNameFallback.WhenNoDnsSubjectAltName, SniMismatchAction.Continue, false);

        /// <summary>Creates the rule.</summary>
        /// <param name="commonNames">Whether commonNames count when checking coverage.</param>
        /// <param name="onMismatch">Continue with the next rule, or reject.</param>
        /// <param name="acceptWithoutCertificate">Take the SNI unconfirmed when no certificate is visible.</param>
        public SniCoveredByCertificateRule(CommonNameFallback commonNames, SniMismatchAction onMismatch, bool acceptWithoutCertificate)
        {
            CommonNames = commonNames;
            OnMismatch = onMismatch;
            AcceptWithoutCertificate = acceptWithoutCertificate;
            Name = "SniCoveredByCertificate(" + commonNames.ToString() + ", " + onMismatch.ToString()
                + (acceptWithoutCertificate ? ", AcceptWithoutCertificate)" : ")");
        }

        /// <summary>Whether commonNames count.</summary>
        public CommonNameFallback CommonNames { get; }

        /// <summary>What happens when the certificate does not cover the SNI.</summary>
        public SniMismatchAction OnMismatch { get; }

        /// <summary>Whether the SNI is taken unconfirmed when no certificate is visible.</summary>
        public bool AcceptWithoutCertificate { get; }

        /// <inheritdoc/>
        public string Name { get; }

        /// <inheritdoc/>
        public bool TryResolve(scoped in ServerIdentityEvidence evidence, ref ServerIdentityRuleContext context)
        {
            if (!evidence.HasServerName)
            {
                context.Note(default(ReadOnlySpan<char>), IdentitySource.Sni, CandidateVerdict.Missing, "no SNI in the ClientHello");
                return false;
            }

            IdentitySource source = IdentitySource.Sni;
            if (evidence.EncryptedClientHello)
            {
                if (context.Options.EchPublicName == EchPublicNameHandling.Ignore)
                {
                    context.Note(evidence.ServerName, IdentitySource.EchPublicName, CandidateVerdict.Ignored, "ECH public name ignored by option");
                    return false;
                }

                source = IdentitySource.EchPublicName;
            }

            if (!evidence.HasLeafCertificate)
            {
                if (AcceptWithoutCertificate)
                {
                    return context.TryAccept(evidence.ServerName, source);
                }

                context.Note(evidence.ServerName, source, CandidateVerdict.Missing, "no certificate visible to confirm the SNI");
                return false;
            }

            bool covered = CertificateNames.Covers(evidence, evidence.ServerName, CommonNames, context.Options.MatchOptions) == NameMatchResult.Match;
            if (CommonNames == CommonNameFallback.WhenNoDnsSubjectAltName)
            {
                context.KnownSniCoverage = covered ? SniCoverage.Covered : SniCoverage.NotCovered;
            }

            if (covered)
            {
                return context.TryAccept(evidence.ServerName, source);
            }

            if (OnMismatch == SniMismatchAction.Reject)
            {
                context.Reject(IdentityDiagnostics.SniCheckRejected, "the certificate does not cover the SNI; the connection is closed");
                return true;
            }

            context.Note(evidence.ServerName, source, CandidateVerdict.NotCovered, "the certificate does not cover the SNI");
            return false;
        }
    }
}
