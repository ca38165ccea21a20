using System;
using System.Collections.Generic;
using System.Globalization;
using System.CommandLine;
using System.IO;
using System.Runtime.InteropServices;
using System.Text.Json;
using Tsid.Cli.Bench;
using Tsid.Cli.Output;
using Tsid.Identity;
using Tsid.Inspection;
using Tsid.Policy;

namespace Tsid.Cli
{
    /// <summary>What <c>tsid bench</c> was asked to do, parsed (by whichever parser) into plain values.</summary>
    internal sealed class BenchSettings
    {
        /// <summary>The stages <c>--stage</c> accepts; <c>all</c> runs each stage alone, then the whole pipeline.</summary>
        public static readonly string[] StageNames = { "all", "reassembly", "parse", "identity", "policy", "pipeline" };

        /// <summary>The captures (<c>-</c> for standard input).</summary>
        public List<string> Files { get; } = new();

        /// <summary>Seconds per stage: a fifth of it warms up, the rest is five measured rounds.</summary>
        public double Seconds { get; set; } = 5;

        /// <summary>One of <see cref="StageNames"/>.</summary>
        public string Stage { get; set; } = "all";

        /// <summary>The identity preset (a <see cref="Presets.Names"/> entry).</summary>
        public string Preset { get; set; } = "firepower";

        /// <summary>A policy file for the policy stage and the pipeline, or null (then the policy stage is not run).</summary>
        public string? PolicyPath { get; set; }

        /// <summary>JSON Lines (one object per stage) instead of the table.</summary>
        public bool Json { get; set; }
    }

    /// <summary>
    /// <c>tsid bench FILE…</c>: the user's own captures loaded into memory once and their TLS connections replayed
    /// in-process through the library's stages for a fixed time — reassembly, parse, identity, policy, each alone, and the
    /// whole pipeline — with connections/s, MB/s, ns and bytes allocated per connection. A throughput probe, not
    /// BenchmarkDotNet (<see cref="BenchRunner"/> says how it measures).
    /// </summary>
    internal static class BenchCommand
    {
        /// <summary>The most seconds per stage (a typo must not hold the machine for an hour).</summary>
        public const double MaxSeconds = 600;

        /// <summary>One line, as the root help lists every command; docs/cli.md says how it measures.</summary>
        internal const string Description = "Throughput probe (not BenchmarkDotNet): the captures replayed through each stage.";

        /// <summary>The <c>bench</c> command: its arguments, options and action.</summary>
        public static Command Create(ToolContext tool)
        {
            Argument<string[]> files = CommonOptions.Files("pcap or pcapng captures (gzip-compressed too), loaded into memory");
            var seconds = new Option<double?>("--seconds")
            {
                Description = "seconds per stage, default 5 (a fifth warms up)",
                HelpName = "N",
                CustomParser = result =>
                {
                    string given = result.Tokens.Count == 0 ? string.Empty : result.Tokens[result.Tokens.Count - 1].Value;
                    if (double.TryParse(given, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && value > 0 && value <= MaxSeconds)
                    {
                        return value;
                    }

                    result.AddError($"--seconds must be a number more than 0 and at most {MaxSeconds.ToString(CultureInfo.InvariantCulture)} (got '{given}')");
                    return null;
                },
            };
            var words = new (string, string?)[BenchSettings.StageNames.Length];
            for (int i = 0; i < words.Length; i++)
            {
                words[i] = (BenchSettings.StageNames[i], BenchSettings.StageNames[i]);
            }

            Option<string?> stage = CommonOptions.Choice("--stage", "reassembly, parse, identity, policy (needs --policy), pipeline, or all of them (default all)", words);
            stage.HelpName = "STAGE";
            Option<ServerIdentityResolver?> preset = CommonOptions.Preset();
            Option<string?> policy = CommonOptions.Policy();
            Option<bool> json = CommonOptions.Flag("--json", "JSON Lines, one object per stage");

            var command = new Command("bench", Description) { files, seconds, stage, preset, policy, json };
            command.Validators.Add(result =>
            {
                // The token, not GetValue: a bad --stage value is already an error, and GetValue would throw on it.
                if (result.GetResult(stage) is { Tokens.Count: > 0 } given
                    && string.Equals(given.Tokens[given.Tokens.Count - 1].Value, "policy", StringComparison.OrdinalIgnoreCase)
                    && result.GetResult(policy) is null)
                {
                    result.AddError("--stage policy needs --policy");
                }
            });
            command.SetAction(result =>
            {
                var settings = new BenchSettings
                {
                    Seconds = result.GetValue(seconds) ?? 5,
                    Stage = result.GetValue(stage) ?? "all",
                    Preset = (result.GetValue(preset) ?? ServerIdentityPresets.Firepower).Name,
                    PolicyPath = result.GetValue(policy),
                    Json = result.GetValue(json),
                };
                settings.Files.AddRange(result.GetValue(files)!);
                return Run(settings, tool.Output, tool.Error);
            });
            return command;
        }

        public static int Run(BenchSettings settings, StandardOutput stdout, TextWriter stderr) =>
            Run(settings, stdout, stderr, out _);

        /// <summary>Runs the bench; <paramref name="results"/> holds what was printed (for tests).</summary>
        internal static int Run(BenchSettings settings, StandardOutput stdout, TextWriter stderr, out List<BenchResult> results)
        {
            results = new List<BenchResult>();
            if (settings.Files.Count == 0)
            {
                return Usage(stderr, "bench needs at least one capture file");
            }

            if (!(settings.Seconds > 0 && settings.Seconds <= MaxSeconds))
            {
                return Usage(stderr, $"--seconds must be more than 0 and at most {MaxSeconds} (got {settings.Seconds.ToString(CultureInfo.InvariantCulture)})");
            }

            if (Array.IndexOf(BenchSettings.StageNames, settings.Stage) < 0 || !ServerIdentityPresets.TryGet(settings.Preset, out _))
            {
                return Usage(stderr, "--stage must be one of " + string.Join(", ", BenchSettings.StageNames) + ", --preset one of " + string.Join(", ", Presets.Names));
            }

            if (settings.Stage == "policy" && settings.PolicyPath is null)
            {
                return Usage(stderr, "--stage policy needs --policy");
            }

            AccessPolicy? policy = null;
            if (settings.PolicyPath is { } policyPath && !PolicyFile.TryLoad(policyPath, null, out policy, out string? policyError))
            {
                stderr.WriteLine($"tsid: {policyPath}: {policyError}");
                return 1;
            }

            var options = new InspectionOptions { Resolver = Presets.Get(settings.Preset), Policy = policy };
            if (!BenchWorkload.TryLoad(settings.Files, options, stderr, out BenchWorkload workload))
            {
                return 1;
            }

            if (workload.InspectedConnections == 0)
            {
                stderr.WriteLine("tsid: bench: no TLS connection in the captures, nothing to measure");
                return 1;
            }

            bool replay = workload.Connections.Count > 0;
            var stages = new List<Func<BenchStage>>();
            bool all = settings.Stage == "all";
            using BenchReplay? fed = replay && (all || settings.Stage is "identity" or "policy")
                ? new BenchReplay(workload, options.HandshakeLimits, options.Resolver)
                : null;
            if (all || settings.Stage == "reassembly")
            {
                stages.Add(() => new ReassemblyStage(workload, options.Capture));
            }

            if (replay && (all || settings.Stage == "parse"))
            {
                stages.Add(() => new ParseStage(workload, options.HandshakeLimits));
            }

            if (fed is not null && (all || settings.Stage == "identity"))
            {
                stages.Add(() => new IdentityStage(fed, options.Resolver));
            }

            if (fed is not null && policy is not null && (all || settings.Stage == "policy"))
            {
                stages.Add(() => new PolicyEvaluationStage(fed, policy));
            }

            if (all || settings.Stage == "pipeline")
            {
                stages.Add(() => new PipelineStage(workload, options));
            }

            var notes = new List<string>();
            if (!replay)
            {
                notes.Add("no TLS-over-TCP connection to replay: parse, identity and policy not run (QUIC and DTLS are measured in reassembly and pipeline only)");
            }

            if (policy is null && all)
            {
                notes.Add("no --policy: the policy stage is not run and the pipeline decides nothing");
            }

            if (workload.NotReplayed > 0)
            {
                notes.Add($"{workload.NotReplayed} TLS connections over the replay limits ({BenchWorkload.MaxReplayConnections} connections, {BenchWorkload.MaxReplayBytes >> 20} MiB) not replayed");
            }

            foreach (Func<BenchStage> make in stages)
            {
                using BenchStage stage = make();
                results.Add(BenchRunner.Measure(stage, settings.Seconds));
            }

            if (settings.Json)
            {
                WriteJson(stdout.Stream, results, settings, workload, policy is not null);
            }
            else
            {
                WriteTable(stdout.Writer, results, settings, workload, policy is not null, notes);
            }

            return 0;
        }

        private static void WriteTable(TextWriter writer, List<BenchResult> results, BenchSettings settings, BenchWorkload workload, bool withPolicy, List<string> notes)
        {
            writer.WriteLine($"tsid bench: a throughput probe on one thread, not BenchmarkDotNet; median of {BenchRunner.Rounds} rounds after a warm-up, {Format(settings.Seconds, "0.##")} s per stage");
            writer.WriteLine($"captures: {settings.Files.Count} ({workload.CaptureBytes} bytes), {workload.InspectedConnections} TLS connections, {workload.Connections.Count} replayed over TCP ({workload.ReplayBytes} TLS bytes); preset {settings.Preset}, {(withPolicy ? "policy " + settings.PolicyPath : "no policy")}");
            writer.WriteLine($"machine: {Environment.ProcessorCount} processors, {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}");
            foreach (string note in notes)
            {
                writer.WriteLine("note: " + note);
            }

            writer.WriteLine();
            var table = new TextTable("STAGE", "CONNECTIONS", "CONNECTIONS/S", "MB/S", "NS/CONNECTION", "ALLOCATED B/CONNECTION", "PASSES");
            foreach (BenchResult r in results)
            {
                table.Add(
                    r.Stage,
                    r.Connections.ToString(CultureInfo.InvariantCulture),
                    Format(r.ConnectionsPerSecond, "N0"),
                    r.MegabytesPerSecond is double mb ? Format(mb, "N1") : null,
                    Format(r.NanosecondsPerConnection, "N0"),
                    Format(r.AllocatedBytesPerConnection, "N0"),
                    r.Passes.ToString(CultureInfo.InvariantCulture));
            }

            table.WriteTo(writer);
            writer.WriteLine();
            writer.WriteLine("MB/s: capture bytes for reassembly and pipeline, TLS bytes fed for parse; identity and policy read no bytes.");
        }

        private static void WriteJson(Stream output, List<BenchResult> results, BenchSettings settings, BenchWorkload workload, bool withPolicy)
        {
            var buffer = new System.Buffers.ArrayBufferWriter<byte>();
            foreach (BenchResult r in results)
            {
                using (Utf8JsonWriter json = JsonLinesWriter.CreateWriter(buffer))
                {
                    json.WriteStartObject();
                    json.WriteString("stage", r.Stage);
                    json.WriteNumber("connections", r.Connections);
                    json.WriteNumber("bytes", r.Bytes);
                    json.WriteNumber("connections_per_second", Math.Round(r.ConnectionsPerSecond, 1));
                    if (r.MegabytesPerSecond is double mb)
                    {
                        json.WriteNumber("mb_per_second", Math.Round(mb, 3));
                    }
                    else
                    {
                        json.WriteNull("mb_per_second");
                    }

                    json.WriteNumber("ns_per_connection", Math.Round(r.NanosecondsPerConnection, 1));
                    json.WriteNumber("allocated_bytes_per_connection", Math.Round(r.AllocatedBytesPerConnection, 1));
                    json.WriteNumber("max_allocated_bytes_per_connection", Math.Round(r.MaxAllocatedBytesPerConnection, 1));
                    json.WriteNumber("rounds", r.Rounds);
                    json.WriteNumber("passes", r.Passes);
                    json.WriteNumber("seconds", Math.Round(r.Seconds, 3));
                    json.WriteString("preset", settings.Preset);
                    json.WriteBoolean("policy", withPolicy);
                    json.WriteNumber("capture_bytes", workload.CaptureBytes);
                    json.WriteNumber("replayed_connections", workload.Connections.Count);
                    json.WriteNumber("processors", Environment.ProcessorCount);
                    json.WriteString("runtime", RuntimeInformation.FrameworkDescription);
                    json.WriteEndObject();
                }

                buffer.GetSpan(1)[0] = (byte)'\n';
                buffer.Advance(1);
            }

            output.Write(buffer.WrittenSpan);
            output.Flush();
        }

        /// <summary>A bad setting from a caller that did not go through the parser (which reports its own): exit 2.</summary>
        private static int Usage(TextWriter stderr, string problem)
        {
            stderr.WriteLine("tsid: " + problem);
            stderr.WriteLine("run 'tsid bench --help' for usage");
            return Commands.UsageExitCode;
        }

        private static string Format(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
    }
}
