namespace Tsid.Identity
{
    /// <summary>
    /// The SNI host_name as the client sent it (RFC 6066 3). Under Encrypted Client Hello the outer SNI is only the public
    /// name: it is reported as <see cref="IdentitySource.EchPublicName"/> with <see cref="IdentityDiagnostics.EchPublicName"/>,
    /// or ignored under <see cref="EchPublicNameHandling.Ignore"/>. An IP-literal SNI (against RFC 6066) is taken and
    /// flagged <see cref="IdentityDiagnostics.IPLiteral"/>.
    /// </summary>
    public sealed class SniRule : IServerIdentityRule
    {
        /// <summary>The rule.</summary>
        public static SniRule Instance { get; } = new SniRule();

        private SniRule()
        {
        }

        /// <inheritdoc/>
        public string Name => "Sni";

        /// <inheritdoc/>
        public bool TryResolve(scoped in ServerIdentityEvidence evidence, ref ServerIdentityRuleContext context)
        {
            if (!evidence.HasServerName)
            {
                context.Note(default(System.ReadOnlySpan<char>), IdentitySource.Sni, CandidateVerdict.Missing, "no SNI in the ClientHello");
                return false;
            }

            if (evidence.EncryptedClientHello)
            {
                if (context.Options.EchPublicName == EchPublicNameHandling.Ignore)
                {
                    context.Note(evidence.ServerName, IdentitySource.EchPublicName, CandidateVerdict.Ignored, "ECH public name ignored by option");
                    return false;
                }

                return context.TryAccept(evidence.ServerName, IdentitySource.EchPublicName);
            }

            return context.TryAccept(evidence.ServerName, IdentitySource.Sni);
        }
    }
}
