using System;
using System.Collections.Generic;
using System.Formats.Asn1;
using System.Linq;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Tsid.Testing;
using Tsid.X509;
using Xunit;

namespace Tsid.Tests.Testing
{
    /// <summary>
    /// The certificate builder against an independent oracle: the BCL's X509Certificate2 (OpenSSL underneath) and
    /// System.Formats.Asn1 must read back what was asked for, and signatures must verify with the BCL's key types.
    /// </summary>
    public class CertificateBuilderTests
    {
        [Fact]
        public void An_ecdsa_signed_certificate_loads_in_the_bcl_with_the_same_subject_sans_validity_and_extensions()
        {
            using ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var notBefore = new DateTimeOffset(2026, 3, 4, 5, 6, 7, TimeSpan.Zero);
            var notAfter = new DateTimeOffset(2027, 3, 4, 5, 6, 7, TimeSpan.Zero);
            byte[] der = new CertificateBuilder()
                .SerialNumber(0x0A0B0C)
                .Subject(n => n.Country("US").Organization("Cisco Systems Inc.").OrganizationalUnit("Cisco Smart Licensing"))
                .Issuer(n => n.CommonName("Issuing CA"))
                .Validity(notBefore, notAfter)
                .SubjectAltName(s => s.DnsName("toos.cisco.com").IPAddress(IPAddress.Parse("192.0.2.7")).DnsName("tools.cisco.com").IPAddress(IPAddress.Parse("2001:db8::1")))
                .BasicConstraints(false)
                .Extension("1.3.6.1.4.1.99999.1", true, new byte[] { 0x04, 0x02, 0xAB, 0xCD })
                .SignWith(key)
                .ToDer();

            using X509Certificate2 bcl = X509CertificateLoader.LoadCertificate(der);
            Assert.Equal("C=US, O=Cisco Systems Inc., OU=Cisco Smart Licensing", bcl.SubjectName.Format(false).Replace("\n", ", "));
            Assert.Equal("CN=Issuing CA", bcl.Issuer);
            Assert.Equal("0A0B0C", bcl.SerialNumber);
            Assert.Equal(notBefore.UtcDateTime, bcl.NotBefore.ToUniversalTime());
            Assert.Equal(notAfter.UtcDateTime, bcl.NotAfter.ToUniversalTime());
            var san = bcl.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
            Assert.Equal(new[] { "toos.cisco.com", "tools.cisco.com" }, san.EnumerateDnsNames().ToArray());
            Assert.Equal(new[] { IPAddress.Parse("192.0.2.7"), IPAddress.Parse("2001:db8::1") }, san.EnumerateIPAddresses().ToArray());
            Assert.False(bcl.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority);
            X509Extension custom = bcl.Extensions["1.3.6.1.4.1.99999.1"]!;
            Assert.True(custom.Critical);
            Assert.Equal(new byte[] { 0x04, 0x02, 0xAB, 0xCD }, custom.RawData);
            Assert.Equal("1.2.840.10045.4.3.2", bcl.SignatureAlgorithm.Value);

            Assert.Equal(key.ExportSubjectPublicKeyInfo(), bcl.PublicKey.ExportSubjectPublicKeyInfo());
            (byte[] tbs, byte[] signature) = TbsAndSignature(der);
            Assert.True(key.VerifyData(tbs, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
            using ECDsa fromCertificate = bcl.GetECDsaPublicKey()!;
            Assert.True(fromCertificate.VerifyData(tbs, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
            tbs[^1] ^= 1;
            Assert.False(fromCertificate.VerifyData(tbs, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
        }

        [Fact]
        public void An_rsa_signed_certificate_verifies_and_chains_to_its_issuer_certificate()
        {
            using RSA caKey = RSA.Create(2048);
            using ECDsa leafKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            byte[] caDer = new CertificateBuilder().Subject(n => n.CommonName("Test Root")).Issuer(n => n.CommonName("Test Root")).BasicConstraints(true).SignWith(caKey).ToDer();
            byte[] leafDer = new CertificateBuilder()
                .Subject(n => n.OrganizationalUnit("no common name here"))
                .Issuer(n => n.CommonName("Test Root"))
                .PublicKey(leafKey)
                .SignWith(caKey)
                .ToDer();

            using X509Certificate2 ca = X509CertificateLoader.LoadCertificate(caDer);
            using X509Certificate2 leaf = X509CertificateLoader.LoadCertificate(leafDer);
            Assert.Equal("1.2.840.113549.1.1.11", leaf.SignatureAlgorithm.Value);
            Assert.Equal(leafKey.ExportSubjectPublicKeyInfo(), leaf.PublicKey.ExportSubjectPublicKeyInfo());
            (byte[] tbs, byte[] signature) = TbsAndSignature(leafDer);
            using RSA issuerPublic = ca.GetRSAPublicKey()!;
            Assert.True(issuerPublic.VerifyData(tbs, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));

            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(ca);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            chain.ChainPolicy.VerificationTime = new DateTime(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            Assert.True(chain.Build(leaf), string.Join("; ", chain.ChainStatus.Select(s => s.StatusInformation)));
        }

        [Theory]
        [InlineData(DerStringType.Utf8String, "Bücher ☃")]
        [InlineData(DerStringType.PrintableString, "Cisco Smart Licensing")]
        [InlineData(DerStringType.Ia5String, "a@b.example")]
        [InlineData(DerStringType.BmpString, "Bücher")]
        [InlineData(DerStringType.UniversalString, "Bücher 😀")]
        [InlineData(DerStringType.TeletexString, "Bucher")]
        public void Subject_attributes_are_written_in_the_string_type_asked_for(DerStringType type, string value)
        {
            byte[] der = new CertificateBuilder().Subject(n => n.OrganizationalUnit(value, type).CommonName("x")).ToDer();

            using X509Certificate2 bcl = X509CertificateLoader.LoadCertificate(der);
            X500RelativeDistinguishedName[] rdns = bcl.SubjectName.EnumerateRelativeDistinguishedNames(reversed: false).ToArray();
            Assert.Equal(new[] { "2.5.4.11", "2.5.4.3" }, rdns.Select(r => r.GetSingleElementType().Value).ToArray());
            // The BCL decodes every type but UniversalString (it returns null there); the tag and Tsid's parser cover that one.
            Assert.Equal(type == DerStringType.UniversalString ? null : value, rdns[0].GetSingleElementValue());
            var reader = new AsnReader(rdns[0].RawData, AsnEncodingRules.DER).ReadSetOf().ReadSequence();
            reader.ReadObjectIdentifier();
            Assert.Equal(new Asn1Tag(UniversalTag(type)), reader.PeekTag());

            Assert.True(Certificate.TryParse(der, out Certificate parsed, out X509Error error), error.ToString());
            Assert.True(parsed.Subject.TryGetFirst(AttributeType.OrganizationalUnitName, out DirectoryString ou));
            Assert.Equal((byte)type, ou.Tag);
            Assert.Equal(value, ou.GetString());
        }

        [Fact]
        public void A_subject_with_no_common_name_and_a_nul_byte_is_kept_byte_for_byte()
        {
            byte[] der = new CertificateBuilder().Subject(n => n.Organization("Evil\0.example")).ToDer();

            using X509Certificate2 bcl = X509CertificateLoader.LoadCertificate(der);
            Assert.Equal("Evil\0.example", bcl.SubjectName.EnumerateRelativeDistinguishedNames().Single().GetSingleElementValue());
            Assert.DoesNotContain("CN=", bcl.Subject, StringComparison.Ordinal);
        }

        [Fact]
        public void General_names_of_every_type_come_back_in_the_order_written()
        {
            byte[] der = new CertificateBuilder()
                .SubjectAltName(s => s
                    .Rfc822Name("admin@example.com")
                    .DnsName("*.example.com")
                    .DnsName("bücher.example")
                    .DnsNameAsALabels("bücher.example")
                    .Uri("https://example.com/x")
                    .IPAddress(IPAddress.Parse("198.51.100.1"))
                    .DirectoryName(n => n.CommonName("dir.example"))
                    .OtherName("1.3.6.1.4.1.311.20.2.3", Der.Utf8String("upn@example.com"))
                    .RegisteredId("1.2.3.4.5")
                    .X400Address(Der.Sequence())
                    .EdiPartyName(Der.Tlv(0xA1, Der.Utf8String("party")))
                    .RawDnsName(Encoding.ASCII.GetBytes("nul\0.example")))
                .ToDer();

            // System.Formats.Asn1 reads the GeneralNames: the tags, in order.
            using X509Certificate2 bcl = X509CertificateLoader.LoadCertificate(der);
            var names = new AsnReader(bcl.Extensions["2.5.29.17"]!.RawData, AsnEncodingRules.DER).ReadSequence();
            var tags = new List<int>();
            var dnsNames = new List<string>();
            while (names.HasData)
            {
                Asn1Tag tag = names.PeekTag();
                tags.Add(tag.TagValue);
                if (tag.TagValue == 2)
                {
                    dnsNames.Add(Encoding.UTF8.GetString(names.ReadOctetString(tag)));
                }
                else
                {
                    names.ReadEncodedValue();
                }
            }

            Assert.Equal(new[] { 1, 2, 2, 2, 6, 7, 4, 0, 8, 3, 5, 2 }, tags);
            Assert.Equal(new[] { "*.example.com", "bücher.example", "xn--bcher-kva.example", "nul\0.example" }, dnsNames);

            // Tsid's parser agrees, name by name.
            Assert.True(Certificate.TryParse(der, out Certificate parsed, out X509Error error), error.ToString());
            Assert.True(parsed.TryGetSubjectAltName(out SubjectAltName san));
            var types = new List<GeneralNameType>();
            foreach (GeneralName name in san)
            {
                types.Add(name.Type);
            }

            Assert.Equal(
                new[]
                {
                    GeneralNameType.Rfc822Name, GeneralNameType.DnsName, GeneralNameType.DnsName, GeneralNameType.DnsName,
                    GeneralNameType.UniformResourceIdentifier, GeneralNameType.IPAddress, GeneralNameType.DirectoryName,
                    GeneralNameType.OtherName, GeneralNameType.RegisteredId, GeneralNameType.X400Address, GeneralNameType.EdiPartyName,
                    GeneralNameType.DnsName,
                },
                types);
        }

        [Fact]
        public void Validity_is_utctime_before_2050_and_generalizedtime_from_2050_or_as_forced()
        {
            var before = new DateTimeOffset(2049, 12, 31, 23, 59, 59, TimeSpan.Zero);
            var after = new DateTimeOffset(2050, 1, 1, 0, 0, 0, TimeSpan.Zero);
            byte[] rfc = new CertificateBuilder().Validity(before, after).ToDer();
            byte[] forced = new CertificateBuilder().Validity(before, after, CertificateTimeEncoding.GeneralizedTime).ToDer();

            Assert.Equal(new[] { UniversalTagNumber.UtcTime, UniversalTagNumber.GeneralizedTime }, TimeTags(rfc));
            Assert.Equal(new[] { UniversalTagNumber.GeneralizedTime, UniversalTagNumber.GeneralizedTime }, TimeTags(forced));
            using X509Certificate2 bcl = X509CertificateLoader.LoadCertificate(rfc);
            Assert.Equal(before.UtcDateTime, bcl.NotBefore.ToUniversalTime());
            Assert.Equal(after.UtcDateTime, bcl.NotAfter.ToUniversalTime());
        }

        [Fact]
        public void The_dummy_signed_certificate_parses_everywhere_and_verifies_nowhere()
        {
            byte[] der = new CertificateBuilder().Subject(n => n.CommonName("dummy.example")).ToDer();

            Assert.True(Certificate.TryParse(der, out Certificate parsed, out X509Error error), error.ToString());
            Assert.True(parsed.Subject.TryGetFirst(AttributeType.CommonName, out DirectoryString cn));
            Assert.Equal("dummy.example", cn.GetString());
            using X509Certificate2 bcl = X509CertificateLoader.LoadCertificate(der);
            Assert.Equal("CN=dummy.example", bcl.Subject);
            Assert.Equal("CN=Test CA", bcl.Issuer);
            (_, byte[] signature) = TbsAndSignature(der);
            Assert.Equal(new byte[] { 1, 2, 3, 4 }, signature);
        }

        [Fact]
        public void Pem_is_the_der_in_base64_lines_the_bcl_reads()
        {
            var builder = new CertificateBuilder().Subject(n => n.CommonName("pem.example")).SubjectAltName(s => s.DnsNames("pem.example"));
            string pem = builder.ToPem();

            Assert.StartsWith("-----BEGIN CERTIFICATE-----\n", pem, StringComparison.Ordinal);
            Assert.EndsWith("-----END CERTIFICATE-----\n", pem, StringComparison.Ordinal);
            Assert.All(pem.Split('\n'), line => Assert.True(line.Length <= 64, line));
            using X509Certificate2 bcl = X509Certificate2.CreateFromPem(pem);
            Assert.Equal(builder.ToDer(), bcl.RawData);
        }

        [Fact]
        public void Raw_fields_are_written_exactly_as_given()
        {
            byte[] badTime = Der.Tlv(0x04, new byte[] { 0x30 });
            byte[] der = new CertificateBuilder().RawVersion(Der.Tlv(0xA0, Der.Integer(7))).RawValidity(Der.UtcTime(CertificateBuilder.DefaultNotBefore), badTime).ToDer();

            Assert.True(new CertificateBuilder().ToTbsDer().AsSpan().IndexOf(Der.UtcTime("351231235959Z")) > 0);
            Assert.True(der.AsSpan().IndexOf(badTime) > 0);
            Assert.True(der.AsSpan().IndexOf(Der.Tlv(0xA0, Der.Integer(7))) > 0);
        }

        internal static (byte[] Tbs, byte[] Signature) TbsAndSignature(byte[] der)
        {
            AsnReader certificate = new AsnReader(der, AsnEncodingRules.DER).ReadSequence();
            byte[] tbs = certificate.ReadEncodedValue().ToArray();
            certificate.ReadSequence();
            byte[] signature = certificate.ReadBitString(out int unused);
            Assert.Equal(0, unused);
            return (tbs, signature);
        }

        private static UniversalTagNumber[] TimeTags(byte[] der)
        {
            AsnReader tbs = new AsnReader(der, AsnEncodingRules.DER).ReadSequence().ReadSequence();
            tbs.ReadEncodedValue(); // version
            tbs.ReadEncodedValue(); // serialNumber
            tbs.ReadEncodedValue(); // signature
            tbs.ReadEncodedValue(); // issuer
            AsnReader validity = tbs.ReadSequence();
            UniversalTagNumber first = (UniversalTagNumber)validity.PeekTag().TagValue;
            validity.ReadEncodedValue();
            return new[] { first, (UniversalTagNumber)validity.PeekTag().TagValue };
        }

        private static UniversalTagNumber UniversalTag(DerStringType type) => (UniversalTagNumber)(byte)type;
    }
}
