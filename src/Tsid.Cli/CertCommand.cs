using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Text;
using Tsid.Cli.Output;
using Tsid.Identity;
using Tsid.Inspection;
using Tsid.X509;

namespace Tsid.Cli
{
    /// <summary><c>tsid cert FILE…</c>: the parsed fields of each certificate and what every preset resolves without SNI.</summary>
    internal static class CertCommand
    {
        /// <summary>The <c>cert</c> command: its arguments, options and action.</summary>
        public static Command Create(ToolContext tool)
        {
            Argument<string[]> files = CommonOptions.Files("PEM (any number of CERTIFICATE blocks) or DER certificate files");
            Option<OutputFormat> format = CommonOptions.Format("aligned text, or one JSON object per certificate");
            var command = new Command("cert", "Certificate fields, and what each preset names the server without SNI.")
            {
                files, format,
            };
            command.SetAction(result => Run(result.GetValue(files)!, result.GetValue(format), tool.Output, tool.Error));
            return command;
        }

        private static int Run(string[] files, OutputFormat format, StandardOutput output, TextWriter stderr)
        {
            int exit = 0;
            TextWriter stdout = output.Writer;
            using var json = format == OutputFormat.Json ? new JsonLinesWriter(output.Stream) : null;
            foreach (string file in files)
            {
                // Lines on stdout before this file's stderr lines, in the order a terminal shows them.
                output.Flush();
                if (!InputFile.TryReadAll(file, InputFile.MaxCertificateFileLength, out byte[]? content, out string? problem))
                {
                    stderr.WriteLine($"tsid: {file}: {problem}");
                    exit = 1;
                    continue;
                }

                List<byte[]> certificates = ReadCertificates(content, out problem);
                if (problem is not null)
                {
                    stderr.WriteLine($"tsid: {file}: {problem}");
                    exit = 1;
                }

                for (int i = 0; i < certificates.Count; i++)
                {
                    CertificateRecord record = CertificateRecord.FromDer(certificates[i]);
                    if (!record.IsParsed)
                    {
                        stderr.WriteLine($"tsid: {file}: certificate {i}: not a valid X.509 certificate ({record.ParseError})");
                        exit = 1;
                    }

                    List<(string, ServerIdentityRecord)> identities = ResolveAll(certificates[i]);
                    if (json is not null)
                    {
                        json.WriteCertificate(file, i, certificates[i], identities);
                    }
                    else
                    {
                        WriteTable(stdout, file, i, record, identities);
                    }
                }
            }

            return exit;
        }

        /// <summary>What each preset names the server when the ClientHello had no SNI and this is the leaf.</summary>
        internal static List<(string, ServerIdentityRecord)> ResolveAll(byte[] der)
        {
            var result = new List<(string, ServerIdentityRecord)>();
            if (!Certificate.TryParse(der, out Certificate certificate, out _))
            {
                return result;
            }

            foreach ((string name, ServerIdentityResolver resolver) in Presets.All())
            {
                var evidence = new ServerIdentityEvidence { LeafCertificate = certificate, CertificateChainLength = 1 };
                result.Add((name, resolver.ResolveToRecord(evidence)));
            }

            return result;
        }

        /// <summary>PEM text (any number of CERTIFICATE blocks) or DER (one or several certificates back to back).</summary>
        internal static List<byte[]> ReadCertificates(byte[] content, out string? problem)
        {
            problem = null;
            var result = new List<byte[]>();
            string text = Encoding.Latin1.GetString(content);
            if (text.Contains("-----BEGIN", StringComparison.Ordinal))
            {
                PemCertificateEnumerator blocks = Pem.EnumerateCertificates(text.AsSpan());
                while (blocks.MoveNext())
                {
                    result.Add(blocks.Current.ToArray());
                }

                if (blocks.Error.Code != X509ErrorCode.None)
                {
                    problem = $"bad PEM ({blocks.Error})";
                }
                else if (result.Count == 0)
                {
                    problem = "no CERTIFICATE block in this PEM text";
                }

                return result;
            }

            var reader = new DerReader(content);
            while (reader.HasData)
            {
                if (!reader.TryReadElement(out DerElement element, out X509Error error))
                {
                    problem = result.Count == 0 ? $"not a certificate (neither PEM nor DER: {error})" : $"trailing bytes after certificate {result.Count - 1} ({error})";
                    break;
                }

                result.Add(element.Encoded.ToArray());
            }

            return result;
        }

        private static void WriteTable(TextWriter stdout, string file, int index, CertificateRecord record, List<(string Preset, ServerIdentityRecord Identity)> identities)
        {
            stdout.WriteLine($"{file} [{index}]  sha256 {record.Sha256}");
            if (!record.IsParsed)
            {
                stdout.WriteLine($"  invalid: {record.ParseError}");
                stdout.WriteLine();
                return;
            }

            stdout.WriteLine($"  subject     {record.Subject}");
            stdout.WriteLine($"  issuer      {record.Issuer}");
            stdout.WriteLine($"  serial      {record.SerialNumber}");
            stdout.WriteLine($"  valid       {Time(record.NotBefore)} .. {Time(record.NotAfter)}");
            stdout.WriteLine($"  subject CN  {Join(record.SubjectCommonNames)}");
            stdout.WriteLine($"  subject OU  {Join(record.SubjectOrganizationalUnits)}");
            stdout.WriteLine($"  SAN DNS     {Join(record.SubjectAltNameDnsNames)}");
            if (record.SubjectAltNameIPAddresses.Count > 0)
            {
                stdout.WriteLine($"  SAN IP      {Join(record.SubjectAltNameIPAddresses)}");
            }

            stdout.WriteLine("  without SNI, each preset names this server:");
            var table = new TextTable("    PRESET", "NAME", "SOURCE", "DIAGNOSTICS");
            foreach ((string preset, ServerIdentityRecord identity) in identities)
            {
                table.Add("    " + preset, identity.Name ?? "(none)", Spelling<IdentitySource>.Snake(identity.Source), Naming.Diagnostics(identity.Diagnostics));
            }

            table.WriteTo(stdout);
            stdout.WriteLine();
        }

        private static string Time(DateTimeOffset? time) => time is { } t ? InspectionFormat.FormatTime(t) : "?";

        private static string Join(IReadOnlyList<string> values) => values.Count == 0 ? "-" : string.Join(", ", values);
    }
}
