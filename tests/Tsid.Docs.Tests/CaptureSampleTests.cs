using System;
using System.IO;
using Tsid.Capture;
using Tsid.Docs.Tests.Samples;
using Tsid.Docs.Tests.Support;
using Xunit;

namespace Tsid.Docs.Tests
{
    /// <summary>Runs the blocks of docs/capture.md; the program of "A program in ten lines" on a capture of the seed case.</summary>
    [Collection(nameof(ConsoleCollection))]
    public class CaptureSampleTests
    {
        [Fact]
        public void Quick_start_prints_the_output_the_page_shows()
        {
            string output = SampleRun.Output(Fixture.Directory, CaptureSamples.QuickStart);
            Assert.Equal(DocsSamples.ShownOutput("docs/capture.md", "Samples/CaptureSamples.cs#QuickStart"), output);
            Assert.EndsWith("1 flow(s), 1 TLS, error: None\n", output);
        }

        [Fact]
        public void The_pull_api_prints_every_tcp_packet_of_a_gzip_pcap()
        {
            using var directory = new TemporaryDirectory();
            File.WriteAllBytes(directory.File("trace.pcap.gz"), Captures.Gzip(QuickStartCapture()));

            (string output, string error) = SampleRun.Run(directory.Path, CaptureSamples.PullApi);

            // Frame 1 is the DNS answer (UDP); then the handshake, one segment per direction, and the close.
            Assert.Equal(
                "#2 192.0.2.10:50123 -> 198.51.100.20:443 Syn 0 B\n"
                + "#3 198.51.100.20:443 -> 192.0.2.10:50123 Syn, Ack 0 B\n"
                + "#4 192.0.2.10:50123 -> 198.51.100.20:443 Ack 0 B\n"
                + "#5 192.0.2.10:50123 -> 198.51.100.20:443 Psh, Ack 9 B\n"
                + "#6 198.51.100.20:443 -> 192.0.2.10:50123 Psh, Ack 9 B\n"
                + "#7 192.0.2.10:50123 -> 198.51.100.20:443 Fin, Ack 0 B\n"
                + "#8 198.51.100.20:443 -> 192.0.2.10:50123 Fin, Ack 0 B\n"
                + "#9 192.0.2.10:50123 -> 198.51.100.20:443 Ack 0 B\n",
                output);
            Assert.Equal(string.Empty, error);
        }

        [Fact]
        public void The_pull_api_says_where_a_damaged_capture_ends()
        {
            byte[] capture = QuickStartCapture();
            using var directory = new TemporaryDirectory();
            File.WriteAllBytes(directory.File("trace.pcap.gz"), Captures.Gzip(capture.AsSpan(0, capture.Length - 10).ToArray()));

            (string output, string error) = SampleRun.Run(directory.Path, CaptureSamples.PullApi);

            Assert.StartsWith("#2 ", output, StringComparison.Ordinal);
            Assert.DoesNotContain("#9 ", output, StringComparison.Ordinal);
            Assert.Matches("^trace\\.pcap\\.gz: TruncatedRecord at byte [0-9]+\n$", error);
        }

        [Fact]
        public void Driving_the_loop_reads_a_gzip_pcapng_like_inspect()
        {
            using var directory = new TemporaryDirectory();
            File.WriteAllBytes(directory.File("big.pcapng.gz"), Captures.Gzip(Captures.ToPcapNg(QuickStartCapture())));
            CaptureInspectionResult result = default!;

            string output = SampleRun.Output(directory.Path, () => result = CaptureSamples.DrivingTheLoop());

            string quickStart = DocsSamples.ShownOutput("docs/capture.md", "Samples/CaptureSamples.cs#QuickStart");
            Assert.Equal(quickStart.Substring(0, quickStart.LastIndexOf("1 flow(s)", StringComparison.Ordinal)), output);
            Assert.Equal(CaptureError.None, result.Error);
            Assert.Equal(1, result.Statistics.TlsFlows);
        }

        [Fact]
        public void Driving_the_loop_ends_open_flows_and_keeps_the_readers_error()
        {
            byte[] pcapng = Captures.ToPcapNg(QuickStartCapture());
            using var directory = new TemporaryDirectory();
            File.WriteAllBytes(directory.File("big.pcapng.gz"), Captures.Gzip(pcapng.AsSpan(0, pcapng.Length - 100).ToArray()));
            CaptureInspectionResult result = default!;

            string output = SampleRun.Output(directory.Path, () => result = CaptureSamples.DrivingTheLoop());

            Assert.Equal(CaptureError.TruncatedRecord, result.Error);
            Assert.EndsWith("  ended: EndOfCapture\n", output, StringComparison.Ordinal);
        }

        [Fact]
        public void The_ten_line_program_prints_the_output_the_page_shows()
        {
            using var directory = new TemporaryDirectory();
            File.WriteAllBytes(directory.File("seed.pcap"), Captures.SeedCaseThenSni());
            File.WriteAllText(directory.File("seed.policy"), """
                default block
                list SI_BLOCK_CUSTOM
                  toos.cisco.com
                end
                blocklist SI_BLOCK_CUSTOM
                rule ALLOW_FMC_ASA_SNT_CISCO allow
                  from 10.12.1.0/24
                  host cisco-si tools.cisco.com
                end
                """);

            string output = SampleRun.Output(directory.Path, () => CaptureProgramSample.Run(new[] { "seed.pcap", "seed.policy" }));

            Assert.Equal(DocsSamples.ShownOutput("docs/capture.md", "Samples/CaptureProgramSample.cs#TenLineProgram"), output);
            Assert.StartsWith("10.12.1.20:50001 -> 198.51.100.38:443  tools.cisco.com (DnsHint)  Allow", output, StringComparison.Ordinal);
        }

        /// <summary>The capture the quick start writes, made by running its own statements.</summary>
        private static byte[] QuickStartCapture()
        {
            using var file = new MemoryStream();
            using (var writer = new PcapWriter(file, PcapWriterOptions.Default with { LeaveOpen = true }))
            {
                var resolver = new System.Net.IPEndPoint(System.Net.IPAddress.Parse("192.0.2.53"), 53);
                var client = new System.Net.IPEndPoint(System.Net.IPAddress.Parse("192.0.2.10"), 50123);
                var server = new System.Net.IPEndPoint(System.Net.IPAddress.Parse("198.51.100.20"), 443);
                writer.WriteDnsResponse(resolver, new System.Net.IPEndPoint(client.Address, 40000), "tools.cisco.com", new[] { server.Address });
                writer.WriteTcpConnection(client, server, new byte[] { 0x16, 0x03, 0x01, 0x00, 0x04, 0x01, 0x00, 0x00, 0x00 }, new byte[] { 0x16, 0x03, 0x03, 0x00, 0x04, 0x02, 0x00, 0x00, 0x00 });
            }

            return file.ToArray();
        }
    }
}
