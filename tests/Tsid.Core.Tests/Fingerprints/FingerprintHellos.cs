using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using Tsid.Tls;
using static Tsid.Testing.TlsWire;

namespace Tsid.Tests.Fingerprints
{
    /// <summary>
    /// ClientHellos built for the fingerprint tests with the test-only writer, and a straightforward reference JA4 / JA3
    /// (LINQ and strings, written from the specifications) to compare the span-based code with.
    /// </summary>
    internal static class FingerprintHellos
    {
        /// <summary>The JA4.md example's cipher suites, in its order.</summary>
        public static readonly int[] SpecCiphers = { 0x1301, 0x1302, 0x1303, 0xc02b, 0xc02f, 0xc02c, 0xc030, 0xcca9, 0xcca8, 0xc013, 0xc014, 0x009c, 0x009d, 0x002f, 0x0035 };

        /// <summary>The JA4.md example's signature algorithms.</summary>
        public static readonly int[] SpecSchemes = { 0x0403, 0x0804, 0x0401, 0x0503, 0x0805, 0x0501, 0x0806, 0x0601 };

        /// <summary>The JA4.md example's extensions in its order, each with data its parser accepts.</summary>
        public static List<(int Type, byte[] Data)> SpecExtensions(int[]? schemes = null, int[]? versions = null, string[]? alpn = null) => new()
        {
            (0x001b, U16List8(0x0002)),                                   // compress_certificate: brotli
            (0x0000, ServerNameData("example.com")),
            (0x0033, Vector16(Concat(U16(0x001d), Vector16(new byte[32])))),         // key_share: x25519
            (0x0010, AlpnData(alpn ?? new[] { "h2", "http/1.1" })),
            (0x4469, Vector16(Vector8(Encoding.ASCII.GetBytes("h2")))),              // application_settings (ALPS)
            (0x0017, Array.Empty<byte>()),                                 // extended_master_secret
            (0x002d, Vector8(new byte[] { 1 })),                                // psk_key_exchange_modes
            (0x000d, U16List16(schemes ?? SpecSchemes)),
            (0x0005, new byte[] { 1, 0, 0, 0, 0 }),                        // status_request: ocsp
            (0x0023, Array.Empty<byte>()),                                 // session_ticket
            (0x0012, Array.Empty<byte>()),                                 // signed_certificate_timestamp
            (0x002b, U16List8(versions ?? new[] { 0x0304, 0x0303 })),
            (0xff01, new byte[] { 0 }),                                    // renegotiation_info
            (0x000b, Vector8(new byte[] { 0 })),                                // ec_point_formats
            (0x000a, U16List16(0x001d, 0x0017, 0x0018)),                   // supported_groups
            (0x0015, new byte[8]),                                         // padding
        };

        public static byte[] SpecHello() => ClientHelloBody(SpecExtensions(), suites: SpecCiphers);

        public static ClientHello Parse(byte[] body)
        {
            if (!ClientHello.TryParse(body, out ClientHello hello, out TlsError error))
            {
                throw new InvalidOperationException("test hello does not parse: " + error);
            }

            return hello;
        }

        /// <summary>JA4 the plain way: strings and LINQ, from JA4.md.</summary>
        public static string ReferenceJa4(byte[] body, char protocol = 't', bool raw = false, bool original = false)
        {
            ClientHello hello = Parse(body);
            var ciphers = new List<int>();
            foreach (ushort suite in hello.CipherSuites)
            {
                if (!Grease.IsGrease(suite))
                {
                    ciphers.Add(suite);
                }
            }

            var extensions = new List<int>();
            foreach (TlsExtension e in hello.Extensions)
            {
                if (!e.IsGrease)
                {
                    extensions.Add((int)e.Type);
                }
            }

            var schemes = new List<int>();
            if (hello.TryGetSignatureAlgorithms(out TlsUInt16List s))
            {
                foreach (ushort v in s)
                {
                    if (!Grease.IsGrease(v))
                    {
                        schemes.Add(v);
                    }
                }
            }

            int version = (int)hello.LegacyVersion;
            if (hello.TryGetSupportedVersions(out TlsUInt16List versions))
            {
                var real = new List<int>();
                foreach (ushort v in versions)
                {
                    if (!Grease.IsGrease(v))
                    {
                        real.Add(v);
                    }
                }

                if (real.Count > 0)
                {
                    version = real.Max();
                }
            }

            string versionCode = version switch { 0x0304 => "13", 0x0303 => "12", 0x0302 => "11", 0x0301 => "10", 0x0300 => "s3", 0x0002 => "s2", _ => "00" };
            string alpn = "00";
            if (hello.TryGetAlpn(out ProtocolNameList names))
            {
                foreach (ReadOnlySpan<byte> n in names)
                {
                    char first = (char)n[0], last = (char)n[n.Length - 1];
                    alpn = char.IsAsciiLetterOrDigit(first) && char.IsAsciiLetterOrDigit(last)
                        ? first.ToString() + last
                        : Convert.ToHexString(n.ToArray()).ToLowerInvariant() is string hex ? hex[0].ToString() + hex[^1] : "00";
                    break;
                }
            }

            string a = protocol + versionCode + (hello.HasServerName ? "d" : "i") + Math.Min(99, ciphers.Count).ToString("00") + Math.Min(99, extensions.Count).ToString("00") + alpn;
            IEnumerable<int> bList = original ? ciphers : ciphers.OrderBy(x => x);
            IEnumerable<int> cList = original ? extensions : extensions.Where(x => x != 0 && x != 0x10).OrderBy(x => x);
            string b = string.Join(",", bList.Select(x => x.ToString("x4")));
            string c = string.Join(",", cList.Select(x => x.ToString("x4")));
            bool noExtensions = c.Length == 0;
            if (schemes.Count > 0)
            {
                c += "_" + string.Join(",", schemes.Select(x => x.ToString("x4")));
            }

            if (raw)
            {
                return a + "_" + b + "_" + c;
            }

            return a + "_" + (b.Length == 0 ? "000000000000" : Sha12(b)) + "_" + (noExtensions ? "000000000000" : Sha12(c));
        }

        /// <summary>JA3 the plain way (salesforce/ja3 README).</summary>
        public static string ReferenceJa3String(byte[] body)
        {
            ClientHello hello = Parse(body);
            var parts = new List<string> { ((int)hello.LegacyVersion).ToString() };
            var ciphers = new List<string>();
            foreach (ushort c in hello.CipherSuites)
            {
                if (!Grease.IsGrease(c))
                {
                    ciphers.Add(c.ToString());
                }
            }

            parts.Add(string.Join("-", ciphers));
            var extensions = new List<string>();
            foreach (TlsExtension e in hello.Extensions)
            {
                if (!e.IsGrease)
                {
                    extensions.Add(((int)e.Type).ToString());
                }
            }

            parts.Add(string.Join("-", extensions));
            var groups = new List<string>();
            if (hello.TryGetSupportedGroups(out TlsUInt16List g))
            {
                foreach (ushort v in g)
                {
                    if (!Grease.IsGrease(v))
                    {
                        groups.Add(v.ToString());
                    }
                }
            }

            parts.Add(string.Join("-", groups));
            parts.Add(hello.TryGetEcPointFormats(out ReadOnlySpan<byte> formats) ? string.Join("-", formats.ToArray().Select(f => f.ToString())) : string.Empty);
            return string.Join(",", parts);
        }

        public static string Md5Hex(string text) => Convert.ToHexString(MD5.HashData(Encoding.ASCII.GetBytes(text))).ToLowerInvariant();

        public static string Sha12(string text) => Convert.ToHexString(SHA256.HashData(Encoding.ASCII.GetBytes(text))).ToLowerInvariant().Substring(0, 12);
    }
}
