using System.Collections.Generic;
using Tsid.Testing;

namespace Tsid.Tests.X509
{
    /// <summary>
    /// The X.509 tests' one-call form of <see cref="CertificateBuilder"/>: every field but the subject defaulted, any of them
    /// replaced by raw DER (a bad version, a wrong time tag, a mismatched outer algorithm). Dummy signature.
    /// </summary>
    internal static class TestCertificates
    {
        public static byte[] BuildCertificate(
            byte[] subject,
            IEnumerable<byte[]>? extensions = null,
            byte[]? issuer = null,
            byte[]? version = null,
            byte[]? serial = null,
            byte[]? notBefore = null,
            byte[]? notAfter = null,
            byte[]? outerAlgorithm = null)
        {
            var builder = new CertificateBuilder().Subject(subject);
            if (version is not null)
            {
                builder.RawVersion(version);
            }

            if (serial is not null)
            {
                builder.RawSerialNumber(serial);
            }

            if (issuer is not null)
            {
                builder.Issuer(issuer);
            }

            if (notBefore is not null || notAfter is not null)
            {
                builder.RawValidity(notBefore ?? Der.UtcTime(CertificateBuilder.DefaultNotBefore), notAfter ?? Der.UtcTime(CertificateBuilder.DefaultNotAfter));
            }

            foreach (byte[] extension in extensions ?? new List<byte[]>())
            {
                builder.RawExtension(extension);
            }

            if (outerAlgorithm is not null)
            {
                builder.RawOuterSignatureAlgorithm(outerAlgorithm);
            }

            return builder.ToDer();
        }
    }
}
