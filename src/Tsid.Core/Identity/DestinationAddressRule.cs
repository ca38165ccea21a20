namespace Tsid.Identity
{
    /// <summary>
    /// The destination IP address as a literal (dotted decimal, or RFC 5952 IPv6 text) — the fallback when nothing names
    /// the server (TLS 1.3 without SNI).
    /// </summary>
    public sealed class DestinationAddressRule : IServerIdentityRule
    {
        /// <summary>The rule.</summary>
        public static DestinationAddressRule Instance { get; } = new DestinationAddressRule();

        private DestinationAddressRule()
        {
        }

        /// <inheritdoc/>
        public string Name => "DestinationAddress";

        /// <inheritdoc/>
        public bool TryResolve(scoped in ServerIdentityEvidence evidence, ref ServerIdentityRuleContext context)
        {
            if (evidence.DestinationAddress.IsEmpty)
            {
                context.Note(default(System.ReadOnlySpan<char>), IdentitySource.DestinationAddress, CandidateVerdict.Missing, "no destination address");
                return false;
            }

            return context.TryAcceptAddress(evidence.DestinationAddress, IdentitySource.DestinationAddress);
        }
    }
}
