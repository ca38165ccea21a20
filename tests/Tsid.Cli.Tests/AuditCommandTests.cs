using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using Tsid.Cli.Demo;
using Tsid.Cli.Output;
using Tsid.Tests.Support;
using Xunit;

namespace Tsid.Cli.Tests
{
    /// <summary><c>tsid audit</c> through <see cref="AuditCommand.Run(AuditSettings, StandardOutput, TextWriter)"/>: the table, the closing summary, JSON Lines and usage errors.</summary>
    public sealed class AuditCommandTests : IDisposable
    {
        private const string SeedPolicy = """
            match resolved-identity
            default block
            list SI_BLOCK_CUSTOM
              toos.cisco.com
            end
            blocklist SI_BLOCK_CUSTOM
            rule ALLOW_FMC_ASA_SNT_CISCO allow tag=smart-licensing
              from 10.12.1.0/24
              host cisco-si tools.cisco.com
            end
            """;

        private readonly string _directory = Path.Combine(Path.GetTempPath(), "tsid-audit-" + Guid.NewGuid().ToString("N"));
        private readonly string _demo;
        private readonly string _policy;

        public AuditCommandTests()
        {
            Directory.CreateDirectory(_directory);
            _demo = Path.Combine(_directory, "demo.pcap");
            File.WriteAllBytes(_demo, DemoCapture.Create());
            _policy = Path.Combine(_directory, "seed.policy");
            File.WriteAllText(_policy, SeedPolicy);
        }

        public void Dispose() => Directory.Delete(_directory, recursive: true);

        [Fact]
        public void The_table_lists_the_seed_case_with_both_names_and_verdicts_and_a_summary_by_server()
        {
            var settings = new AuditSettings { PolicyPath = _policy };
            settings.Files.Add(_demo);

            (int exit, string stdout, string stderr) = Run(settings);

            Assert.Equal(0, exit);
            Assert.Equal(string.Empty, stderr);
            string[] lines = stdout.Split('\n');
            Assert.StartsWith("CLIENT ", lines[0], StringComparison.Ordinal);
            Assert.Contains("IDENTITY (firepower)", lines[0], StringComparison.Ordinal);
            Assert.Contains("VERDICT (hint-aware)", lines[0], StringComparison.Ordinal);
            string row = lines[1];
            foreach (string cell in new[] { "10.12.1.20:51514", "198.51.100.38:443", "toos.cisco.com", "first_subject_alt_name", "tools.cisco.com", "dns_hint",
                "firepower:near_duplicate_name", "block (security_intelligence: SI_BLOCK_CUSTOM)", "allow (rule: ALLOW_FMC_ASA_SNT_CISCO)" })
            {
                Assert.Contains(cell, row, StringComparison.Ordinal);
            }

            Assert.Contains("audit: firepower against hint-aware; TLS connections: 1 compared, 1 differ, 1 named differently, 1 with a different verdict", stdout, StringComparison.Ordinal);
            int byServer = Array.IndexOf(lines, "by server:");
            Assert.True(byServer > 0);
            Assert.Matches(@"^  198\.51\.100\.38:443 +toos\.cisco\.com +tools\.cisco\.com +1 +1 +1$", lines[byServer + 2]);
        }

        [Fact]
        public void Json_lines_carry_both_identities_and_verdicts_and_the_summary_goes_to_stderr()
        {
            var settings = new AuditSettings { PolicyPath = _policy, Json = true };
            settings.Files.Add(_demo);
            settings.Files.Add(_demo);

            (int exit, string stdout, string stderr) = Run(settings);

            Assert.Equal(0, exit);
            string[] lines = stdout.TrimEnd('\n').Split('\n');
            Assert.Equal(2, lines.Length);
            using JsonDocument line = JsonDocument.Parse(lines[0]);
            JsonElement root = line.RootElement;
            Assert.Equal(_demo, root.GetProperty("file").GetString());
            Assert.Equal(1, root.GetProperty("flow").GetInt64());
            Assert.Equal(JsonValueKind.Null, root.GetProperty("sni").ValueKind);
            Assert.Equal("tools.cisco.com", root.GetProperty("dns_hints")[0].GetString());
            Assert.Equal(new[] { "name", "verdict" }, Strings(root.GetProperty("differs")));
            JsonElement identity = root.GetProperty("identity");
            Assert.Equal("toos.cisco.com", identity.GetProperty("name").GetString());
            Assert.Equal("first_subject_alt_name", identity.GetProperty("source").GetString());
            Assert.Equal("firepower", identity.GetProperty("preset").GetString());
            Assert.Equal(new[] { "near_duplicate_name" }, Strings(identity.GetProperty("diagnostics")));
            JsonElement against = root.GetProperty("against");
            Assert.Equal("tools.cisco.com", against.GetProperty("name").GetString());
            Assert.Equal("dns_hint", against.GetProperty("source").GetString());
            Assert.Equal("hint-aware", against.GetProperty("preset").GetString());
            Assert.Equal("block", root.GetProperty("verdict").GetProperty("action").GetString());
            Assert.Equal("SI_BLOCK_CUSTOM", root.GetProperty("verdict").GetProperty("rule").GetString());
            Assert.Equal("allow", root.GetProperty("against_verdict").GetProperty("action").GetString());
            Assert.Equal("smart-licensing", root.GetProperty("against_verdict").GetProperty("tag").GetString());

            // Two files, one server: the summary counts both.
            Assert.Contains("TLS connections: 2 compared, 2 differ", stderr, StringComparison.Ordinal);
            Assert.Matches(@"198\.51\.100\.38:443 +toos\.cisco\.com +tools\.cisco\.com +2 +2 +2", stderr);
        }

        [Fact]
        public void Without_a_policy_the_verdicts_are_null_and_with_the_same_preset_nothing_differs()
        {
            var settings = new AuditSettings { Json = true };
            settings.Files.Add(_demo);
            (_, string stdout, _) = Run(settings);
            using (JsonDocument line = JsonDocument.Parse(stdout))
            {
                Assert.Equal(JsonValueKind.Null, line.RootElement.GetProperty("verdict").ValueKind);
                Assert.Equal(JsonValueKind.Null, line.RootElement.GetProperty("against_verdict").ValueKind);
                Assert.Equal(new[] { "name" }, Strings(line.RootElement.GetProperty("differs")));
            }

            var same = new AuditSettings { Against = "firepower" };
            same.Files.Add(_demo);
            (int exit, string table, _) = Run(same);
            Assert.Equal(0, exit);
            Assert.Equal("audit: firepower against firepower; TLS connections: 1 compared, 0 differ, 0 named differently\n", table.Replace("\r\n", "\n", StringComparison.Ordinal));
        }

        [Fact]
        public void Dns_hints_off_makes_the_presets_agree_on_the_demo()
        {
            var settings = new AuditSettings { DnsHints = false };
            settings.Files.Add(_demo);

            (int exit, string stdout, _) = Run(settings);

            Assert.Equal(0, exit);
            Assert.Contains("TLS connections: 1 compared, 0 differ", stdout, StringComparison.Ordinal);
            Assert.DoesNotContain("by server", stdout, StringComparison.Ordinal);
        }

        [Fact]
        public void Bad_presets_missing_files_and_no_files_are_reported()
        {
            var bad = new AuditSettings { Against = "hintaware-typo" };
            bad.Files.Add(_demo);
            (int exit, _, string stderr) = Run(bad);
            Assert.Equal(2, exit);
            Assert.Contains("--against must be one of", stderr, StringComparison.Ordinal);

            (exit, _, stderr) = Run(new AuditSettings());
            Assert.Equal(2, exit);
            Assert.Contains("audit needs at least one capture file", stderr, StringComparison.Ordinal);

            var missing = new AuditSettings();
            missing.Files.Add(Path.Combine(_directory, "absent.pcap"));
            missing.Files.Add(_demo);
            (exit, string stdout, stderr) = Run(missing);
            Assert.Equal(1, exit);
            Assert.Contains("absent.pcap: no such file", stderr, StringComparison.Ordinal);
            Assert.Contains("1 differ", stdout, StringComparison.Ordinal);
        }

        [Fact]
        public void The_parser_binds_the_options_and_reports_bad_ones()
        {
            (int exit, string stdout, string stderr) = RunLine("audit", _demo, "--against", "rfc6125", "--json");

            // Rfc6125 takes the first dNSName like Firepower: no line, and a summary on stderr.
            Assert.Equal(0, exit);
            Assert.Equal(string.Empty, stdout);
            Assert.Contains("firepower against rfc6125; TLS connections: 1 compared, 0 differ", stderr, StringComparison.Ordinal);

            (exit, stdout, _) = RunLine("audit", _demo, "--policy", _policy, "--preset", "firepower", "--against", "hint-aware", "--dns-hints", "on");
            Assert.Equal(0, exit);
            Assert.Contains("block (security_intelligence: SI_BLOCK_CUSTOM)", stdout, StringComparison.Ordinal);

            (exit, _, stderr) = RunLine("audit", _demo, "--against", "hintaware-typo");
            Assert.Equal(2, exit);
            Assert.Contains("--against must be one of", stderr, StringComparison.Ordinal);

            (exit, _, stderr) = RunLine("audit", _demo, "--agianst", "squid");
            Assert.Equal(2, exit);
            Assert.Contains("--against", stderr, StringComparison.Ordinal);

            (exit, stdout, _) = RunLine("audit", "--help");
            Assert.Equal(0, exit);
            foreach (string option in new[] { "--preset", "--against", "--policy", "--dns-hints", "--json" })
            {
                Assert.Contains(option, stdout, StringComparison.Ordinal);
            }
        }

        [CorpusFact]
        public void A_corpus_capture_audited_against_squid_lists_the_wildcards()
        {
            var settings = new AuditSettings { Against = "squid", Json = true };
            settings.Files.Add(Corpus.PathOf("suricata-verify/tls-subjectaltname__input.pcap"));

            (int exit, string stdout, string stderr) = Run(settings);

            Assert.Equal(0, exit);
            string[] lines = stdout.TrimEnd('\n').Split('\n');
            Assert.Equal(7, lines.Length);
            foreach (string text in lines)
            {
                using JsonDocument line = JsonDocument.Parse(text);
                JsonElement root = line.RootElement;
                string sni = root.GetProperty("sni").GetString()!;
                Assert.Equal(sni, root.GetProperty("identity").GetProperty("name").GetString());
                string squid = root.GetProperty("against").GetProperty("name").GetString()!;
                Assert.StartsWith("*.", squid, StringComparison.Ordinal);
                Assert.EndsWith(squid.Substring(1), sni, StringComparison.Ordinal);
            }

            Assert.Contains("TLS connections: 40 compared, 7 differ, 7 named differently", stderr, StringComparison.Ordinal);
        }

        private static (int Exit, string Stdout, string Stderr) RunLine(params string[] args)
        {
            var output = new MemoryStream();
            var stderr = new StringWriter();
            int exit;
            using (StandardOutput stdout = StandardOutput.Over(output))
            {
                exit = Commands.Run(args, new ToolContext(stdout, stderr));
                stdout.Flush();
            }

            return (exit, Encoding.UTF8.GetString(output.ToArray()), stderr.ToString());
        }

        private static string[] Strings(JsonElement array)
        {
            var list = new List<string>();
            foreach (JsonElement e in array.EnumerateArray())
            {
                list.Add(e.GetString()!);
            }

            return list.ToArray();
        }

        private static (int Exit, string Stdout, string Stderr) Run(AuditSettings settings)
        {
            var output = new MemoryStream();
            var stderr = new StringWriter();
            int exit;
            using (StandardOutput stdout = StandardOutput.Over(output))
            {
                exit = AuditCommand.Run(settings, stdout, stderr);
                stdout.Flush();
            }

            return (exit, Encoding.UTF8.GetString(output.ToArray()), stderr.ToString());
        }
    }
}
