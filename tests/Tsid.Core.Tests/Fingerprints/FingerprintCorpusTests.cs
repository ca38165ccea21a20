using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Tsid.Fingerprints;
using Tsid.Tests.Support;
using Tsid.Tests.Tls;
using Tsid.Tls;
using Xunit;
using Xunit.Abstractions;

namespace Tsid.Tests.Fingerprints
{
    /// <summary>
    /// JA3 and JA3S against tshark 4.0.17 (<c>ja3</c>, <c>ja3_full</c>, <c>ja3s</c> of every ClientHello / ServerHello in
    /// peer_tshark, and the per-connection summary) on every TCP connection of the corpus that has them, and JA3 / JA3S /
    /// JA4 against the values Suricata's own tests expect (peer_suricata_checks of suricata-verify/*.expected.json).
    /// </summary>
    public class FingerprintCorpusTests
    {
        private static readonly string[] Folders = { "zeek", "wireshark", "suricata-verify" };

        private const string Draft14 = "tls13-draft14__tls13_draft14.pcap.expected.json#0";

        /// <summary>
        /// Suricata 8 ends JA4's c string with '_' when the hello has no signature_algorithms; JA4.md ("If there are no
        /// signature algorithms in the hello packet, then the string ends without an underscore") and FoxIO's own
        /// implementation do not. We follow the specification; the test checks that this is the only difference.
        /// </summary>
        private const string SuricataNoSchemes = "bug-5713-01__TLSv1-Extracted-MaliciousC2.pcap.expected.json";

        private readonly ITestOutputHelper _output;

        public FingerprintCorpusTests(ITestOutputHelper output) => _output = output;

        [CorpusFact]
        public void Ja3_and_ja3s_agree_with_tshark_on_every_connection_that_has_them()
        {
            var mismatches = new List<string>();
            int ja3 = 0, ja3String = 0, ja3s = 0, summaries = 0, retried = 0, known = 0;
            foreach (string json in ExpectedFiles())
            {
                using JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(json));
                JsonElement root = doc.RootElement;
                List<PcapTcpExtractor.Connection> connections = PcapTcpExtractor.Read(CaptureOf(json));
                var tshark = new Dictionary<int, JsonElement>();
                foreach (JsonElement c in root.GetProperty("peer_tshark").GetProperty("connections").EnumerateArray())
                {
                    if (c.GetProperty("transport").GetString() == "tcp")
                    {
                        tshark[c.GetProperty("stream").GetInt32()] = c;
                    }
                }

                foreach (JsonElement s in root.GetProperty("summary").EnumerateArray())
                {
                    if (s.GetProperty("transport").GetString() != "tcp")
                    {
                        continue;
                    }

                    string? expectedJa3 = Str(s, "ja3");
                    string? expectedJa3s = Str(s, "ja3s");
                    if (expectedJa3 is null && expectedJa3s is null)
                    {
                        continue;
                    }

                    string id = Path.GetFileName(json) + "#" + s.GetProperty("stream").GetInt32();
                    PcapTcpExtractor.Connection? ours = Find(connections, s.GetProperty("client").GetString()!, s.GetProperty("server").GetString()!);
                    if (ours is null)
                    {
                        mismatches.Add(id + ": connection not found");
                        continue;
                    }

                    using TlsConnectionObserver observer = CorpusAgreementTests.FeedFromTlsStart(ours);
                    summaries++;
                    if (expectedJa3 != null)
                    {
                        Assert.True(observer.TryGetClientHello(out ClientHello hello), id + ": no ClientHello");
                        ja3++;
                        Compare(mismatches, id + " ja3 (summary)", expectedJa3, Ja3.GetHashString(in hello));

                        // The first hello tshark lists with a ja3 is the one the observer keeps.
                        JsonElement first = tshark[s.GetProperty("stream").GetInt32()].GetProperty("client_hellos").EnumerateArray().First(h => Str(h, "ja3") != null);
                        Compare(mismatches, id + " ja3 (first ClientHello)", Str(first, "ja3"), Ja3.GetHashString(in hello));
                        if (Str(first, "ja3_full") is { } full)
                        {
                            ja3String++;
                            Compare(mismatches, id + " ja3_full", full, Ja3.GetString(in hello));
                        }
                    }

                    if (expectedJa3s != null)
                    {
                        Assert.True(observer.TryGetServerHello(out ServerHello server), id + ": no ServerHello");
                        ja3s++;
                        JsonElement[] serverHellos = tshark[s.GetProperty("stream").GetInt32()].GetProperty("server_hellos").EnumerateArray().ToArray();
                        if (observer.HelloRetryRequestSeen)
                        {
                            // The summary holds the first ServerHello's ja3s, the HelloRetryRequest's; the observer keeps
                            // (and JA3S is taken from) the ServerHello after it: tshark's last one.
                            expectedJa3s = Str(serverHellos[serverHellos.Length - 1], "ja3s");
                            retried++;
                        }

                        if (id == Draft14)
                        {
                            // tshark 4.0 reads the draft-14 ServerHello (no legacy_session_id_echo, RFC 8446 drafts <= 21)
                            // as if it had one, so its cipher is two bytes of the random: '772,44205,'. We read the draft form.
                            Assert.Equal("772,44205,", Str(serverHellos[0], "ja3s_full"));
                            Assert.Equal("772," + observer.CipherSuite + ",", Ja3S.GetString(in server).Substring(0, 5 + observer.CipherSuite.ToString().Length));
                            Assert.NotEqual(44205, observer.CipherSuite);
                            known++;
                            continue;
                        }

                        Compare(mismatches, id + " ja3s", expectedJa3s, Ja3S.GetHashString(in server));
                    }
                }
            }

            _output.WriteLine($"tshark agreement: {summaries} connections; ja3 {ja3 - Count(mismatches, " ja3 (summary)")}/{ja3}, ja3_full {ja3String - Count(mismatches, " ja3_full")}/{ja3String}, ja3s {ja3s - known - Count(mismatches, " ja3s")}/{ja3s} ({retried} after a HelloRetryRequest compared with tshark's last ServerHello, {known} known tshark misreading)");
            Assert.True(mismatches.Count == 0, string.Join(Environment.NewLine, mismatches));
            Assert.True(ja3 >= 40 && ja3s >= 30, $"too few connections compared: ja3 {ja3}, ja3s {ja3s}");
        }

        [CorpusFact]
        public void Ja3_ja3s_and_ja4_agree_with_suricata_verify_expectations()
        {
            var mismatches = new List<string>();
            var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
            int knownJa4 = 0;
            string directory = Corpus.PathOf("suricata-verify");
            foreach (string json in Directory.GetFiles(directory, "*.expected.json").OrderBy(p => p, StringComparer.Ordinal))
            {
                using JsonDocument doc = JsonDocument.Parse(File.ReadAllBytes(json));
                if (!doc.RootElement.TryGetProperty("peer_suricata_checks", out JsonElement checks) || checks.ValueKind != JsonValueKind.Object)
                {
                    continue;
                }

                // Every fingerprint of every connection in the capture: a check's event is one of them.
                var ours = new HashSet<string>(StringComparer.Ordinal);
                var rawJa4 = new List<string>();
                foreach (PcapTcpExtractor.Connection c in PcapTcpExtractor.Read(CaptureOf(json)))
                {
                    using TlsConnectionObserver observer = CorpusAgreementTests.FeedFromTlsStart(c);
                    if (observer.TryGetClientHello(out ClientHello hello))
                    {
                        ours.Add("tls.ja3.hash=" + Ja3.GetHashString(in hello));
                        ours.Add("tls.ja3.string=" + Ja3.GetString(in hello));
                        ours.Add("tls.ja4=" + Ja4.GetString(in hello, observer.Protocol));
                        rawJa4.Add(Ja4.GetString(in hello, observer.Protocol, Ja4Form.Raw));
                    }

                    if (observer.TryGetServerHello(out ServerHello server))
                    {
                        ours.Add("tls.ja3s.hash=" + Ja3S.GetHashString(in server));
                        ours.Add("tls.ja3s.string=" + Ja3S.GetString(in server));
                    }
                }

                foreach (JsonElement check in checks.GetProperty("checks").EnumerateArray())
                {
                    foreach (JsonProperty field in check.GetProperty("match").EnumerateObject())
                    {
                        if (!field.Name.StartsWith("tls.ja", StringComparison.Ordinal))
                        {
                            continue;
                        }

                        string key = field.Name + "=" + field.Value.GetString();
                        counts[field.Name] = counts.GetValueOrDefault(field.Name) + 1;
                        if (field.Name == "tls.ja4" && Path.GetFileName(json) == SuricataNoSchemes)
                        {
                            string raw = rawJa4.Single();
                            string c = raw.Substring(raw.LastIndexOf('_') + 1);
                            Assert.DoesNotContain("000d", c, StringComparison.Ordinal); // no signature_algorithms
                            string suricata = field.Value.GetString()!;
                            Assert.Equal(suricata.Substring(0, 24), ours.Single(o => o.StartsWith("tls.ja4=", StringComparison.Ordinal)).Substring(8, 24));
                            Assert.Equal(suricata.Substring(24), Sha12(c + "_"));
                            knownJa4++;
                            continue;
                        }

                        if (!ours.Contains(key))
                        {
                            mismatches.Add(Path.GetFileName(json) + " " + check.GetProperty("test").GetString() + ": expected " + key + "; ours: " + string.Join(" | ", ours.Where(o => o.StartsWith(field.Name + "=", StringComparison.Ordinal))));
                        }
                    }
                }
            }

            _output.WriteLine("suricata-verify checks compared: " + string.Join(", ", counts.Select(p => p.Key + " " + p.Value)) + "; mismatches " + mismatches.Count + "; tls.ja4 with Suricata's trailing '_' (no signature_algorithms) " + knownJa4);
            Assert.True(mismatches.Count == 0, string.Join(Environment.NewLine, mismatches));
            Assert.True(counts.GetValueOrDefault("tls.ja4") >= 2 && counts.GetValueOrDefault("tls.ja3.hash") >= 8, "too few suricata checks compared");
        }

        private static string Sha12(string text) =>
            Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(text))).ToLowerInvariant().Substring(0, 12);

        private static int Count(List<string> mismatches, string field) => mismatches.Count(m => m.Contains(field + ":", StringComparison.Ordinal));

        private static void Compare(List<string> mismatches, string what, string? expected, string actual)
        {
            if (!string.Equals(expected, actual, StringComparison.Ordinal))
            {
                mismatches.Add(what + ": tshark " + (expected ?? "null") + ", ours " + actual);
            }
        }

        private static PcapTcpExtractor.Connection? Find(List<PcapTcpExtractor.Connection> connections, string client, string server) =>
            connections.FirstOrDefault(c => c.Client == client && c.Server == server) ?? connections.FirstOrDefault(c => c.Client == server && c.Server == client);

        private static IEnumerable<string> ExpectedFiles()
        {
            foreach (string folder in Folders)
            {
                string directory = Corpus.PathOf(folder);
                if (Directory.Exists(directory))
                {
                    foreach (string json in Directory.GetFiles(directory, "*.expected.json").OrderBy(p => p, StringComparer.Ordinal))
                    {
                        yield return json;
                    }
                }
            }
        }

        private static string CaptureOf(string json)
        {
            string capture = json.Substring(0, json.Length - ".expected.json".Length);
            return File.Exists(capture) ? capture : capture + ".gz";
        }

        private static string? Str(JsonElement e, string name) => e.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
    }
}
