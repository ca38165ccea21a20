using System;
using System.Collections.Generic;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Tsid.Docs.Tests.Samples;
using Tsid.Docs.Tests.Support;
using Xunit;

namespace Tsid.Docs.Tests
{
    /// <summary>Runs the blocks of docs/x509.md on the project's certificates; .NET's own X.509 reader is the oracle for the SAN order.</summary>
    public class X509SampleTests
    {
        private const string CiscoSubject = "OU=Cisco Smart Licensing,O=Cisco Systems Inc.,L=San Jose,ST=California,C=US";

        private static readonly byte[] CiscoNoCn = Fixture.Bytes("cisco-nocn.der");
        private static readonly byte[] CiscoCn = Fixture.Bytes("cisco-cn.der");
        private static readonly byte[] SmallEc = Fixture.Bytes("small-ec.der");

        [Fact]
        public void Read_names_prints_the_ou_then_every_san_in_certificate_order_then_the_subject()
        {
            var expected = new List<string> { "OU  Cisco Smart Licensing" };
            foreach (string dnsName in DnsNamesByDotNet(CiscoNoCn))
            {
                expected.Add("DnsName  " + dnsName);
            }

            expected.Add("subject " + CiscoSubject);

            List<string> lines = X509Samples.CallReadNames(CiscoNoCn);

            Assert.Equal(expected, lines);
            Assert.Equal("DnsName  toos.cisco.com", lines[1]);
            Assert.Equal("DnsName  tools.cisco.com", lines[2]);
        }

        [Fact]
        public void Read_names_lists_a_cn_first_when_there_is_one()
        {
            List<string> lines = X509Samples.CallReadNames(CiscoCn);
            Assert.Equal("CN  tools.cisco.com", lines[0]);
            Assert.Equal("OU  Cisco Smart Licensing", lines[1]);
            Assert.Equal("subject CN=tools.cisco.com," + CiscoSubject, lines[^1]);
        }

        [Fact]
        public void Read_names_reports_a_truncated_certificate_as_the_comment_says()
        {
            Assert.Equal(new List<string> { "not a certificate: Truncated at offset 0" }, X509Samples.CallReadNames(CiscoNoCn.AsSpan(0, 200).ToArray()));
        }

        [Fact]
        public void Has_dns_name_finds_tools1_in_the_seed_certificate()
        {
            Assert.True(X509Samples.CallHasDnsName(CiscoNoCn, "tools1.cisco.com"u8));
            Assert.True(X509Samples.CallHasDnsName(CiscoNoCn, "toos.cisco.com"u8));
            Assert.False(X509Samples.CallHasDnsName(CiscoNoCn, "tools1.cisco.co"u8));
            Assert.False(X509Samples.CallHasDnsName(SmallEc, "tools1.cisco.com"u8));
            Assert.False(X509Samples.CallHasDnsName(CiscoNoCn.AsSpan(1), "tools1.cisco.com"u8));
        }

        [Fact]
        public void First_dns_name_of_the_seed_certificate_is_toos()
        {
            Assert.Equal("toos.cisco.com", X509Samples.CallFirstDnsName(CiscoNoCn));
            Assert.Equal("www.example.com", X509Samples.CallFirstDnsName(SmallEc));
            Assert.Equal(string.Empty, X509Samples.CallFirstDnsName(new byte[] { 0x30, 0x00 }));
        }

        [Fact]
        public void First_common_name_decodes_into_the_stack_buffer()
        {
            Assert.Equal("tools.cisco.com", X509Samples.CallFirstCommonName(CiscoCn));
            Assert.Equal("www.example.com", X509Samples.CallFirstCommonName(SmallEc));
            Assert.Equal(string.Empty, X509Samples.CallFirstCommonName(CiscoNoCn));
        }

        [Fact]
        public void Subjects_from_pem_skip_text_and_keys_and_accept_the_legacy_label()
        {
            string pem = "Some explanatory text\n"
                + Pem("CERTIFICATE", CiscoNoCn)
                + Pem("PRIVATE KEY", new byte[] { 1, 2, 3, 4 })
                + "more text\n"
                + Pem("X509 CERTIFICATE", SmallEc)
                + Pem("CERTIFICATE", CiscoCn);

            Assert.Equal(
                new List<string> { CiscoSubject, "CN=www.example.com", "CN=tools.cisco.com," + CiscoSubject },
                X509Samples.CallSubjectsFromPem(pem));
        }

        private static List<string> DnsNamesByDotNet(byte[] der)
        {
            using X509Certificate2 certificate = X509CertificateLoader.LoadCertificate(der);
            var names = new List<string>();
            foreach (X509Extension extension in certificate.Extensions)
            {
                if (extension is X509SubjectAlternativeNameExtension san)
                {
                    names.AddRange(san.EnumerateDnsNames());
                }
            }

            Assert.True(names.Count > 2);
            return names;
        }

        private static string Pem(string label, byte[] der)
        {
            var text = new StringBuilder();
            text.Append("-----BEGIN ").Append(label).Append("-----\n");
            string base64 = Convert.ToBase64String(der);
            for (int i = 0; i < base64.Length; i += 64)
            {
                text.Append(base64, i, Math.Min(64, base64.Length - i)).Append('\n');
            }

            return text.Append("-----END ").Append(label).Append("-----\n").ToString();
        }
    }
}
