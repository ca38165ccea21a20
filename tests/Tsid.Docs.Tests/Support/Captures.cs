using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Net;
using Tsid.Capture;

namespace Tsid.Docs.Tests.Support
{
    /// <summary>Captures for the capture samples, written with <see cref="PcapWriter"/> from the recorded handshakes.</summary>
    internal static class Captures
    {
        public static readonly IPEndPoint Resolver = new(IPAddress.Parse("10.12.1.1"), 53);

        public static readonly IPEndPoint Server = new(IPAddress.Parse("198.51.100.38"), 443);

        public static IPEndPoint Client(int n) => new(IPAddress.Parse("10.12.1.20"), 50000 + n);

        public static byte[] Pcap(Action<PcapWriter> write)
        {
            using var memory = new MemoryStream();
            using (var writer = new PcapWriter(memory, PcapWriterOptions.Default with { LeaveOpen = true }))
            {
                write(writer);
            }

            return memory.ToArray();
        }

        /// <summary>The seed case (a DNS answer for tools.cisco.com, then TLS 1.2 without SNI to the Cisco-like chain), then TLS 1.2 with SNI.</summary>
        public static byte[] SeedCaseThenSni() => Pcap(writer =>
        {
            writer.WriteDnsResponse(Resolver, Client(1), "tools.cisco.com", new List<IPAddress> { Server.Address });
            (byte[] c2s, byte[] s2c) = Fixture.Recording(Fixture.SeedRecording);
            writer.WriteTcpConnection(Client(1), Server, c2s, s2c);
            (c2s, s2c) = Fixture.Recording(Fixture.Tls12SniAlpn);
            writer.WriteTcpConnection(Client(2), Server, c2s, s2c);
        });

        public static byte[] Gzip(byte[] data)
        {
            using var memory = new MemoryStream();
            using (var gzip = new GZipStream(memory, CompressionLevel.Fastest, leaveOpen: true))
            {
                gzip.Write(data);
            }

            return memory.ToArray();
        }

        /// <summary>
        /// The packets of a pcap as pcapng (little-endian): a Section Header Block, one Interface Description Block of the
        /// pcap's link type (µs timestamps, the default resolution), an Enhanced Packet Block per packet.
        /// </summary>
        public static byte[] ToPcapNg(byte[] pcap)
        {
            using var output = new MemoryStream();
            using var reader = CaptureReader.Open(new MemoryStream(pcap));
            bool headerWritten = false;
            while (reader.TryReadPacket(out CapturedPacket packet))
            {
                if (!headerWritten)
                {
                    Block(output, 0x0A0D0D0A, body => { U32(body, 0x1A2B3C4D); U16(body, 1); U16(body, 0); U64(body, ulong.MaxValue); });
                    LinkType linkType = packet.LinkType;
                    Block(output, 1, body => { U16(body, (ushort)linkType); U16(body, 0); U32(body, 262144); });
                    headerWritten = true;
                }

                ulong micros = (ulong)(packet.TimestampNanoseconds / 1000);
                byte[] data = packet.Data.ToArray();
                uint original = (uint)packet.OriginalLength;
                Block(output, 6, body =>
                {
                    U32(body, 0);
                    U32(body, (uint)(micros >> 32));
                    U32(body, (uint)micros);
                    U32(body, (uint)data.Length);
                    U32(body, original);
                    body.Write(data);
                    body.Write(new byte[(4 - (data.Length % 4)) % 4]);
                });
            }

            if (reader.Error != CaptureError.None)
            {
                throw new InvalidDataException("the pcap to convert is damaged: " + reader.Error);
            }

            return output.ToArray();
        }

        private static void Block(MemoryStream output, uint type, Action<MemoryStream> writeBody)
        {
            using var body = new MemoryStream();
            writeBody(body);
            uint total = (uint)body.Length + 12;
            U32(output, type);
            U32(output, total);
            body.WriteTo(output);
            U32(output, total);
        }

        private static void U16(Stream s, ushort value)
        {
            Span<byte> bytes = stackalloc byte[2];
            BinaryPrimitives.WriteUInt16LittleEndian(bytes, value);
            s.Write(bytes);
        }

        private static void U32(Stream s, uint value)
        {
            Span<byte> bytes = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32LittleEndian(bytes, value);
            s.Write(bytes);
        }

        private static void U64(Stream s, ulong value)
        {
            Span<byte> bytes = stackalloc byte[8];
            BinaryPrimitives.WriteUInt64LittleEndian(bytes, value);
            s.Write(bytes);
        }
    }
}
