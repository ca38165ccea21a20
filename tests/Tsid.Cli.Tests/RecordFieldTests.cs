using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Text.Json;
using Tsid.Capture;
using Xunit;

namespace Tsid.Cli.Tests
{
    /// <summary>
    /// The fields a pipeline joins on (docs/cli.md): <c>file</c> as given on the command line, <c>ts</c> the first packet
    /// of the connection in RFC 3339 UTC with microseconds, <c>flow</c> the connection's ordinal by first packet; and
    /// <c>--explain</c> in the table.
    /// </summary>
    public sealed class RecordFieldTests : IDisposable
    {
        private static readonly DateTimeOffset Start = new DateTimeOffset(2026, 12, 1, 19, 21, 40, TimeSpan.Zero).AddTicks(1_234_560);
        private static readonly IPEndPoint Server = new(IPAddress.Parse("198.51.100.38"), 443);

        private readonly string _directory = Path.Combine(Path.GetTempPath(), "tsid-fields-" + Guid.NewGuid().ToString("N"));
        private readonly List<long> _firstPackets = new();

        public RecordFieldTests() => Directory.CreateDirectory(_directory);

        public void Dispose() => Directory.Delete(_directory, recursive: true);

        [Fact]
        public void Json_lines_carry_the_file_as_given_the_first_packet_time_and_the_flow_ordinal()
        {
            string capture = WriteCapture("three.pcap");
            // Not normalised: the record shows exactly what was typed.
            string given = Path.Combine(_directory, ".", "three.pcap");

            TsidProcess.Result result = TsidProcess.Run("inspect", given, "--format", "json");

            Assert.Equal(0, result.ExitCode);
            Assert.True(File.Exists(capture));
            List<JsonElement> lines = Lines(result.Stdout);
            Assert.Equal(3, lines.Count);
            var flows = new HashSet<long>();
            for (int i = 0; i < 3; i++)
            {
                JsonElement line = lines[i];
                Assert.Equal(given, line.GetProperty("file").GetString());
                Assert.Equal("10.12.1.2" + i + ":5000" + i, line.GetProperty("client").GetString());

                // Connections are numbered by first packet (the DNS answer is UDP: flow 1 is the first TCP connection).
                Assert.Equal(i + 1, line.GetProperty("flow").GetInt64());
                flows.Add(line.GetProperty("flow").GetInt64());
                string expected = CaptureTime.ToDateTimeOffset(_firstPackets[i]).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);
                Assert.Equal(expected, line.GetProperty("ts").GetString());
                Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$", line.GetProperty("ts").GetString());
            }

            Assert.Equal(3, flows.Count);
            Assert.Equal("2026-12-01T19:21:40.123466Z", lines[0].GetProperty("ts").GetString());
        }

        [Fact]
        public void Flow_ids_are_stable_from_run_to_run_and_per_file()
        {
            string capture = WriteCapture("again.pcap");

            TsidProcess.Result first = TsidProcess.Run("inspect", capture, "--format", "json");
            TsidProcess.Result second = TsidProcess.Run("inspect", capture, capture, "--format", "json");

            List<JsonElement> once = Lines(first.Stdout);
            List<JsonElement> twice = Lines(second.Stdout);
            Assert.Equal(6, twice.Count);
            for (int i = 0; i < 3; i++)
            {
                Assert.Equal(once[i].GetProperty("flow").GetInt64(), twice[i].GetProperty("flow").GetInt64());
                Assert.Equal(once[i].GetProperty("flow").GetInt64(), twice[i + 3].GetProperty("flow").GetInt64());
                Assert.Equal(once[i].GetProperty("client").GetString(), twice[i + 3].GetProperty("client").GetString());
            }
        }

        [Fact]
        public void Explain_in_the_table_puts_identity_and_policy_lines_under_each_row()
        {
            string capture = WriteCapture("explain.pcap");
            string policy = Path.Combine(_directory, "allow.policy");
            File.WriteAllText(policy, "default block\nrule ALLOW_TOOLS allow\n  host cisco-si tools.cisco.com\nend\n");

            TsidProcess.Result result = TsidProcess.Run("inspect", capture, "--preset", "hint-aware", "--policy", policy, "--explain");

            Assert.Equal(0, result.ExitCode);
            string[] lines = result.Stdout.Split('\n');
            Assert.StartsWith("CLIENT", lines[0]);
            int row = Array.FindIndex(lines, l => l.StartsWith("10.12.1.20:50000", StringComparison.Ordinal));
            Assert.True(row > 0, result.Stdout);
            Assert.Contains("tools.cisco.com", lines[row]);
            Assert.Contains("allow (rule: ALLOW_TOOLS)", lines[row]);

            // Then the explanation, indented, before the next connection's row.
            int next = Array.FindIndex(lines, row + 1, l => l.StartsWith("10.12.1.21", StringComparison.Ordinal));
            Assert.True(next > row + 2, result.Stdout);
            for (int i = row + 1; i < next; i++)
            {
                Assert.StartsWith("  ", lines[i]);
            }

            Assert.Contains(lines[(row + 1)..next], l => l.StartsWith("  identity (hint-aware): ", StringComparison.Ordinal));
            Assert.Contains(lines[(row + 1)..next], l => l.StartsWith("  policy: rule #1 ALLOW_TOOLS [Allow]: matched", StringComparison.Ordinal));
        }

        [Fact]
        public void Without_explain_the_table_has_no_indented_lines()
        {
            string capture = WriteCapture("plain.pcap");

            TsidProcess.Result result = TsidProcess.Run("inspect", capture, "--preset", "hint-aware");

            Assert.Equal(0, result.ExitCode);
            Assert.DoesNotContain(result.Stdout.Split('\n'), l => l.StartsWith("  ", StringComparison.Ordinal));
        }

        private static List<JsonElement> Lines(string stdout)
        {
            var lines = new List<JsonElement>();
            foreach (string line in stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                lines.Add(JsonDocument.Parse(line).RootElement.Clone());
            }

            return lines;
        }

        /// <summary>A DNS answer for tools.cisco.com, then three connections (the seed case, TLS 1.2 with SNI, TLS 1.3), 1 ms apart.</summary>
        private string WriteCapture(string name)
        {
            string path = Path.Combine(_directory, name);
            string[] recordings = { "tls12-nosni-cisco-chain3", "tls12-sni-alpn", "tls13-sni-alpn" };
            _firstPackets.Clear();
            using (FileStream file = File.Create(path))
            using (var writer = new PcapWriter(file, PcapWriterOptions.Default with { StartTime = Start }))
            {
                writer.WriteDnsResponse(new IPEndPoint(IPAddress.Parse("10.12.1.1"), 53), new IPEndPoint(IPAddress.Parse("10.12.1.20"), 40000), "tools.cisco.com", new[] { Server.Address });
                for (int i = 0; i < recordings.Length; i++)
                {
                    _firstPackets.Add(writer.TimestampNanoseconds);
                    string fixtures = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Tls", recordings[i]);
                    var client = new IPEndPoint(IPAddress.Parse("10.12.1.2" + i), 50000 + i);
                    writer.WriteTcpConnection(client, Server, File.ReadAllBytes(fixtures + ".c2s.bin"), File.ReadAllBytes(fixtures + ".s2c.bin"));
                    writer.TimestampNanoseconds += 1_000_000;
                }
            }

            return path;
        }
    }
}
