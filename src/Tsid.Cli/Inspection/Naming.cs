using System;
using System.Globalization;
using System.Text;
using Tsid.Tls;

namespace Tsid.Cli.Inspection
{
    /// <summary>How enum values and versions are spelled in the tool's output.</summary>
    internal static class Naming
    {
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

        /// <summary><c>TLS 1.2</c>, <c>TLS 1.3 (draft 23)</c>, <c>SSL 3.0</c>, or the wire value in hex.</summary>
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
            }

            // draft-ietf-tls-tls13-NN used 0x7f00 | NN.
            if ((wire >> 8) == 0x7f)
            {
                return "TLS 1.3 (draft " + (wire & 0xff).ToString(CultureInfo.InvariantCulture) + ")";
            }

            return "0x" + wire.ToString("x4", CultureInfo.InvariantCulture);
        }

        public static string Ascii(ReadOnlySpan<byte> bytes) => Encoding.Latin1.GetString(bytes);
    }
}
