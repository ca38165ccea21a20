using System;
using Tsid.X509;

namespace Tsid.Identity
{
    /// <summary>
    /// Any name of the certificate, as Squid's <c>ssl::server_name</c> considers them all. When there is an SNI, the first
    /// certificate name that covers it wins — dNSNames in wire order (<see cref="IdentitySource.SubjectAltName"/>), then
    /// commonNames in DER order (<see cref="IdentitySource.SubjectCommonName"/>) — and the certificate's own spelling is
    /// reported (a wildcard stays a wildcard). Otherwise the first CN, else the first dNSName
    /// (<see cref="IdentitySource.FirstSubjectAltName"/>).
    /// </summary>
    public sealed class AnyCertificateNameRule : IServerIdentityRule
    {
        /// <summary>The rule.</summary>
        public static AnyCertificateNameRule Instance { get; } = new AnyCertificateNameRule();

        private AnyCertificateNameRule()
        {
        }

        /// <inheritdoc/>
        public string Name => "AnyCertificateName";

        /// <inheritdoc/>
        public bool TryResolve(scoped in ServerIdentityEvidence evidence, ref ServerIdentityRuleContext context)
        {
            if (!evidence.HasLeafCertificate)
            {
                context.Note(default(ReadOnlySpan<char>), IdentitySource.SubjectAltName, CandidateVerdict.Missing, "no certificate visible");
                return false;
            }

            bool haveSan = evidence.TryGetLeafSubjectAltName(out SubjectAltName san);
            bool useSni = evidence.HasServerName && evidence.ServerName.Length <= HostName.MaxLength + 1
                && !(evidence.EncryptedClientHello && context.Options.EchPublicName == EchPublicNameHandling.Ignore);
            if (useSni)
            {
                Span<char> sni = stackalloc char[evidence.ServerName.Length];
                if (HostNameMatcher.Widen(evidence.ServerName, sni) && CertificateNames.IsHostNameReference(sni))
                {
                    HostNameMatchOptions options = context.Options.MatchOptions;
                    if (haveSan)
                    {
                        foreach (GeneralName name in san)
                        {
                            if (name.Type == GeneralNameType.DnsName
                                && HostNameMatcher.Covers(name.Value, sni, options)
                                && context.TryAccept(name.Value, IdentitySource.SubjectAltName))
                            {
                                return true;
                            }
                        }
                    }

                    foreach (AttributeTypeAndValue attribute in evidence.LeafSubject.EnumerateAttributes(AttributeType.CommonName))
                    {
                        if (CertificateNames.CommonNameMatches(attribute.Value, sni, options)
                            && context.TryAccept(attribute.Value, IdentitySource.SubjectCommonName))
                        {
                            return true;
                        }
                    }

                    context.Note(evidence.ServerName, IdentitySource.Sni, CandidateVerdict.NotCovered, "no certificate name covers the SNI");
                }
            }

            foreach (AttributeTypeAndValue attribute in evidence.LeafSubject.EnumerateAttributes(AttributeType.CommonName))
            {
                if (context.TryAccept(attribute.Value, IdentitySource.SubjectCommonName))
                {
                    return true;
                }

                // Only the first CN (OpenSSL's choice) is a fallback.
                break;
            }

            if (haveSan)
            {
                foreach (GeneralName name in san)
                {
                    if (name.Type == GeneralNameType.DnsName)
                    {
                        return context.TryAccept(name.Value, IdentitySource.FirstSubjectAltName);
                    }
                }
            }

            context.Note(default(ReadOnlySpan<char>), IdentitySource.SubjectAltName, CandidateVerdict.Missing, "no usable CN or dNSName");
            return false;
        }
    }
}
