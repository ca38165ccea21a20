using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Text;
using System.Text.Json;
using Tsid.Capture;
using Tsid.Cli.Bench;
using Tsid.Cli.Demo;
using Tsid.Cli.Output;
using Xunit;

namespace Tsid.Cli.Tests
{
    /// <summary>
    /// <c>tsid bench</c> with a fifth of a second per stage: the numbers are sane (connections found, time and throughput
    /// positive), the identity and policy stages allocate nothing per connection (the span seam), and the table and JSON
    /// Lines have their documented shape. Timings themselves are not asserted: the machine is shared.
    /// </summary>
    public sealed class BenchCommandTests : IDisposable
    {
        private const double Seconds = 0.2;

        private const string Policy = """
            match resolved-identity
            default block
            list SI_BLOCK_CUSTOM
              toos.cisco.com
            end
            blocklist SI_BLOCK_CUSTOM
            rule ALLOW_FMC_ASA_SNT_CISCO allow
              from 10.12.1.0/24
              host cisco-si tools.cisco.com
            end
            rule ALLOW_H2 allow
              alpn h2
            end
            """;

        private readonly string _directory = Path.Combine(Path.GetTempPath(), "tsid-bench-" + Guid.NewGuid().ToString("N"));
        private readonly string _demo;
        private readonly string _recordings;
        private readonly string _policy;

        public BenchCommandTests()
        {
            Directory.CreateDirectory(_directory);
            _demo = Path.Combine(_directory, "demo.pcap");
            File.WriteAllBytes(_demo, DemoCapture.Create());
            _policy = Path.Combine(_directory, "p.policy");
            File.WriteAllText(_policy, Policy);

            // The project's four SslStream recordings (tests/Tsid.Core.Tests/Fixtures/Tls), two connections each.
            _recordings = Path.Combine(_directory, "recordings.pcap");
            using FileStream file = File.Create(_recordings);
            using var writer = new PcapWriter(file);
            var server = new IPEndPoint(IPAddress.Parse("198.51.100.38"), 443);
            int port = 50000;
            foreach (string name in new[] { "tls12-sni-alpn", "tls13-sni-alpn", "tls12-client-certificate", "tls12-nosni-cisco-chain3" })
            {
                byte[] c2s = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Tls", name + ".c2s.bin"));
                byte[] s2c = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Tls", name + ".s2c.bin"));
                for (int i = 0; i < 2; i++)
                {
                    writer.WriteTcpConnection(new IPEndPoint(IPAddress.Parse("10.12.1.20"), port++), server, c2s, s2c);
                }
            }
        }

        public void Dispose() => Directory.Delete(_directory, recursive: true);

        [Fact]
        public void Every_stage_reports_sane_numbers_and_identity_and_policy_allocate_nothing()
        {
            var settings = new BenchSettings { Seconds = Seconds, PolicyPath = _policy };
            settings.Files.Add(_demo);
            settings.Files.Add(_recordings);

            (int exit, string stdout, string stderr, List<BenchResult> results) = Run(settings);

            Assert.Equal(0, exit);
            Assert.Equal(string.Empty, stderr);
            Assert.Equal(new[] { "reassembly", "parse", "identity", "policy", "pipeline" }, results.ConvertAll(r => r.Stage));
            foreach (BenchResult r in results)
            {
                // 1 demo connection + 8 recordings; all are TLS over TCP, so every stage sees the same nine.
                Assert.Equal(9, r.Connections);
                Assert.True(r.Passes > 0, r.Stage);
                Assert.True(r.NanosecondsPerConnection > 0, r.Stage);
                Assert.True(r.ConnectionsPerSecond > 0, r.Stage);
                Assert.InRange(r.Seconds, Seconds * 0.5, Seconds * 20);
                Assert.Equal(r.Stage is "identity" or "policy", r.MegabytesPerSecond is null);
            }

            // The zero-allocation seam: resolving into a caller's buffer and evaluating span facts allocate nothing, in any round.
            Assert.Equal(0, results[2].MaxAllocatedBytesPerConnection);
            Assert.Equal(0, results[3].MaxAllocatedBytesPerConnection);

            // The whole pipeline does more than any stage alone.
            Assert.True(results[4].NanosecondsPerConnection > results[2].NanosecondsPerConnection);
            Assert.True(results[1].Bytes > 0 && results[0].Bytes == new FileInfo(_demo).Length + new FileInfo(_recordings).Length);

            Assert.Contains("a throughput probe on one thread, not BenchmarkDotNet", stdout, StringComparison.Ordinal);
            Assert.Matches(@"\nSTAGE +CONNECTIONS +CONNECTIONS/S +MB/S +NS/CONNECTION +ALLOCATED B/CONNECTION +PASSES\n", stdout);
            Assert.Matches(@"\nidentity +9 +[0-9,]+ +- +[0-9,]+ +0 +[0-9]+\n", stdout);
            Assert.Matches(@"\npolicy +9 +[0-9,]+ +- +[0-9,]+ +0 +[0-9]+\n", stdout);
        }

        [Fact]
        public void Json_lines_have_one_object_per_stage_with_the_documented_fields()
        {
            var settings = new BenchSettings { Seconds = Seconds, Stage = "identity", Preset = "hint-aware", Json = true };
            settings.Files.Add(_demo);

            (int exit, string stdout, _, _) = Run(settings);

            Assert.Equal(0, exit);
            string[] lines = stdout.TrimEnd('\n').Split('\n');
            using JsonDocument line = JsonDocument.Parse(Assert.Single(lines));
            JsonElement root = line.RootElement;
            var names = new List<string>();
            foreach (JsonProperty property in root.EnumerateObject())
            {
                names.Add(property.Name);
            }

            Assert.Equal(
                new[]
                {
                    "stage", "connections", "bytes", "connections_per_second", "mb_per_second", "ns_per_connection",
                    "allocated_bytes_per_connection", "max_allocated_bytes_per_connection", "rounds", "passes", "seconds",
                    "preset", "policy", "capture_bytes", "replayed_connections", "processors", "runtime",
                },
                names);
            Assert.Equal("identity", root.GetProperty("stage").GetString());
            Assert.Equal(1, root.GetProperty("connections").GetInt64());
            Assert.Equal(JsonValueKind.Null, root.GetProperty("mb_per_second").ValueKind);
            Assert.True(root.GetProperty("ns_per_connection").GetDouble() > 0);
            Assert.Equal(0, root.GetProperty("max_allocated_bytes_per_connection").GetDouble());
            Assert.Equal(BenchRunner.Rounds, root.GetProperty("rounds").GetInt32());
            Assert.Equal("hint-aware", root.GetProperty("preset").GetString());
            Assert.False(root.GetProperty("policy").GetBoolean());
        }

        [Fact]
        public void The_parser_runs_one_stage_with_its_options()
        {
            var output = new MemoryStream();
            var stderr = new StringWriter();
            int exit;
            using (StandardOutput stdout = StandardOutput.Over(output))
            {
                exit = Commands.Run(new[] { "bench", _recordings, "--stage", "policy", "--policy", _policy, "--preset", "hint-aware", "--seconds", "0.1", "--json" }, new ToolContext(stdout, stderr));
                stdout.Flush();
            }

            Assert.Equal(0, exit);
            using JsonDocument line = JsonDocument.Parse(Encoding.UTF8.GetString(output.ToArray()).Trim());
            Assert.Equal("policy", line.RootElement.GetProperty("stage").GetString());
            Assert.Equal(8, line.RootElement.GetProperty("connections").GetInt64());
            Assert.Equal("hint-aware", line.RootElement.GetProperty("preset").GetString());
            Assert.True(line.RootElement.GetProperty("policy").GetBoolean());
            Assert.Equal(0, line.RootElement.GetProperty("max_allocated_bytes_per_connection").GetDouble());
        }

        [Fact]
        public void Without_a_policy_the_policy_stage_is_left_out_and_said_so()
        {
            var settings = new BenchSettings { Seconds = 0.05 };
            settings.Files.Add(_demo);

            (int exit, string stdout, _, List<BenchResult> results) = Run(settings);

            Assert.Equal(0, exit);
            Assert.Equal(new[] { "reassembly", "parse", "identity", "pipeline" }, results.ConvertAll(r => r.Stage));
            Assert.Contains("note: no --policy: the policy stage is not run", stdout, StringComparison.Ordinal);
        }

        [Fact]
        public void Bad_values_are_usage_errors()
        {
            var noPolicy = new BenchSettings { Stage = "policy" };
            noPolicy.Files.Add(_demo);
            Assert.Equal(2, Run(noPolicy).Exit);

            var zero = new BenchSettings { Seconds = 0 };
            zero.Files.Add(_demo);
            (int exit, _, string stderr, _) = Run(zero);
            Assert.Equal(2, exit);
            Assert.Contains("--seconds must be more than 0", stderr, StringComparison.Ordinal);

            var err = new StringWriter();
            using (StandardOutput stdout = StandardOutput.Over(new MemoryStream()))
            {
                var tool = new ToolContext(stdout, err);
                Assert.Equal(2, Commands.Run(new[] { "bench", _demo, "--seconds", "soon" }, tool));
                Assert.Equal(2, Commands.Run(new[] { "bench", _demo, "--stage", "policy" }, tool));
                Assert.Equal(2, Commands.Run(new[] { "bench", _demo, "--stage", "everything" }, tool));
            }

            Assert.Contains("--seconds must be a number more than 0 and at most 600 (got 'soon')", err.ToString(), StringComparison.Ordinal);
            Assert.Contains("--stage policy needs --policy", err.ToString(), StringComparison.Ordinal);
            Assert.Contains("--stage must be one of all, reassembly, parse, identity, policy, pipeline (got 'everything')", err.ToString(), StringComparison.Ordinal);

            var empty = new BenchSettings { Seconds = 0.05 };
            string notTls = Path.Combine(_directory, "empty.pcap");
            using (FileStream file = File.Create(notTls))
            using (new PcapWriter(file))
            {
            }

            empty.Files.Add(notTls);
            (exit, _, stderr, _) = Run(empty);
            Assert.Equal(1, exit);
            Assert.Contains("no TLS connection in the captures", stderr, StringComparison.Ordinal);
        }

        private static (int Exit, string Stdout, string Stderr, List<BenchResult> Results) Run(BenchSettings settings)
        {
            var output = new MemoryStream();
            var stderr = new StringWriter();
            int exit;
            List<BenchResult> results;
            using (StandardOutput stdout = StandardOutput.Over(output))
            {
                exit = BenchCommand.Run(settings, stdout, stderr, out results);
                stdout.Flush();
            }

            return (exit, Encoding.UTF8.GetString(output.ToArray()), stderr.ToString(), results);
        }
    }
}
