using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Net;
using Tsid.Capture;

namespace Tsid.Benchmarks
{
    /// <summary>
    /// A capture of real TLS handshakes for the whole-inspection benchmark: SslStream recordings from
    /// tests/Tsid.Core.Tests/Fixtures/Tls replayed round robin between many client addresses and ports,
    /// <see cref="Concurrency"/> connections interleaved at a time, cut at a 1,460-byte MSS, with a DNS answer for the
    /// server before every eighth connection.
    /// </summary>
    /// <remarks>
    /// <see cref="InspectWorkloadMix.Mixed"/> replays all four recordings (TLS 1.2 with SNI and ALPN, TLS 1.3, TLS 1.2 with a
    /// client certificate, TLS 1.2 without SNI to the Cisco-like chain of three); <see cref="InspectWorkloadMix.Chains"/>
    /// only the three whose server chain is in clear, the chain of three every other connection, so every connection
    /// carries a full certificate chain (the tshark comparison uses it).
    /// </remarks>
    internal static class InspectWorkload
    {
        public const int Concurrency = 64;

        private static readonly string[] MixedRecordings =
        {
            "tls12-sni-alpn", "tls13-sni-alpn", "tls12-client-certificate", "tls12-nosni-cisco-chain3",
        };

        private static readonly string[] ChainRecordings =
        {
            "tls12-nosni-cisco-chain3", "tls12-sni-alpn", "tls12-nosni-cisco-chain3", "tls12-client-certificate",
        };

        /// <summary>The mixed workload in memory (what <c>InspectBenchmarks</c> reads).</summary>
        public static byte[] Build(int connections)
        {
            using var memory = new MemoryStream(connections * 3400);
            Write(memory, connections, InspectWorkloadMix.Mixed);
            return memory.ToArray();
        }

        /// <summary>Writes the workload as pcap to <paramref name="output"/> (left open), streaming: any size fits.</summary>
        public static void Write(Stream output, int connections, InspectWorkloadMix mix)
        {
            var flights = new List<(byte[] C2S, byte[] S2C)>();
            foreach (string name in mix == InspectWorkloadMix.Chains ? ChainRecordings : MixedRecordings)
            {
                flights.Add((Fixtures.Bytes("Tls/" + name + ".c2s.bin"), Fixtures.Bytes("Tls/" + name + ".s2c.bin")));
            }

            var random = new Random(20261126);
            var server = new IPEndPoint(IPAddress.Parse("198.51.100.38"), 443);
            var resolver = new IPEndPoint(IPAddress.Parse("10.12.1.1"), 53);
            using var writer = new PcapWriter(output, PcapWriterOptions.Default with { LeaveOpen = true });
            var open = new PcapTcpConnection[Concurrency];
            for (int first = 0; first < connections; first += Concurrency)
            {
                int count = Math.Min(Concurrency, connections - first);
                for (int i = 0; i < count; i++)
                {
                    int n = first + i;
                    byte[] clientAddress = { 10, 12, 0, 0 };
                    BinaryPrimitives.WriteUInt16BigEndian(clientAddress.AsSpan(2), (ushort)(n / 40000));
                    var client = new IPEndPoint(new IPAddress(clientAddress), 20000 + (n % 40000));
                    if (n % 8 == 0)
                    {
                        writer.WriteDnsResponse(resolver, client, "tools.cisco.com", new[] { server.Address });
                    }

                    open[i] = writer.OpenTcpConnection(client, server, 1460, (uint)random.Next(), (uint)random.Next());
                }

                for (int i = 0; i < count; i++)
                {
                    open[i].Send(FlowDirection.ClientToServer, flights[(first + i) % flights.Count].C2S);
                }

                for (int i = 0; i < count; i++)
                {
                    open[i].Send(FlowDirection.ServerToClient, flights[(first + i) % flights.Count].S2C);
                }

                for (int i = 0; i < count; i++)
                {
                    open[i].Close();
                }
            }
        }
    }

    /// <summary>Which recordings <see cref="InspectWorkload"/> replays.</summary>
    public enum InspectWorkloadMix
    {
        /// <summary>All four recordings, TLS 1.3 included (a quarter of the chains are encrypted).</summary>
        Mixed,

        /// <summary>Only TLS 1.2 recordings with the server chain in clear; half of them a chain of three.</summary>
        Chains,
    }
}
