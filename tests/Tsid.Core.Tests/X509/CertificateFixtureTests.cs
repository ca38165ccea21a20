using System;
using System.Collections.Generic;
using System.Security.Cryptography.X509Certificates;
using Tsid.Tests.Support;
using Tsid.X509;
using Xunit;

namespace Tsid.Tests.X509
{
    public class CertificateFixtureTests
    {
        private static readonly string[] CiscoSans =
        {
            "toos.cisco.com", "tools.cisco.com", "tools1.cisco.com", "tools2.cisco.com", "tools3.cisco.com",
            "tools1-ss2.cisco.com", "tools2-ss1.cisco.com", "tools3-ss1.cisco.com", "tools4-ss1.cisco.com",
            "tools5-ss1.cisco.com", "tools6-ss1.cisco.com", "tools7-ss1.cisco.com", "tools8-ss1.cisco.com",
            "tools9-ss1.cisco.com", "tools10-ss1.cisco.com",
        };

        internal static List<string> Values(DistinguishedName name, AttributeType type)
        {
            List<string> values = new();
            foreach (AttributeTypeAndValue attribute in name.EnumerateAttributes(type))
            {
                values.Add(attribute.Value.GetString());
            }

            return values;
        }

        internal static List<string> DnsNames(Certificate certificate)
        {
            List<string> names = new();
            if (certificate.TryGetSubjectAltName(out SubjectAltName san))
            {
                foreach (GeneralName name in san)
                {
                    if (name.Type == GeneralNameType.DnsName)
                    {
                        names.Add(name.GetString());
                    }
                }
            }

            return names;
        }

        [Fact]
        public void Cisco_certificate_without_cn_has_ou_and_san_in_wire_order()
        {
            byte[] der = Fixture.Bytes("cisco-nocn.der");
            Assert.True(Certificate.TryParse(der, out Certificate certificate, out X509Error error), error.ToString());

            Assert.Empty(Values(certificate.Subject, AttributeType.CommonName));
            Assert.Equal(new[] { "Cisco Smart Licensing" }, Values(certificate.Subject, AttributeType.OrganizationalUnitName));
            Assert.Equal(new[] { "Cisco Systems Inc." }, Values(certificate.Subject, AttributeType.OrganizationName));
            Assert.Equal(CiscoSans, DnsNames(certificate));
            Assert.Equal("OU=Cisco Smart Licensing,O=Cisco Systems Inc.,L=San Jose,ST=California,C=US", certificate.Subject.ToRfc4514String());
            Assert.Equal("CN=HydrantID Server CA O1,OU=HydrantID Trusted Certificate Service,O=IdenTrust,C=US", certificate.Issuer.ToRfc4514String());
            Assert.Equal(3, certificate.Version);
        }

        [Fact]
        public void Cisco_certificate_with_cn()
        {
            Assert.True(Certificate.TryParse(Fixture.Bytes("cisco-cn.der"), out Certificate certificate, out _));
            Assert.Equal(new[] { "tools.cisco.com" }, Values(certificate.Subject, AttributeType.CommonName));
            Assert.True(certificate.Subject.TryGetFirst(AttributeType.CommonName, out DirectoryString cn));
            Assert.True(cn.ValueEquals("tools.cisco.com"));
            Assert.Equal(CiscoSans, DnsNames(certificate));
        }

        [Fact]
        public void Subject_rdns_enumerate_in_der_order()
        {
            Assert.True(Certificate.TryParse(Fixture.Bytes("cisco-cn.der"), out Certificate certificate, out _));
            List<AttributeType> order = new();
            foreach (RelativeDistinguishedName rdn in certificate.Subject)
            {
                Assert.Equal(1, rdn.Count);
                Assert.False(rdn.IsMultiValued);
                foreach (AttributeTypeAndValue attribute in rdn)
                {
                    order.Add(attribute.Type);
                }
            }

            Assert.Equal(
                new[]
                {
                    AttributeType.CountryName, AttributeType.StateOrProvinceName, AttributeType.LocalityName,
                    AttributeType.OrganizationName, AttributeType.OrganizationalUnitName, AttributeType.CommonName,
                },
                order);
        }

        [Theory]
        [InlineData("cisco-nocn.der")]
        [InlineData("cisco-cn.der")]
        [InlineData("small-ec.der")]
        [InlineData("big-100san.der")]
        public void Fixtures_agree_with_x509certificate2(string file)
        {
            byte[] der = Fixture.Bytes(file);
            using X509Certificate2 peer = X509CertificateLoader.LoadCertificate(der);
            Assert.True(Certificate.TryParse(der, out Certificate certificate, out X509Error error), error.ToString());
            Assert.True(Certificate.TryParse(der, CertificateParseOptions.Strict, out _, out error), error.ToString());

            // SerialNumberBytes is big-endian, like the DER contents octets.
            Assert.Equal(peer.SerialNumberBytes.Span.ToArray(), certificate.SerialNumber.ToArray());
            Assert.Equal(peer.SubjectName.RawData, certificate.Subject.Encoded.ToArray());
            Assert.Equal(peer.IssuerName.RawData, certificate.Issuer.Encoded.ToArray());
            Assert.Equal(peer.Version, certificate.Version);
            Assert.True(certificate.Validity.TryGetNotBefore(out DateTimeOffset notBefore));
            Assert.True(certificate.Validity.TryGetNotAfter(out DateTimeOffset notAfter));
            Assert.Equal(peer.NotBefore.ToUniversalTime(), notBefore.UtcDateTime);
            Assert.Equal(peer.NotAfter.ToUniversalTime(), notAfter.UtcDateTime);

            List<string> peerDns = new();
            foreach (X509Extension extension in peer.Extensions)
            {
                if (extension is X509SubjectAlternativeNameExtension san)
                {
                    peerDns.AddRange(san.EnumerateDnsNames());
                }
            }

            Assert.Equal(peerDns, DnsNames(certificate));
            if (FirstCnOrNull(certificate) is { } cn)
            {
                Assert.Equal(peer.GetNameInfo(X509NameType.SimpleName, false), cn);
            }
        }

        [Fact]
        public void Small_ec_certificate_names_and_key()
        {
            Assert.True(Certificate.TryParse(Fixture.Bytes("small-ec.der"), out Certificate certificate, out _));
            Assert.Equal("CN=www.example.com", certificate.Subject.ToRfc4514String());
            Assert.Equal(new[] { "www.example.com", "example.com" }, DnsNames(certificate));
            Assert.True(certificate.SubjectPublicKeyInfo.TryGetKeySize(out int bits));
            Assert.Equal(256, bits);
            Assert.True(certificate.SubjectPublicKeyInfo.TryGetNamedCurve(out ReadOnlySpan<byte> curve));
            Assert.Equal("1.2.840.10045.3.1.7", ObjectIdentifier.ToDottedString(curve));
        }

        [Fact]
        public void Big_certificate_has_100_dns_names_in_order()
        {
            byte[] der = Fixture.Bytes("big-100san.der");
            Assert.True(Certificate.TryParse(der, out Certificate certificate, out _));
            List<string> names = DnsNames(certificate);
            Assert.Equal(100, names.Count);
            Assert.Equal("node001.us-west-2.example.net", names[0]);
            Assert.Equal("node002.eu-west-1.example.net", names[1]);
            Assert.Equal(new[] { "edge.example.net" }, Values(certificate.Subject, AttributeType.CommonName));
            Assert.True(certificate.TryGetSubjectAltName(out SubjectAltName san));
            int count = 0;
            foreach (GeneralName name in san.Enumerate(GeneralNameType.DnsName))
            {
                Assert.True(name.IsValid);
                Assert.Equal(names[count++], name.GetString());
            }

            Assert.Equal(100, count);
        }

        [Fact]
        public void Trailing_bytes_after_the_certificate_are_rejected()
        {
            byte[] der = Fixture.Bytes("small-ec.der");
            byte[] longer = new byte[der.Length + 1];
            der.CopyTo(longer, 0);
            Assert.False(Certificate.TryParse(longer, out _, out X509Error error));
            Assert.Equal(new X509Error(X509ErrorCode.TrailingData, der.Length), error);
        }

        [Fact]
        public void Truncated_certificate_reports_truncation()
        {
            byte[] der = Fixture.Bytes("cisco-nocn.der");
            Assert.False(Certificate.TryParse(der.AsSpan(0, der.Length - 1), out _, out X509Error error));
            Assert.Equal(new X509Error(X509ErrorCode.Truncated, 0), error);
        }

        [Fact]
        public void Names_and_sans_enumerate_without_allocating()
        {
            byte[] der = Fixture.Bytes("cisco-cn.der");
            int total = CountNames(der);
            Assert.Equal(1 + 1 + 15, total);
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 100; i++)
            {
                total += CountNames(der);
            }

            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Equal(0, allocated);
        }

        [Theory]
        [InlineData("cisco-cn.der")]
        [InlineData("cisco-nocn.der")]
        [InlineData("small-ec.der")]
        [InlineData("big-100san.der")]
        public void GetString_allocates_only_the_strings(string file)
        {
            byte[] der = Fixture.Bytes(file);
            List<string> names = new();
            NamesAsStrings(der, names);
            Assert.NotEmpty(names);

            // What the same strings cost when made directly from their chars (and, on 64-bit, what the runtime's layout
            // says: 8 header + 8 method table + 4 length + 2 per char + 2 for the terminator, rounded up to 8).
            char[][] chars = names.ConvertAll(name => name.ToCharArray()).ToArray();
            long direct = GC.GetAllocatedBytesForCurrentThread();
            foreach (char[] text in chars)
            {
                GC.KeepAlive(new string(text));
            }

            direct = GC.GetAllocatedBytesForCurrentThread() - direct;
            long layout = 0;
            foreach (string name in names)
            {
                layout += (22 + (2L * name.Length) + 7) & ~7L;
            }

            if (IntPtr.Size == 8)
            {
                Assert.Equal(layout, direct);
            }

            names.Clear();
            names.Capacity = 512;
            long before = GC.GetAllocatedBytesForCurrentThread();
            NamesAsStrings(der, names);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Equal(chars.Length, names.Count);
            Assert.Equal(direct, allocated);
        }

        // The subject's CNs and OUs and every SAN dNSName as strings, the way the peers hand them back.
        private static void NamesAsStrings(byte[] der, List<string> names)
        {
            Assert.True(Certificate.TryParse(der, out Certificate certificate, out _));
            foreach (AttributeTypeAndValue cn in certificate.Subject.EnumerateAttributes(AttributeType.CommonName))
            {
                names.Add(cn.Value.GetString());
            }

            foreach (AttributeTypeAndValue ou in certificate.Subject.EnumerateAttributes(AttributeType.OrganizationalUnitName))
            {
                names.Add(ou.Value.GetString());
            }

            Assert.True(certificate.TryGetSubjectAltName(out SubjectAltName san));
            foreach (GeneralName name in san.Enumerate(GeneralNameType.DnsName))
            {
                names.Add(name.GetString());
            }
        }

        private static int CountNames(byte[] der)
        {
            if (!Certificate.TryParse(der, out Certificate certificate, out _))
            {
                return -1;
            }

            int count = 0;
            foreach (AttributeTypeAndValue cn in certificate.Subject.EnumerateAttributes(AttributeType.CommonName))
            {
                count += cn.Value.RawValue.Length > 0 ? 1 : 0;
            }

            foreach (AttributeTypeAndValue ou in certificate.Subject.EnumerateAttributes(AttributeType.OrganizationalUnitName))
            {
                count += ou.Value.RawValue.Length > 0 ? 1 : 0;
            }

            if (certificate.TryGetSubjectAltName(out SubjectAltName san))
            {
                foreach (GeneralName name in san.Enumerate(GeneralNameType.DnsName))
                {
                    count += name.Value.Length > 0 ? 1 : 0;
                }
            }

            return count;
        }

        private static string? FirstCnOrNull(Certificate certificate) =>
            certificate.Subject.TryGetFirst(AttributeType.CommonName, out DirectoryString cn) ? cn.GetString() : null;
    }
}
