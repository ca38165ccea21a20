using System;
using System.IO;
using Tsid.Inspection.Tests.Support;
using Xunit;

namespace Tsid.Inspection.Tests
{
    /// <summary>Runs the ten-line program of docs/capture.md on a capture of the seed case and checks its output.</summary>
    [Collection(nameof(ConsoleCollection))]
    public sealed class DocsSampleTests : IDisposable
    {
        private const string SeedPolicy = """
            default block
            list SI_BLOCK_CUSTOM
              toos.cisco.com
            end
            blocklist SI_BLOCK_CUSTOM
            rule ALLOW_FMC_ASA_SNT_CISCO allow
              from 10.12.1.0/24
              host cisco-si tools.cisco.com
            end
            """;

        private readonly string _directory = Path.Combine(Path.GetTempPath(), "tsid-docs-" + Guid.NewGuid().ToString("N"));

        public DocsSampleTests() => Directory.CreateDirectory(_directory);

        public void Dispose() => Directory.Delete(_directory, recursive: true);

        [Fact]
        public void The_ten_line_program_prints_identity_and_verdict_for_every_connection()
        {
            string capture = Path.Combine(_directory, "seed.pcap");
            string policy = Path.Combine(_directory, "seed.policy");
            File.WriteAllBytes(capture, Captures.Make(w =>
            {
                Captures.SeedCase(w, Captures.Client(1));
                Captures.Connection(w, Captures.Client(2), Captures.Tls12SniAlpn);
            }));
            File.WriteAllText(policy, SeedPolicy);

            TextWriter original = Console.Out;
            var output = new StringWriter { NewLine = "\n" };
            Console.SetOut(output);
            try
            {
                DocsSample.Run(new[] { capture, policy });
            }
            finally
            {
                Console.SetOut(original);
            }

            Assert.Equal(
                "10.12.1.20:50001 -> 198.51.100.38:443  tools.cisco.com (DnsHint)  Allow by Rule 'ALLOW_FMC_ASA_SNT_CISCO' (#1), name tools.cisco.com matched tools.cisco.com\n"
                + "10.12.1.20:50002 -> 198.51.100.38:443  tls-test.example (Sni)  Block by default action\n"
                + "2 connections, capture: None\n",
                output.ToString());
        }
    }

    /// <summary>Tests that replace <see cref="Console.Out"/> run alone.</summary>
    [CollectionDefinition(nameof(ConsoleCollection), DisableParallelization = true)]
    public sealed class ConsoleCollection
    {
    }
}
