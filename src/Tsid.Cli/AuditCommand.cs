using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Text.Json;
using Tsid.Capture;
using Tsid.Cli.Output;
using Tsid.Identity;
using Tsid.Inspection;
using Tsid.Policy;

namespace Tsid.Cli
{
    /// <summary>What <c>tsid audit</c> was asked to do, parsed (by whichever parser) into plain values.</summary>
    internal sealed class AuditSettings
    {
        /// <summary>The captures (<c>-</c> for standard input).</summary>
        public List<string> Files { get; } = new();

        /// <summary>The audited preset: what the firewall does (a <see cref="Presets.Names"/> entry).</summary>
        public string Preset { get; set; } = "firepower";

        /// <summary>The preset it is compared against (a <see cref="Presets.Names"/> entry).</summary>
        public string Against { get; set; } = "hint-aware";

        /// <summary>A policy file that decides both identities, or null.</summary>
        public string? PolicyPath { get; set; }

        /// <summary>DNS answers of the capture as hints for both presets (<c>--dns-hints on|off</c>).</summary>
        public bool DnsHints { get; set; } = true;

        /// <summary>JSON Lines instead of the table.</summary>
        public bool Json { get; set; }
    }

    /// <summary>
    /// <c>tsid audit FILE…</c>: the connections two presets name differently (the firewall's against the one that names what
    /// the client meant), with both names, their sources, the diagnostics and, with a policy, both verdicts; then a summary by
    /// server. The comparison is the library's (<see cref="IdentityAudit"/>); this is arguments and formatting only.
    /// </summary>
    internal static class AuditCommand
    {
        /// <summary>Table cells are cut after this many characters.</summary>
        private const int MaxCellWidth = 96;

        /// <summary>The <c>audit</c> command: its arguments, options and action.</summary>
        public static Command Create(ToolContext tool)
        {
            Argument<string[]> files = CommonOptions.Files("pcap or pcapng captures (gzip-compressed too)");
            Option<ServerIdentityResolver?> preset = CommonOptions.Preset(description: "the preset under audit (what the firewall does), default firepower");
            Option<ServerIdentityResolver?> against = CommonOptions.Preset("--against", "the preset to compare with, default hint-aware");
            Option<string?> policy = CommonOptions.Policy();
            Option<Switch> dnsHints = CommonOptions.Choice(
                "--dns-hints",
                "DNS answers in the capture as hints for both presets (default on)",
                new[] { ("on", Switch.On), ("off", Switch.Off) });
            Option<bool> json = CommonOptions.Flag("--json", "JSON Lines, one object per differing connection (the summary goes to stderr)");

            var command = new Command("audit", "The connections two presets name (or decide) differently, counted by server.")
            {
                files, preset, against, policy, dnsHints, json,
            };
            command.SetAction(result =>
            {
                var settings = new AuditSettings
                {
                    Preset = (result.GetValue(preset) ?? ServerIdentityPresets.Firepower).Name,
                    Against = (result.GetValue(against) ?? ServerIdentityPresets.HintAware).Name,
                    PolicyPath = result.GetValue(policy),
                    DnsHints = result.GetValue(dnsHints) != Switch.Off,
                    Json = result.GetValue(json),
                };
                settings.Files.AddRange(result.GetValue(files)!);
                return Run(settings, tool.Output, tool.Error);
            });
            return command;
        }

        public static int Run(AuditSettings settings, StandardOutput stdout, TextWriter stderr)
        {
            if (settings.Files.Count == 0)
            {
                return Usage(stderr, "audit needs at least one capture file");
            }

            if (!ServerIdentityPresets.TryGet(settings.Preset, out _) || !ServerIdentityPresets.TryGet(settings.Against, out _))
            {
                return Usage(stderr, "--preset and --against must be one of " + string.Join(", ", Presets.Names));
            }

            AccessPolicy? policy = null;
            if (settings.PolicyPath is { } policyPath && !PolicyFile.TryLoad(policyPath, null, out policy, out string? policyError))
            {
                stderr.WriteLine($"tsid: {policyPath}: {policyError}");
                return 1;
            }

            var audit = new IdentityAudit(
                new InspectionOptions
                {
                    Resolver = Presets.Get(settings.Preset),
                    Policy = policy,
                    UseDnsHints = settings.DnsHints,
                    UseWorkerThread = Environment.ProcessorCount > 1,
                },
                Presets.Get(settings.Against));

            bool withVerdict = policy is not null;
            // Wider cells than inspect's: the notes hold both presets' diagnostics and the DNS hints.
            var table = withVerdict
                ? new TextTable(MaxCellWidth, "CLIENT", "SERVER", "SNI", "IDENTITY (" + settings.Preset + ")", "SOURCE", "IDENTITY (" + settings.Against + ")", "SOURCE", "NOTES", "VERDICT (" + settings.Preset + ")", "VERDICT (" + settings.Against + ")")
                : new TextTable(MaxCellWidth, "CLIENT", "SERVER", "SNI", "IDENTITY (" + settings.Preset + ")", "SOURCE", "IDENTITY (" + settings.Against + ")", "SOURCE", "NOTES");
            using JsonLinesWriter? writer = settings.Json ? new JsonLinesWriter(stdout.Stream) : null;
            JsonEncodedText presetText = JsonLinesWriter.Encode(settings.Preset);
            JsonEncodedText againstText = JsonLinesWriter.Encode(settings.Against);
            var differences = new List<IdentityDifference>();
            long connections = 0;

            int exit = 0;
            foreach (string file in settings.Files)
            {
                if (!InputFile.TryOpen(file, out Stream? stream, out string? problem))
                {
                    stderr.WriteLine($"tsid: {file}: {problem}");
                    exit = 1;
                    continue;
                }

                JsonEncodedText fileText = JsonLinesWriter.Encode(file);
                IdentityAuditSummary summary;
                try
                {
                    using (stream)
                    {
                        summary = audit.Audit(stream, d =>
                        {
                            differences.Add(d);
                            if (writer is not null)
                            {
                                writer.WriteDifference(fileText, presetText, againstText, d);
                            }
                            else
                            {
                                AddRow(table, d, withVerdict, settings);
                            }
                        });
                    }
                }
                catch (Exception e) when (InputFile.IsReadFailure(e))
                {
                    stderr.WriteLine($"tsid: {file}: read error: {InputFile.Reason(e)}");
                    exit = 1;
                    continue;
                }

                connections += summary.Inspection.Connections;
                if (summary.Inspection.Capture.Error != CaptureError.None)
                {
                    stderr.WriteLine($"tsid: {file}: {InspectCommand.Describe(summary.Inspection.Capture)}");
                    exit = 1;
                }
            }

            if (writer is null)
            {
                TextWriter text = stdout.Writer;
                if (table.RowCount > 0)
                {
                    table.WriteTo(text);
                    text.WriteLine();
                }

                WriteSummary(text, connections, differences, withVerdict, settings);
            }
            else
            {
                // stdout stays pure JSON Lines; the closing summary goes to stderr, as with inspect.
                WriteSummary(stderr, connections, differences, withVerdict, settings);
            }

            return exit;
        }

        private static void AddRow(TextTable table, IdentityDifference d, bool withVerdict, AuditSettings settings)
        {
            var notes = new List<string>();
            Note(notes, settings.Preset, d.Identity.Diagnostics);
            Note(notes, settings.Against, d.AgainstIdentity.Diagnostics);

            // Coverage is the certificate's and the SNI's, the same whichever preset decided.
            if (d.Identity.CertificateCoversSni == SniCoverage.NotCovered)
            {
                notes.Add("sni_not_covered");
            }

            if (d.DnsHints.Count > 0)
            {
                notes.Add("dns:" + string.Join("|", d.DnsHints));
            }

            table.Add(
                d.Client.ToString(),
                d.Server.ToString(),
                d.ServerName,
                d.Identity.Name ?? (d.Identity.IsRejected ? "(rejected)" : "(none)"),
                Spelling<IdentitySource>.Snake(d.Identity.Source),
                d.AgainstIdentity.Name ?? (d.AgainstIdentity.IsRejected ? "(rejected)" : "(none)"),
                Spelling<IdentitySource>.Snake(d.AgainstIdentity.Source),
                notes.Count == 0 ? null : string.Join(",", notes),
                withVerdict ? Verdict(d.Decision) : null,
                withVerdict ? Verdict(d.AgainstDecision) : null);
        }

        private static void Note(List<string> notes, string preset, IdentityDiagnostics diagnostics)
        {
            if (diagnostics != IdentityDiagnostics.None)
            {
                notes.Add(preset + ":" + Naming.Diagnostics(diagnostics).Replace(",", "+", StringComparison.Ordinal));
            }
        }

        private static string? Verdict(PolicyDecision? decision) => decision is PolicyDecision d
            ? Spelling<PolicyAction>.Snake(d.Action) + " (" + Spelling<PolicyStage>.Snake(d.Stage) + (d.RuleName is null ? "" : ": " + d.RuleName) + ")"
            : null;

        private static void WriteSummary(TextWriter writer, long connections, List<IdentityDifference> differences, bool withVerdict, AuditSettings settings)
        {
            long names = 0, verdicts = 0;
            foreach (IdentityDifference d in differences)
            {
                names += d.NamesDiffer ? 1 : 0;
                verdicts += d.VerdictsDiffer ? 1 : 0;
            }

            string verdictPart = withVerdict ? $", {verdicts} with a different verdict" : string.Empty;
            writer.WriteLine($"audit: {settings.Preset} against {settings.Against}; TLS connections: {connections} compared, {differences.Count} differ, {names} named differently{verdictPart}");
            IReadOnlyList<IdentityAuditServerCount> byServer = IdentityAuditSummary.CountByServer(differences);
            if (byServer.Count == 0)
            {
                return;
            }

            writer.WriteLine("by server:");
            var table = new TextTable(64, "  SERVER", "IDENTITY (" + settings.Preset + ")", "IDENTITY (" + settings.Against + ")", "CONNECTIONS", "NAMES DIFFER", withVerdict ? "VERDICTS DIFFER" : string.Empty);
            foreach (IdentityAuditServerCount count in byServer)
            {
                table.Add(
                    "  " + count.Server.ToString(),
                    count.Name ?? "(none)",
                    count.AgainstName ?? "(none)",
                    Number(count.Connections),
                    Number(count.NameDifferences),
                    withVerdict ? Number(count.VerdictDifferences) : string.Empty);
            }

            table.WriteTo(writer);
        }

        private static string Number(long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

        /// <summary>A bad setting from a caller that did not go through the parser (which reports its own): exit 2.</summary>
        private static int Usage(TextWriter stderr, string problem)
        {
            stderr.WriteLine("tsid: " + problem);
            stderr.WriteLine("run 'tsid audit --help' for usage");
            return Commands.UsageExitCode;
        }
    }
}
