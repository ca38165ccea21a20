using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Tsid.Testing;
using Tsid.X509;
using Xunit;
using static Tsid.Testing.Der;
using static Tsid.Tests.X509.TestCertificates;

namespace Tsid.Tests.X509
{
    public class SubjectAltNameTests
    {
        private static readonly byte[] Subject = Name(Rdn(Attribute("2.5.4.3", Utf8String("s"))));

        private static List<(GeneralNameType Type, string Text, bool Valid)> Entries(byte[] der, CertificateParseOptions? options = null)
        {
            Assert.True(Certificate.TryParse(der, options ?? CertificateParseOptions.Default, out Certificate certificate, out X509Error error), error.ToString());
            Assert.True(certificate.TryGetSubjectAltName(out SubjectAltName san));
            List<(GeneralNameType, string, bool)> entries = new();
            foreach (GeneralName name in san)
            {
                entries.Add((name.Type, name.GetString(), name.IsValid));
            }

            return entries;
        }

        [Fact]
        public void Every_general_name_type_is_read_in_wire_order()
        {
            byte[] directoryName = Name(Rdn(Attribute("2.5.4.3", Utf8String("dir"))), Rdn(Attribute("2.5.4.10", Utf8String("O"))));
            byte[] otherName = Tlv(0xA0, Oid("1.3.6.1.4.1.311.20.2.3"), Tlv(0xA0, Utf8String("upn@example.com")));
            byte[] der = BuildCertificate(Subject, new[]
            {
                SanExtension(
                    AsciiString(0x82, "b.example"),
                    Tlv(0x87, new byte[] { 192, 0, 2, 1 }),
                    Tlv(0x87, IPAddress.Parse("2001:db8::1").GetAddressBytes()),
                    AsciiString(0x81, "user@example.com"),
                    AsciiString(0x86, "https://example.com/x"),
                    Tlv(0xA4, directoryName),
                    otherName,
                    Tlv(0x88, OidContents("1.2.3.4")),
                    Tlv(0xA3, Sequence(PrintableString("x400"))),
                    Tlv(0xA5, Tlv(0x81, Utf8String("edi"))),
                    AsciiString(0x82, "a.example")),
            });

            List<(GeneralNameType Type, string Text, bool Valid)> entries = Entries(der, CertificateParseOptions.Strict);
            Assert.Equal(
                new[]
                {
                    GeneralNameType.DnsName, GeneralNameType.IPAddress, GeneralNameType.IPAddress, GeneralNameType.Rfc822Name,
                    GeneralNameType.UniformResourceIdentifier, GeneralNameType.DirectoryName, GeneralNameType.OtherName,
                    GeneralNameType.RegisteredId, GeneralNameType.X400Address, GeneralNameType.EdiPartyName, GeneralNameType.DnsName,
                },
                entries.ConvertAll(e => e.Type));
            Assert.Equal("b.example", entries[0].Text);
            Assert.Equal("192.0.2.1", entries[1].Text);
            Assert.Equal("2001:db8:0:0:0:0:0:1", entries[2].Text);
            Assert.Equal("user@example.com", entries[3].Text);
            Assert.Equal("https://example.com/x", entries[4].Text);
            Assert.Equal("O=O,CN=dir", entries[5].Text);
            Assert.Equal("1.2.3.4", entries[7].Text);
            Assert.Equal("a.example", entries[10].Text);
            Assert.All(entries, e => Assert.True(e.Valid));

            Assert.True(Certificate.TryParse(der, out Certificate certificate, out _));
            Assert.True(certificate.TryGetSubjectAltName(out SubjectAltName san));
            foreach (GeneralName name in san.Enumerate(GeneralNameType.OtherName))
            {
                Assert.True(name.TryGetOtherName(out ReadOnlySpan<byte> typeId, out ReadOnlySpan<byte> value));
                Assert.Equal("1.3.6.1.4.1.311.20.2.3", ObjectIdentifier.ToDottedString(typeId));
                Assert.Equal(Utf8String("upn@example.com"), value.ToArray());
            }

            foreach (GeneralName name in san.Enumerate(GeneralNameType.DirectoryName))
            {
                Assert.True(name.TryGetDirectoryName(out DistinguishedName dn));
                Assert.True(dn.TryGetFirst(AttributeType.CommonName, out DirectoryString cn));
                Assert.Equal("dir", cn.GetString());
            }
        }

        [Fact]
        public void Malformed_entries_are_invalid_in_lenient_mode_and_the_rest_stays_readable()
        {
            byte[] der = BuildCertificate(Subject, new[]
            {
                SanExtension(
                    AsciiString(0x82, "first.example"),
                    Tlv(0x87, new byte[] { 1, 2, 3, 4, 5 }), // iPAddress of 5 octets
                    Tlv(0xA2, AsciiString(0x16, "constructed")), // dNSName with the constructed bit
                    Tlv(0x89, new byte[] { 1 }), // context tag 9 does not exist
                    Tlv(0x88, new byte[] { 0x80 }), // registeredID that is not an OID
                    AsciiString(0x82, "last.example")),
            });

            List<(GeneralNameType Type, string Text, bool Valid)> entries = Entries(der);
            Assert.Equal(6, entries.Count);
            Assert.Equal((GeneralNameType.DnsName, "first.example", true), entries[0]);
            for (int i = 1; i <= 4; i++)
            {
                Assert.Equal(GeneralNameType.Invalid, entries[i].Type);
                Assert.False(entries[i].Valid);
            }

            Assert.Equal((GeneralNameType.DnsName, "last.example", true), entries[5]);

            Assert.False(Certificate.TryParse(der, CertificateParseOptions.Strict, out _, out X509Error error));
            Assert.Equal(X509ErrorCode.InvalidGeneralName, error.Code);
            Assert.Equal(der.AsSpan().IndexOf(new byte[] { 0x87, 0x05 }), error.Offset);
        }

        [Fact]
        public void Broken_entry_framing_yields_one_invalid_remainder()
        {
            byte[] entries = Concat(AsciiString(0x82, "ok.example"), new byte[] { 0x82, 0x7F, 0x61 });
            byte[] der = BuildCertificate(Subject, new[] { Extension("2.5.29.17", false, Tlv(0x30, entries)) });
            List<(GeneralNameType Type, string Text, bool Valid)> list = Entries(der);
            Assert.Equal(2, list.Count);
            Assert.Equal("ok.example", list[0].Text);
            Assert.Equal(GeneralNameType.Invalid, list[1].Type);
            Assert.Equal("#827F61", list[1].Text);
        }

        [Fact]
        public void A_value_that_is_not_a_sequence_is_one_invalid_entry_in_lenient_mode()
        {
            byte[] der = BuildCertificate(Subject, new[] { Extension("2.5.29.17", false, AsciiString(0x82, "bare.example")) });
            List<(GeneralNameType Type, string Text, bool Valid)> list = Entries(der);
            Assert.Single(list);
            Assert.Equal(GeneralNameType.Invalid, list[0].Type);
            Assert.False(Certificate.TryParse(der, CertificateParseOptions.Strict, out _, out X509Error error));
            Assert.Equal(X509ErrorCode.UnexpectedTag, error.Code);
        }

        [Fact]
        public void Utf8_in_a_dns_name_is_kept_in_lenient_mode_and_rejected_in_strict_mode()
        {
            byte[] der = BuildCertificate(Subject, new[] { SanExtension(Tlv(0x82, System.Text.Encoding.UTF8.GetBytes("bíztosítás.hu"))) });
            Assert.True(Certificate.TryParse(der, out Certificate certificate, out _));
            Assert.True(certificate.TryGetSubjectAltName(out SubjectAltName san));
            GeneralNameEnumerator e = san.GetEnumerator();
            Assert.True(e.MoveNext());
            Assert.Equal(GeneralNameType.DnsName, e.Current.Type);
            Assert.Equal(System.Text.Encoding.UTF8.GetBytes("bíztosítás.hu"), e.Current.Value.ToArray());
            Assert.False(Certificate.TryParse(der, CertificateParseOptions.Strict, out _, out X509Error error));
            Assert.Equal(X509ErrorCode.InvalidGeneralName, error.Code);
        }

        [Fact]
        public void Absent_extension_returns_false()
        {
            Assert.True(Certificate.TryParse(BuildCertificate(Subject), out Certificate certificate, out _));
            Assert.False(certificate.TryGetSubjectAltName(out _));
        }

        [Fact]
        public void Certificate_request_built_sans_agree()
        {
            using ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            X500DistinguishedNameBuilder subject = new();
            subject.AddCountryOrRegion("US");
            subject.AddOrganizationName("Example, Inc.");
            subject.AddOrganizationalUnitName("Ops");
            subject.AddCommonName("svc.example.com");
            CertificateRequest request = new(subject.Build(), key, HashAlgorithmName.SHA256);
            SubjectAlternativeNameBuilder sans = new();
            sans.AddDnsName("svc.example.com");
            sans.AddIpAddress(IPAddress.Parse("10.0.0.1"));
            sans.AddEmailAddress("ops@example.com");
            sans.AddUri(new Uri("spiffe://example.com/svc"));
            sans.AddDnsName("alt.example.com");
            sans.AddIpAddress(IPAddress.Parse("::1"));
            request.CertificateExtensions.Add(sans.Build());
            using X509Certificate2 made = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));

            List<(GeneralNameType Type, string Text, bool Valid)> entries = Entries(made.RawData, CertificateParseOptions.Strict);
            Assert.Equal(
                new (GeneralNameType, string, bool)[]
                {
                    (GeneralNameType.DnsName, "svc.example.com", true),
                    (GeneralNameType.IPAddress, "10.0.0.1", true),
                    (GeneralNameType.Rfc822Name, "ops@example.com", true),
                    (GeneralNameType.UniformResourceIdentifier, "spiffe://example.com/svc", true),
                    (GeneralNameType.DnsName, "alt.example.com", true),
                    (GeneralNameType.IPAddress, "0:0:0:0:0:0:0:1", true),
                },
                entries);
            Assert.True(Certificate.TryParse(made.RawData, out Certificate certificate, out _));

            // X500DistinguishedNameBuilder writes the RDNs in reverse of the Add calls, so CN is first in DER and last here.
            Assert.Equal("C=US,O=Example\\, Inc.,OU=Ops,CN=svc.example.com", certificate.Subject.ToRfc4514String());
            Assert.Equal("CN=svc.example.com", made.SubjectName.EnumerateRelativeDistinguishedNames(reversed: false).First() is { } first ? "CN=" + first.GetSingleElementValue() : null);
        }
    }
}
