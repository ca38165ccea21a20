using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Text.Json;
using Tsid.Capture.Tests.Support;
using Tsid.Tests.Support;
using Xunit;

namespace Tsid.Capture.Tests
{
    /// <summary>
    /// The real captures of the shared corpus against tshark 4.0.17 (each capture's expected.json, peer_tshark):
    /// every TCP connection tshark saw TLS on is found by our reader and reassembler, oriented the same way, with TLS
    /// found at its start (or after STARTTLS) and a handshake record (0x16) as the first client byte there.
    /// </summary>
    public class CorpusAgreementTests
    {
        private static readonly string[] Folders = { "zeek", "wireshark", "suricata-verify" };

        /// <summary>
        /// Captures where the TCP/TLS count rightly differs from tshark's connection count, with the reason. Every
        /// other capture must agree exactly.
        /// </summary>
        private static readonly Dictionary<string, string> Differences = new()
        {
            ["zeek/dtls1_2.pcap"] = "DTLS over UDP: no TCP connection",
            ["wireshark/dtls12-aes128ccm8-dsb.pcapng"] = "DTLS over UDP: no TCP connection",
            ["wireshark/dtls12-aes128ccm8.pcap"] = "DTLS over UDP: no TCP connection",
            ["wireshark/snakeoil-dtls.pcap"] = "DTLS over UDP: no TCP connection",
            ["wireshark/udt-dtls.pcapng.gz"] = "DTLS over UDT over UDP: no TCP connection",
            ["wireshark/quic-fragmented-handshakes.pcapng.gz"] = "QUIC (TLS inside encrypted UDP packets): no TCP connection",
        };

        public static IEnumerable<object[]> Captures()
        {
            if (Corpus.Directory is null)
            {
                yield break;
            }

            foreach (string folder in Folders)
            {
                string directory = Path.Combine(Corpus.Directory, folder);
                if (!Directory.Exists(directory))
                {
                    continue;
                }

                foreach (string expected in Directory.GetFiles(directory, "*.expected.json").OrderBy(p => p, StringComparer.Ordinal))
                {
                    string capture = expected.Substring(0, expected.Length - ".expected.json".Length);
                    if (!File.Exists(capture) && File.Exists(capture + ".gz"))
                    {
                        capture += ".gz";
                    }

                    yield return new object[] { folder + "/" + Path.GetFileName(capture) };
                }
            }
        }

        [CorpusTheory]
        [MemberData(nameof(Captures))]
        public void Tls_connections_agree_with_tshark(string relative)
        {
            string path = Corpus.PathOf(relative);
            string expectedPath = (relative.EndsWith(".gz", StringComparison.Ordinal) ? path.Substring(0, path.Length - 3) : path) + ".expected.json";
            using JsonDocument expected = JsonDocument.Parse(File.ReadAllText(expectedPath));
            List<ExpectedConnection> connections = ExpectedConnections(expected.RootElement);

            RecordingConsumer consumer;
            CaptureInspectionResult result;
            using (FileStream file = File.OpenRead(path))
            {
                consumer = new RecordingConsumer();
                result = CaptureInspector.Inspect(file, consumer);
            }

            Assert.Equal(CaptureError.None, result.Error);
            Assert.All(consumer.Flows, f => Assert.True(f.Ended, "every flow ends"));

            // tshark lists connections with TLS handshake messages; a TLS flow whose start was not captured (only
            // application data visible) is TLS to us but not a connection to tshark, so compare flows with a handshake.
            List<RecordingConsumer.FlowRecord> tls = consumer.Flows
                .Where(f => f.Flow.TlsState == TlsStartState.Started && (StartsWithHandshake(f.Client) || StartsWithHandshake(f.Server)))
                .ToList();
            List<ExpectedConnection> tcp = connections.Where(c => c.Transport == "tcp").ToList();
            if (Differences.TryGetValue(relative, out string? reason))
            {
                Assert.True(tcp.Count == 0 && tls.Count == 0, $"listed as differing ({reason}) but TCP TLS connections were found");
                Assert.NotEmpty(connections);
                return;
            }

            Assert.Equal(tcp.Count, tls.Count);
            foreach (ExpectedConnection connection in tcp)
            {
                RecordingConsumer.FlowRecord? match = tls.FirstOrDefault(f =>
                    Same(f.Flow.Client, connection.Client) && Same(f.Flow.Server, connection.Server));
                Assert.True(match is not null, $"no TLS flow {connection.Client} -> {connection.Server}; found: {string.Join("; ", consumer.Flows.Select(f => f.Flow + " " + f.Flow.TlsState))}");

                byte[] client = match!.Client.ToArray();
                Assert.NotEmpty(client);
                if (connection.ClientHellos > 0)
                {
                    // The first client byte at the TLS start is a handshake record (RFC 8446 5.1 ContentType 22).
                    Assert.Equal(0x16, client[0]);
                    Assert.Equal(0x03, client[1]);
                    Assert.Equal(0x01, client[5]); // HandshakeType client_hello
                }
                else
                {
                    // tshark shows no ClientHello: an SSL 2.0 compatible hello, or a flow whose client start is missing.
                    Assert.True(client[0] == 0x16 || (client[0] & 0x80) != 0 || !match.Flow.ClientStream.SynSeen, $"first client byte {client[0]:x2}");
                }
            }
        }

        [CorpusFact]
        public void Retransmitted_segment_with_more_data_is_merged_by_overlap()
        {
            // wireshark/retrans-tls.pcap: a 1-byte segment, then a retransmission from the same sequence number with the full record.
            using FileStream file = File.OpenRead(Corpus.PathOf("wireshark/retrans-tls.pcap"));
            var consumer = new RecordingConsumer();
            CaptureInspectionResult result = CaptureInspector.Inspect(file, consumer);

            Assert.Equal(CaptureError.None, result.Error);
            RecordingConsumer.FlowRecord flow = Assert.Single(consumer.Flows);
            byte[] expected = new byte[21];
            new byte[] { 0x17, 0x03, 0x03, 0x00, 0x10 }.CopyTo(expected, 0);
            expected.AsSpan(5).Fill(0xAA);
            Assert.Equal(expected, flow.Client.ToArray());
            Assert.Equal(1, flow.Flow.ClientStream.RetransmittedSegments);
            Assert.False(flow.Flow.OrientedBySyn);
            Assert.Equal(TlsStartProtocol.Direct, flow.Flow.TlsProtocol);
        }

        [CorpusTheory]
        [InlineData("zeek/smtp-starttls.pcap", TlsStartProtocol.Smtp)]
        [InlineData("suricata-verify/smtp-startssl__input.pcap", TlsStartProtocol.Smtp)]
        [InlineData("suricata-verify/ldap-starttls__input.pcap", TlsStartProtocol.Ldap)]
        public void Starttls_captures_start_tls_after_the_dialogue(string relative, TlsStartProtocol protocol)
        {
            using FileStream file = File.OpenRead(Corpus.PathOf(relative));
            var consumer = new RecordingConsumer();
            CaptureInspector.Inspect(file, consumer);

            RecordingConsumer.FlowRecord flow = Assert.Single(consumer.Flows, f => f.Flow.TlsState == TlsStartState.Started);
            Assert.Equal(protocol, flow.Flow.TlsProtocol);
            Assert.True(flow.Flow.ClientTlsOffset > 0 && flow.Flow.ServerTlsOffset > 0);
            Assert.Equal(0x16, flow.Client.ToArray()[0]);
            Assert.Equal(0x16, flow.Server.ToArray()[0]);
            Assert.Equal(0x02, flow.Server.ToArray()[5]); // ServerHello
        }

        private static bool StartsWithHandshake(MemoryStream stream) => stream.Length > 0 && stream.GetBuffer()[0] == 0x16;

        private static bool Same(FlowEndpoint endpoint, string expected)
        {
            int colon = expected.LastIndexOf(':');
            return endpoint.Port == int.Parse(expected.AsSpan(colon + 1))
                && endpoint.Address.ToIPAddress().Equals(IPAddress.Parse(expected.AsSpan(0, colon)));
        }

        private static List<ExpectedConnection> ExpectedConnections(JsonElement root)
        {
            var list = new List<ExpectedConnection>();
            var summaries = new Dictionary<(string, int), JsonElement>();
            if (root.TryGetProperty("summary", out JsonElement summary))
            {
                foreach (JsonElement s in summary.EnumerateArray())
                {
                    summaries[(s.GetProperty("transport").GetString()!, s.GetProperty("stream").GetInt32())] = s;
                }
            }

            foreach (JsonElement c in root.GetProperty("peer_tshark").GetProperty("connections").EnumerateArray())
            {
                string transport = c.GetProperty("transport").GetString()!;
                int stream = c.GetProperty("stream").GetInt32();
                JsonElement s = summaries[(transport, stream)];
                list.Add(new ExpectedConnection(
                    transport,
                    s.GetProperty("client").GetString()!,
                    s.GetProperty("server").GetString()!,
                    c.GetProperty("client_hellos").GetArrayLength()));
            }

            return list;
        }

        private sealed record ExpectedConnection(string Transport, string Client, string Server, int ClientHellos);
    }
}
