using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Linq;
using System.Text.Json;
using Tsid.Capture;
using Tsid.Capture.Tests.Support;
using Tsid.Tests.Support;
using Xunit;

namespace Tsid.Cli.Tests
{
    /// <summary>
    /// The tool never crashes (issue 12): standard input and pipes, unreadable and failing files, a full disk and a closed
    /// pipe on stdout, a bug anywhere, and hundreds of damaged captures. Each is run as a process, the way a user meets it.
    /// </summary>
    public sealed class RobustnessTests : IDisposable
    {
        private readonly string _dir = Path.Combine(Path.GetTempPath(), "tsid-robust-" + Guid.NewGuid().ToString("N"));
        private readonly byte[] _demo;
        private readonly string _demoPath;

        public RobustnessTests()
        {
            Directory.CreateDirectory(_dir);
            _demoPath = Path.Combine(_dir, "demo.pcap");
            Assert.Equal(0, TsidProcess.Run("demo", "--write", _demoPath).ExitCode);
            _demo = File.ReadAllBytes(_demoPath);
        }

        public void Dispose() => Directory.Delete(_dir, recursive: true);

        [Fact]
        public void Standard_input_as_dash_reads_pcap_pcapng_and_gzip()
        {
            foreach ((string kind, byte[] bytes) in new[] { ("pcap", _demo), ("pcapng", ToPcapNg(_demo)), ("gzip", Gzip(_demo)), ("gzip pcapng", Gzip(ToPcapNg(_demo))) })
            {
                TsidProcess.Result result = TsidProcess.RunWith(bytes, null, "inspect", "-", "--format", "json");

                Assert.True(result.ExitCode == 0, kind + ": " + result.Stderr);
                Assert.DoesNotContain("Unhandled", result.Stderr);
                using JsonDocument doc = JsonDocument.Parse(result.Stdout.Trim());
                Assert.Equal("-", doc.RootElement.GetProperty("file").GetString());
                Assert.Equal("toos.cisco.com", doc.RootElement.GetProperty("certificates")[0].GetProperty("san_dns")[0].GetString());
            }
        }

        [Fact]
        public void A_pipe_through_dev_stdin_and_a_process_substitution_are_read_without_a_length()
        {
            string gz = Path.Combine(_dir, "demo.pcap.gz");
            File.WriteAllBytes(gz, Gzip(_demo));

            TsidProcess.Result piped = TsidProcess.Shell($"cat '{gz}' | $TSID inspect /dev/stdin");
            TsidProcess.Result substituted = TsidProcess.Shell($"$TSID inspect <(cat '{_demoPath}') --format json");

            Assert.True(piped.ExitCode == 0, piped.Stderr);
            Assert.Contains("toos.cisco.com", piped.Stdout);
            Assert.True(substituted.ExitCode == 0, substituted.Stderr);
            Assert.Contains("\"san_dns\":[\"toos.cisco.com\"", substituted.Stdout);
            Assert.DoesNotContain("Unhandled", piped.Stderr + substituted.Stderr);
        }

        [Fact]
        public void A_directory_a_missing_file_and_a_file_failing_while_read_each_get_one_line_and_the_rest_is_read()
        {
            // /proc/self/mem opens (it is the reader's own memory) and its first read fails with EIO: an I/O error mid-read.
            TsidProcess.Result result = TsidProcess.Run("inspect", _dir, Path.Combine(_dir, "gone.pcap"), "/proc/self/mem", _demoPath, "--format", "json");

            Assert.Equal(1, result.ExitCode);
            string[] errors = ErrorLines(result.Stderr);
            Assert.Equal(new[]
            {
                $"tsid: {_dir}: is a directory",
                $"tsid: {Path.Combine(_dir, "gone.pcap")}: no such file",
                "tsid: /proc/self/mem: read error after 0 bytes: input/output error",
            }, errors);
            Assert.Contains("\"san_dns\":[\"toos.cisco.com\"", result.Stdout);
            Assert.Contains("connections: 1 TCP, 1 TLS", result.Stderr);
        }

        [Fact]
        public void An_unreadable_file_is_named_with_the_reason_and_the_next_file_is_read()
        {
            // chmod 000 does not stop root, so as root the file is a kernel file that refuses reading to everyone.
            string? path = UnreadableFile.Path;
            Assert.True(path is not null, "no unreadable file could be made or found here (root, and no write-only sysfs/proc file)");
            TsidProcess.Result inspect = TsidProcess.Run("inspect", path, _demoPath);
            TsidProcess.Result cert = TsidProcess.Run("cert", path, Path.Combine(AppContext.BaseDirectory, "Fixtures", "cisco-nocn.der"));

            Assert.Equal(1, inspect.ExitCode);
            Assert.Equal(new[] { $"tsid: {path}: permission denied" }, ErrorLines(inspect.Stderr));
            Assert.Contains("toos.cisco.com", inspect.Stdout);
            Assert.Equal(1, cert.ExitCode);
            Assert.Equal(new[] { $"tsid: {path}: permission denied" }, ErrorLines(cert.Stderr));
            Assert.Contains("toos.cisco.com", cert.Stdout);
        }

        [Fact]
        public void A_full_disk_on_stdout_is_one_line_and_exit_1()
        {
            foreach (string format in new[] { "table", "json" })
            {
                TsidProcess.Result result = TsidProcess.Shell($"$TSID inspect '{_demoPath}' --format {format} > /dev/full");

                Assert.Equal(1, result.ExitCode);
                Assert.Equal(new[] { "tsid: standard output: no space left on device" }, ErrorLines(result.Stderr));
            }

            TsidProcess.Result cert = TsidProcess.Shell($"$TSID cert '{Path.Combine(AppContext.BaseDirectory, "Fixtures", "cisco-nocn.der")}' > /dev/full");
            Assert.Equal(1, cert.ExitCode);
            Assert.Equal(new[] { "tsid: standard output: no space left on device" }, ErrorLines(cert.Stderr));
        }

        [Fact]
        public void A_reader_that_closes_the_pipe_stops_the_tool_quietly()
        {
            // 400 copies of the demo: ~600 KB of JSON Lines, far more than a pipe buffer, so the tool must meet EPIPE.
            string files = string.Join(" ", Enumerable.Repeat($"'{_demoPath}'", 400));
            TsidProcess.Result result = TsidProcess.Shell($"$TSID inspect {files} --format json | head -c 100 > /dev/null; echo \"tsid-exit=${{PIPESTATUS[0]}}\"");

            Assert.Contains("tsid-exit=0", result.Stdout);
            Assert.Equal("", result.Stderr);
        }

        [Theory]
        [InlineData("main")]
        [InlineData("thread")]
        public void A_bug_is_one_line_and_exit_70_never_a_stack_trace(string where)
        {
            TsidProcess.Result result = TsidProcess.RunWith(null, new Dictionary<string, string> { [Program.SelfTestVariable] = where }, "inspect", _demoPath);

            Assert.Equal(Program.InternalErrorExitCode, result.ExitCode);
            string[] lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Single(lines);
            Assert.StartsWith("tsid: internal error: InvalidOperationException: self-test failure", lines[0]);
        }

        [Fact]
        public void A_policy_that_is_a_directory_is_named_not_thrown()
        {
            TsidProcess.Result result = TsidProcess.Run("inspect", _demoPath, "--policy", _dir);

            Assert.Equal(1, result.ExitCode);
            Assert.Equal(new[] { $"tsid: {_dir}: is a directory" }, ErrorLines(result.Stderr));
        }

        [Fact]
        public void Certificates_from_standard_input()
        {
            byte[] der = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "cisco-nocn.der"));
            TsidProcess.Result result = TsidProcess.RunWith(der, null, "cert", "-", "--format", "json");

            Assert.True(result.ExitCode == 0, result.Stderr);
            using JsonDocument doc = JsonDocument.Parse(result.Stdout.Trim());
            Assert.Equal("-", doc.RootElement.GetProperty("file").GetString());
            Assert.Equal("toos.cisco.com", doc.RootElement.GetProperty("san_dns")[0].GetString());
        }

        /// <summary>
        /// Hundreds of damaged captures (bit flips, byte stores, truncations, both containers, gzip) from the project's own
        /// demo capture and, when present, the corpus: exit 0 or 1, every stderr line a <c>tsid: FILE: …</c> report or the
        /// summary, stdout pure JSON Lines, never a stack trace.
        /// </summary>
        [Fact]
        public void Hundreds_of_damaged_captures_never_crash_the_tool()
        {
            var seeds = new List<byte[]> { _demo, ToPcapNg(_demo) };
            if (Corpus.Directory is { } corpus)
            {
                foreach (string path in Directory.EnumerateFiles(corpus, "*.pcap*", SearchOption.AllDirectories).OrderBy(p => p, StringComparer.Ordinal).Take(24))
                {
                    if (new FileInfo(path).Length < 64 * 1024)
                    {
                        seeds.Add(File.ReadAllBytes(path));
                    }
                }
            }

            var random = new Random(12);
            const int Batches = 3;
            const int PerBatch = 100;
            for (int batch = 0; batch < Batches; batch++)
            {
                var files = new List<string>();
                for (int i = 0; i < PerBatch; i++)
                {
                    byte[] mutated = Mutate(seeds[random.Next(seeds.Count)], random);
                    if (random.Next(8) == 0)
                    {
                        mutated = Gzip(mutated);
                    }

                    string path = Path.Combine(_dir, $"m{batch}-{i}.pcap");
                    File.WriteAllBytes(path, mutated);
                    files.Add(path);
                }

                files.Add("--format");
                files.Add("json");
                files.Add("--preset");
                files.Add(batch == 1 ? "hint-aware" : "firepower");
                TsidProcess.Result result = TsidProcess.Run(new[] { "inspect" }.Concat(files).ToArray());

                Assert.True(result.ExitCode is 0 or 1, $"exit {result.ExitCode}: {result.Stderr}");
                Assert.DoesNotContain("Unhandled exception", result.Stderr);
                Assert.DoesNotContain("internal error", result.Stderr);
                foreach (string line in result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries))
                {
                    Assert.True(line.StartsWith("tsid: " + _dir, StringComparison.Ordinal) || line.StartsWith("connections: ", StringComparison.Ordinal)
                        || line.StartsWith("identities by source: ", StringComparison.Ordinal), "unexpected stderr line: " + line);
                }

                foreach (string line in result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
                {
                    using JsonDocument doc = JsonDocument.Parse(line);
                    Assert.StartsWith(_dir, doc.RootElement.GetProperty("file").GetString());
                }
            }
        }

        [Fact]
        public void Damaged_certificates_never_crash_the_tool()
        {
            var seeds = new List<byte[]>();
            foreach (string path in Directory.EnumerateFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures"), "*.der"))
            {
                seeds.Add(File.ReadAllBytes(path));
            }

            var random = new Random(70);
            var args = new List<string> { "cert" };
            for (int i = 0; i < 150; i++)
            {
                byte[] der = Mutate(seeds[random.Next(seeds.Count)], random);
                string path = Path.Combine(_dir, $"c{i}.der");
                File.WriteAllBytes(path, random.Next(4) == 0 ? System.Text.Encoding.ASCII.GetBytes(Pem(der)) : der);
                args.Add(path);
            }

            TsidProcess.Result result = TsidProcess.Run(args.ToArray());

            Assert.True(result.ExitCode is 0 or 1, $"exit {result.ExitCode}: {result.Stderr}");
            Assert.DoesNotContain("Unhandled exception", result.Stderr);
            Assert.DoesNotContain("internal error", result.Stderr);
            Assert.All(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => Assert.StartsWith("tsid: " + _dir, line));
        }

        /// <summary>One to eight damages: a bit flip, a byte set to 0x00/0xFF/0x80, a cut, or a duplicated span.</summary>
        internal static byte[] Mutate(byte[] seed, Random random)
        {
            var bytes = new List<byte>(seed);
            int damages = 1 + random.Next(8);
            for (int d = 0; d < damages && bytes.Count > 0; d++)
            {
                int at = random.Next(bytes.Count);
                switch (random.Next(5))
                {
                    case 0:
                        bytes[at] ^= (byte)(1 << random.Next(8));
                        break;
                    case 1:
                        bytes[at] = new byte[] { 0x00, 0xFF, 0x80, 0x7F }[random.Next(4)];
                        break;
                    case 2:
                        bytes.RemoveRange(at, bytes.Count - at);
                        break;
                    case 3:
                        int length = Math.Min(bytes.Count - at, 1 + random.Next(64));
                        bytes.InsertRange(at, bytes.GetRange(at, length));
                        break;
                    default:
                        bytes.RemoveRange(at, Math.Min(bytes.Count - at, 1 + random.Next(16)));
                        break;
                }
            }

            return bytes.ToArray();
        }

        private static string[] ErrorLines(string stderr) =>
            stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.StartsWith("tsid: ", StringComparison.Ordinal)).ToArray();

        private static string Pem(byte[] der) =>
            "-----BEGIN CERTIFICATE-----\n" + Convert.ToBase64String(der, Base64FormattingOptions.InsertLineBreaks) + "\n-----END CERTIFICATE-----\n";

        private static byte[] Gzip(byte[] bytes)
        {
            var output = new MemoryStream();
            using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
            {
                gzip.Write(bytes);
            }

            return output.ToArray();
        }

        private static byte[] ToPcapNg(byte[] pcap)
        {
            var builder = new PcapNgBuilder().Section(bigEndian: false).Interface(LinkType.Ethernet);
            ulong time = 1_700_000_000_000_000;
            foreach (byte[] frame in PcapNgBuilder.FramesOf(pcap))
            {
                builder.Enhanced(0, time++, frame);
            }

            return builder.ToArray();
        }
    }

    /// <summary>
    /// A file the test process cannot read: its own file with mode 000, or, as root (whom chmod 000 does not stop), a
    /// kernel file that refuses reading to everyone (a write-only sysfs attribute).
    /// </summary>
    internal static class UnreadableFile
    {
        private static readonly Lazy<string?> Found = new(Find);

        public static string? Path => Found.Value;

        private static string? Find()
        {
            string own = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "tsid-unreadable-" + Environment.ProcessId);
            var candidates = new List<string> { own, "/sys/bus/cpu/drivers_probe", "/sys/bus/platform/drivers_probe", "/proc/1/mem" };
            try
            {
                File.WriteAllText(own, "secret");
                if (!OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(own, UnixFileMode.None);
                }
            }
            catch (IOException)
            {
                candidates.Remove(own);
            }

            foreach (string candidate in candidates)
            {
                try
                {
                    using FileStream stream = File.OpenRead(candidate);
                }
                catch (UnauthorizedAccessException)
                {
                    return candidate;
                }
                catch (IOException)
                {
                }
            }

            return null;
        }
    }
}
