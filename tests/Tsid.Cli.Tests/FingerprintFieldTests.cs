using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Tsid.Capture;
using Xunit;

namespace Tsid.Cli.Tests
{
    /// <summary>
    /// ja3, ja3_string, ja3s, ja4, ja4_r on every JSON line (null without the hello), the JA4 column behind
    /// --fingerprints, and a policy deciding on a JA4 pattern (verdict.matched_fingerprint).
    /// </summary>
    public sealed class FingerprintFieldTests : IDisposable
    {
        private static readonly IPEndPoint Server = new(IPAddress.Parse("198.51.100.38"), 443);
        private readonly string _directory = Path.Combine(Path.GetTempPath(), "tsid-fp-" + Guid.NewGuid().ToString("N"));

        public FingerprintFieldTests() => Directory.CreateDirectory(_directory);

        public void Dispose() => Directory.Delete(_directory, recursive: true);

        [Fact]
        public void Every_record_with_a_ClientHello_carries_its_fingerprints_and_the_others_carry_nulls()
        {
            string capture = WriteCapture("fp.pcap");
            TsidProcess.Result result = TsidProcess.Run("inspect", capture, "--format", "json");
            Assert.Equal(0, result.ExitCode);
            List<JsonElement> lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
            Assert.Equal(4, lines.Count);
            for (int i = 0; i < 3; i++)
            {
                JsonElement line = lines[i];
                string ja3String = line.GetProperty("ja3_string").GetString()!;
                Assert.StartsWith("771,", ja3String, StringComparison.Ordinal);
                Assert.Equal(Md5(ja3String), line.GetProperty("ja3").GetString());
                string ja4 = line.GetProperty("ja4").GetString()!;
                string ja4Raw = line.GetProperty("ja4_r").GetString()!;
                Assert.Matches("^t1[23][di][0-9]{4}[0-9a-z]{2}_[0-9a-f]{12}_[0-9a-f]{12}$", ja4);
                string[] raw = ja4Raw.Split('_');
                Assert.Equal(ja4.Substring(0, 10), raw[0]);
                Assert.Equal(ja4.Substring(11, 12), Sha12(raw[1]));
                Assert.Equal(ja4.Substring(24), Sha12(string.Join("_", raw.Skip(2))));
                Assert.Matches("^[0-9a-f]{32}$", line.GetProperty("ja3s").GetString()!);
            }

            // Connection 2 (SNI tls-test.example, ALPN h2 first) and 3 (TLS 1.3, ALPN http/1.1).
            Assert.StartsWith("t12d", lines[1].GetProperty("ja4").GetString(), StringComparison.Ordinal);
            Assert.Equal("h2", lines[1].GetProperty("ja4").GetString()!.Substring(8, 2));
            Assert.StartsWith("t13d", lines[2].GetProperty("ja4").GetString(), StringComparison.Ordinal);
            Assert.Equal("h1", lines[2].GetProperty("ja4").GetString()!.Substring(8, 2));

            // The SSLv2-compatible hello: no ClientHello view, so every fingerprint is null (docs/fingerprints.md).
            JsonElement v2 = lines[3];
            foreach (string field in new[] { "ja3", "ja3_string", "ja3s", "ja4", "ja4_r" })
            {
                Assert.Equal(JsonValueKind.Null, v2.GetProperty(field).ValueKind);
            }
        }

        [Fact]
        public void The_JA4_column_appears_only_with_fingerprints()
        {
            string capture = WriteCapture("table.pcap");
            TsidProcess.Result plain = TsidProcess.Run("inspect", capture);
            TsidProcess.Result wide = TsidProcess.Run("inspect", capture, "--fingerprints");
            Assert.Equal(0, wide.ExitCode);
            Assert.DoesNotContain("JA4", plain.Stdout.Split('\n')[0], StringComparison.Ordinal);
            string header = wide.Stdout.Split('\n')[0];
            Assert.Matches(@"CERT\s+JA4\s+NOTES$", header);
            string json = TsidProcess.Run("inspect", capture, "--format", "json").Stdout;
            string ja4 = JsonDocument.Parse(json.Split('\n')[1]).RootElement.GetProperty("ja4").GetString()!;
            Assert.Contains(wide.Stdout.Split('\n'), l => l.StartsWith("10.12.1.21:50001", StringComparison.Ordinal) && l.Contains(ja4, StringComparison.Ordinal));
        }

        [Fact]
        public void A_policy_on_a_JA4_pattern_decides_and_the_verdict_names_the_pattern()
        {
            string capture = WriteCapture("policy.pcap");
            string policy = Path.Combine(_directory, "fp.policy");
            File.WriteAllText(policy, "rule NO_TLS13_CLIENTS block\n  ja4 t13*_*_*\nend\ndefault allow\n");
            TsidProcess.Result result = TsidProcess.Run("inspect", capture, "--format", "json", "--policy", policy);
            Assert.Equal(0, result.ExitCode);
            List<JsonElement> lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
            JsonElement tls13 = lines[2].GetProperty("verdict");
            Assert.Equal("block", tls13.GetProperty("action").GetString());
            Assert.Equal("NO_TLS13_CLIENTS", tls13.GetProperty("rule").GetString());
            Assert.Equal("t13*_*_*", tls13.GetProperty("matched_fingerprint").GetString());
            Assert.Equal("allow", lines[1].GetProperty("verdict").GetProperty("action").GetString());
            Assert.Equal(JsonValueKind.Null, lines[1].GetProperty("verdict").GetProperty("matched_fingerprint").ValueKind);
        }

        private static string Md5(string s) => Convert.ToHexString(MD5.HashData(Encoding.ASCII.GetBytes(s))).ToLowerInvariant();

        private static string Sha12(string s) => Convert.ToHexString(SHA256.HashData(Encoding.ASCII.GetBytes(s))).ToLowerInvariant().Substring(0, 12);

        /// <summary>Three recorded handshakes, then an SSLv2-compatible ClientHello (RFC 5246 E.2) with no answer.</summary>
        private string WriteCapture(string name)
        {
            string path = Path.Combine(_directory, name);
            string[] recordings = { "tls12-nosni-cisco-chain3", "tls12-sni-alpn", "tls13-sni-alpn" };
            using (FileStream file = File.Create(path))
            using (var writer = new PcapWriter(file, PcapWriterOptions.Default))
            {
                for (int i = 0; i < recordings.Length; i++)
                {
                    string fixtures = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Tls", recordings[i]);
                    writer.WriteTcpConnection(new IPEndPoint(IPAddress.Parse("10.12.1.2" + i), 50000 + i), Server, File.ReadAllBytes(fixtures + ".c2s.bin"), File.ReadAllBytes(fixtures + ".s2c.bin"));
                }

                // msg_type 1, version 3.1, cipher_spec_length 3, session_id_length 0, challenge_length 16.
                byte[] v2 = { 1, 3, 1, 0, 3, 0, 0, 0, 16, 0, 0, 0x2f, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 };
                byte[] record = new byte[v2.Length + 2];
                record[0] = (byte)(0x80 | (v2.Length >> 8));
                record[1] = (byte)v2.Length;
                v2.CopyTo(record, 2);
                writer.WriteTcpConnection(new IPEndPoint(IPAddress.Parse("10.12.1.29"), 50009), Server, record, Array.Empty<byte>());
            }

            return path;
        }
    }
}
