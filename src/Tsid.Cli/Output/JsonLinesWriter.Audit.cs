using System;
using System.Text.Json;
using Tsid.Identity;
using Tsid.Inspection;
using Tsid.Policy;

namespace Tsid.Cli.Output
{
    /// <summary>The <c>tsid audit</c> line: one object per connection the two presets disagree about (docs/cli.md).</summary>
    internal sealed partial class JsonLinesWriter
    {
        private static readonly JsonEncodedText Differs = Name("differs");
        private static readonly JsonEncodedText DiffersName = Name("name");
        private static readonly JsonEncodedText DiffersVerdict = Name("verdict");
        private static readonly JsonEncodedText Against = Name("against");
        private static readonly JsonEncodedText AgainstVerdict = Name("against_verdict");

        /// <summary>
        /// One differing connection of <paramref name="file"/>: where it went, the SNI and DNS hints, <c>identity</c> (the
        /// audited preset) and <c>against</c> in the <c>identity</c> shape of <c>tsid inspect</c>, and both verdicts
        /// (<c>null</c> without a policy; no <c>matched_name</c>, which only the inspection's view can give).
        /// </summary>
        public void WriteDifference(JsonEncodedText file, JsonEncodedText preset, JsonEncodedText against, IdentityDifference difference)
        {
            Utf8JsonWriter json = _json;
            json.WriteStartObject();
            json.WriteString(File, file);
            json.WriteNumber(Flow, difference.FlowId);
            InspectionFormat.TryFormatTimestamp(difference.FirstPacketNanoseconds, _scratch, out int tsLength);
            json.WriteString(Ts, _scratch.AsSpan(0, tsLength));
            WriteEndpoint(ClientField, difference.Client);
            WriteEndpoint(ServerField, difference.Server);
            json.WriteString(TransportField, difference.Transport == ConnectionTransport.Udp ? Udp : Tcp);
            json.WriteString(ProtocolField, Naming.Protocol(difference.Protocol));
            WriteNullable(Sni, difference.ServerName);
            json.WriteStartArray(DnsHints);
            foreach (string hint in difference.DnsHints)
            {
                json.WriteStringValue(hint);
            }

            json.WriteEndArray();
            json.WriteString(CertificateVisibility, Spelling<Tls.TlsCertificateVisibility>.SnakeJson(difference.CertificateVisibility));
            json.WriteStartArray(Differs);
            if (difference.NamesDiffer)
            {
                json.WriteStringValue(DiffersName);
            }

            if (difference.VerdictsDiffer)
            {
                json.WriteStringValue(DiffersVerdict);
            }

            json.WriteEndArray();
            json.WritePropertyName(Identity);
            WriteIdentityRecord(difference.Identity, preset);
            json.WritePropertyName(Against);
            WriteIdentityRecord(difference.AgainstIdentity, against);
            WriteDecision(Verdict, difference.Decision, difference.DecisionExplanation);
            WriteDecision(AgainstVerdict, difference.AgainstDecision, difference.AgainstDecisionExplanation);
            json.WriteEndObject();
            EndLine();
        }

        private void WriteIdentityRecord(ServerIdentityRecord identity, JsonEncodedText preset) =>
            WriteIdentity(identity.Name is not null, identity.Name.AsSpan(), identity.Source, identity.RuleName, preset, identity.CertificateCoversSni, identity.Diagnostics, identity.Explanation);

        private void WriteDecision(JsonEncodedText name, PolicyDecision? decision, PolicyExplanation? explanation)
        {
            Utf8JsonWriter json = _json;
            if (decision is not PolicyDecision d)
            {
                json.WriteNull(name);
                return;
            }

            json.WriteStartObject(name);
            json.WriteString(Action, Spelling<PolicyAction>.SnakeJson(d.Action));
            json.WriteString(Stage, Spelling<PolicyStage>.SnakeJson(d.Stage));
            WriteNullable(Rule, d.RuleName);
            json.WriteNumber(RuleIndex, d.RuleIndex);
            WriteNullable(Tag, d.Tag);
            WritePolicyExplanation(explanation);

            json.WriteEndObject();
        }
    }
}
