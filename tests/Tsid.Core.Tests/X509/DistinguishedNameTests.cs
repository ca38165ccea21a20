using System;
using System.Collections.Generic;
using System.Text;
using Tsid.Testing;
using Tsid.X509;
using Xunit;
using static Tsid.Testing.Der;
using static Tsid.Tests.X509.TestCertificates;

namespace Tsid.Tests.X509
{
    public class DistinguishedNameTests
    {
        private static string Decode(byte[] value)
        {
            byte[] der = BuildCertificate(Name(Rdn(Attribute("2.5.4.3", value))));
            Assert.True(Certificate.TryParse(der, out Certificate certificate, out X509Error error), error.ToString());
            Assert.True(certificate.Subject.TryGetFirst(AttributeType.CommonName, out DirectoryString cn));
            string viaString = cn.GetString();
            char[] buffer = new char[cn.MaxCharCount];
            Assert.True(cn.TryDecode(buffer, out int written));
            Assert.Equal(viaString, new string(buffer, 0, written));
            Assert.True(cn.ValueEquals(viaString));
            return viaString;
        }

        [Fact]
        public void Decodes_every_string_type()
        {
            Assert.Equal("héllo ☃ 😀", Decode(Utf8String("héllo ☃ 😀")));
            Assert.Equal("Plain Text", Decode(PrintableString("Plain Text")));
            Assert.Equal("a@b.c", Decode(AsciiString(0x16, "a@b.c")));
            Assert.Equal("Visible~", Decode(AsciiString(0x1A, "Visible~")));
            Assert.Equal("0123 45", Decode(AsciiString(0x12, "0123 45")));

            // TeletexString is read as Latin-1, as OpenSSL does: 0xE9 is 'é'.
            Assert.Equal("caf\u00e9", Decode(Tlv(0x14, new byte[] { 0x63, 0x61, 0x66, 0xE9 })));

            // BMPString is UCS-2 big-endian; UniversalString UCS-4 big-endian (with a supplementary code point).
            Assert.Equal("Aé☃", Decode(Tlv(0x1E, Encoding.BigEndianUnicode.GetBytes("Aé☃"))));
            Assert.Equal("A😀", Decode(Tlv(0x1C, new UTF32Encoding(bigEndian: true, byteOrderMark: false).GetBytes("A😀"))));
        }

        [Fact]
        public void Embedded_nul_bytes_are_kept()
        {
            Assert.Equal("www.bank.com\0.evil.com", Decode(Utf8String("www.bank.com\0.evil.com")));
            Assert.Equal("a\0b", Decode(PrintableString("a\0b")));
        }

        [Fact]
        public void Try_decode_fails_when_the_buffer_is_too_small_and_on_malformed_utf8()
        {
            byte[] der = BuildCertificate(Name(Rdn(Attribute("2.5.4.3", Utf8String("example")))));
            Assert.True(Certificate.TryParse(der, out Certificate certificate, out _));
            Assert.True(certificate.Subject.TryGetFirst(AttributeType.CommonName, out DirectoryString cn));
            Assert.False(cn.TryDecode(new char[6], out int written));
            Assert.Equal(0, written);

            byte[] bad = BuildCertificate(Name(Rdn(Attribute("2.5.4.3", Tlv(0x0C, new byte[] { 0x61, 0xC0, 0xAF, 0x62 })))));
            Assert.True(Certificate.TryParse(bad, out certificate, out _));
            Assert.True(certificate.Subject.TryGetFirst(AttributeType.CommonName, out cn));
            Assert.False(cn.IsValid);
            Assert.False(cn.TryDecode(new char[16], out _));
            Assert.Equal("a\uFFFD\uFFFDb", cn.GetString());
            Assert.Equal(new byte[] { 0x61, 0xC0, 0xAF, 0x62 }, cn.RawValue.ToArray());
        }

        [Fact]
        public void Odd_length_bmp_string_is_invalid()
        {
            byte[] der = BuildCertificate(Name(Rdn(Attribute("2.5.4.3", Tlv(0x1E, new byte[] { 0, 0x41, 0 })))));
            Assert.True(Certificate.TryParse(der, out Certificate certificate, out _));
            Assert.True(certificate.Subject.TryGetFirst(AttributeType.CommonName, out DirectoryString cn));
            Assert.False(cn.IsValid);
            Assert.False(cn.TryDecode(new char[8], out _));
            Assert.False(Certificate.TryParse(der, CertificateParseOptions.Strict, out _, out X509Error error));
            Assert.Equal(X509ErrorCode.InvalidString, error.Code);
        }

        [Fact]
        public void Multi_valued_rdns_keep_der_order_and_join_with_plus()
        {
            byte[] name = Name(
                Rdn(Attribute("2.5.4.6", PrintableString("US"))),
                Rdn(Attribute("2.5.4.10", Utf8String("Org")), Attribute("2.5.4.11", Utf8String("Unit A")), Attribute("2.5.4.11", Utf8String("Unit B"))),
                Rdn(Attribute("2.5.4.3", Utf8String("host"))));
            Assert.True(DistinguishedName.TryParse(name, out DistinguishedName dn, out _));
            List<int> counts = new();
            foreach (RelativeDistinguishedName rdn in dn)
            {
                counts.Add(rdn.Count);
            }

            Assert.Equal(new[] { 1, 3, 1 }, counts);
            Assert.Equal("CN=host,O=Org+OU=Unit A+OU=Unit B,C=US", dn.ToRfc4514String());
            List<string> ous = new();
            foreach (AttributeTypeAndValue ou in dn.EnumerateAttributes(AttributeType.OrganizationalUnitName))
            {
                ous.Add(ou.Value.GetString());
            }

            Assert.Equal(new[] { "Unit A", "Unit B" }, ous);
        }

        [Theory]
        [InlineData("a,b", "CN=a\\,b")]
        [InlineData("a+b;c<d>e\"f\\g", "CN=a\\+b\\;c\\<d\\>e\\\"f\\\\g")]
        [InlineData(" lead", "CN=\\ lead")]
        [InlineData("trail ", "CN=trail\\ ")]
        [InlineData("#hash", "CN=\\#hash")]
        [InlineData("mid#dle = ok", "CN=mid#dle = ok")]
        [InlineData("nul\0byte", "CN=nul\\00byte")]
        [InlineData("", "CN=")]
        public void Rfc4514_escapes_per_section_2_4(string value, string expected)
        {
            Assert.True(DistinguishedName.TryParse(Name(Rdn(Attribute("2.5.4.3", Utf8String(value)))), out DistinguishedName dn, out _));
            Assert.Equal(expected, dn.ToRfc4514String());
        }

        [Fact]
        public void Rfc4514_uses_short_names_only_for_the_rfc_set_and_dotted_oids_otherwise()
        {
            byte[] name = Name(
                Rdn(Attribute("0.9.2342.19200300.100.1.25", AsciiString(0x16, "com"))),
                Rdn(Attribute("0.9.2342.19200300.100.1.1", Utf8String("uid1"))),
                Rdn(Attribute("2.5.4.9", Utf8String("Main St"))),
                Rdn(Attribute("1.2.840.113549.1.9.1", AsciiString(0x16, "a@b.c"))),
                Rdn(Attribute("2.5.4.5", PrintableString("123"))),
                Rdn(Attribute("1.2.3.4.5.6.7.8.9.4294967296.18446744073709551617", Utf8String("big"))),
                Rdn(Attribute("2.5.4.45", Tlv(0x03, new byte[] { 0x00, 0xAB }))));
            Assert.True(DistinguishedName.TryParse(name, out DistinguishedName dn, out _));
            Assert.Equal(
                "2.5.4.45=#030200AB,1.2.3.4.5.6.7.8.9.4294967296.18446744073709551617=big,2.5.4.5=123,1.2.840.113549.1.9.1=a@b.c,STREET=Main St,UID=uid1,DC=com",
                dn.ToRfc4514String());

            List<AttributeType> types = new();
            foreach (AttributeTypeAndValue a in dn.EnumerateAttributes())
            {
                types.Add(a.Type);
            }

            Assert.Equal(
                new[]
                {
                    AttributeType.DomainComponent, AttributeType.UserId, AttributeType.StreetAddress, AttributeType.EmailAddress,
                    AttributeType.SerialNumber, AttributeType.Unknown, AttributeType.X500UniqueIdentifier,
                },
                types);
        }

        [Fact]
        public void Empty_name_is_empty()
        {
            Assert.True(DistinguishedName.TryParse(Name(), out DistinguishedName dn, out _));
            Assert.True(dn.IsEmpty);
            Assert.Equal(string.Empty, dn.ToRfc4514String());
            Assert.False(dn.EnumerateAttributes().MoveNext());
        }

        [Theory]
        [InlineData("30 02 31 00", X509ErrorCode.InvalidName, 2)] // empty RDN SET
        [InlineData("30 04 31 02 30 00", X509ErrorCode.Truncated, 6)] // ATV without OID
        [InlineData("30 07 31 05 30 03 02 01 00", X509ErrorCode.UnexpectedTag, 6)] // ATV type is not an OID
        [InlineData("30 09 31 07 30 05 06 03 55 04 03", X509ErrorCode.Truncated, 11)] // ATV without value
        [InlineData("30 0B 31 08 30 07 06 03 55 04 03 05 00", X509ErrorCode.Truncated, 4)] // inner length past its SET
        public void Malformed_names_are_rejected_with_offsets(string hex, X509ErrorCode code, int offset)
        {
            byte[] bytes = Convert.FromHexString(hex.Replace(" ", string.Empty, StringComparison.Ordinal));
            Assert.False(DistinguishedName.TryParse(bytes, out _, out X509Error error));
            Assert.Equal(code, error.Code);
            Assert.Equal(offset, error.Offset);
        }
    }
}
