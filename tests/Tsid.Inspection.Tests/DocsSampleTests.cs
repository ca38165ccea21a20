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

    /// <summary>The docs' program and <see cref="DocsSample"/> are the same statements, so neither can drift from the other.</summary>
    public class DocsSampleTextTests
    {
        [Fact]
        public void The_docs_show_the_statements_the_test_runs()
        {
            string root = AppContext.BaseDirectory;
            while (!File.Exists(Path.Combine(root, "Tsid.Core.sln")))
            {
                root = Path.GetDirectoryName(root) ?? throw new InvalidOperationException("repository root not found");
            }

            string docs = File.ReadAllText(Path.Combine(root, "docs", "capture.md"));
            int section = docs.IndexOf("### A program in ten lines", StringComparison.Ordinal);
            int start = docs.IndexOf("```csharp", section, StringComparison.Ordinal) + "```csharp".Length;
            string[] shown = Statements(docs.Substring(start, docs.IndexOf("```", start, StringComparison.Ordinal) - start));
            string sample = File.ReadAllText(Path.Combine(root, "tests", "Tsid.Inspection.Tests", "DocsSample.cs"));
            int body = sample.IndexOf('{', sample.IndexOf("public static void Run(string[] args)", StringComparison.Ordinal)) + 1;
            string[] compiled = Statements(sample.Substring(body, sample.IndexOf("\n        }", body, StringComparison.Ordinal) - body));

            Assert.Equal(5, compiled.Length);
            Assert.Equal(compiled, shown);
        }

        /// <summary>The non-empty lines that are not <c>using</c> directives, trimmed.</summary>
        private static string[] Statements(string code)
        {
            var lines = new System.Collections.Generic.List<string>();
            foreach (string line in code.Split('\n'))
            {
                string trimmed = line.Trim();
                if (trimmed.Length > 0 && !(trimmed.StartsWith("using ", StringComparison.Ordinal) && trimmed.EndsWith(';') && !trimmed.Contains('=')))
                {
                    lines.Add(trimmed);
                }
            }

            return lines.ToArray();
        }
    }

    /// <summary>Tests that replace <see cref="Console.Out"/> run alone.</summary>
    [CollectionDefinition(nameof(ConsoleCollection), DisableParallelization = true)]
    public sealed class ConsoleCollection
    {
    }
}
