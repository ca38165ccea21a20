using System;
using System.Buffers;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Tsid.Capture;
using Tsid.Fingerprints;
using Tsid.Identity;
using Tsid.Inspection;
using Tsid.Policy;
using Tsid.Tls;
using Tsid.X509;

namespace Tsid.Cli.Output
{
    /// <summary>
    /// JSON Lines: one object per connection or certificate, field names as documented in docs/cli.md. Written straight
    /// from the inspection's views with <see cref="Utf8JsonWriter"/> into a buffer that goes to the output in large writes:
    /// no report objects, and strings only where Tsid.X509 has no span form (RFC 4514 names) or for rare values.
    /// </summary>
    internal sealed partial class JsonLinesWriter : IDisposable
    {
        /// <summary>Buffered bytes that trigger a write to the output.</summary>
        private const int FlushThreshold = 1 << 16;

        /// <summary>Characters decoded at once into the scratch buffer; longer values take the allocating path.</summary>
        private const int ScratchLength = 1024;

        private static readonly JsonWriterOptions Options = new()
        {
            // Host names and DNs are printed as they are (no \u003C for '<'); the output is data, not HTML.
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            SkipValidation = false,
        };

        private static readonly JsonEncodedText File = Name("file");
        private static readonly JsonEncodedText Flow = Name("flow");
        private static readonly JsonEncodedText Ts = Name("ts");
        private static readonly JsonEncodedText ClientField = Name("client");
        private static readonly JsonEncodedText ServerField = Name("server");
        private static readonly JsonEncodedText TlsStart = Name("tls_start");
        private static readonly JsonEncodedText TransportField = Name("transport");
        private static readonly JsonEncodedText ProtocolField = Name("protocol");
        private static readonly JsonEncodedText QuicVersionField = Name("quic_version");
        private static readonly JsonEncodedText Tcp = Name("tcp");
        private static readonly JsonEncodedText Udp = Name("udp");
        private static readonly JsonEncodedText ProtocolTls = Name("tls");
        private static readonly JsonEncodedText ProtocolDtls = Name("dtls");
        private static readonly JsonEncodedText ProtocolQuic = Name("quic");
        private static readonly JsonEncodedText Sni = Name("sni");
        private static readonly JsonEncodedText ServerNames = Name("server_names");
        private static readonly JsonEncodedText Alpn = Name("alpn");
        private static readonly JsonEncodedText AlpnSelected = Name("alpn_selected");
        private static readonly JsonEncodedText Ech = Name("ech");
        private static readonly JsonEncodedText TlsVersion = Name("tls_version");
        private static readonly JsonEncodedText CertificateVisible = Name("certificate_visible");
        private static readonly JsonEncodedText CertificateVisibility = Name("certificate_visibility");
        private static readonly JsonEncodedText Certificates = Name("certificates");
        private static readonly JsonEncodedText DnsHints = Name("dns_hints");
        private static readonly JsonEncodedText Identity = Name("identity");
        private static readonly JsonEncodedText Verdict = Name("verdict");
        private static readonly JsonEncodedText Errors = Name("errors");
        private static readonly JsonEncodedText Subject = Name("subject");
        private static readonly JsonEncodedText Issuer = Name("issuer");
        private static readonly JsonEncodedText SubjectCn = Name("subject_cn");
        private static readonly JsonEncodedText SubjectOu = Name("subject_ou");
        private static readonly JsonEncodedText SanDns = Name("san_dns");
        private static readonly JsonEncodedText SanIp = Name("san_ip");
        private static readonly JsonEncodedText Serial = Name("serial");
        private static readonly JsonEncodedText NotBefore = Name("not_before");
        private static readonly JsonEncodedText NotAfter = Name("not_after");
        private static readonly JsonEncodedText Sha256 = Name("sha256");
        private static readonly JsonEncodedText DerLength = Name("der_length");
        private static readonly JsonEncodedText ParseError = Name("parse_error");
        private static readonly JsonEncodedText NameField = Name("name");
        private static readonly JsonEncodedText Source = Name("source");
        private static readonly JsonEncodedText Rule = Name("rule");
        private static readonly JsonEncodedText Preset = Name("preset");
        private static readonly JsonEncodedText SniCovered = Name("sni_covered_by_certificate");
        private static readonly JsonEncodedText Diagnostics = Name("diagnostics");
        private static readonly JsonEncodedText Explanation = Name("explanation");
        private static readonly JsonEncodedText Action = Name("action");
        private static readonly JsonEncodedText Stage = Name("stage");
        private static readonly JsonEncodedText RuleIndex = Name("rule_index");
        private static readonly JsonEncodedText MatchedName = Name("matched_name");
        private static readonly JsonEncodedText MatchedPattern = Name("matched_pattern");
        private static readonly JsonEncodedText Tag = Name("tag");
        private static readonly JsonEncodedText Direction = Name("direction");
        private static readonly JsonEncodedText Error = Name("error");
        private static readonly JsonEncodedText Offset = Name("offset");
        private static readonly JsonEncodedText Index = Name("index");
        private static readonly JsonEncodedText IdentityByPreset = Name("identity_by_preset");
        private static readonly JsonEncodedText ClientDirection = Name("client");
        private static readonly JsonEncodedText ServerDirection = Name("server");
        private static readonly JsonEncodedText Gap = Name("gap");
        private static readonly JsonEncodedText Layer = Name("layer");
        private static readonly JsonEncodedText Datagram = Name("datagram");
        private static readonly JsonEncodedText LayerDtls = Name("dtls");
        private static readonly JsonEncodedText LayerQuic = Name("quic");
        private static readonly JsonEncodedText Packet = Name("packet");
        private static readonly JsonEncodedText Direct = Name("direct");
        private static readonly JsonEncodedText TunnelField = Name("tunnel");
        private static readonly JsonEncodedText Kind = Name("kind");
        private static readonly JsonEncodedText Target = Name("target");
        private static readonly JsonEncodedText Ja3Field = Name("ja3");
        private static readonly JsonEncodedText Ja3StringField = Name("ja3_string");
        private static readonly JsonEncodedText Ja3SField = Name("ja3s");
        private static readonly JsonEncodedText Ja4Field = Name("ja4");
        private static readonly JsonEncodedText Ja4RawField = Name("ja4_r");
        private static readonly JsonEncodedText MatchedFingerprint = Name("matched_fingerprint");

        private readonly Stream _output;
        private readonly ArrayBufferWriter<byte> _buffer = new(FlushThreshold * 2);
        private readonly Utf8JsonWriter _json;
        private readonly char[] _scratch = new char[ScratchLength];
        private readonly Dictionary<TlsProtocolVersion, JsonEncodedText> _versions = new();
        private readonly CertificateJsonCache _certificates = new();

        public JsonLinesWriter(Stream output)
        {
            _output = output;
            _json = new Utf8JsonWriter(_buffer, Options);
        }

        /// <summary>Pre-encodes a value written on every line (the file name, the preset).</summary>
        public static JsonEncodedText Encode(string value) => JsonEncodedText.Encode(value, Options.Encoder);

        /// <summary>One connection of <paramref name="file"/> (the path as given on the command line).</summary>
        public void WriteConnection(JsonEncodedText file, JsonEncodedText preset, in InspectedConnection connection)
        {
            Utf8JsonWriter json = _json;
            json.WriteStartObject();
            json.WriteString(File, file);
            json.WriteNumber(Flow, connection.FlowId);
            InspectionFormat.TryFormatTimestamp(connection.FirstPacketNanoseconds, _scratch, out int tsLength);
            json.WriteString(Ts, _scratch.AsSpan(0, tsLength));
            WriteEndpoint(ClientField, connection.Client);
            WriteEndpoint(ServerField, connection.Server);
            json.WriteString(TlsStart, connection.TlsStart == TlsStartProtocol.Direct ? Direct : Spelling<TlsStartProtocol>.SnakeJson(connection.TlsStart));
            json.WriteString(TransportField, connection.Transport == ConnectionTransport.Udp ? Udp : Tcp);
            json.WriteString(ProtocolField, connection.Protocol switch
            {
                HandshakeProtocol.Dtls => ProtocolDtls,
                HandshakeProtocol.Quic => ProtocolQuic,
                _ => ProtocolTls,
            });
            if (Naming.QuicVersion(connection.QuicVersion.Value) is { } quicVersion)
            {
                json.WriteString(QuicVersionField, quicVersion);
            }
            else
            {
                json.WriteNull(QuicVersionField);
            }
            WriteTunnel(connection.Tunnel);

            ClientHello hello = connection.ClientHello;
            if (connection.HasClientHello && hello.TryGetServerName(out ReadOnlySpan<byte> sni))
            {
                WriteLatin1(Sni, sni);
            }
            else
            {
                json.WriteNull(Sni);
            }

            json.WriteStartArray(ServerNames);
            if (connection.HasClientHello && hello.TryGetServerNames(out ServerNameList names))
            {
                foreach (ServerName name in names)
                {
                    if (name.IsHostName)
                    {
                        WriteLatin1Value(name.Name);
                    }
                }
            }

            json.WriteEndArray();
            json.WriteStartArray(Alpn);
            if (connection.TryGetAlpnOffered(out ProtocolNameList offered))
            {
                foreach (ReadOnlySpan<byte> protocol in offered)
                {
                    WriteLatin1Value(protocol);
                }
            }

            json.WriteEndArray();
            ReadOnlySpan<byte> negotiated = connection.AlpnNegotiated;
            if (negotiated.IsEmpty)
            {
                json.WriteNull(AlpnSelected);
            }
            else
            {
                WriteLatin1(AlpnSelected, negotiated);
            }

            json.WriteBoolean(Ech, connection.HasClientHello && hello.TryGetEncryptedClientHello(out EncryptedClientHello ech) && ech.IsOuter);
            WriteFingerprints(in connection);
            WriteVersion(connection.Version);
            bool visible = connection.HasCertificates && connection.Certificates.Count > 0;
            json.WriteBoolean(CertificateVisible, visible);
            json.WriteString(CertificateVisibility, Spelling<TlsCertificateVisibility>.SnakeJson(connection.CertificateVisibility));
            json.WriteStartArray(Certificates);
            if (visible)
            {
                bool leaf = connection.HasLeafCertificate;
                foreach (ReadOnlySpan<byte> der in connection.Certificates)
                {
                    // The leaf was parsed once for the resolver: its object is written from that view, not parsed again.
                    json.WriteRawValue(leaf ? _certificates.GetOrRender(connection.LeafCertificate, this) : _certificates.GetOrRender(der, this), skipInputValidation: true);
                    leaf = false;
                }
            }

            json.WriteEndArray();
            json.WriteStartArray(DnsHints);
            foreach (string hint in connection.DnsHints)
            {
                json.WriteStringValue(hint);
            }

            json.WriteEndArray();
            json.WritePropertyName(Identity);
            ServerIdentity identity = connection.Identity;
            WriteIdentity(identity.IsResolved, identity.Name, identity.Source, identity.Rule?.Name, preset, identity.CertificateCoversSni, identity.Diagnostics, identity.Explanation);
            if (connection.HasDecision)
            {
                WriteVerdict(in connection);
            }
            else
            {
                json.WriteNull(Verdict);
            }

            json.WriteStartArray(Errors);
            Span<ConnectionError> errors = stackalloc ConnectionError[InspectedConnection.MaxErrors];
            int count = connection.GetErrors(errors);
            for (int i = 0; i < count; i++)
            {
                json.WriteStartObject();
                json.WriteString(Direction, errors[i].Direction == FlowDirection.ClientToServer ? ClientDirection : ServerDirection);
                json.WriteString(Error, errors[i].IsGap ? Gap : Spelling<TlsErrorCode>.NameJson(errors[i].Code));
                json.WriteNumber(Offset, errors[i].Offset);
                json.WriteEndObject();
            }

            // The datagram transport's error: its layer, and the offset inside the datagram it names.
            Dtls.DtlsError dtls = connection.DtlsError;
            if (dtls.IsError)
            {
                json.WriteStartObject();
                json.WriteString(Direction, dtls.Direction == TlsDirection.ClientToServer ? ClientDirection : ServerDirection);
                json.WriteString(Error, Spelling<Dtls.DtlsErrorCode>.NameJson(dtls.Code));
                json.WriteNumber(Offset, dtls.Offset);
                json.WriteString(Layer, LayerDtls);
                json.WriteNumber(Datagram, dtls.DatagramIndex);
                json.WriteEndObject();
            }

            Quic.QuicError quic = connection.QuicError;
            if (quic.IsError)
            {
                json.WriteStartObject();
                json.WriteString(Direction, quic.Direction == TlsDirection.ClientToServer ? ClientDirection : ServerDirection);
                json.WriteString(Error, Spelling<Quic.QuicErrorCode>.NameJson(quic.Code));
                json.WriteNumber(Offset, quic.Offset);
                json.WriteString(Layer, LayerQuic);
                json.WriteNumber(Datagram, quic.DatagramIndex);
                json.WriteNumber(Packet, quic.PacketIndex);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            EndLine();
        }

        /// <summary>
        /// <c>"tunnel": null</c>, or <c>{"kind": …, "target": "host:port"}</c> plus <c>"source": "ip:port"</c> (the original
        /// client) for the PROXY protocol, whose target is the original destination.
        /// </summary>
        private void WriteTunnel(TunnelInfo? tunnel)
        {
            Utf8JsonWriter json = _json;
            if (tunnel is null)
            {
                json.WriteNull(TunnelField);
                return;
            }

            json.WriteStartObject(TunnelField);
            json.WriteString(Kind, Naming.Tunnel(tunnel.Kind));
            string? target = tunnel.GetTarget();
            if (target is null)
            {
                json.WriteNull(Target);
            }
            else
            {
                json.WriteString(Target, target);
            }

            if (tunnel.Kind is TunnelKind.ProxyV1 or TunnelKind.ProxyV2)
            {
                if (tunnel.HasSource)
                {
                    WriteEndpoint(Source, tunnel.Source);
                }
                else
                {
                    json.WriteNull(Source);
                }
            }

            json.WriteEndObject();
        }

        /// <summary>One certificate of <c>tsid cert</c>: its fields and what each preset names the server without SNI.</summary>
        public void WriteCertificate(string file, int index, ReadOnlySpan<byte> der, IReadOnlyList<(string Preset, ServerIdentityRecord Identity)> identities)
        {
            _json.WriteStartObject();
            _json.WriteString(File, file);
            _json.WriteNumber(Index, index);
            WriteCertificateFields(_json, der);
            _json.WriteStartObject(IdentityByPreset);
            foreach ((string preset, ServerIdentityRecord identity) in identities)
            {
                _json.WritePropertyName(preset);
                WriteIdentity(identity.Name is not null, identity.Name.AsSpan(), identity.Source, identity.RuleName, Encode(preset), identity.CertificateCoversSni, identity.Diagnostics, identity.Explanation);
            }

            _json.WriteEndObject();
            _json.WriteEndObject();
            EndLine();
        }

        public void Dispose()
        {
            _json.Flush();
            WriteOut();
            _json.Dispose();
            _output.Flush();
        }

        /// <summary>One certificate object, braces included, as <c>certificates[]</c> holds it.</summary>
        internal void RenderCertificate(Utf8JsonWriter json, ReadOnlySpan<byte> der)
        {
            json.WriteStartObject();
            WriteCertificateFields(json, der);
            json.WriteEndObject();
        }

        /// <summary>The same object for a certificate already parsed (the connection's leaf).</summary>
        internal void RenderCertificate(Utf8JsonWriter json, scoped in Certificate certificate)
        {
            json.WriteStartObject();
            WriteCertificateFields(json, in certificate);
            json.WriteEndObject();
        }

        internal static Utf8JsonWriter CreateWriter(IBufferWriter<byte> output) => new(output, Options);

        private static JsonEncodedText Name(string name) => JsonEncodedText.Encode(name);

        /// <summary>The fields of one certificate (no braces), as <c>certificates[]</c> and <c>tsid cert</c> print them.</summary>
        private void WriteCertificateFields(Utf8JsonWriter json, ReadOnlySpan<byte> der)
        {
            if (Certificate.TryParse(der, out Certificate certificate, out X509Error error))
            {
                WriteCertificateFields(json, certificate);
                return;
            }

            // The fields stay in place, empty, so every certificate object has the same shape.
            json.WriteNull(Subject);
            json.WriteNull(Issuer);
            foreach (JsonEncodedText list in new[] { SubjectCn, SubjectOu, SanDns, SanIp })
            {
                json.WriteStartArray(list);
                json.WriteEndArray();
            }

            json.WriteNull(Serial);
            json.WriteNull(NotBefore);
            json.WriteNull(NotAfter);
            WriteSha256(json, der);
            json.WriteNumber(DerLength, der.Length);
            json.WriteString(ParseError, error.ToString());
        }

        private void WriteCertificateFields(Utf8JsonWriter json, scoped in Certificate certificate)
        {
            DistinguishedName subject = certificate.Subject;
            json.WriteString(Subject, subject.ToRfc4514String());
            json.WriteString(Issuer, certificate.Issuer.ToRfc4514String());
            json.WriteStartArray(SubjectCn);
            foreach (AttributeTypeAndValue cn in subject.EnumerateAttributes(AttributeType.CommonName))
            {
                WriteDirectoryString(json, cn.Value);
            }

            json.WriteEndArray();
            json.WriteStartArray(SubjectOu);
            foreach (AttributeTypeAndValue ou in subject.EnumerateAttributes(AttributeType.OrganizationalUnitName))
            {
                WriteDirectoryString(json, ou.Value);
            }

            json.WriteEndArray();
            bool hasSan = certificate.TryGetSubjectAltName(out SubjectAltName san);
            json.WriteStartArray(SanDns);
            if (hasSan)
            {
                foreach (GeneralName name in san)
                {
                    if (name.Type == GeneralNameType.DnsName)
                    {
                        // IA5String: ASCII goes out as it is; anything else the way Tsid.X509 decodes it.
                        if (Ascii.IsValid(name.Value))
                        {
                            json.WriteStringValue(name.Value);
                        }
                        else
                        {
                            json.WriteStringValue(name.GetString());
                        }
                    }
                }
            }

            json.WriteEndArray();
            json.WriteStartArray(SanIp);
            if (hasSan)
            {
                foreach (GeneralName name in san)
                {
                    if (name.Type == GeneralNameType.IPAddress && InspectionFormat.FormatIPAddress(name.Value) is { } address)
                    {
                        json.WriteStringValue(address);
                    }
                }
            }

            json.WriteEndArray();
            if (InspectionFormat.TryFormatSerialNumber(certificate.SerialNumber, _scratch, out int written))
            {
                json.WriteString(Serial, _scratch.AsSpan(0, written));
            }
            else
            {
                json.WriteString(Serial, InspectionFormat.FormatSerialNumber(certificate.SerialNumber));
            }

            Validity validity = certificate.Validity;
            WriteTime(json, NotBefore, validity.TryGetNotBefore(out DateTimeOffset notBefore), notBefore);
            WriteTime(json, NotAfter, validity.TryGetNotAfter(out DateTimeOffset notAfter), notAfter);
            WriteSha256(json, certificate.Encoded);
            json.WriteNumber(DerLength, certificate.Encoded.Length);
        }

        private void WriteTime(Utf8JsonWriter json, JsonEncodedText name, bool known, DateTimeOffset time)
        {
            if (known && InspectionFormat.TryFormatTime(time, _scratch, out int written))
            {
                json.WriteString(name, _scratch.AsSpan(0, written));
            }
            else
            {
                json.WriteNull(name);
            }
        }

        private void WriteSha256(Utf8JsonWriter json, ReadOnlySpan<byte> der)
        {
            InspectionFormat.TryFormatSha256(der, _scratch, out int written);
            json.WriteString(Sha256, _scratch.AsSpan(0, written));
        }

        private void WriteDirectoryString(Utf8JsonWriter json, DirectoryString value)
        {
            if (value.MaxCharCount <= _scratch.Length && value.TryDecode(_scratch, out int written))
            {
                json.WriteStringValue(_scratch.AsSpan(0, written));
            }
            else
            {
                json.WriteStringValue(value.GetString());
            }
        }

        private void WriteIdentity(bool resolved, ReadOnlySpan<char> name, IdentitySource source, string? rule, JsonEncodedText preset, SniCoverage coverage, IdentityDiagnostics diagnostics, ServerIdentityExplanation? explanation)
        {
            Utf8JsonWriter json = _json;
            json.WriteStartObject();
            if (resolved)
            {
                json.WriteString(NameField, name);
            }
            else
            {
                json.WriteNull(NameField);
            }

            json.WriteString(Source, Spelling<IdentitySource>.SnakeJson(source));
            WriteNullable(Rule, rule);
            json.WriteString(Preset, preset);
            if (coverage == SniCoverage.Unknown)
            {
                json.WriteNull(SniCovered);
            }
            else
            {
                json.WriteBoolean(SniCovered, coverage == SniCoverage.Covered);
            }

            json.WriteStartArray(Diagnostics);
            if (diagnostics != IdentityDiagnostics.None)
            {
                foreach (IdentityDiagnostics flag in Naming.DiagnosticFlags)
                {
                    if ((diagnostics & flag) != 0)
                    {
                        json.WriteStringValue(Spelling<IdentityDiagnostics>.SnakeJson(flag));
                    }
                }
            }

            json.WriteEndArray();
            if (explanation is not null)
            {
                json.WriteStartArray(Explanation);
                foreach (IdentityCandidate candidate in explanation.Candidates)
                {
                    json.WriteStringValue(candidate.ToString());
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
        }

        /// <summary>ja3, ja3_string, ja3s, ja4, ja4_r: from the hellos' views into the scratch buffer (null without the hello).</summary>
        private void WriteFingerprints(scoped in InspectedConnection connection)
        {
            Utf8JsonWriter json = _json;
            Span<char> scratch = _scratch;
            if (connection.HasClientHello)
            {
                ClientHello hello = connection.ClientHello;
                Ja3.TryFormatHash(in hello, scratch, out int n);
                json.WriteString(Ja3Field, scratch.Slice(0, n));
                if (Ja3.TryFormatString(in hello, scratch, out n))
                {
                    json.WriteString(Ja3StringField, scratch.Slice(0, n));
                }
                else
                {
                    json.WriteString(Ja3StringField, Ja3.GetString(in hello));
                }

                HandshakeProtocol protocol = connection.Handshake.Protocol;
                Ja4.TryFormat(in hello, protocol, Ja4Form.Hashed, scratch, out n);
                json.WriteString(Ja4Field, scratch.Slice(0, n));
                if (Ja4.TryFormat(in hello, protocol, Ja4Form.Raw, scratch, out n))
                {
                    json.WriteString(Ja4RawField, scratch.Slice(0, n));
                }
                else
                {
                    json.WriteString(Ja4RawField, Ja4.GetString(in hello, protocol, Ja4Form.Raw));
                }
            }
            else
            {
                json.WriteNull(Ja3Field);
                json.WriteNull(Ja3StringField);
                json.WriteNull(Ja4Field);
                json.WriteNull(Ja4RawField);
            }

            if (connection.HasServerHello)
            {
                ServerHello serverHello = connection.ServerHello;
                Ja3S.TryFormatHash(in serverHello, scratch, out int n);
                json.WriteString(Ja3SField, scratch.Slice(0, n));
            }
            else
            {
                json.WriteNull(Ja3SField);
            }
        }

        private void WriteVerdict(scoped in InspectedConnection connection)
        {
            PolicyDecision decision = connection.Decision;
            PolicyExplanation? explanation = connection.DecisionExplanation;
            Utf8JsonWriter json = _json;
            json.WriteStartObject(Verdict);
            json.WriteString(Action, Spelling<PolicyAction>.SnakeJson(decision.Action));
            json.WriteString(Stage, Spelling<PolicyStage>.SnakeJson(decision.Stage));
            WriteNullable(Rule, decision.RuleName);
            json.WriteNumber(RuleIndex, decision.RuleIndex);
            // The matched name is written from the facts without a string; the pattern is the rule's own text or a list suffix.
            ConnectionFacts facts = connection.Facts;
            Span<char> matched = stackalloc char[Math.Max(HostName.MaxLength, facts.ResolvedName.Length)];
            if (decision.TryGetMatchedName(in facts, matched, out int matchedLength))
            {
                json.WriteString(MatchedName, matched.Slice(0, matchedLength));
            }
            else
            {
                json.WriteNull(MatchedName);
            }

            WriteNullable(MatchedPattern, decision.GetMatchedPattern(in facts));
            WriteNullable(MatchedFingerprint, decision.MatchedFingerprint);
            WriteNullable(Tag, decision.Tag);
            WritePolicyExplanation(explanation);

            json.WriteEndObject();
        }

        /// <summary>The policy's trace as an <c>explanation</c> array of lines (nothing when none was asked for).</summary>
        private void WritePolicyExplanation(PolicyExplanation? explanation)
        {
            if (explanation is null)
            {
                return;
            }

            Utf8JsonWriter json = _json;
            json.WriteStartArray(Explanation);
            foreach (PolicyTraceStep step in explanation.Steps)
            {
                json.WriteStringValue(step.ToString());
            }

            json.WriteEndArray();
        }

        private void WriteVersion(TlsProtocolVersion version)
        {
            if (version == TlsProtocolVersion.None)
            {
                _json.WriteNull(TlsVersion);
                return;
            }

            if (!_versions.TryGetValue(version, out JsonEncodedText text))
            {
                text = Encode(Naming.Version(version)!);
                _versions[version] = text;
            }

            _json.WriteString(TlsVersion, text);
        }

        private void WriteEndpoint(JsonEncodedText name, FlowEndpoint endpoint)
        {
            int length = Endpoints.TryFormat(endpoint, _scratch);
            if (length > 0)
            {
                _json.WriteString(name, _scratch.AsSpan(0, length));
            }
            else
            {
                _json.WriteString(name, endpoint.ToString());
            }
        }

        private void WriteLatin1(JsonEncodedText name, ReadOnlySpan<byte> bytes)
        {
            if (Ascii.IsValid(bytes))
            {
                _json.WriteString(name, bytes);
            }
            else
            {
                _json.WriteString(name, Encoding.Latin1.GetString(bytes));
            }
        }

        private void WriteLatin1Value(ReadOnlySpan<byte> bytes)
        {
            if (Ascii.IsValid(bytes))
            {
                _json.WriteStringValue(bytes);
            }
            else
            {
                _json.WriteStringValue(Encoding.Latin1.GetString(bytes));
            }
        }

        private void WriteNullable(JsonEncodedText name, string? value)
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

        private void EndLine()
        {
            _json.Flush();
            _json.Reset();
            _buffer.GetSpan(1)[0] = (byte)'\n';
            _buffer.Advance(1);
            if (_buffer.WrittenCount >= FlushThreshold)
            {
                WriteOut();
            }
        }

        private void WriteOut()
        {
            if (_buffer.WrittenCount > 0)
            {
                _output.Write(_buffer.WrittenSpan);
                _buffer.ResetWrittenCount();
            }
        }
    }
}
