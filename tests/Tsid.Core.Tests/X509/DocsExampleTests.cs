using System;
using System.Collections.Generic;
using System.Text;
using Tsid.Tests.Support;
using Tsid.X509;
using Xunit;

namespace Tsid.Tests.X509
{
    /// <summary>The code shown in docs/x509.md, compiled and run so the page cannot drift from the API.</summary>
    public class DocsExampleTests
    {
        // docs/x509.md: "Parse a certificate and read its names"
        private static List<string> ReadNames(byte[] der)
        {
            List<string> lines = new();
            if (!Certificate.TryParse(der, out Certificate certificate, out X509Error error))
            {
                lines.Add("not a certificate: " + error); // e.g. "Truncated at offset 0"
                return lines;
            }

            // Every CN and OU of the subject, in DER order. Nothing is allocated until GetString().
            foreach (AttributeTypeAndValue cn in certificate.Subject.EnumerateAttributes(AttributeType.CommonName))
            {
                lines.Add("CN  " + cn.Value.GetString());
            }

            foreach (AttributeTypeAndValue ou in certificate.Subject.EnumerateAttributes(AttributeType.OrganizationalUnitName))
            {
                lines.Add("OU  " + ou.Value.GetString());
            }

            // Every SAN entry in wire order; dNSName values are IA5 bytes.
            if (certificate.TryGetSubjectAltName(out SubjectAltName san))
            {
                foreach (GeneralName name in san)
                {
                    lines.Add(name.Type + "  " + name.GetString());
                }
            }

            lines.Add("subject " + certificate.Subject.ToRfc4514String());
            return lines;
        }

        // docs/x509.md: "Without allocating"
        private static bool HasDnsName(ReadOnlySpan<byte> der, ReadOnlySpan<byte> wanted)
        {
            if (!Certificate.TryParse(der, out Certificate certificate, out _) || !certificate.TryGetSubjectAltName(out SubjectAltName san))
            {
                return false;
            }

            foreach (GeneralName name in san.Enumerate(GeneralNameType.DnsName))
            {
                if (name.Value.SequenceEqual(wanted))
                {
                    return true;
                }
            }

            return false;
        }

        // docs/x509.md: "Decoding into your own buffer"
        private static string FirstCommonName(ReadOnlySpan<byte> der)
        {
            Span<char> buffer = stackalloc char[256];
            if (Certificate.TryParse(der, out Certificate certificate, out _)
                && certificate.Subject.TryGetFirst(AttributeType.CommonName, out DirectoryString cn)
                && cn.TryDecode(buffer, out int written))
            {
                return buffer.Slice(0, written).ToString();
            }

            return string.Empty;
        }

        // docs/x509.md: "PEM"
        private static List<string> SubjectsFromPem(string pem)
        {
            List<string> subjects = new();
            byte[] buffer = new byte[16 * 1024];
            PemCertificateEnumerator blocks = Pem.EnumerateCertificates(pem);
            while (blocks.MoveNext())
            {
                if (blocks.Current.TryDecode(buffer, out int length)
                    && Certificate.TryParse(buffer.AsSpan(0, length), out Certificate certificate, out _))
                {
                    subjects.Add(certificate.Subject.ToRfc4514String());
                }
            }

            return subjects;
        }

        // docs/x509.md: "Names only"
        private static string FirstDnsName(ReadOnlySpan<byte> der)
        {
            if (Certificate.TryParse(der, CertificateParseOptions.Deferred, out Certificate certificate, out _)
                && certificate.TryGetSubjectAltName(out SubjectAltName san))
            {
                foreach (GeneralName name in san.Enumerate(GeneralNameType.DnsName))
                {
                    return name.GetString();
                }
            }

            return string.Empty;
        }

        // docs/x509.md: "Strict mode"
        private static string StrictVerdict(byte[] der) =>
            Certificate.TryParse(der, CertificateParseOptions.Strict, out _, out X509Error error) ? "ok" : error.ToString();

        [Fact]
        public void Read_names_example()
        {
            List<string> lines = ReadNames(Fixture.Bytes("cisco-nocn.der"));
            Assert.Equal("OU  Cisco Smart Licensing", lines[0]);
            Assert.Equal("DnsName  toos.cisco.com", lines[1]);
            Assert.Equal("DnsName  tools.cisco.com", lines[2]);
            Assert.Equal("subject OU=Cisco Smart Licensing,O=Cisco Systems Inc.,L=San Jose,ST=California,C=US", lines[^1]);
            Assert.Equal("not a certificate: Truncated at offset 0", ReadNames(Fixture.Bytes("cisco-nocn.der")[..100])[0]);
        }

        [Fact]
        public void Other_examples()
        {
            byte[] der = Fixture.Bytes("cisco-cn.der");
            Assert.True(HasDnsName(der, "tools1.cisco.com"u8));
            Assert.False(HasDnsName(der, "example.com"u8));
            Assert.Equal("tools.cisco.com", FirstCommonName(der));
            string pem = "-----BEGIN CERTIFICATE-----\n" + Convert.ToBase64String(der) + "\n-----END CERTIFICATE-----\n"
                + "-----BEGIN CERTIFICATE-----\n" + Convert.ToBase64String(Fixture.Bytes("small-ec.der")) + "\n-----END CERTIFICATE-----\n";
            Assert.Equal(new[] { "CN=tools.cisco.com,OU=Cisco Smart Licensing,O=Cisco Systems Inc.,L=San Jose,ST=California,C=US", "CN=www.example.com" }, SubjectsFromPem(pem));
            Assert.Equal("ok", StrictVerdict(der));
            Assert.Equal("toos.cisco.com", FirstDnsName(Fixture.Bytes("cisco-nocn.der")));
            Assert.Equal(string.Empty, FirstDnsName(Fixture.Bytes("cisco-nocn.der")[..100]));
            Assert.Equal(Encoding.ASCII.GetBytes("ok"), Encoding.ASCII.GetBytes(StrictVerdict(Fixture.Bytes("small-ec.der"))));
        }
    }
}
