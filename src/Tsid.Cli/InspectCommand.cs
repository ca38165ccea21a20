using System;
using System.Collections.Generic;
using System.IO;
using Tsid.Capture;
using Tsid.Cli.Inspection;
using Tsid.Cli.Output;
using Tsid.Cli.Reports;
using Tsid.Policy;

namespace Tsid.Cli
{
    /// <summary><c>tsid inspect FILE…</c>: one record per TLS connection found in pcap/pcapng captures.</summary>
    internal static class InspectCommand
    {
        /// <summary>Files larger than this get a progress bar on a terminal.</summary>
        private const long ProgressThreshold = 4L * 1024 * 1024;

        public static int Run(CommandLine line, TextWriter stdout, TextWriter stderr)
        {
            if (!line.TryGetChoice("--format", new[] { "table", "json" }, out string format, out string? error)
                || !line.TryGetChoice("--preset", Presets.Names, out string preset, out error)
                || !line.TryGetChoice("--match-mode", new[] { "resolved", "any-name" }, out string matchMode, out error)
                || !line.TryGetChoice("--dns-hints", new[] { "on", "off" }, out string dnsHints, out error))
            {
                return Program.Usage(stderr, error!);
            }

            if (line.Files.Count == 0)
            {
                return Program.Usage(stderr, "inspect needs at least one capture file");
            }

            AccessPolicy? policy = null;
            if (line.Get("--policy") is { } policyPath)
            {
                MatchMode? mode = !line.Has("--match-mode") ? null
                    : matchMode == "any-name" ? MatchMode.AnyPresentedName : MatchMode.ResolvedIdentity;
                if (!PolicyFile.TryLoad(policyPath, mode, out policy, out string? policyError))
                {
                    stderr.WriteLine($"tsid: {policyPath}: {policyError}");
                    return 1;
                }
            }
            else if (line.Has("--match-mode"))
            {
                return Program.Usage(stderr, "--match-mode needs --policy");
            }

            var settings = new InspectionSettings
            {
                Resolver = Presets.Get(preset),
                PresetName = preset,
                Policy = policy,
                UseDnsHints = dnsHints == "on",
                Explain = line.Has("--explain"),
            };
            return Inspect(line.Files, settings, format == "json", stdout, stderr);
        }

        internal static int Inspect(IReadOnlyList<string> files, InspectionSettings settings, bool json, TextWriter stdout, TextWriter stderr)
        {
            var summary = new InspectionSummary();
            var table = new TextTable("CLIENT", "SERVER", "VERSION", "SNI", "IDENTITY", "SOURCE", "CERT", settings.Policy is null ? "NOTES" : "VERDICT");
            using JsonReportWriter? jsonWriter = json ? new JsonReportWriter(new BufferedStream(Console.OpenStandardOutput(), 1 << 16)) : null;
            Action<ConnectionReport> sink = jsonWriter is not null ? jsonWriter.Write : report => AddRow(table, report, settings.Policy is not null);

            int exit = 0;
            foreach (string file in files)
            {
                if (!File.Exists(file))
                {
                    stderr.WriteLine($"tsid: {file}: no such file");
                    exit = 1;
                    continue;
                }

                var consumer = new InspectionConsumer(settings, summary, sink);
                CaptureInspectionResult result;
                using (FileStream stream = File.OpenRead(file))
                {
                    result = CaptureInspector.Inspect(WithProgress(stream, file, stderr), consumer);
                }

                if (result.Error != CaptureError.None)
                {
                    stderr.WriteLine($"tsid: {file}: {Describe(result)}");
                    exit = 1;
                }
            }

            if (jsonWriter is null)
            {
                table.WriteTo(stdout);
                stdout.WriteLine();
                WriteSummary(stdout, summary);
            }
            else
            {
                // stdout stays pure JSON Lines; the closing summary goes to stderr.
                WriteSummary(stderr, summary);
            }

            return exit;
        }

        internal static string Describe(CaptureInspectionResult result) => result.Error switch
        {
            CaptureError.NotACapture => "not a pcap or pcapng capture",
            CaptureError.UnsupportedLinkType => $"unsupported link type {result.UnsupportedLinkType}",
            CaptureError.TruncatedHeader or CaptureError.TruncatedRecord => $"truncated capture at byte {result.ErrorOffset} (connections read before it are reported)",
            _ => $"damaged capture: {result.Error} at byte {result.ErrorOffset} (connections read before it are reported)",
        };

        private static void AddRow(TextTable table, ConnectionReport report, bool withVerdict)
        {
            string? leaf = null;
            if (report.Certificates.Count > 0)
            {
                CertificateReport first = report.Certificates[0];
                leaf = first.SubjectCn.Count > 0 ? "CN=" + first.SubjectCn[0] : first.SanDns.Count > 0 ? "SAN=" + first.SanDns[0] : first.Subject;
            }
            else if (report.CertificateVisibility == "encrypted_tls13")
            {
                leaf = "(encrypted, TLS 1.3)";
            }

            string? last;
            if (withVerdict)
            {
                last = report.Verdict is { } v ? v.Action + " (" + v.Stage + (v.Rule is null ? "" : ": " + v.Rule) + ")" : null;
            }
            else
            {
                var notes = new List<string>(report.Identity?.Diagnostics ?? new List<string>());
                foreach (ErrorReport e in report.Errors)
                {
                    notes.Add(e.Direction + ":" + e.Error);
                }

                last = notes.Count == 0 ? "" : string.Join(",", notes);
            }

            table.Add(report.Client, report.Server, report.TlsVersion, report.Sni, report.Identity?.Name ?? "(none)", report.Identity?.Source, leaf, last);
        }

        internal static void WriteSummary(TextWriter writer, InspectionSummary summary)
        {
            writer.WriteLine($"connections: {summary.TcpConnections} TCP, {summary.TlsConnections} TLS, {summary.WithSni} with SNI, {summary.CertificatesVisible} with a visible certificate, {summary.WithErrors} with errors; DNS answers: {summary.DnsAnswers}");
            var parts = new List<string>();
            foreach (KeyValuePair<string, long> pair in summary.IdentitiesBySource)
            {
                parts.Add(pair.Key + " " + pair.Value);
            }

            writer.WriteLine("identities by source: " + (parts.Count == 0 ? "-" : string.Join(", ", parts)));
            if (summary.Verdicts.Count > 0)
            {
                parts.Clear();
                foreach (KeyValuePair<string, long> pair in summary.Verdicts)
                {
                    parts.Add(pair.Key + " " + pair.Value);
                }

                writer.WriteLine("verdicts: " + string.Join(", ", parts));
            }
        }

        private static Stream WithProgress(FileStream stream, string file, TextWriter stderr)
        {
            if (stream.Length < ProgressThreshold || Console.IsErrorRedirected)
            {
                return stream;
            }

            return new ProgressStream(stream, file, stderr);
        }
    }
}
