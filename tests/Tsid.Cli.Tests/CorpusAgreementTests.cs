using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using Tsid.Cli.Output;
using Tsid.Inspection;
using Tsid.Tests.Support;
using Xunit;

namespace Tsid.Cli.Tests
{
    /// <summary>
    /// What <c>tsid inspect --format json</c> reports (its JSON Lines, read back) for every TCP, DTLS and QUIC connection of the third-party captures agrees with what tshark (and
    /// Zeek, where it has a baseline) found: SNI, negotiated version, certificate visibility, leaf CN, SAN dNSNames in
    /// order, issuer and SHA-256. Expected values are the peers' (the corpus summary), never Tsid's.
    /// </summary>
    public class CorpusAgreementTests
    {
        /// <summary>
        /// Connections where our answer rightly differs from tshark's, and why. In both, tshark 4.0 dissects no ServerHello
        /// while the bytes hold a complete TLS 1.2 server flight; for these we check the SNI with the peers and that we
        /// see the TLS 1.2 handshake and the certificate.
        /// </summary>
        private static readonly Dictionary<string, string> RightfulDifferences = new(StringComparer.Ordinal)
        {
            ["suricata-verify/tls-fingerprint-alert__input.pcap 10.16.1.11:54684 24.244.4.23:443"] =
                "the server's first segment (ServerHello) arrives after three later segments (frames 6, 8, 10 before 12); tshark does not "
                + "reassemble out-of-order TCP segments by default, our reassembler puts them in sequence order",
            ["suricata-verify/tls-subjectaltname__input.pcap 192.168.100.206:59691 204.79.197.200:443"] =
                "the 4-tuple is reused: an aborted attempt (SYN, stray ACK, RST; frames 43-47) precedes the real connection (new SYN, "
                + "frame 113); tshark keeps both in one stream and dissects no ServerHello, our reassembler starts a new flow at the new SYN",
        };

        public static IEnumerable<object[]> Captures()
        {
            if (Corpus.Directory is null)
            {
                yield break;
            }

            foreach (string folder in new[] { "zeek", "wireshark", "suricata-verify" })
            {
                string directory = Path.Combine(Corpus.Directory, folder);
                if (!Directory.Exists(directory))
                {
                    continue;
                }

                string[] expected = Directory.GetFiles(directory, "*.expected.json");
                Array.Sort(expected, StringComparer.Ordinal);
                foreach (string file in expected)
                {
                    yield return new object[] { folder + "/" + Path.GetFileName(file).Replace(".expected.json", string.Empty, StringComparison.Ordinal) };
                }
            }
        }

        /// <summary>
        /// QUIC connections where tshark saw more than a passive observer can, and why; for these the certificate is
        /// checked as encrypted (and the SNI and version with the peers, as for every connection).
        /// </summary>
        private static readonly Dictionary<string, string> QuicKeyedByTshark = new(StringComparer.Ordinal)
        {
            ["wireshark/quic-fragmented-handshakes.pcapng 10.9.0.1:36588 10.9.0.2:443"] =
                "the pcapng carries this connection's TLS secrets (a Decryption Secrets Block): tshark decrypts its Handshake packets and "
                + "shows the certificate; without keys the certificate of a QUIC connection is encrypted (RFC 9001 4), which is what we report",
        };

        [CorpusTheory]
        [MemberData(nameof(Captures))]
        public void Inspect_agrees_with_the_peers_on_every_connection(string capture)
        {
            using JsonDocument expected = JsonDocument.Parse(File.ReadAllText(Corpus.PathOf(capture + ".expected.json")));
            Dictionary<string, Reported> ours = InspectCapture(capture);

            var mismatches = new List<string>();
            int compared = 0;
            foreach (JsonElement connection in expected.RootElement.GetProperty("summary").EnumerateArray())
            {
                string transport = connection.GetProperty("transport").GetString()!;
                if (!connection.GetProperty("client_hello_seen").GetBoolean())
                {
                    continue;
                }

                string key = connection.GetProperty("client").GetString() + " " + connection.GetProperty("server").GetString();
                compared++;
                if (!ours.TryGetValue(transport + " " + key, out Reported? report))
                {
                    mismatches.Add(transport + " " + key + ": not reported");
                    continue;
                }

                if (transport == "udp")
                {
                    // The corpus's UDP captures are QUIC's or DTLS's, and say which in their names.
                    string protocol = capture.Contains("quic", StringComparison.Ordinal) ? "quic" : "dtls";
                    Compare(mismatches, key, "protocol", protocol, report.Protocol);
                    Compare(mismatches, key, "quic_version is set", (protocol == "quic").ToString(), (report.QuicVersion is not null).ToString());
                }
                else
                {
                    Compare(mismatches, key, "protocol", "tls", report.Protocol);
                    Compare(mismatches, key, "quic_version", null, report.QuicVersion);
                }
                if (QuicKeyedByTshark.TryGetValue(capture + " " + key, out string? keyed))
                {
                    Compare(mismatches, key, "protocol", "quic", report.Protocol);
                    Compare(mismatches, key, "sni", Str(connection, "sni"), report.Sni);
                    Compare(mismatches, key, "version", Str(connection, "negotiated_version_tshark"), TsharkVersion(report.TlsVersion));
                    Compare(mismatches, key, "certificate_visible (" + keyed + ")", "False", report.CertificateVisible.ToString());
                    continue;
                }

                if (RightfulDifferences.TryGetValue(capture + " " + key, out string? reason))
                {
                    Compare(mismatches, key, "sni", Str(connection, "sni"), report.Sni);
                    Compare(mismatches, key, "version (" + reason + ")", "TLS 1.2", report.TlsVersion);
                    Compare(mismatches, key, "certificate_visible (" + reason + ")", "True", report.CertificateVisible.ToString());
                    continue;
                }

                Compare(mismatches, key, "sni", Str(connection, "sni"), report.Sni);
                Compare(mismatches, key, "version", Str(connection, "negotiated_version_tshark"), TsharkVersion(report.TlsVersion));
                bool visible = connection.GetProperty("server_certificate_visible").GetBoolean();
                Compare(mismatches, key, "certificate_visible", visible.ToString(), report.CertificateVisible.ToString());
                if (visible && connection.TryGetProperty("leaf", out JsonElement leaf) && leaf.ValueKind == JsonValueKind.Object && report.Certificates.Count > 0)
                {
                    ReportedCertificate first = report.Certificates[0];
                    Compare(mismatches, key, "sha256", Str(leaf, "sha256"), first.Sha256);
                    Compare(mismatches, key, "subject_cn", List(leaf, "subject_cn"), string.Join("|", first.SubjectCn));
                    Compare(mismatches, key, "san_dns", List(leaf, "san_dns"), string.Join("|", first.SanDns));
                    Compare(mismatches, key, "issuer", Str(leaf, "issuer"), first.Issuer);
                }

                if (connection.TryGetProperty("zeek_ssl", out JsonElement zeek) && zeek.ValueKind == JsonValueKind.Object)
                {
                    string? zeekName = Str(zeek, "server_name");
                    Compare(mismatches, key, "zeek server_name", zeekName == "-" ? null : zeekName, report.Sni);
                }
            }

            Assert.True(mismatches.Count == 0, capture + " disagrees with the peers:\n" + string.Join("\n", mismatches));
            Assert.True(compared > 0 || CountWithClientHello(expected) == 0, capture + ": no connection compared");

            // Nothing over UDP that the peers did not see: every QUIC and DTLS record of ours is one of theirs.
            int udp = 0;
            foreach (JsonElement connection in expected.RootElement.GetProperty("summary").EnumerateArray())
            {
                udp += connection.GetProperty("transport").GetString() == "udp" ? 1 : 0;
            }

            int ourUdp = 0;
            foreach (Reported report in ours.Values)
            {
                ourUdp += report.Transport == "udp" ? 1 : 0;
            }

            Assert.True(udp == ourUdp, $"{capture}: the peers saw {udp} UDP connections, tsid reported {ourUdp}");
        }

        [CorpusFact]
        public void Certificates_with_subjectAltName_match_suricatas_event_count()
        {
            // suricata-verify tests/tls/tls-subjectaltname expects 28 TLS events carrying tls.subjectaltname.
            Dictionary<string, Reported> ours = InspectCapture("suricata-verify/tls-subjectaltname__input.pcap");

            int withSan = 0;
            foreach (Reported report in ours.Values)
            {
                if (report.Certificates.Count > 0 && report.Certificates[0].SanDns.Count > 0)
                {
                    withSan++;
                }
            }

            Assert.Equal(40, ours.Count);
            Assert.Equal(28, withSan);
        }

        /// <summary>
        /// JA4 and JA3 over the real QUIC capture: every QUIC connection with a ClientHello has a JA4 with the <c>q</c>
        /// carrier, the version JA4.md takes from the highest non-GREASE supported_versions entry tshark lists (<c>13</c>
        /// for 0x0304; <c>00</c> for the one hello that also offers TLS 1.3 drafts 0x7f1c…0x7f1a, numerically higher and
        /// unnamed in JA4's table), then <c>d</c> or <c>i</c> as tshark saw an SNI or not; and a JA3 equal to tshark's
        /// (tshark computes JA3 for the ClientHello in QUIC CRYPTO frames too, QUIC transport parameters included).
        /// </summary>
        [CorpusFact]
        public void Ja4_and_ja3_of_every_quic_client_hello_agree_with_tshark()
        {
            const string Capture = "wireshark/quic-fragmented-handshakes.pcapng";
            using JsonDocument expected = JsonDocument.Parse(File.ReadAllText(Corpus.PathOf(Capture + ".expected.json")));
            Dictionary<string, Reported> ours = InspectCapture(Capture);

            // tshark's supported_versions of each stream's first ClientHello: JA4's version comes from the highest.
            var highestVersion = new Dictionary<int, int>();
            foreach (JsonElement stream in expected.RootElement.GetProperty("peer_tshark").GetProperty("connections").EnumerateArray())
            {
                foreach (JsonElement hello in stream.GetProperty("client_hellos").EnumerateArray())
                {
                    int highest = 0;
                    foreach (JsonElement version in hello.GetProperty("supported_versions").EnumerateArray())
                    {
                        int value = Convert.ToInt32(version.GetString(), 16);
                        highest = (value & 0x0F0F) == 0x0A0A ? highest : Math.Max(highest, value); // RFC 8701 GREASE left out
                    }

                    highestVersion[stream.GetProperty("stream").GetInt32()] = highest;
                    break;
                }
            }

            var mismatches = new List<string>();
            int withHello = 0;
            int ja3Compared = 0;
            int q13 = 0;
            foreach (JsonElement connection in expected.RootElement.GetProperty("summary").EnumerateArray())
            {
                if (!connection.GetProperty("client_hello_seen").GetBoolean())
                {
                    continue;
                }

                withHello++;
                string key = connection.GetProperty("client").GetString() + " " + connection.GetProperty("server").GetString();
                if (!ours.TryGetValue("udp " + key, out Reported? report))
                {
                    mismatches.Add(key + ": not reported");
                    continue;
                }

                string version = highestVersion[connection.GetProperty("stream").GetInt32()] == 0x0304 ? "13" : "00";
                q13 += version == "13" ? 1 : 0;
                string prefix = "q" + version + (connection.GetProperty("has_sni").GetBoolean() ? "d" : "i");
                if (report.Ja4 is null || !report.Ja4.StartsWith(prefix, StringComparison.Ordinal) || report.Ja4.Length != 36)
                {
                    mismatches.Add($"{key}: ja4: expected {prefix}…, tsid says '{report.Ja4 ?? "null"}'");
                }

                string? tsharkJa3 = Str(connection, "ja3");
                if (tsharkJa3 is not null)
                {
                    ja3Compared++;
                    Compare(mismatches, key, "ja3", tsharkJa3, report.Ja3);
                }
            }

            Assert.True(mismatches.Count == 0, Capture + " fingerprints disagree with tshark:\n" + string.Join("\n", mismatches));
            Assert.Equal(17, withHello);
            Assert.Equal(16, q13);
            Assert.Equal(17, ja3Compared);
        }

        /// <summary>The DTLS captures of the corpus: every connection with a ClientHello has a JA4 with the <c>d</c> carrier.</summary>
        [CorpusTheory]
        [InlineData("zeek/dtls1_2.pcap")]
        [InlineData("wireshark/snakeoil-dtls.pcap")]
        [InlineData("wireshark/udt-dtls.pcapng")]
        [InlineData("wireshark/dtls12-aes128ccm8.pcap")]
        [InlineData("wireshark/dtls12-aes128ccm8-dsb.pcapng")]
        public void Ja4_of_every_dtls_client_hello_has_the_dtls_carrier(string capture)
        {
            using JsonDocument expected = JsonDocument.Parse(File.ReadAllText(Corpus.PathOf(capture + ".expected.json")));
            Dictionary<string, Reported> ours = InspectCapture(capture);

            var mismatches = new List<string>();
            int compared = 0;
            foreach (JsonElement connection in expected.RootElement.GetProperty("summary").EnumerateArray())
            {
                if (!connection.GetProperty("client_hello_seen").GetBoolean())
                {
                    continue;
                }

                compared++;
                string key = connection.GetProperty("client").GetString() + " " + connection.GetProperty("server").GetString();
                if (!ours.TryGetValue("udp " + key, out Reported? report))
                {
                    mismatches.Add(key + ": not reported");
                    continue;
                }

                // JA4's a part: carrier, two version characters, then d/i for SNI present or not.
                string sni = connection.GetProperty("has_sni").GetBoolean() ? "d" : "i";
                if (report.Ja4 is null || report.Ja4.Length != 36 || report.Ja4[0] != 'd' || report.Ja4.Substring(3, 1) != sni)
                {
                    mismatches.Add($"{key}: ja4: expected d??{sni}…, tsid says '{report.Ja4 ?? "null"}'");
                }
            }

            Assert.True(mismatches.Count == 0, capture + " fingerprints:\n" + string.Join("\n", mismatches));
            Assert.True(compared > 0, capture + ": no connection with a ClientHello");
        }

        private static int CountWithClientHello(JsonDocument expected)
        {
            int n = 0;
            foreach (JsonElement connection in expected.RootElement.GetProperty("summary").EnumerateArray())
            {
                if (connection.GetProperty("client_hello_seen").GetBoolean())
                {
                    n++;
                }
            }

            return n;
        }

        private static Dictionary<string, Reported> InspectCapture(string capture)
        {
            string path = Corpus.PathOf(capture);
            if (!File.Exists(path) && File.Exists(path + ".gz"))
            {
                path += ".gz";
            }

            // The tool's own JSON Lines, written in memory: what a user of `tsid inspect --format json` reads.
            var output = new MemoryStream();
            using (var writer = new JsonLinesWriter(output))
            using (FileStream stream = File.OpenRead(path))
            {
                System.Text.Json.JsonEncodedText file = JsonLinesWriter.Encode(capture);
                System.Text.Json.JsonEncodedText preset = JsonLinesWriter.Encode("firepower");
                new ConnectionInspector().Inspect(stream, (in InspectedConnection c) => writer.WriteConnection(file, preset, in c));
            }

            var reports = new Dictionary<string, Reported>(StringComparer.Ordinal);
            foreach (string line in System.Text.Encoding.UTF8.GetString(output.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                Reported report = Reported.Parse(line);

                // tshark writes IPv6 endpoints without brackets ("::1:443").
                string key = report.Transport + " " + Unbracket(report.Client) + " " + Unbracket(report.Server);
                reports[key] = report;
            }

            return reports;
        }

        private static string Unbracket(string endpoint) =>
            endpoint.StartsWith('[') ? endpoint.Replace("[", string.Empty, StringComparison.Ordinal).Replace("]", string.Empty, StringComparison.Ordinal) : endpoint;

        /// <summary>Our version text in tshark's spelling: "TLS 1.2" → "TLSv1.2", "TLS 1.3 (draft 23)" → "TLSv1.3-draft23", "DTLS 1.2" → "DTLSv1.2".</summary>
        private static string? TsharkVersion(string? ours) => ours switch
        {
            null => null,
            "SSL 3.0" => "SSLv3",
            _ when ours.StartsWith("TLS 1.3 (draft ", StringComparison.Ordinal) => "TLSv1.3-draft" + ours.Substring(15).TrimEnd(')'),
            _ when ours.StartsWith("TLS ", StringComparison.Ordinal) => "TLSv" + ours.Substring(4),
            _ when ours.StartsWith("DTLS ", StringComparison.Ordinal) => "DTLSv" + ours.Substring(5),
            _ => ours,
        };

        private static void Compare(List<string> mismatches, string key, string field, string? expected, string? actual)
        {
            if (!string.Equals(expected, actual, StringComparison.Ordinal))
            {
                mismatches.Add($"{key}: {field}: peers say '{expected ?? "null"}', tsid says '{actual ?? "null"}'");
            }
        }

        private static string? Str(JsonElement element, string name) =>
            element.TryGetProperty(name, out JsonElement value) && value.ValueKind != JsonValueKind.Null ? value.ToString() : null;

        private static string List(JsonElement element, string name)
        {
            var values = new List<string>();
            if (element.TryGetProperty(name, out JsonElement array) && array.ValueKind == JsonValueKind.Array)
            {
                foreach (JsonElement value in array.EnumerateArray())
                {
                    values.Add(value.GetString() ?? string.Empty);
                }
            }

            return string.Join("|", values);
        }
    }

    /// <summary>The fields of one JSON line these tests compare.</summary>
    internal sealed class Reported
    {
        public string Client { get; private init; } = string.Empty;

        public string Server { get; private init; } = string.Empty;

        public string Transport { get; private init; } = string.Empty;

        public string Protocol { get; private init; } = string.Empty;

        public string? QuicVersion { get; private init; }

        public string CertificateVisibility { get; private init; } = string.Empty;

        public string? Sni { get; private init; }

        public string? Ja3 { get; private init; }

        public string? Ja4 { get; private init; }

        public string? TlsVersion { get; private init; }

        public bool CertificateVisible { get; private init; }

        public List<ReportedCertificate> Certificates { get; } = new();

        public static Reported Parse(string line)
        {
            using JsonDocument document = JsonDocument.Parse(line);
            JsonElement root = document.RootElement;
            var report = new Reported
            {
                Client = root.GetProperty("client").GetString()!,
                Server = root.GetProperty("server").GetString()!,
                Transport = root.GetProperty("transport").GetString()!,
                Protocol = root.GetProperty("protocol").GetString()!,
                QuicVersion = root.GetProperty("quic_version").GetString(),
                CertificateVisibility = root.GetProperty("certificate_visibility").GetString()!,
                Sni = root.GetProperty("sni").GetString(),
                Ja3 = root.GetProperty("ja3").GetString(),
                Ja4 = root.GetProperty("ja4").GetString(),
                TlsVersion = root.GetProperty("tls_version").GetString(),
                CertificateVisible = root.GetProperty("certificate_visible").GetBoolean(),
            };
            foreach (JsonElement certificate in root.GetProperty("certificates").EnumerateArray())
            {
                report.Certificates.Add(new ReportedCertificate
                {
                    Sha256 = certificate.GetProperty("sha256").GetString()!,
                    Issuer = certificate.GetProperty("issuer").GetString(),
                    SubjectCn = Strings(certificate.GetProperty("subject_cn")),
                    SanDns = Strings(certificate.GetProperty("san_dns")),
                });
            }

            return report;
        }

        private static List<string> Strings(JsonElement array)
        {
            var values = new List<string>();
            foreach (JsonElement value in array.EnumerateArray())
            {
                values.Add(value.GetString()!);
            }

            return values;
        }
    }

    /// <summary>The fields of one <c>certificates[]</c> object these tests compare.</summary>
    internal sealed class ReportedCertificate
    {
        public string Sha256 { get; init; } = string.Empty;

        public string? Issuer { get; init; }

        public List<string> SubjectCn { get; init; } = new();

        public List<string> SanDns { get; init; } = new();
    }
}
