using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Encodings.Web;
using System.Text.Json;
using Tsid.Cli.Reports;

namespace Tsid.Cli.Output
{
    /// <summary>JSON Lines: one object per connection or certificate, field names as documented in docs/cli.md.</summary>
    internal sealed class JsonReportWriter : IDisposable
    {
        private static readonly JsonWriterOptions Options = new()
        {
            // Host names and DNs are printed as they are (no \u003C for '<'); the output is data, not HTML.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            SkipValidation = false,
        };

        private readonly Stream _output;
        private readonly Utf8JsonWriter _json;

        public JsonReportWriter(Stream output)
        {
            _output = output;
            _json = new Utf8JsonWriter(output, Options);
        }

        public void Write(ConnectionReport report)
        {
            _json.WriteStartObject();
            _json.WriteString("client", report.Client);
            _json.WriteString("server", report.Server);
            _json.WriteString("tls_start", report.TlsStart);
            WriteNullable("sni", report.Sni);
            WriteList("server_names", report.ServerNames);
            WriteList("alpn", report.Alpn);
            WriteNullable("alpn_selected", report.AlpnSelected);
            _json.WriteBoolean("ech", report.Ech);
            WriteNullable("tls_version", report.TlsVersion);
            _json.WriteBoolean("certificate_visible", report.CertificateVisible);
            _json.WriteString("certificate_visibility", report.CertificateVisibility);
            _json.WriteStartArray("certificates");
            foreach (CertificateReport certificate in report.Certificates)
            {
                _json.WriteStartObject();
                WriteCertificateFields(certificate);
                _json.WriteEndObject();
            }

            _json.WriteEndArray();
            WriteList("dns_hints", report.DnsHints);
            if (report.Identity is { } identity)
            {
                _json.WritePropertyName("identity");
                WriteIdentity(identity);
            }
            else
            {
                _json.WriteNull("identity");
            }

            if (report.Verdict is { } verdict)
            {
                _json.WriteStartObject("verdict");
                _json.WriteString("action", verdict.Action);
                _json.WriteString("stage", verdict.Stage);
                WriteNullable("rule", verdict.Rule);
                _json.WriteNumber("rule_index", verdict.RuleIndex);
                WriteNullable("matched_name", verdict.MatchedName);
                WriteNullable("matched_pattern", verdict.MatchedPattern);
                WriteNullable("tag", verdict.Tag);
                if (verdict.Explanation is not null)
                {
                    WriteList("explanation", verdict.Explanation);
                }

                _json.WriteEndObject();
            }
            else
            {
                _json.WriteNull("verdict");
            }

            _json.WriteStartArray("errors");
            foreach (ErrorReport error in report.Errors)
            {
                _json.WriteStartObject();
                _json.WriteString("direction", error.Direction);
                _json.WriteString("error", error.Error);
                _json.WriteNumber("offset", error.Offset);
                _json.WriteEndObject();
            }

            _json.WriteEndArray();
            _json.WriteEndObject();
            EndLine();
        }

        public void Write(string file, int index, CertificateReport certificate, IReadOnlyList<(string Preset, IdentityReport Identity)> identities)
        {
            _json.WriteStartObject();
            _json.WriteString("file", file);
            _json.WriteNumber("index", index);
            WriteCertificateFields(certificate);
            _json.WriteStartObject("identity_by_preset");
            foreach ((string preset, IdentityReport identity) in identities)
            {
                _json.WritePropertyName(preset);
                WriteIdentity(identity);
            }

            _json.WriteEndObject();
            _json.WriteEndObject();
            EndLine();
        }

        public void Dispose()
        {
            _json.Flush();
            _json.Dispose();
            _output.Flush();
        }

        private void WriteCertificateFields(CertificateReport certificate)
        {
            WriteNullable("subject", certificate.Subject);
            WriteNullable("issuer", certificate.Issuer);
            WriteList("subject_cn", certificate.SubjectCn);
            WriteList("subject_ou", certificate.SubjectOu);
            WriteList("san_dns", certificate.SanDns);
            WriteList("san_ip", certificate.SanIp);
            WriteNullable("serial", certificate.Serial);
            WriteNullable("not_before", certificate.NotBefore);
            WriteNullable("not_after", certificate.NotAfter);
            _json.WriteString("sha256", certificate.Sha256);
            _json.WriteNumber("der_length", certificate.DerLength);
            if (certificate.ParseError is not null)
            {
                _json.WriteString("parse_error", certificate.ParseError);
            }
        }

        private void WriteIdentity(IdentityReport identity)
        {
            _json.WriteStartObject();
            WriteNullable("name", identity.Name);
            _json.WriteString("source", identity.Source);
            WriteNullable("rule", identity.Rule);
            _json.WriteString("preset", identity.Preset);
            if (identity.SniCoveredByCertificate is bool covered)
            {
                _json.WriteBoolean("sni_covered_by_certificate", covered);
            }
            else
            {
                _json.WriteNull("sni_covered_by_certificate");
            }

            WriteList("diagnostics", identity.Diagnostics);
            if (identity.Explanation is not null)
            {
                WriteList("explanation", identity.Explanation);
            }

            _json.WriteEndObject();
        }

        private void WriteNullable(string name, string? value)
        {
            if (value is null)
            {
                _json.WriteNull(name);
            }
            else
            {
                _json.WriteString(name, value);
            }
        }

        private void WriteList(string name, List<string> values)
        {
            _json.WriteStartArray(name);
            foreach (string value in values)
            {
                _json.WriteStringValue(value);
            }

            _json.WriteEndArray();
        }

        private void EndLine()
        {
            _json.Flush();
            _json.Reset();
            _output.WriteByte((byte)'\n');
        }
    }
}
