using System;
using System.Buffers;
using System.Collections.Generic;
using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Tsid.Fingerprints;
using Tsid.Identity;
using Tsid.Policy;
using Tsid.Tls;

namespace Tsid.Samples.TlsGate
{
    /// <summary>
    /// One JSON object per connection in the <c>tsid</c> record format (docs/cli.md, "JSON Lines": the same field names and
    /// spellings for the subset a live gateway knows), plus a <c>gate</c> object: outcome, decision point, byte counts,
    /// duration. Written with <see cref="Utf8JsonWriter"/> into a per-thread buffer straight from the observer's views and
    /// the values <see cref="GateConnection"/> kept; strings are made only for a matched pattern and for errors.
    /// </summary>
    internal sealed class GateLogWriter
    {
        private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

        private static readonly JsonEncodedText Ts = JsonEncodedText.Encode("ts");
        private static readonly JsonEncodedText ClientField = JsonEncodedText.Encode("client");
        private static readonly JsonEncodedText ServerField = JsonEncodedText.Encode("server");
        private static readonly JsonEncodedText TransportField = JsonEncodedText.Encode("transport");
        private static readonly JsonEncodedText ProtocolField = JsonEncodedText.Encode("protocol");
        private static readonly JsonEncodedText Tcp = JsonEncodedText.Encode("tcp");
        private static readonly JsonEncodedText ProtocolTls = JsonEncodedText.Encode("tls");
        private static readonly JsonEncodedText Sni = JsonEncodedText.Encode("sni");
        private static readonly JsonEncodedText ServerNames = JsonEncodedText.Encode("server_names");
        private static readonly JsonEncodedText Alpn = JsonEncodedText.Encode("alpn");
        private static readonly JsonEncodedText AlpnSelected = JsonEncodedText.Encode("alpn_selected");
        private static readonly JsonEncodedText Ech = JsonEncodedText.Encode("ech");
        private static readonly JsonEncodedText Ja4Field = JsonEncodedText.Encode("ja4");
        private static readonly JsonEncodedText TlsVersion = JsonEncodedText.Encode("tls_version");
        private static readonly JsonEncodedText CertificateVisible = JsonEncodedText.Encode("certificate_visible");
        private static readonly JsonEncodedText CertificateVisibility = JsonEncodedText.Encode("certificate_visibility");
        private static readonly JsonEncodedText DnsHints = JsonEncodedText.Encode("dns_hints");
        private static readonly JsonEncodedText Identity = JsonEncodedText.Encode("identity");
        private static readonly JsonEncodedText NameField = JsonEncodedText.Encode("name");
        private static readonly JsonEncodedText Source = JsonEncodedText.Encode("source");
        private static readonly JsonEncodedText Rule = JsonEncodedText.Encode("rule");
        private static readonly JsonEncodedText Preset = JsonEncodedText.Encode("preset");
        private static readonly JsonEncodedText SniCovered = JsonEncodedText.Encode("sni_covered_by_certificate");
        private static readonly JsonEncodedText Diagnostics = JsonEncodedText.Encode("diagnostics");
        private static readonly JsonEncodedText Verdict = JsonEncodedText.Encode("verdict");
        private static readonly JsonEncodedText Action = JsonEncodedText.Encode("action");
        private static readonly JsonEncodedText Stage = JsonEncodedText.Encode("stage");
        private static readonly JsonEncodedText RuleIndex = JsonEncodedText.Encode("rule_index");
        private static readonly JsonEncodedText MatchedName = JsonEncodedText.Encode("matched_name");
        private static readonly JsonEncodedText MatchedPattern = JsonEncodedText.Encode("matched_pattern");
        private static readonly JsonEncodedText Tag = JsonEncodedText.Encode("tag");
        private static readonly JsonEncodedText Errors = JsonEncodedText.Encode("errors");
        private static readonly JsonEncodedText Direction = JsonEncodedText.Encode("direction");
        private static readonly JsonEncodedText Error = JsonEncodedText.Encode("error");
        private static readonly JsonEncodedText Offset = JsonEncodedText.Encode("offset");
        private static readonly JsonEncodedText Gate = JsonEncodedText.Encode("gate");
        private static readonly JsonEncodedText Outcome = JsonEncodedText.Encode("outcome");
        private static readonly JsonEncodedText DecidedAt = JsonEncodedText.Encode("decided_at");
        private static readonly JsonEncodedText ClientHelloBytes = JsonEncodedText.Encode("client_hello_bytes");
        private static readonly JsonEncodedText ClientBytes = JsonEncodedText.Encode("client_bytes");
        private static readonly JsonEncodedText ServerBytes = JsonEncodedText.Encode("server_bytes");
        private static readonly JsonEncodedText DurationMs = JsonEncodedText.Encode("duration_ms");

        [ThreadStatic]
        private static Scratch? t_scratch;

        private readonly JsonEncodedText _preset;
        private readonly string[] _dnsHints;

        public GateLogWriter(string preset, string[] dnsHints)
        {
            _preset = JsonEncodedText.Encode(preset, Options.Encoder);
            _dnsHints = dnsHints;
        }

        /// <summary>Writes the connection's line to <paramref name="sink"/>.</summary>
        public void Write(GateConnection connection, IGateLogSink sink)
        {
            Scratch scratch = t_scratch ??= new Scratch();
            scratch.Buffer.ResetWrittenCount();
            Utf8JsonWriter json = scratch.Json;
            json.Reset(scratch.Buffer);
            Span<char> chars = scratch.Chars;
            TlsConnectionObserver observer = connection.Observer;

            json.WriteStartObject();
            connection.StartedUtc.TryFormat(chars, out int n, "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);
            json.WriteString(Ts, chars.Slice(0, n));
            WriteEndpoint(json, ClientField, connection.Client, chars);
            WriteEndpoint(json, ServerField, connection.Upstream, chars);
            json.WriteString(TransportField, Tcp);
            json.WriteString(ProtocolField, ProtocolTls);

            bool hasHello = observer.TryGetClientHello(out ClientHello hello);
            if (hasHello && hello.TryGetServerName(out ReadOnlySpan<byte> sni))
            {
                WriteLatin1(json, Sni, sni);
            }
            else
            {
                json.WriteNull(Sni);
            }

            json.WriteStartArray(ServerNames);
            if (hasHello && hello.TryGetServerNames(out ServerNameList names))
            {
                foreach (ServerName name in names)
                {
                    if (name.IsHostName)
                    {
                        WriteLatin1Value(json, name.Name);
                    }
                }
            }

            json.WriteEndArray();
            json.WriteStartArray(Alpn);
            if (hasHello && hello.TryGetAlpn(out ProtocolNameList offered))
            {
                foreach (ReadOnlySpan<byte> protocol in offered)
                {
                    WriteLatin1Value(json, protocol);
                }
            }

            json.WriteEndArray();
            if (observer.TryGetServerHello(out ServerHello serverHello) && !serverHello.IsHelloRetryRequest
                && serverHello.TryGetSelectedProtocol(out ReadOnlySpan<byte> selected))
            {
                WriteLatin1(json, AlpnSelected, selected);
            }
            else
            {
                json.WriteNull(AlpnSelected);
            }

            json.WriteBoolean(Ech, hasHello && hello.TryGetEncryptedClientHello(out EncryptedClientHello ech) && ech.IsOuter);
            if (hasHello && Ja4.TryFormat(in hello, HandshakeProtocol.Tls, Ja4Form.Hashed, chars, out n))
            {
                json.WriteString(Ja4Field, chars.Slice(0, n));
            }
            else
            {
                json.WriteNull(Ja4Field);
            }

            JsonEncodedText? version = VersionText(observer.NegotiatedVersion);
            if (version is { } v)
            {
                json.WriteString(TlsVersion, v);
            }
            else
            {
                json.WriteNull(TlsVersion);
            }

            json.WriteBoolean(CertificateVisible, observer.ServerCertificateVisibility == TlsCertificateVisibility.Visible);
            json.WriteString(CertificateVisibility, Snake<TlsCertificateVisibility>.Json(observer.ServerCertificateVisibility));
            json.WriteStartArray(DnsHints);
            foreach (string hint in _dnsHints)
            {
                json.WriteStringValue(hint);
            }

            json.WriteEndArray();
            if (connection.HasDecision)
            {
                WriteIdentity(json, connection);
                WriteVerdict(json, connection);
            }
            else
            {
                json.WriteNull(Identity);
                json.WriteNull(Verdict);
            }

            json.WriteStartArray(Errors);
            WriteError(json, Snake<TlsDirection>.Json(TlsDirection.ClientToServer), observer.ClientError);
            WriteError(json, Snake<TlsDirection>.Json(TlsDirection.ServerToClient), observer.ServerError);
            json.WriteEndArray();

            json.WriteStartObject(Gate);
            json.WriteString(Outcome, Snake<GateOutcome>.Json(connection.Outcome));
            if (connection.DecidedAt == DecisionPoint.None)
            {
                json.WriteNull(DecidedAt);
            }
            else
            {
                json.WriteString(DecidedAt, Snake<DecisionPoint>.Json(connection.DecidedAt));
            }

            json.WriteNumber(ClientHelloBytes, connection.ClientHelloBytes);
            json.WriteNumber(ClientBytes, connection.ClientBytes);
            json.WriteNumber(ServerBytes, connection.ServerBytes);
            json.WriteNumber(DurationMs, Math.Round(Stopwatch.GetElapsedTime(connection.StartedTimestamp).TotalMilliseconds, 3));
            json.WriteEndObject();
            json.WriteEndObject();
            json.Flush();
            sink.WriteLine(scratch.Buffer.WrittenSpan);
        }

        private void WriteIdentity(Utf8JsonWriter json, GateConnection connection)
        {
            json.WriteStartObject(Identity);
            if (connection.IdentityResolved)
            {
                json.WriteString(NameField, connection.IdentityName.AsSpan(0, connection.IdentityNameLength));
            }
            else
            {
                json.WriteNull(NameField);
            }

            json.WriteString(Source, Snake<IdentitySource>.Json(connection.IdentitySource));
            WriteNullable(json, Rule, connection.IdentityRule);
            json.WriteString(Preset, _preset);
            if (connection.SniCoverage == SniCoverage.Unknown)
            {
                json.WriteNull(SniCovered);
            }
            else
            {
                json.WriteBoolean(SniCovered, connection.SniCoverage == SniCoverage.Covered);
            }

            json.WriteStartArray(Diagnostics);
            IdentityDiagnostics diagnostics = connection.Diagnostics;
            if (diagnostics != IdentityDiagnostics.None)
            {
                foreach (IdentityDiagnostics flag in Snake<IdentityDiagnostics>.SingleBits)
                {
                    if ((diagnostics & flag) != 0)
                    {
                        json.WriteStringValue(Snake<IdentityDiagnostics>.Json(flag));
                    }
                }
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        private static void WriteVerdict(Utf8JsonWriter json, GateConnection connection)
        {
            PolicyDecision decision = connection.Decision;
            json.WriteStartObject(Verdict);
            json.WriteString(Action, Snake<PolicyAction>.Json(decision.Action));
            json.WriteString(Stage, Snake<PolicyStage>.Json(decision.Stage));
            WriteNullable(json, Rule, decision.RuleName);
            json.WriteNumber(RuleIndex, decision.RuleIndex);
            if (connection.MatchedNameCount >= 0)
            {
                json.WriteString(MatchedName, connection.MatchedName.AsSpan(0, connection.MatchedNameCount));
            }
            else
            {
                json.WriteNull(MatchedName);
            }

            WriteNullable(json, MatchedPattern, connection.MatchedPattern);
            WriteNullable(json, Tag, decision.Tag);
            json.WriteEndObject();
        }

        private static void WriteError(Utf8JsonWriter json, JsonEncodedText direction, TlsError error)
        {
            if (!error.IsError)
            {
                return;
            }

            json.WriteStartObject();
            json.WriteString(Direction, direction);
            json.WriteString(Error, Snake<TlsErrorCode>.Name(error.Code));
            json.WriteNumber(Offset, error.Offset);
            json.WriteEndObject();
        }

        private static void WriteEndpoint(Utf8JsonWriter json, JsonEncodedText name, IPEndPoint? endpoint, Span<char> chars)
        {
            if (endpoint is null)
            {
                json.WriteNull(name);
                return;
            }

            // "ip:port", "[ipv6]:port" as tsid prints endpoints; formatted into the scratch buffer.
            int n = 0;
            bool v6 = endpoint.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
            if (v6)
            {
                chars[n++] = '[';
            }

            endpoint.Address.TryFormat(chars.Slice(n), out int written);
            n += written;
            if (v6)
            {
                chars[n++] = ']';
            }

            chars[n++] = ':';
            endpoint.Port.TryFormat(chars.Slice(n), out written, default, System.Globalization.CultureInfo.InvariantCulture);
            json.WriteString(name, chars.Slice(0, n + written));
        }

        private static JsonEncodedText? VersionText(TlsProtocolVersion version) => version switch
        {
            TlsProtocolVersion.Tls13 => Versions.Tls13,
            TlsProtocolVersion.Tls12 => Versions.Tls12,
            TlsProtocolVersion.Tls11 => Versions.Tls11,
            TlsProtocolVersion.Tls10 => Versions.Tls10,
            TlsProtocolVersion.Ssl30 => Versions.Ssl30,
            TlsProtocolVersion.None => null,
            _ => JsonEncodedText.Encode("0x" + ((ushort)version).ToString("x4", System.Globalization.CultureInfo.InvariantCulture)),
        };

        private static void WriteLatin1(Utf8JsonWriter json, JsonEncodedText name, ReadOnlySpan<byte> bytes)
        {
            if (Ascii.IsValid(bytes))
            {
                json.WriteString(name, bytes);
            }
            else
            {
                json.WriteString(name, Encoding.Latin1.GetString(bytes));
            }
        }

        private static void WriteLatin1Value(Utf8JsonWriter json, ReadOnlySpan<byte> bytes)
        {
            if (Ascii.IsValid(bytes))
            {
                json.WriteStringValue(bytes);
            }
            else
            {
                json.WriteStringValue(Encoding.Latin1.GetString(bytes));
            }
        }

        private static void WriteNullable(Utf8JsonWriter json, JsonEncodedText name, string? value)
        {
            if (value is null)
            {
                json.WriteNull(name);
            }
            else
            {
                json.WriteString(name, value);
            }
        }

        /// <summary>The spellings tsid prints for versions.</summary>
        private static class Versions
        {
            public static readonly JsonEncodedText Tls13 = JsonEncodedText.Encode("TLS 1.3");
            public static readonly JsonEncodedText Tls12 = JsonEncodedText.Encode("TLS 1.2");
            public static readonly JsonEncodedText Tls11 = JsonEncodedText.Encode("TLS 1.1");
            public static readonly JsonEncodedText Tls10 = JsonEncodedText.Encode("TLS 1.0");
            public static readonly JsonEncodedText Ssl30 = JsonEncodedText.Encode("SSL 3.0");
        }

        /// <summary>A thread's buffer, writer and character scratch, reused for every line it writes.</summary>
        private sealed class Scratch
        {
            public ArrayBufferWriter<byte> Buffer { get; } = new(4096);

            public Utf8JsonWriter Json { get; }

            public char[] Chars { get; } = new char[512];

            public Scratch() => Json = new Utf8JsonWriter(Buffer, Options);
        }
    }

    /// <summary>
    /// Every value of an enum spelled once at start, the way tsid spells them: snake case (<c>FirstSubjectAltName</c> →
    /// <c>first_subject_alt_name</c>, <c>ClientToServer</c> → <c>client</c> for directions) pre-encoded for JSON.
    /// </summary>
    internal static class Snake<T>
        where T : struct, Enum
    {
        private static readonly Dictionary<T, JsonEncodedText> Values = Build();
        private static readonly Dictionary<T, JsonEncodedText> Names = BuildNames();

        /// <summary>The single-bit values (for flags enums), in declaration order.</summary>
        public static readonly T[] SingleBits = BuildSingleBits();

        public static JsonEncodedText Json(T value) => Values.TryGetValue(value, out JsonEncodedText text) ? text : JsonEncodedText.Encode(Convert(value.ToString()));

        /// <summary>The value as declared (tsid's <c>errors[].error</c> spelling).</summary>
        public static JsonEncodedText Name(T value) => Names.TryGetValue(value, out JsonEncodedText text) ? text : JsonEncodedText.Encode(value.ToString());

        /// <summary><c>FirstSubjectAltName</c> → <c>first_subject_alt_name</c>; <c>IPLiteral</c> → <c>ip_literal</c>.</summary>
        public static string Convert(string pascal)
        {
            if (typeof(T) == typeof(TlsDirection))
            {
                return pascal == nameof(TlsDirection.ClientToServer) ? "client" : "server";
            }

            var builder = new StringBuilder(pascal.Length + 8);
            for (int i = 0; i < pascal.Length; i++)
            {
                char c = pascal[i];
                if (char.IsUpper(c))
                {
                    bool boundary = i > 0 && (char.IsLower(pascal[i - 1]) || char.IsDigit(pascal[i - 1])
                        || (i + 1 < pascal.Length && char.IsLower(pascal[i + 1]) && char.IsUpper(pascal[i - 1])));
                    if (boundary)
                    {
                        builder.Append('_');
                    }

                    builder.Append(char.ToLowerInvariant(c));
                }
                else
                {
                    builder.Append(c);
                }
            }

            return builder.ToString();
        }

        private static Dictionary<T, JsonEncodedText> Build()
        {
            var values = new Dictionary<T, JsonEncodedText>();
            foreach (T value in Enum.GetValues<T>())
            {
                values[value] = JsonEncodedText.Encode(Convert(value.ToString()));
            }

            return values;
        }

        private static Dictionary<T, JsonEncodedText> BuildNames()
        {
            var values = new Dictionary<T, JsonEncodedText>();
            foreach (T value in Enum.GetValues<T>())
            {
                values[value] = JsonEncodedText.Encode(value.ToString());
            }

            return values;
        }

        private static T[] BuildSingleBits()
        {
            var bits = new List<T>();
            foreach (T value in Enum.GetValues<T>())
            {
                ulong raw = System.Convert.ToUInt64(value, System.Globalization.CultureInfo.InvariantCulture);
                if (raw != 0 && (raw & (raw - 1)) == 0)
                {
                    bits.Add(value);
                }
            }

            return bits.ToArray();
        }
    }
}
