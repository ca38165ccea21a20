using System;
using System.Buffers;
using Tsid.Tests.Support;
using Tsid.Tls;
using Xunit;

namespace Tsid.Tests.Tls
{
    public class TlsRecordHeaderTests
    {
        [Theory]
        [InlineData("", TlsStreamKind.NeedMoreData)]
        [InlineData("16", TlsStreamKind.NeedMoreData)]
        [InlineData("1603", TlsStreamKind.NeedMoreData)]
        [InlineData("16030100", TlsStreamKind.NeedMoreData)]
        [InlineData("160301012d", TlsStreamKind.Tls)]
        [InlineData("1503030002", TlsStreamKind.Tls)]
        [InlineData("47", TlsStreamKind.NotTls)] // "GET "
        [InlineData("5353", TlsStreamKind.NotTls)] // "SSH-"
        [InlineData("1604", TlsStreamKind.NotTls)]
        [InlineData("160305", TlsStreamKind.NotTls)]
        [InlineData("16030148ff", TlsStreamKind.NotTls)] // longer than 2^14 + 2048
        [InlineData("1603010000", TlsStreamKind.NotTls)] // empty handshake record
        [InlineData("8077010301", TlsStreamKind.SslV2ClientHello)]
        [InlineData("8077010002", TlsStreamKind.SslV2ClientHello)]
        [InlineData("807702", TlsStreamKind.NotTls)]
        [InlineData("8077", TlsStreamKind.NeedMoreData)]
        public void Detect_answers_within_five_bytes(string hex, TlsStreamKind expected)
        {
            Assert.Equal(expected, TlsRecordHeader.Detect(Convert.FromHexString(hex)));
        }

        [Fact]
        public void Header_fields_are_read_from_a_real_record()
        {
            byte[] record = Fixture.Bytes("clienthello-sni-alpn.bin");
            Assert.Equal(OperationStatus.Done, TlsRecordHeader.TryRead(record, out TlsRecordHeader header, out _));
            Assert.Equal(TlsContentType.Handshake, header.ContentType);
            Assert.Equal(TlsProtocolVersion.Tls10, header.LegacyRecordVersion);
            Assert.Equal(record.Length - 5, header.Length);
        }

        [Fact]
        public void Record_overflow_is_reported_at_the_length_field()
        {
            Assert.Equal(OperationStatus.InvalidData, TlsRecordHeader.TryRead(new byte[] { 0x17, 3, 3, 0x48, 0x01 }, out _, out TlsError error));
            Assert.Equal(new TlsError(TlsErrorCode.RecordOverflow, 3), error);
            Assert.Equal(OperationStatus.Done, TlsRecordHeader.TryRead(new byte[] { 0x17, 3, 3, 0x48, 0x00 }, out _, out _));
        }
    }
}
