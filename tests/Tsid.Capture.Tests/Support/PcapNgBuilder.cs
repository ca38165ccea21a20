using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;

namespace Tsid.Capture.Tests.Support
{
    /// <summary>A test-only pcapng writer (draft-ietf-opsawg-pcapng) for the block kinds the reader must handle.</summary>
    internal sealed class PcapNgBuilder
    {
        private readonly MemoryStream _out = new();
        private bool _bigEndian;

        public PcapNgBuilder Section(bool bigEndian)
        {
            _bigEndian = bigEndian;
            var body = new List<byte>();
            body.AddRange(U32(0x1A2B3C4D));
            body.AddRange(U16(1));
            body.AddRange(U16(0));
            body.AddRange(U64(ulong.MaxValue)); // section length not specified
            return Block(0x0A0D0D0A, body.ToArray());
        }

        /// <summary>An Interface Description Block; <paramref name="tsresol"/> null leaves the default (microseconds).</summary>
        public PcapNgBuilder Interface(LinkType linkType, uint snapLength = 0, byte? tsresol = null, long? tsoffset = null)
        {
            var body = new List<byte>();
            body.AddRange(U16((ushort)linkType));
            body.AddRange(U16(0));
            body.AddRange(U32(snapLength));
            if (tsresol is { } resolution)
            {
                body.AddRange(Option(9, new[] { resolution }));
            }

            if (tsoffset is { } offset)
            {
                body.AddRange(Option(14, U64((ulong)offset)));
            }

            // if_name (2), a string option the reader must step over.
            body.AddRange(Option(2, System.Text.Encoding.ASCII.GetBytes("eth0")));
            body.AddRange(U32(0)); // opt_endofopt
            return Block(1, body.ToArray());
        }

        public PcapNgBuilder Enhanced(int interfaceId, ulong timestamp, ReadOnlySpan<byte> data, int originalLength = -1)
        {
            var body = new List<byte>();
            body.AddRange(U32((uint)interfaceId));
            body.AddRange(U32((uint)(timestamp >> 32)));
            body.AddRange(U32((uint)timestamp));
            body.AddRange(U32((uint)data.Length));
            body.AddRange(U32((uint)(originalLength < 0 ? data.Length : originalLength)));
            body.AddRange(Padded(data));

            // epb_flags (2): an option after the data that must be ignored.
            body.AddRange(Option(2, U32(1)));
            body.AddRange(U32(0));
            return Block(6, body.ToArray());
        }

        public PcapNgBuilder Simple(ReadOnlySpan<byte> data)
        {
            var body = new List<byte>();
            body.AddRange(U32((uint)data.Length));
            body.AddRange(Padded(data));
            return Block(3, body.ToArray());
        }

        public PcapNgBuilder ObsoletePacket(int interfaceId, ulong timestamp, ReadOnlySpan<byte> data)
        {
            var body = new List<byte>();
            body.AddRange(U16((ushort)interfaceId));
            body.AddRange(U16(0));
            body.AddRange(U32((uint)(timestamp >> 32)));
            body.AddRange(U32((uint)timestamp));
            body.AddRange(U32((uint)data.Length));
            body.AddRange(U32((uint)data.Length));
            body.AddRange(Padded(data));
            return Block(2, body.ToArray());
        }

        public PcapNgBuilder Unknown(uint type, int bodyLength)
        {
            byte[] body = new byte[(bodyLength + 3) & ~3];
            new Random(bodyLength).NextBytes(body);
            return Block(type, body);
        }

        public PcapNgBuilder Raw(byte[] bytes)
        {
            _out.Write(bytes);
            return this;
        }

        public byte[] ToArray() => _out.ToArray();

        /// <summary>The frames of a pcap file (as written by <see cref="PcapWriter"/>).</summary>
        public static List<byte[]> FramesOf(byte[] pcap)
        {
            var frames = new List<byte[]>();
            using CaptureReader reader = CaptureReader.Open(pcap);
            while (reader.TryReadPacket(out CapturedPacket packet))
            {
                frames.Add(packet.Data.ToArray());
            }

            return frames;
        }

        private PcapNgBuilder Block(uint type, byte[] body)
        {
            uint length = (uint)(12 + body.Length);
            _out.Write(U32(type));
            _out.Write(U32(length));
            _out.Write(body);
            _out.Write(U32(length));
            return this;
        }

        private byte[] Option(ushort code, byte[] value)
        {
            var option = new List<byte>();
            option.AddRange(U16(code));
            option.AddRange(U16((ushort)value.Length));
            option.AddRange(Padded(value));
            return option.ToArray();
        }

        private static byte[] Padded(ReadOnlySpan<byte> data)
        {
            byte[] padded = new byte[(data.Length + 3) & ~3];
            data.CopyTo(padded);
            return padded;
        }

        private byte[] U16(ushort v)
        {
            byte[] b = new byte[2];
            if (_bigEndian)
            {
                BinaryPrimitives.WriteUInt16BigEndian(b, v);
            }
            else
            {
                BinaryPrimitives.WriteUInt16LittleEndian(b, v);
            }

            return b;
        }

        private byte[] U32(uint v)
        {
            byte[] b = new byte[4];
            if (_bigEndian)
            {
                BinaryPrimitives.WriteUInt32BigEndian(b, v);
            }
            else
            {
                BinaryPrimitives.WriteUInt32LittleEndian(b, v);
            }

            return b;
        }

        private byte[] U64(ulong v)
        {
            byte[] b = new byte[8];
            if (_bigEndian)
            {
                BinaryPrimitives.WriteUInt64BigEndian(b, v);
            }
            else
            {
                BinaryPrimitives.WriteUInt64LittleEndian(b, v);
            }

            return b;
        }
    }
}
