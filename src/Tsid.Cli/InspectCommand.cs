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
using Tsid.X509;

namespace Tsid.Cli
{
    /// <summary><c>tsid inspect FILE…</c>: one record per TLS connection found in pcap/pcapng captures.</summary>
    internal static class InspectCommand
    {
        /// <summary>Files larger than this get a progress bar on a terminal.</summary>
        private const long ProgressThreshold = 4L * 1024 * 1024;

        /// <summary>The <c>inspect</c> command: its arguments, options, checks and action.</summary>
        public static Command Create(ToolContext tool)
        {
            Argument<string[]> files = CommonOptions.Files("pcap or pcapng captures (gzip-compressed too)");
            Option<ServerIdentityResolver?> preset = CommonOptions.Preset();
            Option<string?> policy = CommonOptions.Policy();
            Option<MatchMode?> matchMode = CommonOptions.Choice<MatchMode?>(
                "--match-mode",
                "override the policy file's match statement (needs --policy)",
                new (string, MatchMode?)[] { ("resolved", MatchMode.ResolvedIdentity), ("any-name", MatchMode.AnyPresentedName) });
            Option<Switch> dnsHints = CommonOptions.Choice(
                "--dns-hints",
                "DNS answers in the capture as resolver hints (default on)",
                new[] { ("on", Switch.On), ("off", Switch.Off) });
            Option<OutputFormat> format = CommonOptions.Format("aligned table, or JSON Lines (one record per connection)");
            Option<bool> explain = CommonOptions.Flag("--explain", "add every identity candidate and policy step considered");
            Option<bool> fingerprints = CommonOptions.Flag("--fingerprints", "add a JA4 column to the table (JSON always has the fingerprints)");

            var command = new Command("inspect", "One record per TLS connection in pcap/pcapng captures (TLS, QUIC, DTLS, tunnels).")
            {
                files, preset, policy, matchMode, dnsHints, format, explain, fingerprints,
            };
            command.Validators.Add(result =>
            {
                if (result.GetResult(matchMode) is not null && result.GetResult(policy) is null)
                {
                    result.AddError("--match-mode needs --policy");
                }
            });
            command.SetAction(result => Run(
                result.GetValue(files)!,
                result.GetValue(preset) ?? ServerIdentityPresets.Firepower,
                result.GetValue(policy),
                result.GetValue(matchMode),
                result.GetValue(dnsHints) != Switch.Off,
                result.GetValue(format),
                result.GetValue(explain),
                result.GetValue(fingerprints),
                tool));
            return command;
        }

        private static int Run(string[] files, ServerIdentityResolver preset, string? policyPath, MatchMode? matchMode, bool dnsHints, OutputFormat format, bool explain, bool fingerprints, ToolContext tool)
        {
            AccessPolicy? policy = null;
            if (policyPath is not null && !PolicyFile.TryLoad(policyPath, matchMode, out policy, out string? policyError))
            {
                tool.Error.WriteLine($"tsid: {policyPath}: {policyError}");
                return 1;
            }

            var options = new InspectionOptions
            {
                Resolver = preset,
                Policy = policy,
                UseDnsHints = dnsHints,
                Explain = explain,
                // Reading and parsing on this thread, identity, policy and formatting on a second one.
                UseWorkerThread = Environment.ProcessorCount > 1,
            };
            return Inspect(files, options, preset.Name, format == OutputFormat.Json, tool.Output, tool.Error, fingerprints);
        }

        internal static int Inspect(IReadOnlyList<string> files, InspectionOptions options, string preset, bool json, StandardOutput stdout, TextWriter stderr, bool fingerprints = false)
        {
            var totals = new Totals();
            bool withVerdict = options.Policy is not null;
            // --fingerprints: a JA4 column before the last one; the default table stays as it was.
            var table = fingerprints
                ? new TextTable("CLIENT", "SERVER", "PROTOCOL", "TUNNEL", "VERSION", "SNI", "IDENTITY", "SOURCE", "CERT", "JA4", withVerdict ? "VERDICT" : "NOTES")
                : new TextTable("CLIENT", "SERVER", "PROTOCOL", "TUNNEL", "VERSION", "SNI", "IDENTITY", "SOURCE", "CERT", withVerdict ? "VERDICT" : "NOTES");
            using JsonLinesWriter? writer = json ? new JsonLinesWriter(stdout.Stream) : null;
            JsonEncodedText presetText = JsonLinesWriter.Encode(preset);
            var inspector = new ConnectionInspector(options);

            int exit = 0;
            foreach (string file in files)
            {
                if (!InputFile.TryOpen(file, out Stream? stream, out string? problem))
                {
                    stderr.WriteLine($"tsid: {file}: {problem}");
                    exit = 1;
                    continue;
                }

                JsonEncodedText fileText = JsonLinesWriter.Encode(file);
                ConnectionHandler handler = writer is not null
                    ? (in InspectedConnection c) => writer.WriteConnection(fileText, presetText, in c)
                    : (in InspectedConnection c) => AddRow(table, in c, withVerdict, preset, fingerprints);
                InspectionSummary summary;
                var counted = new CountingStream(stream);
                try
                {
                    using (stream)
                    {
                        summary = inspector.Inspect(WithProgress(counted, stream, file, stderr), handler);
                    }
                }
                catch (Exception e) when (InputFile.IsReadFailure(e))
                {
                    // The file failed while read (an I/O error, a file system gone): the connections that ended before
                    // were reported; the next file is read.
                    stderr.WriteLine($"tsid: {file}: read error after {counted.BytesRead} bytes: {InputFile.Reason(e)}");
                    exit = 1;
                    continue;
                }

                totals.Add(summary);
                if (summary.Capture.Error != CaptureError.None)
                {
                    stderr.WriteLine($"tsid: {file}: {Describe(summary.Capture)}");
                    exit = 1;
                }
            }

            if (writer is null)
            {
                table.WriteTo(stdout.Writer);
                stdout.Writer.WriteLine();
                totals.WriteTo(stdout.Writer);
            }
            else
            {
                // stdout stays pure JSON Lines; the closing summary goes to stderr.
                totals.WriteTo(stderr);
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

        private static void AddRow(TextTable table, in InspectedConnection connection, bool withVerdict, string preset, bool fingerprints)
        {
            string? leaf = null;
            if (connection.HasCertificates && connection.Certificates.Count > 0)
            {
                leaf = connection.HasLeafCertificate ? LeafCell(connection.LeafCertificate) : null;
            }
            else if (connection.CertificateVisibility == Tls.TlsCertificateVisibility.EncryptedTls13)
            {
                leaf = "(encrypted, TLS 1.3)";
            }

            ServerIdentity identity = connection.Identity;
            string? last;
            if (withVerdict)
            {
                PolicyDecision decision = connection.Decision;
                last = Spelling<PolicyAction>.Snake(decision.Action) + " (" + Spelling<PolicyStage>.Snake(decision.Stage) + (decision.RuleName is null ? "" : ": " + decision.RuleName) + ")";
            }
            else
            {
                var notes = new List<string>();
                if (identity.Diagnostics != IdentityDiagnostics.None)
                {
                    notes.Add(Naming.Diagnostics(identity.Diagnostics));
                }

                Span<ConnectionError> errors = stackalloc ConnectionError[InspectedConnection.MaxErrors];
                int count = connection.GetErrors(errors);
                for (int i = 0; i < count; i++)
                {
                    notes.Add((errors[i].Direction == FlowDirection.ClientToServer ? "client:" : "server:") + (errors[i].IsGap ? "gap" : errors[i].Code.ToString()));
                }

                if (connection.DtlsError is { IsError: true } dtls)
                {
                    notes.Add((dtls.Direction == Tls.TlsDirection.ClientToServer ? "client:dtls:" : "server:dtls:") + dtls.Code.ToString());
                }

                if (connection.QuicError is { IsError: true } quic)
                {
                    notes.Add((quic.Direction == Tls.TlsDirection.ClientToServer ? "client:quic:" : "server:quic:") + quic.Code.ToString());
                }

                last = string.Join(",", notes);
            }

            ReadOnlySpan<byte> sni = connection.ServerName;
            string?[] cells =
            {
                connection.Client.ToString(),
                connection.Server.ToString(),
                connection.QuicVersion.IsNone ? Naming.Protocol(connection.Protocol) : Naming.Protocol(connection.Protocol) + " " + Naming.QuicVersion(connection.QuicVersion.Value),
                TunnelCell(connection.Tunnel),
                Naming.Version(connection.Version),
                sni.IsEmpty ? null : Naming.Ascii(sni),
                identity.IsResolved ? identity.GetName() : "(none)",
                Spelling<IdentitySource>.Snake(identity.Source),
                leaf,
                last,
            };
            if (fingerprints)
            {
                Tls.ClientHello hello = connection.ClientHello;
                string? ja4 = connection.HasClientHello ? Fingerprints.Ja4.GetString(in hello, connection.Handshake.Protocol) : null;
                cells = new[] { cells[0], cells[1], cells[2], cells[3], cells[4], cells[5], cells[6], cells[7], cells[8], ja4, cells[9] };
            }

            table.Add(cells);

            // --explain: the same lines as the JSON explanation arrays, under the row.
            if (identity.Explanation is { } candidates)
            {
                foreach (IdentityCandidate candidate in candidates.Candidates)
                {
                    table.AddDetail("identity (" + preset + "): " + candidate);
                }
            }

            if (connection.DecisionExplanation is { } steps)
            {
                foreach (PolicyTraceStep step in steps.Steps)
                {
                    table.AddDetail("policy: " + step);
                }
            }
        }

        /// <summary>The tunnel in one cell: <c>http_connect tools.cisco.com:443</c>, <c>proxy_v2 198.51.100.7:50123</c> (the original client), or empty.</summary>
        private static string? TunnelCell(TunnelInfo? tunnel)
        {
            if (tunnel is null)
            {
                return null;
            }

            string? where = tunnel.Kind is TunnelKind.ProxyV1 or TunnelKind.ProxyV2
                ? (tunnel.HasSource ? "from " + tunnel.Source.ToString() : null)
                : tunnel.GetTarget();
            return Naming.Tunnel(tunnel.Kind) + (where is null ? string.Empty : " " + where);
        }

        /// <summary>The leaf in one cell: its first CN, else its first SAN dNSName, else its subject.</summary>
        private static string LeafCell(in Certificate leaf)
        {
            foreach (AttributeTypeAndValue cn in leaf.Subject.EnumerateAttributes(AttributeType.CommonName))
            {
                return "CN=" + cn.Value.GetString();
            }

            if (leaf.TryGetSubjectAltName(out SubjectAltName san))
            {
                foreach (GeneralName name in san)
                {
                    if (name.Type == GeneralNameType.DnsName)
                    {
                        return "SAN=" + name.GetString();
                    }
                }
            }

            return leaf.Subject.ToRfc4514String();
        }

        private static Stream WithProgress(Stream counted, Stream file, string name, TextWriter stderr)
        {
            if (Console.IsErrorRedirected)
            {
                return counted;
            }

            // A pipe, standard input or a process substitution has no length: a byte counter instead of a percentage.
            long length = file.CanSeek ? file.Length : -1;
            if (length >= 0 && length < ProgressThreshold)
            {
                return counted;
            }

            return new ProgressStream(counted, length, name, stderr);
        }

        /// <summary>Counts the bytes read, so a read error can say where it happened.</summary>
        private sealed class CountingStream : NonClosingStream
        {
            public CountingStream(Stream inner)
                : base(inner)
            {
            }

            public long BytesRead { get; private set; }

            public override int Read(byte[] buffer, int offset, int count)
            {
                int read = Inner.Read(buffer, offset, count);
                BytesRead += read;
                return read;
            }

            public override int Read(Span<byte> buffer)
            {
                int read = Inner.Read(buffer);
                BytesRead += read;
                return read;
            }
        }

        /// <summary>The closing counts over every file of the run.</summary>
        private sealed class Totals
        {
            private readonly SortedDictionary<string, long> _sources = new(StringComparer.Ordinal);
            private readonly SortedDictionary<string, long> _verdicts = new(StringComparer.Ordinal);
            private long _tcp;
            private long _udp;
            private long _tls;
            private long _withSni;
            private long _withCertificate;
            private long _withErrors;
            private long _dnsAnswers;
            private long _tunnels;
            private long _nonTlsTunnels;
            private long _refusedTunnels;

            public void Add(InspectionSummary summary)
            {
                _tcp += summary.Capture.Statistics.Flows;
                _udp += summary.Capture.Statistics.UdpFlows;
                _dnsAnswers += summary.Capture.Statistics.DnsAnswers;
                _tunnels += summary.Capture.Statistics.Tunnels;
                _nonTlsTunnels += summary.Capture.Statistics.TunnelsToNonTlsServices;
                _refusedTunnels += summary.Capture.Statistics.RefusedTunnels;
                _tls += summary.Connections;
                _withSni += summary.WithServerName;
                _withCertificate += summary.WithVisibleCertificate;
                _withErrors += summary.WithErrors;
                foreach (KeyValuePair<IdentitySource, long> pair in summary.IdentitiesBySource)
                {
                    string source = Spelling<IdentitySource>.Snake(pair.Key);
                    _sources[source] = _sources.GetValueOrDefault(source) + pair.Value;
                }

                foreach (KeyValuePair<PolicyAction, long> pair in summary.DecisionsByAction)
                {
                    string action = Spelling<PolicyAction>.Snake(pair.Key);
                    _verdicts[action] = _verdicts.GetValueOrDefault(action) + pair.Value;
                }
            }

            public void WriteTo(TextWriter writer)
            {
                // UDP flows are only the QUIC and DTLS ones (other UDP is not tracked), so each is a connection reported.
                string udp = _udp == 0 ? string.Empty : $"{_udp} UDP (QUIC and DTLS), ";
                writer.WriteLine($"connections: {_tcp} TCP, {udp}{_tls} TLS, {_withSni} with SNI, {_withCertificate} with a visible certificate, {_withErrors} with errors; DNS answers: {_dnsAnswers}");
                if (_tunnels > 0)
                {
                    writer.WriteLine($"tunnels: {_tunnels} (CONNECT, SOCKS, PROXY protocol), {_nonTlsTunnels} to non-TLS services, {_refusedTunnels} refused");
                }

                writer.WriteLine("identities by source: " + Join(_sources));
                if (_verdicts.Count > 0)
                {
                    writer.WriteLine("verdicts: " + Join(_verdicts));
                }
            }

            private static string Join(SortedDictionary<string, long> counts)
            {
                var parts = new List<string>();
                foreach (KeyValuePair<string, long> pair in counts)
                {
                    parts.Add(pair.Key + " " + pair.Value);
                }

                return parts.Count == 0 ? "-" : string.Join(", ", parts);
            }
        }
    }
}
