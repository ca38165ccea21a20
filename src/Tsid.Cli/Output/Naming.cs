using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Tsid.Capture;
using Tsid.Identity;
using Tsid.Tls;

namespace Tsid.Cli.Output
{
    /// <summary>How enum values and versions are spelled in the tool's output.</summary>
    internal static class Naming
    {
        /// <summary>The single-bit values of <see cref="IdentityDiagnostics"/>, in declaration order.</summary>
        public static readonly IdentityDiagnostics[] DiagnosticFlags = SingleBits();

        /// <summary>The JSON Lines and table spelling of a tunnel kind: <c>http_connect</c>, <c>socks4</c>, <c>socks5</c>, <c>proxy_v1</c>, <c>proxy_v2</c>.</summary>
        public static string Tunnel(TunnelKind kind) => kind switch
        {
            TunnelKind.HttpConnect => "http_connect",
            TunnelKind.Socks4 => "socks4",
            TunnelKind.Socks5 => "socks5",
            TunnelKind.ProxyV1 => "proxy_v1",
            TunnelKind.ProxyV2 => "proxy_v2",
            _ => "none",
        };

        /// <summary><c>FirstSubjectAltName</c> → <c>first_subject_alt_name</c>.</summary>
        public static string SnakeCase(string pascal)
        {
            var builder = new StringBuilder(pascal.Length + 8);
            for (int i = 0; i < pascal.Length; i++)
            {
                char c = pascal[i];
                if (char.IsUpper(c))
                {
                    // A new word starts at an upper-case letter after a lower-case one, or before a lower-case one
                    // inside an acronym ("IPLiteral" → "ip_literal").
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

        /// <summary><c>TLS 1.2</c>, <c>TLS 1.3 (draft 23)</c>, <c>SSL 3.0</c>, <c>DTLS 1.2</c>, or the wire value in hex.</summary>
        public static string? Version(TlsProtocolVersion version)
        {
            ushort wire = (ushort)version;
            switch (version)
            {
                case TlsProtocolVersion.None:
                    return null;
                case TlsProtocolVersion.Ssl30:
                    return "SSL 3.0";
                case TlsProtocolVersion.Tls10:
                    return "TLS 1.0";
                case TlsProtocolVersion.Tls11:
                    return "TLS 1.1";
                case TlsProtocolVersion.Tls12:
                    return "TLS 1.2";
                case TlsProtocolVersion.Tls13:
                    return "TLS 1.3";
                case TlsProtocolVersion.Dtls10:
                    return "DTLS 1.0";
                case TlsProtocolVersion.Dtls12:
                    return "DTLS 1.2";
                case TlsProtocolVersion.Dtls13:
                    return "DTLS 1.3";
            }

            // draft-ietf-tls-tls13-NN used 0x7f00 | NN.
            if ((wire >> 8) == 0x7f)
            {
                return "TLS 1.3 (draft " + (wire & 0xff).ToString(CultureInfo.InvariantCulture) + ")";
            }

            return "0x" + wire.ToString("x4", CultureInfo.InvariantCulture);
        }

        /// <summary>The <c>protocol</c> field and the table's PROTOCOL column: <c>tls</c>, <c>dtls</c> or <c>quic</c>.</summary>
        public static string Protocol(HandshakeProtocol protocol) => protocol switch
        {
            HandshakeProtocol.Dtls => "dtls",
            HandshakeProtocol.Quic => "quic",
            _ => "tls",
        };

        /// <summary>The <c>quic_version</c> field: <c>v1</c>, <c>v2</c>, or the wire value as <c>0x</c> and eight hex digits; null for 0 (not QUIC).</summary>
        public static string? QuicVersion(uint version) => version switch
        {
            0 => null,
            1 => "v1",
            0x6b3343cf => "v2",
            _ => "0x" + version.ToString("x8", CultureInfo.InvariantCulture),
        };

        public static string Ascii(ReadOnlySpan<byte> bytes) => Encoding.Latin1.GetString(bytes);

        /// <summary>The diagnostics as snake-case words joined by commas, empty for none.</summary>
        public static string Diagnostics(IdentityDiagnostics diagnostics)
        {
            var words = new List<string>();
            foreach (IdentityDiagnostics flag in DiagnosticFlags)
            {
                if ((diagnostics & flag) != 0)
                {
                    words.Add(Spelling<IdentityDiagnostics>.Snake(flag));
                }
            }

            return string.Join(",", words);
        }

        private static IdentityDiagnostics[] SingleBits()
        {
            var flags = new List<IdentityDiagnostics>();
            foreach (IdentityDiagnostics value in Enum.GetValues<IdentityDiagnostics>())
            {
                if (value != IdentityDiagnostics.None && ((ulong)value & ((ulong)value - 1)) == 0)
                {
                    flags.Add(value);
                }
            }

            return flags.ToArray();
        }
    }

    /// <summary>
    /// Every value of an enum spelled once, at start: snake case (<c>FirstSubjectAltName</c> → <c>first_subject_alt_name</c>)
    /// and the name as declared, each also pre-encoded for JSON, so writing a record formats nothing.
    /// </summary>
    internal static class Spelling<T>
        where T : struct, Enum
    {
        private static readonly Dictionary<T, (string Snake, JsonEncodedText SnakeJson, JsonEncodedText NameJson)> Values = Build();

        public static string Snake(T value) => Values.TryGetValue(value, out var s) ? s.Snake : Naming.SnakeCase(value.ToString());

        public static JsonEncodedText SnakeJson(T value) => Values.TryGetValue(value, out var s) ? s.SnakeJson : JsonEncodedText.Encode(Naming.SnakeCase(value.ToString()));

        public static JsonEncodedText NameJson(T value) => Values.TryGetValue(value, out var s) ? s.NameJson : JsonEncodedText.Encode(value.ToString());

        private static Dictionary<T, (string, JsonEncodedText, JsonEncodedText)> Build()
        {
            var values = new Dictionary<T, (string, JsonEncodedText, JsonEncodedText)>();
            foreach (T value in Enum.GetValues<T>())
            {
                string snake = Naming.SnakeCase(value.ToString());
                values[value] = (snake, JsonEncodedText.Encode(snake), JsonEncodedText.Encode(value.ToString()));
            }

            return values;
        }
    }
}
