using System;
using System.IO;
using System.Text;
using Tsid.Inspection.Tests.Support;
using Tsid.Tls;
using Xunit;

namespace Tsid.Inspection.Tests
{
    /// <summary>How fields are spelled (certificates the way OpenSSL and tshark print them, timestamps in RFC 3339), and the lazy certificate record.</summary>
    public class InspectionFormatTests
    {
        [Theory]
        [InlineData(new byte[] { 0x00, 0xC5, 0x18 }, "C518")]
        [InlineData(new byte[] { 0x05, 0x18 }, "518")]
        [InlineData(new byte[] { 0x00, 0x00 }, "0")]
        [InlineData(new byte[] { 0x7F }, "7F")]
        [InlineData(new byte[0], "")]
        public void Serial_numbers_are_upper_case_hex_without_leading_zeros(byte[] serial, string expected)
        {
            Assert.Equal(expected, InspectionFormat.FormatSerialNumber(serial));
            Span<char> small = stackalloc char[Math.Max(0, expected.Length - 1)];
            Assert.Equal(expected.Length == 0, InspectionFormat.TryFormatSerialNumber(serial, small, out _));
        }

        [Fact]
        public void Times_are_utc_to_the_second()
        {
            var time = new DateTimeOffset(2026, 2, 16, 1, 2, 3, TimeSpan.FromHours(2)).AddTicks(1234);

            Assert.Equal("2026-02-15T23:02:03Z", InspectionFormat.FormatTime(time));
            Assert.False(InspectionFormat.TryFormatTime(time, stackalloc char[InspectionFormat.TimeLength - 1], out _));
        }

        [Fact]
        public void Capture_timestamps_are_rfc_3339_utc_with_microseconds_truncated()
        {
            long ns = Tsid.Capture.CaptureTime.FromDateTimeOffset(new DateTimeOffset(2026, 12, 1, 19, 21, 40, TimeSpan.Zero)) + 123_456_789;
            Span<char> text = stackalloc char[InspectionFormat.TimestampLength];

            Assert.True(InspectionFormat.TryFormatTimestamp(ns, text, out int written));
            Assert.Equal("2026-12-01T19:21:40.123456Z", text.Slice(0, written).ToString());
            Assert.True(InspectionFormat.TryFormatTimestamp(0, text, out _));
            Assert.Equal("1970-01-01T00:00:00.000000Z", text.ToString());
            Assert.False(InspectionFormat.TryFormatTimestamp(ns, stackalloc char[InspectionFormat.TimestampLength - 1], out _));
        }

        [Fact]
        public void Sha256_is_the_fips_180_test_vector()
        {
            // FIPS 180-2 appendix B.1: SHA-256("abc").
            Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", InspectionFormat.FormatSha256(Encoding.ASCII.GetBytes("abc")));
        }

        [Fact]
        public void Ip_addresses_print_like_IPAddress_and_odd_lengths_are_null()
        {
            Assert.Equal("192.0.2.1", InspectionFormat.FormatIPAddress(new byte[] { 192, 0, 2, 1 }));
            Assert.Equal("2001:db8::1", InspectionFormat.FormatIPAddress(new byte[] { 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 }));
            Assert.Null(InspectionFormat.FormatIPAddress(new byte[] { 1, 2, 3 }));
        }

        [Fact]
        public void A_certificate_record_of_the_cisco_like_leaf_reads_its_fields()
        {
            (_, byte[] s2c) = Captures.Recording(Captures.Tls12NoSniCiscoChain3);
            var observer = new TlsConnectionObserver();
            observer.Feed(TlsDirection.ServerToClient, s2c);
            Assert.True(observer.TryGetServerCertificates(out CertificateMessage chain));
            Assert.True(chain.TryGetLeaf(out ReadOnlySpan<byte> der));

            CertificateRecord record = CertificateRecord.FromDer(der);

            Assert.True(record.IsParsed);
            Assert.Equal("OU=Cisco Smart Licensing,O=Cisco Systems Inc.,L=San Jose,ST=California,C=US", record.Subject);
            Assert.Equal("CN=Test Issuing CA 2,O=Tsid Tests", record.Issuer);
            Assert.Empty(record.SubjectCommonNames);
            Assert.Equal(new[] { "Cisco Smart Licensing" }, record.SubjectOrganizationalUnits);
            Assert.Equal("toos.cisco.com", record.SubjectAltNameDnsNames[0]);
            Assert.Equal("tools.cisco.com", record.SubjectAltNameDnsNames[1]);
            Assert.Equal(InspectionFormat.FormatSha256(der), record.Sha256);
            Assert.Equal(der.Length, record.DerLength);
            Assert.NotNull(record.NotBefore);
            Assert.True(record.NotAfter > record.NotBefore);
            Assert.Matches("^[1-9A-F][0-9A-F]*$", record.SerialNumber);
        }

        [Fact]
        public void A_record_of_bytes_that_are_not_a_certificate_has_the_error_and_the_hash()
        {
            byte[] junk = { 0x30, 0x03, 0x02, 0x01, 0x05 };

            CertificateRecord record = CertificateRecord.FromDer(junk);

            Assert.False(record.IsParsed);
            Assert.True(record.ParseError.IsError);
            Assert.Null(record.Subject);
            Assert.Empty(record.SubjectAltNameDnsNames);
            Assert.Equal(InspectionFormat.FormatSha256(junk), record.Sha256);
        }
    }
}
