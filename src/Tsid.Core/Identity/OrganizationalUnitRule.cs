using Tsid.X509;

namespace Tsid.Identity
{
    /// <summary>
    /// The first organizationalUnitName of the leaf certificate's subject, in DER order — Firepower's last resort. OUs are
    /// rarely host names (<c>Cisco Smart Licensing</c>), so under <see cref="InvalidNameHandling.Skip"/> this rule usually
    /// yields nothing; vendor presets keep such names flagged <see cref="IdentityDiagnostics.NotAHostName"/>.
    /// </summary>
    public sealed class OrganizationalUnitRule : IServerIdentityRule
    {
        /// <summary>The rule.</summary>
        public static OrganizationalUnitRule Instance { get; } = new OrganizationalUnitRule();

        private OrganizationalUnitRule()
        {
        }

        /// <inheritdoc/>
        public string Name => "OrganizationalUnit";

        /// <inheritdoc/>
        public bool TryResolve(scoped in ServerIdentityEvidence evidence, ref ServerIdentityRuleContext context)
        {
            if (!evidence.HasLeafCertificate)
            {
                context.Note(default(System.ReadOnlySpan<char>), IdentitySource.OrganizationalUnit, CandidateVerdict.Missing, "no certificate visible");
                return false;
            }

            foreach (AttributeTypeAndValue attribute in evidence.LeafSubject.EnumerateAttributes(AttributeType.OrganizationalUnitName))
            {
                return context.TryAccept(attribute.Value, IdentitySource.OrganizationalUnit);
            }

            context.Note(default(System.ReadOnlySpan<char>), IdentitySource.OrganizationalUnit, CandidateVerdict.Missing, "no organizationalUnitName in the subject");
            return false;
        }
    }
}
