using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using Tsid.Capture;

namespace Tsid.Inspection.Tests.Support
{
    /// <summary>
    /// Captures made for the tests with <see cref="PcapWriter"/> from the project's SslStream recordings
    /// (tests/Tsid.Core.Tests/Fixtures/Tls): real handshakes, addresses from the documentation ranges.
    /// </summary>
    internal static class Captures
    {
        /// <summary>TLS 1.2, SNI tls-test.example, ALPN offered h2 and http/1.1, h2 chosen; one self-signed certificate.</summary>
        public const string Tls12SniAlpn = "tls12-sni-alpn";

        /// <summary>TLS 1.3, SNI tls-test.example, ALPN http/1.1 offered: the certificate is encrypted.</summary>
        public const string Tls13SniAlpn = "tls13-sni-alpn";

        /// <summary>TLS 1.2, SNI tls-test.example, with a client certificate.</summary>
        public const string Tls12ClientCertificate = "tls12-client-certificate";

        /// <summary>TLS 1.2 without SNI to the Cisco-like chain of three (first SAN toos.cisco.com, then tools.cisco.com).</summary>
        public const string Tls12NoSniCiscoChain3 = "tls12-nosni-cisco-chain3";

        public static readonly IPEndPoint Resolver = new(IPAddress.Parse("10.12.1.1"), 53);

        public static readonly IPEndPoint Server = new(IPAddress.Parse("198.51.100.38"), 443);

        /// <summary>The first packet's time in every capture made here.</summary>
        public static readonly DateTimeOffset Start = new(2026, 12, 1, 19, 21, 40, TimeSpan.Zero);

        public static (byte[] C2S, byte[] S2C) Recording(string name) =>
            (Bytes(name + ".c2s.bin"), Bytes(name + ".s2c.bin"));

        public static IPEndPoint Client(int n) => new(IPAddress.Parse("10.12.1.20"), 50000 + n);

        /// <summary>A capture written by <paramref name="write"/> (Ethernet, µs timestamps from <see cref="Start"/>, 10 µs apart).</summary>
        public static byte[] Make(Action<PcapWriter> write)
        {
            using var memory = new MemoryStream();
            using (var writer = new PcapWriter(memory, PcapWriterOptions.Default with { LeaveOpen = true, StartTime = Start }))
            {
                write(writer);
            }

            return memory.ToArray();
        }

        /// <summary>Writes one whole connection replaying a recording.</summary>
        public static void Connection(PcapWriter writer, IPEndPoint client, string recording, IPEndPoint? server = null)
        {
            (byte[] c2s, byte[] s2c) = Recording(recording);
            writer.WriteTcpConnection(client, server ?? Server, c2s, s2c);
        }

        /// <summary>The seed case: a DNS answer for tools.cisco.com (TTL <paramref name="ttl"/> s), then the chain-of-three connection without SNI.</summary>
        public static void SeedCase(PcapWriter writer, IPEndPoint client, uint ttl = 300)
        {
            writer.WriteDnsResponse(Resolver, client, "tools.cisco.com", new List<IPAddress> { Server.Address }, timeToLive: ttl);
            Connection(writer, client, Tls12NoSniCiscoChain3);
        }

        /// <summary>Every connection of <paramref name="capture"/> as an owned record.</summary>
        public static List<ConnectionRecord> Records(byte[] capture, InspectionOptions? options, out InspectionSummary summary)
        {
            var records = new List<ConnectionRecord>();
            summary = new ConnectionInspector(options).Inspect(new MemoryStream(capture), (in InspectedConnection c) => records.Add(c.ToRecord()));
            return records;
        }

        private static byte[] Bytes(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Tls", name));
    }
}
