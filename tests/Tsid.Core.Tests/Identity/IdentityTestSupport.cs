using System;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Tsid.Identity;
using Tsid.Testing;

namespace Tsid.Tests.Identity
{
    /// <summary>The identity tests' shorthands over Tsid.Core.Testing: explained resolution, and ECDSA-signed leaves with a BCL-built subject.</summary>
    internal static class IdentityTestSupport
    {
        public static ServerIdentityRecord Resolve(ServerIdentityResolver resolver, TestEvidence evidence, bool explain = true) => evidence.Resolve(resolver, explain);

        /// <summary>A self-signed ECDSA P-256 leaf: the subject as given, SANs in the order given (dNSNames, then addresses, then e-mails).</summary>
        public static byte[] MakeCertificate(X500DistinguishedName subject, string[]? dnsNames = null, IPAddress[]? addresses = null, string[]? emails = null)
        {
            using ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var builder = new CertificateBuilder()
                .Subject(subject.RawData)
                .Issuer(subject.RawData)
                .Validity(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2034, 1, 1, 0, 0, 0, TimeSpan.Zero))
                .SignWith(key);
            if (dnsNames is not null || addresses is not null || emails is not null)
            {
                builder.SubjectAltName(san =>
                {
                    san.DnsNames(dnsNames ?? Array.Empty<string>());
                    foreach (IPAddress address in addresses ?? Array.Empty<IPAddress>())
                    {
                        san.IPAddress(address);
                    }

                    foreach (string email in emails ?? Array.Empty<string>())
                    {
                        san.Rfc822Name(email);
                    }
                });
            }

            return builder.ToDer();
        }

        public static X500DistinguishedName Subject(Action<X500DistinguishedNameBuilder> build)
        {
            var builder = new X500DistinguishedNameBuilder();
            build(builder);
            return builder.Build();
        }

        public static X500DistinguishedName Cn(string commonName) => Subject(b => b.AddCommonName(commonName));
    }
}
