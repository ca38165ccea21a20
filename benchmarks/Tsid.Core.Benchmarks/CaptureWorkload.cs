using System;
using System.Buffers.Binary;
using System.IO;
using System.Net;
using Tsid.Capture;

namespace Tsid.Benchmarks
{
    /// <summary>
    /// A generated capture of TLS 1.2-shaped connections, written with <see cref="PcapWriter"/>: per connection a
    /// 517-byte ClientHello, a server flight of ServerHello (90 B) + Certificate (3,400 B) + ServerHelloDone, the
    /// client's ClientKeyExchange/ChangeCipherSpec/Finished (126 B) and the server's ChangeCipherSpec/Finished (51 B),
    /// cut at a 1,460-byte MSS, with handshake and FIN. Record bodies are random bytes behind valid record headers.
    /// Connections run <see cref="Concurrency"/> at a time, interleaved packet by packet, like a busy link.
    /// </summary>
    internal static class CaptureWorkload
    {
        public const int Concurrency = 64;

        public static byte[] Build(int connections, bool ipv6 = false)
        {
            var random = new Random(20261126);
            byte[] clientHello = Records(random, (0x16, 517));
            byte[] serverFlight = Records(random, (0x16, 90), (0x16, 3400), (0x16, 4));
            byte[] clientFinish = Records(random, (0x16, 70), (0x14, 1), (0x16, 40));
            byte[] serverFinish = Records(random, (0x14, 1), (0x16, 40));
            IPAddress server = ipv6 ? IPAddress.Parse("2001:db8::443") : IPAddress.Parse("198.51.100.7");

            using var memory = new MemoryStream(connections * 5200);
            using (var writer = new PcapWriter(memory, PcapWriterOptions.Default with { LeaveOpen = true }))
            {
                var open = new PcapTcpConnection[Concurrency];
                for (int first = 0; first < connections; first += Concurrency)
                {
                    int count = Math.Min(Concurrency, connections - first);
                    for (int i = 0; i < count; i++)
                    {
                        int n = first + i;
                        byte[] clientAddress = ipv6 ? IPAddress.Parse("2001:db8::1").GetAddressBytes() : new byte[] { 10, 1, 0, 0 };
                        BinaryPrimitives.WriteUInt16BigEndian(clientAddress.AsSpan(clientAddress.Length - 2), (ushort)(n / 50000));
                        var client = new IPEndPoint(new IPAddress(clientAddress), 10000 + (n % 50000));
                        open[i] = writer.OpenTcpConnection(client, new IPEndPoint(server, 443), 1460, (uint)random.Next(), (uint)random.Next());
                    }

                    for (int i = 0; i < count; i++)
                    {
                        open[i].Send(FlowDirection.ClientToServer, clientHello);
                    }

                    for (int i = 0; i < count; i++)
                    {
                        open[i].Send(FlowDirection.ServerToClient, serverFlight);
                    }

                    for (int i = 0; i < count; i++)
                    {
                        open[i].Send(FlowDirection.ClientToServer, clientFinish);
                    }

                    for (int i = 0; i < count; i++)
                    {
                        open[i].Send(FlowDirection.ServerToClient, serverFinish);
                        open[i].Close();
                    }
                }
            }

            return memory.ToArray();
        }

        private static byte[] Records(Random random, params (byte Type, int Length)[] records)
        {
            using var stream = new MemoryStream();
            foreach ((byte type, int length) in records)
            {
                stream.WriteByte(type);
                stream.WriteByte(3);
                stream.WriteByte(3);
                stream.WriteByte((byte)(length >> 8));
                stream.WriteByte((byte)length);
                byte[] body = new byte[length];
                random.NextBytes(body);
                if (type == 0x16)
                {
                    body[0] = 1; // a handshake type
                }

                stream.Write(body, 0, body.Length);
            }

            return stream.ToArray();
        }
    }
}
