using System;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Tsid.Samples.TlsGate.Tests.Support
{
    /// <summary>
    /// The seed's certificate, made here: like Cisco's Smart Licensing server certificate it has no CN, lists
    /// <c>toos.cisco.com</c> first and <c>tools.cisco.com</c> second among its SAN dNSNames, and carries the OU
    /// "Cisco Smart Licensing" (the shape of src/Tsid.Cli/Demo/DemoCapture.cs; ECDSA P-256 to keep handshakes cheap).
    /// </summary>
    internal static class TestCertificates
    {
        private static readonly Lazy<SslStreamCertificateContext> Cisco = new(CreateCisco);

        public static SslStreamCertificateContext CiscoLike => Cisco.Value;

        private static SslStreamCertificateContext CreateCisco()
        {
            using ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var subject = new X500DistinguishedNameBuilder();
            subject.AddCountryOrRegion("US");
            subject.AddStateOrProvinceName("California");
            subject.AddLocalityName("San Jose");
            subject.AddOrganizationName("Cisco Systems Inc.");
            subject.AddOrganizationalUnitName("Cisco Smart Licensing");
            var request = new CertificateRequest(subject.Build(), key, HashAlgorithmName.SHA256);
            var san = new SubjectAlternativeNameBuilder();
            foreach (string name in new[] { "toos.cisco.com", "tools.cisco.com", "tools1.cisco.com", "tools2.cisco.com" })
            {
                san.AddDnsName(name);
            }

            request.CertificateExtensions.Add(san.Build());
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid("1.3.6.1.5.5.7.3.1") }, false));
            DateTimeOffset now = DateTimeOffset.UtcNow;
            X509Certificate2 certificate = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(1));
            return SslStreamCertificateContext.Create(certificate, additionalCertificates: null, offline: true);
        }
    }
}
