using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using Xunit;

namespace Tsid.Cli.Tests
{
    /// <summary>The tool run as a process: exit codes, stderr lines, and the JSON Lines contract.</summary>
    public class ProcessTests
    {
        private static readonly string[] ConnectionFields =
        {
            "file", "flow", "ts", "client", "server", "sni", "server_names", "alpn", "ech", "tls_version", "certificate_visible", "certificates",
            "identity", "verdict", "errors",
        };

        private static readonly string[] CertificateFields =
        {
            "subject", "issuer", "subject_cn", "subject_ou", "san_dns", "san_ip", "serial", "not_before", "not_after", "sha256",
        };

        private static readonly string[] IdentityFields = { "name", "source", "rule", "preset", "sni_covered_by_certificate", "diagnostics" };

        [Fact]
        public void Demo_shows_firepower_naming_the_typo_and_both_fixes()
        {
            TsidProcess.Result result = TsidProcess.Run("demo");

            Assert.Equal(0, result.ExitCode);
            string[] lines = result.Stdout.Split('\n');
            string firepower = Array.Find(lines, l => l.StartsWith("firepower, resolved name", StringComparison.Ordinal))!;
            string hintAware = Array.Find(lines, l => l.StartsWith("hint-aware, resolved name", StringComparison.Ordinal))!;
            string anyName = Array.Find(lines, l => l.StartsWith("firepower, any presented name", StringComparison.Ordinal))!;
            Assert.Contains("toos.cisco.com", firepower);
            Assert.Contains("first_subject_alt_name", firepower);
            Assert.Contains("block", firepower);
            Assert.Contains("near_duplicate_name", firepower);
            Assert.Contains("tools.cisco.com", hintAware);
            Assert.Contains("dns_hint", hintAware);
            Assert.Contains("allow (ALLOW_FMC_ASA_SNT_CISCO", hintAware);
            Assert.Contains("allow (ALLOW_FMC_ASA_SNT_CISCO", anyName);
        }

        [Fact]
        public void Demo_capture_written_to_a_file_reads_back_with_inspect_as_json_lines()
        {
            string path = Path.Combine(Path.GetTempPath(), "tsid-demo-" + Guid.NewGuid().ToString("N") + ".pcap");
            try
            {
                Assert.Equal(0, TsidProcess.Run("demo", "--write", path).ExitCode);
                TsidProcess.Result result = TsidProcess.Run("inspect", path, "--format", "json", "--preset", "hint-aware");

                Assert.Equal(0, result.ExitCode);
                string[] lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
                Assert.Single(lines);
                using JsonDocument doc = JsonDocument.Parse(lines[0]);
                JsonElement root = doc.RootElement;
                foreach (string field in ConnectionFields)
                {
                    Assert.True(root.TryGetProperty(field, out _), "missing connection field " + field);
                }

                Assert.Equal("10.12.1.20:51514", root.GetProperty("client").GetString());
                Assert.Equal("198.51.100.38:443", root.GetProperty("server").GetString());
                Assert.Equal(JsonValueKind.Null, root.GetProperty("sni").ValueKind);
                Assert.Equal("TLS 1.2", root.GetProperty("tls_version").GetString());
                Assert.True(root.GetProperty("certificate_visible").GetBoolean());
                JsonElement leaf = root.GetProperty("certificates")[0];
                foreach (string field in CertificateFields)
                {
                    Assert.True(leaf.TryGetProperty(field, out _), "missing certificate field " + field);
                }

                Assert.Equal("toos.cisco.com", leaf.GetProperty("san_dns")[0].GetString());
                Assert.Equal("tools.cisco.com", leaf.GetProperty("san_dns")[1].GetString());
                Assert.Equal(0, leaf.GetProperty("subject_cn").GetArrayLength());
                Assert.Equal("Cisco Smart Licensing", leaf.GetProperty("subject_ou")[0].GetString());
                Assert.Equal(64, leaf.GetProperty("sha256").GetString()!.Length);
                JsonElement identity = root.GetProperty("identity");
                foreach (string field in IdentityFields)
                {
                    Assert.True(identity.TryGetProperty(field, out _), "missing identity field " + field);
                }

                Assert.Equal("tools.cisco.com", identity.GetProperty("name").GetString());
                Assert.Equal("dns_hint", identity.GetProperty("source").GetString());
                Assert.Equal("hint-aware", identity.GetProperty("preset").GetString());
                Assert.Contains("connections: 1 TCP, 1 TLS", result.Stderr);
            }
            finally
            {
                File.Delete(path);
            }
        }

        [Fact]
        public void Inspect_names_a_missing_file_on_stderr_and_exits_non_zero()
        {
            TsidProcess.Result result = TsidProcess.Run("inspect", "/nonexistent/capture.pcap");

            Assert.Equal(1, result.ExitCode);
            Assert.Contains("tsid: /nonexistent/capture.pcap: no such file", result.Stderr);
        }

        [Fact]
        public void Inspect_says_when_a_file_is_not_a_capture()
        {
            string path = Path.Combine(Path.GetTempPath(), "tsid-not-a-capture-" + Guid.NewGuid().ToString("N") + ".txt");
            File.WriteAllText(path, "this is not a pcap file, just some text long enough to be read\n");
            try
            {
                TsidProcess.Result result = TsidProcess.Run("inspect", path);

                Assert.Equal(1, result.ExitCode);
                Assert.Contains($"tsid: {path}: not a pcap or pcapng capture", result.Stderr);
            }
            finally
            {
                File.Delete(path);
            }
        }

        [Fact]
        public void Inspect_reports_what_it_read_before_a_truncation()
        {
            string full = Path.Combine(Path.GetTempPath(), "tsid-full-" + Guid.NewGuid().ToString("N") + ".pcap");
            string cut = full + ".cut";
            try
            {
                Assert.Equal(0, TsidProcess.Run("demo", "--write", full).ExitCode);
                byte[] bytes = File.ReadAllBytes(full);
                // Cut in the middle of the last packet record: the handshake before it is complete.
                File.WriteAllBytes(cut, bytes.AsSpan(0, bytes.Length - 20).ToArray());

                TsidProcess.Result result = TsidProcess.Run("inspect", cut, "--format", "json");

                Assert.Equal(1, result.ExitCode);
                Assert.Contains("truncated capture", result.Stderr);
                Assert.Contains("\"san_dns\":[\"toos.cisco.com\"", result.Stdout);
            }
            finally
            {
                File.Delete(full);
                File.Delete(cut);
            }
        }

        [Fact]
        public void Bad_options_are_usage_errors()
        {
            TsidProcess.Result result = TsidProcess.Run("inspect", "x.pcap", "--preset", "checkpoint");

            Assert.Equal(2, result.ExitCode);
            Assert.Contains("--preset must be one of", result.Stderr);
        }

        [Fact]
        public void Cert_prints_each_preset_on_the_cisco_like_fixture()
        {
            string path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "cisco-nocn.der");
            TsidProcess.Result result = TsidProcess.Run("cert", path, "--format", "json");

            Assert.Equal(0, result.ExitCode);
            using JsonDocument doc = JsonDocument.Parse(result.Stdout.Trim());
            JsonElement root = doc.RootElement;
            Assert.Equal("toos.cisco.com", root.GetProperty("san_dns")[0].GetString());
            JsonElement presets = root.GetProperty("identity_by_preset");
            var names = new Dictionary<string, string?>();
            foreach (JsonProperty preset in presets.EnumerateObject())
            {
                names[preset.Name] = preset.Value.GetProperty("name").GetString();
            }

            Assert.Equal("toos.cisco.com", names["firepower"]);
            Assert.Equal("first_subject_alt_name", presets.GetProperty("firepower").GetProperty("source").GetString());
            // Every preset of the library's one name table, fortigate-no-sni-check included.
            Assert.Equal(Tsid.Identity.ServerIdentityPresets.Names, names.Keys);
        }

        [Fact]
        public void Cert_rejects_a_file_that_is_neither_pem_nor_der()
        {
            string path = Path.Combine(Path.GetTempPath(), "tsid-not-a-cert-" + Guid.NewGuid().ToString("N") + ".bin");
            File.WriteAllBytes(path, new byte[] { 0x30, 0x82, 0xff, 0xff, 0x01 });
            try
            {
                TsidProcess.Result result = TsidProcess.Run("cert", path);

                Assert.Equal(1, result.ExitCode);
                Assert.Contains("not a certificate", result.Stderr);
            }
            finally
            {
                File.Delete(path);
            }
        }
    }
}
