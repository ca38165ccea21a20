using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using Tsid.Fingerprints;
using Tsid.Tls;

namespace Tsid.Benchmarks
{
    /// <summary>
    /// JA4 and JA3 of the ~1.8 KB Chrome-like hello: Tsid.Fingerprints (caller's buffer, stack work buffers) against a
    /// straightforward string-building implementation (lists, LINQ sort, string.Join, Encoding, one-shot hash). Each
    /// benchmark parses the hello first (ClientHello is a view, it cannot be kept between calls); <c>ParseOnly</c> is
    /// that share. Targets on net10.0: JA4 ≤ 300 ns and JA3 ≤ 400 ns beyond the parse, 0 B.
    /// </summary>
    [MemoryDiagnoser]
    public class FingerprintBenchmarks
    {
        private byte[] _body = Array.Empty<byte>();
        private readonly char[] _destination = new char[64];

        [GlobalSetup]
        public void Setup()
        {
            byte[] record = TlsBenchmarkData.ChromeLikeHello();
            _body = record.AsSpan(9).ToArray(); // record header (5) + handshake header (4)
            if (!ClientHello.TryParse(_body, out ClientHello hello, out TlsError error))
            {
                throw new InvalidOperationException(error.ToString());
            }

            if (NaiveFingerprints.Ja4(in hello) != Ja4.GetString(in hello, HandshakeProtocol.Tls) || NaiveFingerprints.Ja3(in hello) != Ja3.GetHashString(in hello))
            {
                throw new InvalidOperationException("the naive and the span implementations disagree");
            }
        }

        [Benchmark]
        public int ParseOnly() => ClientHello.TryParse(_body, out ClientHello hello, out _) ? hello.Extensions.Count : -1;

        /// <summary>The BCL hashes alone on inputs of JA4's size (two SHA-256 of ~75 and ~120 bytes): the floor under <see cref="Ja4Tsid"/>.</summary>
        [Benchmark]
        public int HashesOfJa4Size()
        {
            Span<byte> hash = stackalloc byte[32];
            SHA256.HashData(_body.AsSpan(0, 74), hash);
            SHA256.HashData(_body.AsSpan(0, 120), hash);
            return hash[0];
        }

        /// <summary>MD5 alone on an input of JA3's size (~150 bytes): the floor under <see cref="Ja3Tsid"/>.</summary>
        [Benchmark]
        public int HashOfJa3Size()
        {
            Span<byte> hash = stackalloc byte[16];
            MD5.HashData(_body.AsSpan(0, 150), hash);
            return hash[0];
        }

        [Benchmark]
        public int Ja4Tsid()
        {
            ClientHello.TryParse(_body, out ClientHello hello, out _);
            Ja4.TryFormat(in hello, HandshakeProtocol.Tls, Ja4Form.Hashed, _destination, out int written);
            return written;
        }

        [Benchmark]
        public int Ja4Naive()
        {
            ClientHello.TryParse(_body, out ClientHello hello, out _);
            return NaiveFingerprints.Ja4(in hello).Length;
        }

        [Benchmark]
        public int Ja3Tsid()
        {
            ClientHello.TryParse(_body, out ClientHello hello, out _);
            Ja3.TryFormatHash(in hello, _destination, out int written);
            return written;
        }

        [Benchmark]
        public int Ja3Naive()
        {
            ClientHello.TryParse(_body, out ClientHello hello, out _);
            return NaiveFingerprints.Ja3(in hello).Length;
        }
    }

    /// <summary>JA4 and JA3 written the obvious way, as a fingerprinting module commonly does: for comparison only.</summary>
    internal static class NaiveFingerprints
    {
        public static string Ja4(in ClientHello hello)
        {
            var ciphers = new List<ushort>();
            foreach (ushort suite in hello.CipherSuites)
            {
                if (!Grease.IsGrease(suite))
                {
                    ciphers.Add(suite);
                }
            }

            var extensions = new List<ushort>();
            foreach (TlsExtension e in hello.Extensions)
            {
                if (!e.IsGrease)
                {
                    extensions.Add((ushort)e.Type);
                }
            }

            var schemes = new List<string>();
            if (hello.TryGetSignatureAlgorithms(out TlsUInt16List list))
            {
                foreach (ushort s in list)
                {
                    if (!Grease.IsGrease(s))
                    {
                        schemes.Add(s.ToString("x4"));
                    }
                }
            }

            int version = (int)hello.LegacyVersion;
            if (hello.TryGetSupportedVersions(out TlsUInt16List versions))
            {
                var offered = new List<int>();
                foreach (ushort v in versions)
                {
                    if (!Grease.IsGrease(v))
                    {
                        offered.Add(v);
                    }
                }

                version = offered.Count == 0 ? version : offered.Max();
            }

            string alpn = "00";
            if (hello.TryGetAlpn(out ProtocolNameList names))
            {
                foreach (ReadOnlySpan<byte> n in names)
                {
                    string s = Encoding.ASCII.GetString(n);
                    alpn = s.Substring(0, 1) + s.Substring(s.Length - 1);
                    break;
                }
            }

            string a = "t" + (version == 0x0304 ? "13" : version == 0x0303 ? "12" : "00") + (hello.HasServerName ? "d" : "i")
                + Math.Min(99, ciphers.Count).ToString("00") + Math.Min(99, extensions.Count).ToString("00") + alpn;
            string b = string.Join(",", ciphers.OrderBy(c => c).Select(c => c.ToString("x4")));
            string c = string.Join(",", extensions.Where(e => e != 0 && e != 0x10).OrderBy(e => e).Select(e => e.ToString("x4")));
            if (schemes.Count > 0)
            {
                c += "_" + string.Join(",", schemes);
            }

            return a + "_" + Sha12(b) + "_" + Sha12(c);
        }

        public static string Ja3(in ClientHello hello)
        {
            var ciphers = new List<string>();
            foreach (ushort c in hello.CipherSuites)
            {
                if (!Grease.IsGrease(c))
                {
                    ciphers.Add(c.ToString());
                }
            }

            var extensions = new List<string>();
            foreach (TlsExtension e in hello.Extensions)
            {
                if (!e.IsGrease)
                {
                    extensions.Add(((int)e.Type).ToString());
                }
            }

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

            string formats = hello.TryGetEcPointFormats(out ReadOnlySpan<byte> f) ? string.Join("-", f.ToArray().Select(x => x.ToString())) : string.Empty;
            string text = ((int)hello.LegacyVersion) + "," + string.Join("-", ciphers) + "," + string.Join("-", extensions) + "," + string.Join("-", groups) + "," + formats;
            return Convert.ToHexString(MD5.HashData(Encoding.ASCII.GetBytes(text))).ToLowerInvariant();
        }

        private static string Sha12(string s) => Convert.ToHexString(SHA256.HashData(Encoding.ASCII.GetBytes(s))).ToLowerInvariant().Substring(0, 12);
    }
}
