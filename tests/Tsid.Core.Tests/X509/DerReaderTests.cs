using System;
using Tsid.X509;
using Xunit;

namespace Tsid.Tests.X509
{
    public class DerReaderTests
    {
        private static byte[] H(string hex) => Convert.FromHexString(hex.Replace(" ", string.Empty, StringComparison.Ordinal));

        private static X509Error ReadElementError(string hex)
        {
            DerReader reader = new DerReader(H(hex));
            int before = reader.Offset;
            Assert.False(reader.TryReadElement(out _, out X509Error error));
            Assert.Equal(before, reader.Offset);
            return error;
        }

        [Fact]
        public void Reads_short_and_long_form_lengths()
        {
            byte[] longForm = new byte[3 + 200];
            longForm[0] = 0x04;
            longForm[1] = 0x81;
            longForm[2] = 200;
            DerReader reader = new DerReader(H("04 02 AA BB") );
            Assert.True(reader.TryReadOctetString(out ReadOnlySpan<byte> value, out _));
            Assert.Equal(new byte[] { 0xAA, 0xBB }, value.ToArray());
            Assert.False(reader.HasData);

            reader = new DerReader(longForm);
            Assert.True(reader.TryReadElement(out DerElement element, out _));
            Assert.Equal(200, element.Content.Length);
            Assert.Equal(3, element.HeaderLength);
            Assert.Equal(3, element.ContentOffset);
        }

        [Fact]
        public void Rejects_indefinite_length() => Assert.Equal(new X509Error(X509ErrorCode.IndefiniteLength, 1), ReadElementError("30 80 00 00"));

        [Theory]
        [InlineData("04 81 05 0102030405")] // 5 fits in the short form
        [InlineData("04 82 0005 0102030405")] // leading zero octet
        public void Rejects_non_minimal_lengths(string hex) => Assert.Equal(X509ErrorCode.NonMinimalLength, ReadElementError(hex).Code);

        [Theory]
        [InlineData("04 03 0102")]
        [InlineData("04 81")]
        [InlineData("04")]
        [InlineData("04 82 01")]
        public void Rejects_lengths_past_the_input(string hex) => Assert.Equal(X509ErrorCode.Truncated, ReadElementError(hex).Code);

        [Fact]
        public void Rejects_lengths_over_four_octets() => Assert.Equal(new X509Error(X509ErrorCode.LengthTooLarge, 1), ReadElementError("04 85 0100000000"));

        [Fact]
        public void Rejects_lengths_beyond_int_range() => Assert.Equal(X509ErrorCode.LengthTooLarge, ReadElementError("04 84 80000000").Code);

        [Fact]
        public void Rejects_high_tag_number_form() => Assert.Equal(new X509Error(X509ErrorCode.HighTagNumber, 0), ReadElementError("1F 20 01 00"));

        [Fact]
        public void Moves_only_on_success_and_reports_unexpected_tag()
        {
            DerReader reader = new DerReader(H("02 01 05 04 00"));
            Assert.False(reader.TryReadOctetString(out _, out X509Error error));
            Assert.Equal(new X509Error(X509ErrorCode.UnexpectedTag, 0), error);
            Assert.Equal(0, reader.Offset);
            Assert.True(reader.TryReadInt32(out int value, out _));
            Assert.Equal(5, value);
            Assert.Equal(3, reader.Offset);
            Assert.True(reader.TryReadOctetString(out _, out _));
            Assert.True(reader.TryReadEnd(out _));
        }

        [Fact]
        public void Reports_trailing_data_with_its_offset()
        {
            DerReader reader = new DerReader(H("05 00 01"));
            Assert.True(reader.TryReadNull(out _));
            Assert.False(reader.TryReadEnd(out X509Error error));
            Assert.Equal(new X509Error(X509ErrorCode.TrailingData, 2), error);
        }

        [Fact]
        public void Nested_readers_report_offsets_in_the_outer_input()
        {
            DerReader reader = new DerReader(H("30 06 02 01 01 04 80 00"));
            Assert.True(reader.TryReadSequence(out DerReader inner, out _));
            Assert.Equal(1, inner.Depth);
            Assert.Equal(2, inner.Offset);
            Assert.True(inner.TryReadInteger(out _, out _));
            Assert.False(inner.TryReadOctetString(out _, out X509Error error));
            Assert.Equal(new X509Error(X509ErrorCode.IndefiniteLength, 6), error);
        }

        [Fact]
        public void Limits_nesting_depth()
        {
            int levels = DerReader.MaxDepth + 1;
            byte[] data = new byte[levels * 2];
            for (int i = 0; i < levels; i++)
            {
                data[2 * i] = 0x30;
                data[(2 * i) + 1] = (byte)((levels - i - 1) * 2);
            }

            DerReader reader = new DerReader(data);
            X509Error error = default;
            int depth = 0;
            while (reader.TryReadSequence(out DerReader inner, out error))
            {
                reader = inner;
                depth++;
            }

            Assert.Equal(DerReader.MaxDepth, depth);
            Assert.Equal(X509ErrorCode.NestingTooDeep, error.Code);
            Assert.Equal(DerReader.MaxDepth * 2, error.Offset);
        }

        [Theory]
        [InlineData("06 03 55 04 03", true)]
        [InlineData("06 00", false)]
        [InlineData("06 02 55 84", false)] // ends inside a sub-identifier
        [InlineData("06 03 55 80 03", false)] // 0x80 padding
        public void Validates_object_identifiers(string hex, bool valid)
        {
            DerReader reader = new DerReader(H(hex));
            Assert.Equal(valid, reader.TryReadObjectIdentifier(out _, out X509Error error));
            if (!valid)
            {
                Assert.Equal(new X509Error(X509ErrorCode.InvalidOid, 0), error);
                Assert.Equal(0, reader.Offset);
            }
        }

        [Theory]
        [InlineData("02 01 00", true)]
        [InlineData("02 02 00 80", true)]
        [InlineData("02 01 FF", true)]
        [InlineData("02 00", false)]
        [InlineData("02 02 00 7F", false)]
        [InlineData("02 02 FF 80", false)]
        public void Validates_integer_minimality(string hex, bool valid)
        {
            DerReader reader = new DerReader(H(hex));
            Assert.Equal(valid, reader.TryReadInteger(out _, out X509Error error));
            Assert.Equal(valid ? X509ErrorCode.None : X509ErrorCode.InvalidInteger, error.Code);
        }

        [Theory]
        [InlineData("01 01 FF", true)]
        [InlineData("01 01 00", true)]
        [InlineData("01 01 01", false)]
        [InlineData("01 02 FF FF", false)]
        public void Booleans_are_der(string hex, bool valid)
        {
            DerReader reader = new DerReader(H(hex));
            Assert.Equal(valid, reader.TryReadBoolean(out _, out X509Error error));
            Assert.Equal(valid ? X509ErrorCode.None : X509ErrorCode.InvalidBoolean, error.Code);
        }

        [Theory]
        [InlineData("03 02 07 80", true)]
        [InlineData("03 01 00", true)]
        [InlineData("03 00", false)]
        [InlineData("03 01 01", false)]
        [InlineData("03 02 08 00", false)]
        [InlineData("03 02 07 81", false)] // padding bit set
        public void Validates_bit_strings(string hex, bool valid)
        {
            DerReader reader = new DerReader(H(hex));
            Assert.Equal(valid, reader.TryReadBitString(out _, out _, out X509Error error));
            Assert.Equal(valid ? X509ErrorCode.None : X509ErrorCode.InvalidBitString, error.Code);
        }

        [Fact]
        public void Rejects_constructed_encoding_of_a_primitive_type()
        {
            DerReader reader = new DerReader(H("24 03 04 01 00"));
            Assert.False(reader.TryReadOctetString(out _, out X509Error error));
            Assert.Equal(X509ErrorCode.InvalidEncoding, error.Code);
        }

        [Theory]
        [InlineData("17 0D 3235303131353030303030305A", 2025, 1, 15, 0, 0, 0)]
        [InlineData("17 0D 3439313233313233353935395A", 2049, 12, 31, 23, 59, 59)]
        [InlineData("17 0D 3530303130313030303030305A", 1950, 1, 1, 0, 0, 0)]
        [InlineData("18 0F 32303530303130313030303030305A", 2050, 1, 1, 0, 0, 0)]
        public void Decodes_rfc5280_times(string hex, int y, int mo, int d, int h, int mi, int s)
        {
            DerReader reader = new DerReader(H(hex));
            Assert.True(reader.TryReadTime(out DateTimeOffset value, out _));
            Assert.Equal(new DateTimeOffset(y, mo, d, h, mi, s, TimeSpan.Zero), value);
        }

        [Theory]
        [InlineData("17 0B 323530313135303030305A")] // no seconds
        [InlineData("17 11 3235303131353030303030302B30313030")] // offset
        [InlineData("18 11 32303530303130313030303030302E355A")] // fraction
        [InlineData("17 0D 3235313331353030303030305A")] // month 13
        [InlineData("17 0D 3235303233303030303030305A")] // 30 February
        [InlineData("17 0F 31393032303730313032353733365A")] // badasn1time.pem's notAfter
        public void Rejects_times_outside_rfc5280(string hex)
        {
            DerReader reader = new DerReader(H(hex));
            Assert.False(reader.TryReadTime(out _, out X509Error error));
            Assert.Equal(new X509Error(X509ErrorCode.InvalidTime, 0), error);
        }

        [Fact]
        public void Never_reads_past_a_sliced_span()
        {
            // The inner length claims 4 bytes, the outer span ends after 3: must be Truncated, not a read beyond.
            byte[] data = H("04 04 01 02 03 04");
            DerReader reader = new DerReader(data.AsSpan(0, 5));
            Assert.False(reader.TryReadElement(out _, out X509Error error));
            Assert.Equal(X509ErrorCode.Truncated, error.Code);
        }
    }
}
