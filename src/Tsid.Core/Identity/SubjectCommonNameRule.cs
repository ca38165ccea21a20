using Tsid.X509;

namespace Tsid.Identity
{
    /// <summary>
    /// The leaf certificate's subject commonName. When the subject has several, the <b>first in DER order</b> is used — the
    /// one OpenSSL's <c>X509_NAME_get_text_by_NID</c> returns (see <see cref="CertificateNames.TryGetCommonName"/>) — and
    /// <see cref="IdentityDiagnostics.SeveralCommonNames"/> is raised. Only that CN is offered: if it is not a host name the
    /// rule yields nothing (unless invalid names are kept).
    /// </summary>
    public sealed class SubjectCommonNameRule : IServerIdentityRule
    {
        /// <summary>The rule, always consulting the CN.</summary>
        public static SubjectCommonNameRule Instance { get; } = new SubjectCommonNameRule(false);

        /// <summary>The RFC 6125 6.4.4 variant: the CN only when the certificate has no dNSName.</summary>
        public static SubjectCommonNameRule WhenNoDnsSubjectAltName { get; } = new SubjectCommonNameRule(true);

        private SubjectCommonNameRule(bool onlyWhenNoDnsName)
        {
            OnlyWhenNoDnsName = onlyWhenNoDnsName;
            Name = onlyWhenNoDnsName ? "SubjectCommonName(WhenNoDnsSubjectAltName)" : "SubjectCommonName";
        }

        /// <summary>True for the RFC 6125 variant.</summary>
        public bool OnlyWhenNoDnsName { get; }

        /// <inheritdoc/>
        public string Name { get; }

        /// <inheritdoc/>
        public bool TryResolve(scoped in ServerIdentityEvidence evidence, ref ServerIdentityRuleContext context)
        {
            if (!evidence.HasLeafCertificate)
            {
                context.Note(default(System.ReadOnlySpan<char>), IdentitySource.SubjectCommonName, CandidateVerdict.Missing, "no certificate visible");
                return false;
            }

            if (OnlyWhenNoDnsName && evidence.TryGetLeafSubjectAltName(out SubjectAltName san) && CertificateNames.HasDnsName(san))
            {
                context.Note(default(System.ReadOnlySpan<char>), IdentitySource.SubjectCommonName, CandidateVerdict.Ignored, "the certificate has dNSNames, so the CN is not used (RFC 6125 6.4.4)");
                return false;
            }

            bool first = true;
            bool taken = false;
            foreach (AttributeTypeAndValue attribute in evidence.LeafSubject.EnumerateAttributes(AttributeType.CommonName))
            {
                if (first)
                {
                    taken = context.TryAccept(attribute.Value, IdentitySource.SubjectCommonName);
                    first = false;
                    continue;
                }

                context.AddDiagnostics(IdentityDiagnostics.SeveralCommonNames);
                if (context.IsExplaining)
                {
                    context.Note(attribute.Value.RawValue, IdentitySource.SubjectCommonName, CandidateVerdict.Ignored, "not the first CN in DER order (OpenSSL's choice)");
                }
            }

            if (first)
            {
                context.Note(default(System.ReadOnlySpan<char>), IdentitySource.SubjectCommonName, CandidateVerdict.Missing, "no commonName in the subject");
            }

            return taken;
        }
    }
}
