using Tsid.X509;

namespace Tsid.Identity
{
    /// <summary>
    /// The first dNSName of the leaf certificate's subjectAltName, in wire order (RFC 5280 4.2.1.6) — what Firepower uses
    /// after the CN, and how the Smart Licensing certificate got named <c>toos.cisco.com</c>. Other entry types (IP,
    /// e-mail, URI) are passed over; only the first dNSName is offered.
    /// </summary>
    public sealed class FirstSubjectAltNameRule : IServerIdentityRule
    {
        /// <summary>The rule.</summary>
        public static FirstSubjectAltNameRule Instance { get; } = new FirstSubjectAltNameRule();

        private FirstSubjectAltNameRule()
        {
        }

        /// <inheritdoc/>
        public string Name => "FirstSubjectAltName";

        /// <inheritdoc/>
        public bool TryResolve(scoped in ServerIdentityEvidence evidence, ref ServerIdentityRuleContext context)
        {
            if (!evidence.HasLeafCertificate)
            {
                context.Note(default(System.ReadOnlySpan<char>), IdentitySource.FirstSubjectAltName, CandidateVerdict.Missing, "no certificate visible");
                return false;
            }

            if (!evidence.TryGetLeafSubjectAltName(out SubjectAltName san))
            {
                context.Note(default(System.ReadOnlySpan<char>), IdentitySource.FirstSubjectAltName, CandidateVerdict.Missing, "no subjectAltName extension");
                return false;
            }

            foreach (GeneralName name in san)
            {
                if (name.Type == GeneralNameType.DnsName)
                {
                    return context.TryAccept(name.Value, IdentitySource.FirstSubjectAltName);
                }

                if (context.IsExplaining)
                {
                    context.Note(name.Value, IdentitySource.FirstSubjectAltName, CandidateVerdict.Ignored, "not a dNSName: " + name.Type.ToString());
                }
            }

            context.Note(default(System.ReadOnlySpan<char>), IdentitySource.FirstSubjectAltName, CandidateVerdict.Missing, "no dNSName in subjectAltName");
            return false;
        }
    }
}
