using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using Tsid.Capture.Tests.Support;
using Xunit;

namespace Tsid.Capture.Tests
{
    public class CaptureReaderTests
    {
        private static readonly DateTimeOffset Start = new(2026, 3, 4, 5, 6, 7, TimeSpan.Zero);

        private static byte[] SmallCapture(PcapWriterOptions options) => Samples.Capture(
            w => w.WriteTcpConnection(Samples.Client, Samples.Server, Samples.TlsRecords(1, 300), Samples.TlsRecords(2, 2000)),
            options);

        private static List<(byte[] Data, long Ns, LinkType Link, int Interface)> ReadAll(byte[] capture, out CaptureReader reader)
        {
            var packets = new List<(byte[], long, LinkType, int)>();
            reader = CaptureReader.Open(capture);
            while (reader.TryReadPacket(out CapturedPacket packet))
            {
                packets.Add((packet.Data.ToArray(), packet.TimestampNanoseconds, packet.LinkType, packet.InterfaceId));
            }

            return packets;
        }

        [Theory]
        [InlineData(false, false)]
        [InlineData(true, false)]
        [InlineData(false, true)]
        [InlineData(true, true)]
        public void Pcap_in_either_byte_order_with_micro_or_nanosecond_timestamps_reads_every_packet(bool bigEndian, bool nanoseconds)
        {
            var options = PcapWriterOptions.Default with
            {
                BigEndian = bigEndian,
                NanosecondTimestamps = nanoseconds,
                StartTime = Start.AddTicks(1234567),
                PacketInterval = TimeSpan.FromMilliseconds(1),
            };
            byte[] capture = SmallCapture(options);

            var packets = ReadAll(capture, out CaptureReader reader);

            Assert.Equal(CaptureFormat.Pcap, reader.Format);
            Assert.Equal(CaptureError.None, reader.Error);
            Assert.Equal(LinkType.Ethernet, reader.LinkType);

            // SYN, SYN-ACK, ACK, 1 client segment, 2 server segments, FIN, FIN, ACK
            Assert.Equal(9, packets.Count);
            long first = CaptureTime.FromDateTimeOffset(Start) + 123456700;
            long expectedFirst = nanoseconds ? first : first / 1000 * 1000;
            Assert.Equal(expectedFirst, packets[0].Ns);
            Assert.Equal(expectedFirst + 1_000_000, packets[1].Ns);
            Assert.Equal(Start.AddTicks(nanoseconds ? 1234567 : 1234560), CaptureTime.ToDateTimeOffset(packets[0].Ns));
            Assert.All(packets, p => Assert.Equal(LinkType.Ethernet, p.Link));
        }

        [Fact]
        public void Gzip_compressed_capture_is_read_transparently()
        {
            byte[] capture = SmallCapture(PcapWriterOptions.Default);
            using var compressed = new MemoryStream();
            using (var gzip = new GZipStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
            {
                gzip.Write(capture);
            }

            var plain = ReadAll(capture, out _);
            var unzipped = ReadAll(compressed.ToArray(), out CaptureReader reader);

            Assert.True(reader.IsCompressed);
            Assert.Equal(CaptureError.None, reader.Error);
            Assert.Equal(plain.Count, unzipped.Count);
            for (int i = 0; i < plain.Count; i++)
            {
                Assert.Equal(plain[i].Data, unzipped[i].Data);
            }
        }

        [Fact]
        public void Corrupt_gzip_stops_with_an_error_after_what_decompressed()
        {
            byte[] capture = Samples.Capture(w =>
            {
                for (int i = 0; i < 200; i++)
                {
                    w.WriteTcpConnection(Samples.Client, Samples.Server, Samples.TlsRecords(i, 300), Samples.TlsRecords(i + 1, 2000));
                }
            });
            int total = ReadAll(capture, out _).Count;
            using var compressed = new MemoryStream();
            using (var gzip = new GZipStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
            {
                gzip.Write(capture);
            }

            byte[] bytes = compressed.ToArray();
            for (int i = bytes.Length * 3 / 4; i < bytes.Length; i++)
            {
                bytes[i] ^= 0x5A;
            }

            var packets = ReadAll(bytes, out CaptureReader reader);

            Assert.True(reader.IsCompressed);
            Assert.NotEqual(CaptureError.None, reader.Error);
            Assert.InRange(packets.Count, total / 2, total - 1);
        }

        [Fact]
        public void Truncated_pcap_returns_the_packets_before_the_cut_and_says_where()
        {
            byte[] capture = SmallCapture(PcapWriterOptions.Default);
            var all = ReadAll(capture, out _);

            // Cut in the middle of the 5th record's data.
            int offset = 24;
            for (int i = 0; i < 4; i++)
            {
                offset += 16 + all[i].Data.Length;
            }

            byte[] cut = capture.AsSpan(0, offset + 16 + 10).ToArray();
            var packets = ReadAll(cut, out CaptureReader reader);

            Assert.Equal(4, packets.Count);
            Assert.Equal(CaptureError.TruncatedRecord, reader.Error);
            Assert.Equal(offset, reader.ErrorOffset);
            Assert.False(reader.TryReadPacket(out _));
        }

        [Fact]
        public void Capture_cut_inside_a_record_header_is_truncated_too()
        {
            byte[] capture = SmallCapture(PcapWriterOptions.Default);
            byte[] cut = capture.AsSpan(0, 24 + 7).ToArray();
            var packets = ReadAll(cut, out CaptureReader reader);

            Assert.Empty(packets);
            Assert.Equal(CaptureError.TruncatedRecord, reader.Error);
            Assert.Equal(24, reader.ErrorOffset);
        }

        [Theory]
        [InlineData(new byte[0])]
        [InlineData(new byte[] { 0x3C, 0x68, 0x74, 0x6D, 0x6C, 0x3E })] // "<html>"
        [InlineData(new byte[] { 0x50, 0x4B, 0x03, 0x04, 0, 0, 0, 0 })]  // a zip file
        public void Not_a_capture_is_reported_at_offset_zero(byte[] bytes)
        {
            var packets = ReadAll(bytes, out CaptureReader reader);
            Assert.Empty(packets);
            Assert.Equal(CaptureError.NotACapture, reader.Error);
            Assert.Equal(0, reader.ErrorOffset);
            Assert.Equal(CaptureFormat.Unknown, reader.Format);
        }

        [Fact]
        public void Header_cut_short_is_truncated_header()
        {
            byte[] capture = SmallCapture(PcapWriterOptions.Default).AsSpan(0, 10).ToArray();
            ReadAll(capture, out CaptureReader reader);
            Assert.Equal(CaptureError.TruncatedHeader, reader.Error);
        }

        [Fact]
        public void Record_longer_than_the_limit_is_an_invalid_length()
        {
            byte[] capture = SmallCapture(PcapWriterOptions.Default);
            BitConverter.GetBytes(CaptureReader.MaxPacketLength + 1).CopyTo(capture, 24 + 8);
            var packets = ReadAll(capture, out CaptureReader reader);
            Assert.Empty(packets);
            Assert.Equal(CaptureError.InvalidRecordLength, reader.Error);
            Assert.Equal(24, reader.ErrorOffset);
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void Pcapng_with_several_interfaces_and_link_types_reads_each_packet_with_its_interface(bool bigEndian)
        {
            List<byte[]> ethernet = PcapNgBuilder.FramesOf(SmallCapture(PcapWriterOptions.Default));
            List<byte[]> raw = PcapNgBuilder.FramesOf(SmallCapture(PcapWriterOptions.Default with { LinkType = LinkType.Raw }));
            List<byte[]> sll = PcapNgBuilder.FramesOf(SmallCapture(PcapWriterOptions.Default with { LinkType = LinkType.LinuxSll }));

            var builder = new PcapNgBuilder().Section(bigEndian)
                .Interface(LinkType.Ethernet)
                .Interface(LinkType.Raw, tsresol: 9)
                .Unknown(0x0BADC0DE, 37)
                .Interface(LinkType.LinuxSll, tsresol: 0x80 | 10, tsoffset: 100);
            builder.Enhanced(0, 1_700_000_000_123_456UL, ethernet[0]);
            builder.Unknown(5, 20); // Interface Statistics Block
            builder.Enhanced(1, 1_700_000_000_123_456_789UL, raw[1]);
            builder.Enhanced(2, 1024UL * 3 + 512, sll[2]);
            builder.ObsoletePacket(0, 42, ethernet[3]);
            byte[] capture = builder.ToArray();

            var packets = ReadAll(capture, out CaptureReader reader);

            Assert.Equal(CaptureFormat.PcapNg, reader.Format);
            Assert.Equal(CaptureError.None, reader.Error);
            Assert.Equal(4, packets.Count);
            Assert.Equal(ethernet[0], packets[0].Data);
            Assert.Equal(raw[1], packets[1].Data);
            Assert.Equal(sll[2], packets[2].Data);
            Assert.Equal(ethernet[3], packets[3].Data);
            Assert.Equal(new[] { LinkType.Ethernet, LinkType.Raw, LinkType.LinuxSll, LinkType.Ethernet }, packets.ConvertAll(p => p.Link));
            Assert.Equal(new[] { 0, 1, 2, 0 }, packets.ConvertAll(p => p.Interface));

            // Default resolution µs; if_tsresol 9 = ns; 0x80|10 = 2^-10 s, plus if_tsoffset 100 s.
            Assert.Equal(1_700_000_000_123_456_000L, packets[0].Ns);
            Assert.Equal(1_700_000_000_123_456_789L, packets[1].Ns);
            Assert.Equal(103_500_000_000L, packets[2].Ns);
            Assert.Equal(42_000L, packets[3].Ns);
            Assert.True(PacketDecoder.Decode(packets[2].Link, packets[2].Data, out _) == PacketDecodeStatus.Transport);
        }

        [Fact]
        public void Pcapng_simple_packet_blocks_are_cut_at_the_interface_snap_length()
        {
            byte[] frame = PcapNgBuilder.FramesOf(SmallCapture(PcapWriterOptions.Default))[3];
            byte[] capture = new PcapNgBuilder().Section(false)
                .Interface(LinkType.Ethernet, snapLength: 64)
                .Simple(frame.AsSpan(0, 64))
                .ToArray();

            // The SPB says original length 64 here; make it claim the real length so the snap length decides.
            var packets = ReadAll(capture, out CaptureReader reader);
            Assert.Equal(CaptureError.None, reader.Error);
            Assert.Single(packets);
            Assert.Equal(frame.AsSpan(0, 64).ToArray(), packets[0].Data);
        }

        [Fact]
        public void Pcapng_sections_restart_interface_numbering_and_may_change_byte_order()
        {
            byte[] frame = PcapNgBuilder.FramesOf(SmallCapture(PcapWriterOptions.Default))[0];
            byte[] capture = new PcapNgBuilder()
                .Section(false).Interface(LinkType.Raw).Interface(LinkType.Ethernet).Enhanced(1, 1, frame)
                .Section(true).Interface(LinkType.Ethernet).Enhanced(0, 2, frame)
                .ToArray();

            var packets = ReadAll(capture, out CaptureReader reader);
            Assert.Equal(CaptureError.None, reader.Error);
            Assert.Equal(2, packets.Count);
            Assert.All(packets, p => Assert.Equal(LinkType.Ethernet, p.Link));
        }

        [Fact]
        public void Pcapng_packet_on_an_undeclared_interface_is_an_error_after_the_good_packets()
        {
            byte[] frame = PcapNgBuilder.FramesOf(SmallCapture(PcapWriterOptions.Default))[0];
            var builder = new PcapNgBuilder().Section(false).Interface(LinkType.Ethernet).Enhanced(0, 1, frame);
            int offset = builder.ToArray().Length;
            byte[] capture = builder.Enhanced(3, 2, frame).ToArray();

            var packets = ReadAll(capture, out CaptureReader reader);
            Assert.Single(packets);
            Assert.Equal(CaptureError.UnknownInterface, reader.Error);
            Assert.Equal(offset, reader.ErrorOffset);
        }

        [Fact]
        public void Pcapng_block_with_a_bad_length_or_trailer_is_an_invalid_block_length()
        {
            byte[] frame = PcapNgBuilder.FramesOf(SmallCapture(PcapWriterOptions.Default))[0];
            byte[] good = new PcapNgBuilder().Section(false).Interface(LinkType.Ethernet).Enhanced(0, 1, frame).ToArray();

            byte[] badTrailer = (byte[])good.Clone();
            badTrailer[^1] ^= 0x01;
            ReadAll(badTrailer, out CaptureReader reader1);
            Assert.Equal(CaptureError.InvalidBlockLength, reader1.Error);

            byte[] oddLength = new PcapNgBuilder().Section(false).Interface(LinkType.Ethernet).Raw(new byte[] { 6, 0, 0, 0, 13, 0, 0, 0 }).ToArray();
            ReadAll(oddLength, out CaptureReader reader2);
            Assert.Equal(CaptureError.InvalidBlockLength, reader2.Error);
        }

        [Fact]
        public void Pcapng_truncated_in_a_block_keeps_earlier_packets()
        {
            byte[] frame = PcapNgBuilder.FramesOf(SmallCapture(PcapWriterOptions.Default))[0];
            var builder = new PcapNgBuilder().Section(true).Interface(LinkType.Ethernet).Enhanced(0, 1, frame);
            int offset = builder.ToArray().Length;
            byte[] full = builder.Enhanced(0, 2, frame).ToArray();
            byte[] cut = full.AsSpan(0, full.Length - 9).ToArray();

            var packets = ReadAll(cut, out CaptureReader reader);
            Assert.Single(packets);
            Assert.Equal(CaptureError.TruncatedRecord, reader.Error);
            Assert.Equal(offset, reader.ErrorOffset);
        }

        [Fact]
        public void Pcapng_with_a_bad_byte_order_magic_is_an_invalid_section_header()
        {
            byte[] capture = new PcapNgBuilder().Section(false).Interface(LinkType.Ethernet).ToArray();
            capture[8] = 0x00;
            ReadAll(capture, out CaptureReader reader);
            Assert.Equal(CaptureError.InvalidSectionHeader, reader.Error);
        }

        [Fact]
        public void Large_unknown_blocks_are_skipped_without_buffering_them()
        {
            byte[] frame = PcapNgBuilder.FramesOf(SmallCapture(PcapWriterOptions.Default))[0];
            byte[] capture = new PcapNgBuilder().Section(false).Interface(LinkType.Ethernet)
                .Unknown(0x40000BAD, CaptureReader.MaxBufferedBlockLength * 3)
                .Enhanced(0, 1, frame)
                .ToArray();

            // A non-seekable stream that hands out small reads.
            using var reader = CaptureReader.Open(new TrickleStream(capture, 777));
            Assert.True(reader.TryReadPacket(out CapturedPacket packet));
            Assert.Equal(frame, packet.Data.ToArray());
            Assert.False(reader.TryReadPacket(out _));
            Assert.Equal(CaptureError.None, reader.Error);
        }

        [Fact]
        public void Frame_numbers_and_offsets_follow_the_file()
        {
            byte[] capture = SmallCapture(PcapWriterOptions.Default);
            using CaptureReader reader = CaptureReader.Open(capture);
            long expectedOffset = 24;
            for (long n = 1; reader.TryReadPacket(out CapturedPacket packet); n++)
            {
                Assert.Equal(n, packet.FrameNumber);
                Assert.Equal(expectedOffset, packet.Offset);
                expectedOffset += 16 + packet.Data.Length;
            }

            Assert.Equal(capture.Length, reader.Position);
        }

        /// <summary>A read-only, non-seekable stream returning at most a few bytes per read.</summary>
        internal sealed class TrickleStream : Stream
        {
            private readonly byte[] _data;
            private readonly int _chunk;
            private int _position;

            public TrickleStream(byte[] data, int chunk)
            {
                _data = data;
                _chunk = chunk;
            }

            public override bool CanRead => true;

            public override bool CanSeek => false;

            public override bool CanWrite => false;

            public override long Length => throw new NotSupportedException();

            public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

            public override int Read(byte[] buffer, int offset, int count)
            {
                int n = Math.Min(Math.Min(count, _chunk), _data.Length - _position);
                Array.Copy(_data, _position, buffer, offset, n);
                _position += n;
                return n;
            }

            public override void Flush()
            {
            }

            public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

            public override void SetLength(long value) => throw new NotSupportedException();

            public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        }
    }
}
