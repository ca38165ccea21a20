using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using Tsid.Capture;
using Tsid.Cli.Demo;
using Tsid.Cli.Output;
using Tsid.Identity;
using Tsid.Inspection;
using Tsid.Policy;

namespace Tsid.Cli
{
    /// <summary>
    /// <c>tsid demo</c>: the Smart Licensing case end to end, from a capture made on the spot (see <see cref="DemoCapture"/>):
    /// what Firepower's rule names the server and decides, and how the hint-aware preset and the any-name match mode avoid it.
    /// </summary>
    internal static class DemoCommand
    {
        public const string AllowRuleName = "ALLOW_FMC_ASA_SNT_CISCO";

        /// <summary>The <c>demo</c> command: its option and action.</summary>
        public static Command Create(ToolContext tool)
        {
            var write = new Option<string?>("--write") { Description = "also write the demo capture to FILE (pcap)", HelpName = "FILE" };
            var command = new Command("demo", "The Cisco Smart Licensing case, from a capture made on the spot.") { write };
            command.SetAction(result => Run(result.GetValue(write), tool.Output.Writer, tool.Error));
            return command;
        }

        public static int Run(string? writePath, TextWriter stdout, TextWriter stderr)
        {
            byte[] capture = DemoCapture.Create();
            if (writePath is { } path)
            {
                try
                {
                    File.WriteAllBytes(path, capture);
                }
                catch (Exception e) when (InputFile.IsReadFailure(e))
                {
                    stderr.WriteLine($"tsid: {path}: cannot write: {InputFile.Reason(e)}");
                    return 1;
                }

                stderr.WriteLine($"tsid: wrote the demo capture to {path} ({capture.Length} bytes); try: tsid inspect {path}");
            }

            var rows = new List<(string Setup, ConnectionRecord Record)>
            {
                ("firepower, resolved name", Inspect(capture, "firepower", MatchMode.ResolvedIdentity)),
                ("hint-aware, resolved name", Inspect(capture, "hint-aware", MatchMode.ResolvedIdentity)),
                ("firepower, any presented name", Inspect(capture, "firepower", MatchMode.AnyPresentedName)),
            };

            ConnectionRecord first = rows[0].Record;
            CertificateRecord? leaf = first.Certificates.Count > 0 ? first.Certificates[0] : null;
            stdout.WriteLine("The Cisco Smart Licensing case, from a TLS handshake recorded just now (SslStream, in memory) and written as pcap:");
            stdout.WriteLine($"  {first.Client} -> {first.Server}  {Naming.Version(first.Version) ?? "?"}, SNI: {first.ServerName ?? "none"}; a DNS answer before it said {DemoCapture.LicensingHost} is {DemoCapture.Server.Address}");
            if (leaf is not null)
            {
                stdout.WriteLine($"  server certificate: {leaf.Subject}");
                stdout.WriteLine($"  CN: {(leaf.SubjectCommonNames.Count == 0 ? "none" : string.Join(", ", leaf.SubjectCommonNames))}; SAN dNSNames in order: {string.Join(", ", leaf.SubjectAltNameDnsNames)}");
            }

            stdout.WriteLine($"  policy: rule {AllowRuleName} allows 10.12.1.0/24 to {DemoCapture.LicensingHost}; everything else is blocked");
            stdout.WriteLine();

            var table = new TextTable(80, "SETUP", "NAME", "SOURCE", "VERDICT", "DIAGNOSTICS");
            foreach ((string setup, ConnectionRecord record) in rows)
            {
                string decided = record.Decision is not { } decision ? "-"
                    : Spelling<PolicyAction>.Snake(decision.Action) + " (" + (decision.RuleName ?? Spelling<PolicyStage>.Snake(decision.Stage)) + (record.MatchedName is null ? "" : ", matched " + record.MatchedName) + ")";
                ServerIdentityRecord identity = record.Identity;
                table.Add(setup, identity.Name ?? "(none)", Spelling<IdentitySource>.Snake(identity.Source), decided, Naming.Diagnostics(identity.Diagnostics));
            }

            table.WriteTo(stdout);
            stdout.WriteLine();
            stdout.WriteLine("Without SNI, Firepower takes the subject CN, then the FIRST SAN, then the OU. This certificate has no CN, so the");
            stdout.WriteLine("first SAN, the typo toos.cisco.com, names the connection and the allow rule for tools.cisco.com never matches.");
            stdout.WriteLine("hint-aware prefers the certificate name that covers what DNS said the client looked up (tools.cisco.com);");
            stdout.WriteLine("the any-name match mode lets the allow rule see every name the server presented.");
            return 0;
        }

        internal static AccessPolicy Policy(MatchMode mode) => new PolicyBuilder()
            .Rule(AllowRuleName, r => r.FromNetwork("10.12.1.0/24").ToHost(DemoCapture.LicensingHost, Dialect.CiscoSecurityIntelligence).Allow())
            .Default(PolicyAction.Block)
            .Match(mode)
            .Build();

        private static ConnectionRecord Inspect(byte[] capture, string preset, MatchMode mode)
        {
            var records = new List<ConnectionRecord>();
            var inspector = new ConnectionInspector(new InspectionOptions { Resolver = Presets.Get(preset), Policy = Policy(mode) });
            InspectionSummary summary = inspector.Inspect(new MemoryStream(capture), (in InspectedConnection c) => records.Add(c.ToRecord()));
            if (summary.Capture.Error != CaptureError.None || records.Count != 1)
            {
                throw new InvalidOperationException($"the demo capture did not read back as one TLS connection ({summary.Capture.Error}, {records.Count} connections)");
            }

            return records[0];
        }
    }
}
