using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text.Json;
using Tsid.Tests.Support;
using Tsid.Tls;
using Xunit;
using Xunit.Abstractions;

namespace Tsid.Tests.Tls
{
    /// <summary>
    /// The TLS payloads of every TCP capture in the corpus, fed to <see cref="TlsConnectionObserver"/>, agree with
    /// tshark (peer_tshark / summary in each expected.json) on SNI, ALPN, supported_versions, extension type lists,
    /// negotiated version and the server chain's SHA-256s — except where listed in <see cref="KnownDifferences"/>.
    /// </summary>
    public class CorpusAgreementTests
    {
        /// <summary>
        /// (capture, connection stream, field) where our answer rightly differs from tshark's, and why.
        /// </summary>
        internal static readonly Dictionary<string, string> KnownDifferences = new()
        {
            [OutOfOrder("suricata-verify/tls-fingerprint-alert__input.pcap.expected.json#0", "version")] = ServerOutOfOrder,
            [OutOfOrder("suricata-verify/tls-fingerprint-alert__input.pcap.expected.json#0", "certificate_visible")] = ServerOutOfOrder,
            [OutOfOrder("suricata-verify/tls-fingerprint-alert__input.pcap.expected.json#0", "chain_sha256")] = ServerOutOfOrder,
            [OutOfOrder("suricata-verify/tls-subjectaltname__input.pcap.expected.json#3", "version")] = StaleSequenceBase,
            [OutOfOrder("suricata-verify/tls-subjectaltname__input.pcap.expected.json#3", "certificate_visible")] = StaleSequenceBase,
            [OutOfOrder("suricata-verify/tls-subjectaltname__input.pcap.expected.json#3", "chain_sha256")] = StaleSequenceBase,
        };

        /// <summary>
        /// Frames 43-47 are an earlier SYN / stray ACK / RST on the same ports; tshark 4.0 puts them and the new
        /// connection (SYN at frame 113) in one stream, keeps the stale server sequence base and never reassembles
        /// the server flight. Starting over at the new SYN-ACK reads ServerHello and Certificate.
        /// </summary>
        private const string StaleSequenceBase = "port reuse after RST; tshark keeps the stale server sequence base";

        /// <summary>
        /// The server's first segment (ServerHello) was captured after later segments. tshark 4.0 with its default
        /// settings (tcp.reassemble_out_of_order off) does not dissect that flight; reassembly by sequence number
        /// (what a firewall does) reads ServerHello and Certificate. The test checks the segment really was out of order.
        /// </summary>
        private const string ServerOutOfOrder = "server flight out of order in the capture; tshark 4.0 default does not reassemble it";

        private static string OutOfOrder(string id, string field) => id + " " + field;

        private readonly ITestOutputHelper _output;

        public CorpusAgreementTests(ITestOutputHelper output) => _output = output;

        public static IEnumerable<object[]> Captures()
        {
            if (Corpus.Directory is null)
            {
                yield break;
            }

            foreach (string dir in new[] { "zeek", "wireshark", "suricata-verify" })
            {
                string full = Path.Combine(Corpus.Directory, dir);
                if (!Directory.Exists(full))
                {
                    continue;
                }

                foreach (string json in Directory.GetFiles(full, "*.expected.json").OrderBy(p => p, StringComparer.Ordinal))
                {
                    yield return new object[] { dir + "/" + Path.GetFileName(json) };
                }
            }
        }

        [CorpusTheory]
        [MemberData(nameof(Captures))]
        public void Capture_agrees_with_tshark(string expectedJson)
        {
            List<string> differences = Compare(expectedJson);
            foreach (string d in differences)
            {
                _output.WriteLine(d);
            }

            var unexplained = differences.Where(d => !KnownDifferences.ContainsKey(d.Split(" => ")[0])).ToList();
            Assert.True(unexplained.Count == 0, string.Join(Environment.NewLine, unexplained));

            // Every listed difference for this capture still happens (the list does not go stale).
            string prefix = expectedJson + "#";
            foreach (string known in KnownDifferences.Keys.Where(k => k.StartsWith(prefix, StringComparison.Ordinal)))
            {
                Assert.Contains(differences, d => d.StartsWith(known + " => ", StringComparison.Ordinal));
            }
        }

        internal static List<string> Compare(string expectedJson)
        {
            string jsonPath = Corpus.PathOf(expectedJson);
            string capture = jsonPath.Substring(0, jsonPath.Length - ".expected.json".Length);
            if (!File.Exists(capture))
            {
                capture += ".gz";
            }

            using JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(jsonPath));
            JsonElement root = doc.RootElement;
            var differences = new List<string>();
            List<PcapTcpExtractor.Connection> connections = PcapTcpExtractor.Read(capture);
            var tsharkByStream = new Dictionary<int, JsonElement>();
            foreach (JsonElement c in root.GetProperty("peer_tshark").GetProperty("connections").EnumerateArray())
            {
                if (c.GetProperty("transport").GetString() == "tcp")
                {
                    tsharkByStream[c.GetProperty("stream").GetInt32()] = c;
                }
            }

            foreach (JsonElement s in root.GetProperty("summary").EnumerateArray())
            {
                if (s.GetProperty("transport").GetString() != "tcp")
                {
                    continue;
                }

                int stream = s.GetProperty("stream").GetInt32();
                string id = expectedJson + "#" + stream;
                string client = s.GetProperty("client").GetString()!;
                string server = s.GetProperty("server").GetString()!;
                PcapTcpExtractor.Connection? ours = connections.FirstOrDefault(c => c.Client == client && c.Server == server)
                    ?? connections.FirstOrDefault(c => c.Client == server && c.Server == client);
                if (ours is null)
                {
                    differences.Add(id + " connection => not found");
                    continue;
                }

                using TlsConnectionObserver observer = FeedFromTlsStart(ours);
                Check(differences, id, "error", "None", observer.ClientError.ToString() + "/" + observer.ServerError.ToString() == "None/None" ? "None" : observer.ClientError + "/" + observer.ServerError);
                Check(differences, id, "sni", Str(s, "sni"), observer.GetServerNameString());
                Check(differences, id, "version", VersionOf(Str(s, "negotiated_version_tshark")), observer.NegotiatedVersion.ToString());
                Check(differences, id, "certificate_visible", s.GetProperty("server_certificate_visible").GetBoolean().ToString(), (observer.ServerCertificateVisibility == TlsCertificateVisibility.Visible).ToString());

                if (tsharkByStream.TryGetValue(stream, out JsonElement t))
                {
                    JsonElement[] hellos = t.GetProperty("client_hellos").EnumerateArray().ToArray();
                    // tshark lists one hello per frame, so a frame holding several counts once; SSLv2-compatible hellos
                    // are not in its list at all.
                    if (observer.IsSslV2ClientHello ? hellos.Length != 0 : observer.ClientHelloCount < hellos.Length)
                    {
                        differences.Add(id + " client_hello_count => tshark " + hellos.Length + ", ours " + observer.ClientHelloCount);
                    }

                    if (id.StartsWith("suricata-verify/tls-fingerprint-alert", StringComparison.Ordinal) && ours.ToClient.OutOfOrder == 0)
                    {
                        differences.Add(id + " reason => the server flight was in order");
                    }

                    if (hellos.Length > 0 && observer.TryGetClientHello(out ClientHello hello))
                    {
                        // tshark leaves extension_types null on some reassembled hellos; compare with one it filled in.
                        JsonElement h = hellos.FirstOrDefault(x => x.TryGetProperty("extension_types", out JsonElement v) && v.ValueKind == JsonValueKind.Array, hellos[0]);
                        if (h.GetProperty("extension_types").ValueKind == JsonValueKind.Array)
                        {
                            Check(differences, id, "extension_types", Join(Array(h, "extension_types").Select(e => e.GetInt32().ToString())), Join(Types(hello)));
                        }

                        Check(differences, id, "alpn", Join(Array(h, "alpn").Select(e => e.GetString()!)), Join(Alpn(hello)));
                        Check(differences, id, "supported_versions", Join(Array(h, "supported_versions").Select(e => Convert.ToInt32(e.GetString(), 16).ToString())), Join(Versions(hello)));
                        Check(differences, id, "legacy_version", Convert.ToInt32(h.GetProperty("legacy_version").GetString(), 16).ToString(), ((int)hello.LegacyVersion).ToString());
                    }
                    else if (hellos.Length > 0 && !observer.IsSslV2ClientHello)
                    {
                        differences.Add(id + " client_hello => tshark saw one, we did not");
                    }

                    var expectedChain = new List<string>();
                    foreach (JsonElement cert in t.GetProperty("certificates").EnumerateArray())
                    {
                        if (cert.GetProperty("sender").GetString() == server && expectedChain.Count == 0)
                        {
                            expectedChain.AddRange(cert.GetProperty("chain").EnumerateArray().Select(x => x.GetProperty("sha256").GetString()!));
                        }
                    }

                    var ourChain = new List<string>();
                    if (observer.TryGetServerCertificates(out CertificateMessage chain))
                    {
                        foreach (ReadOnlySpan<byte> der in chain)
                        {
                            ourChain.Add(Convert.ToHexString(SHA256.HashData(der)).ToLowerInvariant());
                        }
                    }

                    Check(differences, id, "chain_sha256", Join(expectedChain), Join(ourChain));
                }
            }

            return differences;
        }

        internal static TlsConnectionObserver FeedFromTlsStart(PcapTcpExtractor.Connection c)
        {
            // STARTTLS (SMTP, LDAP, …): TLS begins after a plaintext exchange; find the first hello in each direction.
            long clientStart = FindStart(c, true, 1);
            long serverStart = FindStart(c, false, 2);
            var observer = new TlsConnectionObserver();
            long seenClient = 0;
            long seenServer = 0;
            foreach ((bool fromClient, byte[] data) in c.Deliveries)
            {
                ref long seen = ref fromClient ? ref seenClient : ref seenServer;
                long start = fromClient ? clientStart : serverStart;
                int skip = (int)Math.Clamp(start - seen, 0, data.Length);
                seen += data.Length;
                if (start >= 0 && skip < data.Length)
                {
                    observer.Feed(fromClient ? TlsDirection.ClientToServer : TlsDirection.ServerToClient, data.AsSpan(skip));
                }
            }

            return observer;
        }

        private static long FindStart(PcapTcpExtractor.Connection c, bool client, byte helloType)
        {
            var all = new MemoryStream();
            foreach ((bool fromClient, byte[] data) in c.Deliveries)
            {
                if (fromClient == client)
                {
                    all.Write(data);
                }
            }

            byte[] b = all.ToArray();
            if (b.Length > 0 && TlsRecordHeader.Detect(b) != TlsStreamKind.NotTls)
            {
                return 0;
            }

            for (int i = 0; i + 6 <= b.Length; i++)
            {
                if (b[i] == 0x16 && b[i + 1] == 3 && b[i + 2] <= 4 && b[i + 5] == helloType)
                {
                    return i;
                }
            }

            return -1;
        }

        private static void Check(List<string> differences, string id, string field, string? expected, string? actual)
        {
            if (!string.Equals(expected, actual, StringComparison.Ordinal))
            {
                differences.Add(id + " " + field + " => tshark " + (expected ?? "null") + ", ours " + (actual ?? "null"));
            }
        }

        private static IEnumerable<JsonElement> Array(JsonElement e, string name) =>
            e.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.Array ? v.EnumerateArray().ToArray() : System.Array.Empty<JsonElement>();

        private static string? Str(JsonElement e, string name) => e.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

        private static string VersionOf(string? tshark) => tshark switch
        {
            null => nameof(TlsProtocolVersion.None),
            "SSLv3" => nameof(TlsProtocolVersion.Ssl30),
            "TLSv1.0" or "TLSv1" => nameof(TlsProtocolVersion.Tls10),
            "TLSv1.1" => nameof(TlsProtocolVersion.Tls11),
            "TLSv1.2" => nameof(TlsProtocolVersion.Tls12),
            "TLSv1.3" => nameof(TlsProtocolVersion.Tls13),
            _ when tshark.StartsWith("TLSv1.3-draft", StringComparison.Ordinal) => ((TlsProtocolVersion)(0x7f00 + int.Parse(tshark.Substring(13)))).ToString(),
            _ => tshark,
        };

        private static string Join(IEnumerable<string> values) => string.Join(",", values);

        private static IEnumerable<string> Types(ClientHello hello)
        {
            var list = new List<string>();
            foreach (TlsExtension e in hello.Extensions)
            {
                list.Add(((int)e.Type).ToString());
            }

            return list;
        }

        private static IEnumerable<string> Alpn(ClientHello hello)
        {
            var list = new List<string>();
            if (hello.TryGetAlpn(out ProtocolNameList names))
            {
                foreach (ReadOnlySpan<byte> n in names)
                {
                    list.Add(System.Text.Encoding.ASCII.GetString(n));
                }
            }

            return list;
        }

        private static IEnumerable<string> Versions(ClientHello hello)
        {
            var list = new List<string>();
            if (hello.TryGetSupportedVersions(out TlsUInt16List versions))
            {
                foreach (ushort v in versions)
                {
                    list.Add(v.ToString());
                }
            }

            return list;
        }
    }
}
