using System;
using System.Collections.Generic;
using Tsid.Tests.Support;
using Tsid.X509;
using Xunit;

namespace Tsid.Tests.X509
{
    public class PemTests
    {
        private static string ToPem(byte[] der, string label = "CERTIFICATE") =>
            $"-----BEGIN {label}-----\n{Convert.ToBase64String(der, Base64FormattingOptions.InsertLineBreaks)}\n-----END {label}-----\n";

        private static List<byte[]> Read(string text, out X509Error error)
        {
            List<byte[]> found = new();
            PemCertificateEnumerator e = Pem.EnumerateCertificates(text);
            while (e.MoveNext())
            {
                found.Add(e.Current.ToArray());
            }

            error = e.Error;
            return found;
        }

        [Fact]
        public void Several_certificates_with_text_and_other_blocks_between()
        {
            byte[] a = Fixture.Bytes("small-ec.der");
            byte[] b = Fixture.Bytes("cisco-nocn.der");
            string text = "Explanatory text first\r\n" + ToPem(new byte[] { 1, 2, 3 }, "PRIVATE KEY") + ToPem(a).Replace("\n", "\r\n", StringComparison.Ordinal)
                + "between\n" + ToPem(b, "X509 CERTIFICATE") + "trailing words";
            List<byte[]> found = Read(text, out X509Error error);
            Assert.Equal(X509ErrorCode.None, error.Code);
            Assert.Equal(2, found.Count);
            Assert.Equal(a, found[0]);
            Assert.Equal(b, found[1]);
        }

        [Fact]
        public void Decodes_into_a_caller_buffer_without_allocating()
        {
            byte[] der = Fixture.Bytes("big-100san.der");
            string text = ToPem(der);
            byte[] buffer = new byte[8192];
            PemCertificateEnumerator e = Pem.EnumerateCertificates(text);
            Assert.True(e.MoveNext());
            Assert.True(e.Current.TryDecode(buffer, out int written));
            Assert.Equal(der, buffer.AsSpan(0, written).ToArray());
            Assert.False(e.Current.TryDecode(new byte[written - 1], out _));
            Assert.Equal(0, e.Current.Offset);
            Assert.Equal("CERTIFICATE", e.Current.Label.ToString());
        }

        [Fact]
        public void Missing_end_line_is_reported_and_stops()
        {
            string text = ToPem(Fixture.Bytes("small-ec.der")) + "-----BEGIN CERTIFICATE-----\nAAAA\n";
            List<byte[]> found = Read(text, out X509Error error);
            Assert.Single(found);
            Assert.Equal(new X509Error(X509ErrorCode.InvalidPem, text.LastIndexOf("-----BEGIN", StringComparison.Ordinal)), error);
        }

        [Fact]
        public void Invalid_base64_block_is_skipped_and_reported()
        {
            byte[] der = Fixture.Bytes("small-ec.der");
            string text = "-----BEGIN CERTIFICATE-----\nAB*D\n-----END CERTIFICATE-----\n" + ToPem(der);
            List<byte[]> found = Read(text, out X509Error error);
            Assert.Equal(new[] { der }, found);
            Assert.Equal(new X509Error(X509ErrorCode.InvalidPem, 0), error);
        }

        [Theory]
        [InlineData("QUJD", "ABC")]
        [InlineData("QUI=", "AB")]
        [InlineData("QQ==", "A")]
        [InlineData("QU\nJD\r\n", "ABC")]
        public void Base64_decodes(string base64, string expected)
        {
            byte[] buffer = new byte[Pem.GetMaxDecodedLength(base64)];
            Assert.True(Pem.TryDecodeBase64(base64, buffer, out int written));
            Assert.Equal(expected, System.Text.Encoding.ASCII.GetString(buffer, 0, written));
        }

        [Theory]
        [InlineData("QUJ")]
        [InlineData("Q===")]
        [InlineData("QQ==QUJD")]
        [InlineData("QU=I")]
        [InlineData("QU JD!")]
        public void Base64_rejects_malformed_text(string base64) => Assert.False(Pem.TryDecodeBase64(base64, new byte[16], out _));
    }
}
