using System;
using System.Text;
using Tsid.X509;
using Xunit;

namespace Tsid.Tests.X509
{
    /// <summary>
    /// The one certificate parser in its three modes (strict, lenient = default, lenient with deferred structure checks):
    /// each mode checks a superset of the next, so strict accept ⇒ lenient accept ⇒ deferred accept, and every member
    /// reads the same in each mode that accepts.
    /// </summary>
    internal static class ParseModes
    {
        /// <summary>Parses in all three modes, asserts they are consistent, and returns what each accepted.</summary>
        public static (bool Strict, bool Lenient, bool Deferred) AssertConsistent(ReadOnlySpan<byte> der)
        {
            bool strict = Certificate.TryParse(der, CertificateParseOptions.Strict, out Certificate strictCertificate, out X509Error strictError);
            bool lenient = Certificate.TryParse(der, CertificateParseOptions.Default, out Certificate lenientCertificate, out X509Error lenientError);
            bool deferred = Certificate.TryParse(der, CertificateParseOptions.Deferred, out Certificate deferredCertificate, out X509Error deferredError);
            Assert.True(strict || strictError.IsError);
            Assert.True(lenient || lenientError.IsError);
            Assert.True(deferred || deferredError.IsError);

            if (strict)
            {
                Assert.True(lenient, "strict accepted, lenient rejected: " + lenientError);
                Assert.Equal(Describe(strictCertificate), Describe(lenientCertificate));
            }

            if (lenient)
            {
                Assert.True(deferred, "lenient accepted, deferred rejected: " + deferredError);
                Assert.Equal(Describe(lenientCertificate), Describe(deferredCertificate));
            }

            return (strict, lenient, deferred);
        }

        /// <summary>Every member of a parsed certificate as text, for comparing two parses.</summary>
        public static string Describe(in Certificate certificate)
        {
            StringBuilder text = new StringBuilder();
            Line(text, "encoded", certificate.Encoded);
            Line(text, "tbs", certificate.TbsCertificate);
            text.Append("version ").Append(certificate.Version).Append('\n');
            Line(text, "serial", certificate.SerialNumber);
            Name(text, "issuer", certificate.Issuer);
            Name(text, "subject", certificate.Subject);
            Validity validity = certificate.Validity;
            text.Append("validity ").Append(validity.NotBeforeIsGeneralizedTime).Append(' ').Append(validity.NotAfterIsGeneralizedTime).Append('\n');
            Line(text, "notBefore", validity.NotBeforeText);
            Line(text, "notAfter", validity.NotAfterText);
            Algorithm(text, "signatureAlgorithm", certificate.SignatureAlgorithm);
            Algorithm(text, "tbsSignature", certificate.TbsSignatureAlgorithm);
            Line(text, "signatureValue", certificate.SignatureValue);
            SubjectPublicKeyInfo key = certificate.SubjectPublicKeyInfo;
            Line(text, "spki", key.Encoded);
            Algorithm(text, "spkiAlgorithm", key.Algorithm);
            Line(text, "spkiKey", key.SubjectPublicKey);
            Line(text, "issuerUniqueId", certificate.IssuerUniqueId);
            Line(text, "subjectUniqueId", certificate.SubjectUniqueId);
            text.Append("hasExtensions ").Append(certificate.HasExtensions).Append('\n');
            foreach (Extension extension in certificate.Extensions)
            {
                text.Append("extension ").Append(Convert.ToHexString(extension.Oid)).Append(' ').Append(extension.Critical).Append(' ');
                Line(text, string.Empty, extension.Value);
            }

            if (certificate.TryGetSubjectAltName(out SubjectAltName san))
            {
                text.Append("san ").Append(san.IsWellFormed).Append('\n');
                foreach (GeneralName name in san)
                {
                    text.Append("  ").Append(name.Type).Append(' ').Append(Convert.ToHexString(name.Value)).Append(' ');
                    Line(text, string.Empty, name.Encoded);
                }
            }

            return text.ToString();
        }

        private static void Name(StringBuilder text, string label, DistinguishedName name)
        {
            Line(text, label, name.Encoded);
            foreach (AttributeTypeAndValue attribute in name.EnumerateAttributes())
            {
                text.Append("  ").Append(attribute.Type).Append(' ').Append(Convert.ToHexString(attribute.TypeOid)).Append(' ')
                    .Append(attribute.Value.Tag.ToString("X2", System.Globalization.CultureInfo.InvariantCulture)).Append(' ');
                Line(text, string.Empty, attribute.Value.RawValue);
            }
        }

        private static void Algorithm(StringBuilder text, string label, AlgorithmIdentifier algorithm)
        {
            Line(text, label, algorithm.Encoded);
            Line(text, "  oid", algorithm.Algorithm);
            Line(text, "  parameters", algorithm.Parameters);
        }

        private static void Line(StringBuilder text, string label, ReadOnlySpan<byte> bytes) =>
            text.Append(label).Append(' ').Append(Convert.ToHexString(bytes)).Append('\n');
    }
}
