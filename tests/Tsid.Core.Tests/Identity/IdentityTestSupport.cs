using System;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Tsid.Identity;
using Tsid.X509;
using Xunit;

namespace Tsid.Tests.Identity
{
    /// <summary>Everything a test wants to hand a resolver, as plain managed data (the evidence itself is a ref struct).</summary>
    internal sealed record EvidenceSpec
    {
        public byte[]? Certificate { get; init; }

        public string? Sni { get; init; }

        public byte[]? SniBytes { get; init; }

        public int SniCount { get; init; }

        public bool Ech { get; init; }

        public byte[]? Address { get; init; }

        public string[]? DnsNames { get; init; }

        public string? HttpHost { get; init; }

        public string? Cached { get; init; }

        public string? ProxyTarget { get; init; }
    }

    internal static class IdentityTestSupport
    {
        public static ServerIdentityRecord Resolve(ServerIdentityResolver resolver, EvidenceSpec spec, bool explain = true)
        {
            ReadOnlySpan<byte> sni = spec.SniBytes ?? (spec.Sni is null ? null : Encoding.UTF8.GetBytes(spec.Sni));
            if (spec.Certificate is not null)
            {
                Assert.True(Certificate.TryParse(spec.Certificate, out Certificate leaf, out X509Error error), error.ToString());
                var evidence = new ServerIdentityEvidence
                {
                    ServerName = sni,
                    ServerNameCount = spec.SniCount,
                    EncryptedClientHello = spec.Ech,
                    LeafCertificate = leaf,
                    DestinationAddress = spec.Address,
                    DnsNames = spec.DnsNames,
                    HttpHost = spec.HttpHost.AsSpan(),
                    CachedIdentity = spec.Cached.AsSpan(),
                    ProxyTarget = spec.ProxyTarget.AsSpan(),
                };
                return resolver.ResolveToRecord(in evidence, explain);
            }
            else
            {
                var evidence = new ServerIdentityEvidence
                {
                    ServerName = sni,
                    ServerNameCount = spec.SniCount,
                    EncryptedClientHello = spec.Ech,
                    DestinationAddress = spec.Address,
                    DnsNames = spec.DnsNames,
                    HttpHost = spec.HttpHost.AsSpan(),
                    CachedIdentity = spec.Cached.AsSpan(),
                    ProxyTarget = spec.ProxyTarget.AsSpan(),
                };
                return resolver.ResolveToRecord(in evidence, explain);
            }
        }

        /// <summary>A self-signed ECDSA leaf made with the BCL: the subject as given, SANs in the order given.</summary>
        public static byte[] MakeCertificate(X500DistinguishedName subject, string[]? dnsNames = null, IPAddress[]? addresses = null, string[]? emails = null)
        {
            using ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
            if (dnsNames is not null || addresses is not null || emails is not null)
            {
                var san = new SubjectAlternativeNameBuilder();
                foreach (string dns in dnsNames ?? Array.Empty<string>())
                {
                    san.AddDnsName(dns);
                }

                foreach (IPAddress address in addresses ?? Array.Empty<IPAddress>())
                {
                    san.AddIpAddress(address);
                }

                foreach (string email in emails ?? Array.Empty<string>())
                {
                    san.AddEmailAddress(email);
                }

                request.CertificateExtensions.Add(san.Build());
            }

            using X509Certificate2 certificate = request.CreateSelfSigned(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2034, 1, 1, 0, 0, 0, TimeSpan.Zero));
            return certificate.RawData;
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
