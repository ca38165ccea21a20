using System;
using System.Collections.Generic;
using System.Text;

namespace Tsid.Tests.Tls
{
    /// <summary>A test-only TLS writer: builds records, handshake messages and extension bodies byte by byte.</summary>
    internal static class TlsTestWriter
    {
        public static byte[] U16(int v) => new[] { (byte)(v >> 8), (byte)v };

        public static byte[] U24(int v) => new[] { (byte)(v >> 16), (byte)(v >> 8), (byte)v };

        public static byte[] Concat(params byte[][] parts)
        {
            var list = new List<byte>();
            foreach (byte[] p in parts)
            {
                list.AddRange(p);
            }

            return list.ToArray();
        }

        public static byte[] P8(byte[] content) => Concat(new[] { (byte)content.Length }, content);

        public static byte[] P16(byte[] content) => Concat(U16(content.Length), content);

        public static byte[] P24(byte[] content) => Concat(U24(content.Length), content);

        public static byte[] Handshake(byte type, byte[] body) => Concat(new[] { type }, U24(body.Length), body);

        public static byte[] Record(byte contentType, byte[] payload, int version = 0x0301) => Concat(new[] { contentType }, U16(version), U16(payload.Length), payload);

        /// <summary>Cuts a handshake byte stream into handshake records of at most <paramref name="max"/> bytes.</summary>
        public static byte[] Records(byte contentType, byte[] stream, int max, int version = 0x0301)
        {
            var parts = new List<byte[]>();
            for (int i = 0; i < stream.Length; i += max)
            {
                parts.Add(Record(contentType, stream.AsSpan(i, Math.Min(max, stream.Length - i)).ToArray(), version));
            }

            return Concat(parts.ToArray());
        }

        public static byte[] Extension(int type, byte[] data) => Concat(U16(type), P16(data));

        public static byte[] ServerNameData(params string[] hostNames)
        {
            var entries = new List<byte[]>();
            foreach (string name in hostNames)
            {
                entries.Add(Concat(new byte[] { 0 }, P16(Encoding.Latin1.GetBytes(name))));
            }

            return P16(Concat(entries.ToArray()));
        }

        public static byte[] AlpnData(params string[] protocols)
        {
            var entries = new List<byte[]>();
            foreach (string p in protocols)
            {
                entries.Add(P8(Encoding.ASCII.GetBytes(p)));
            }

            return P16(Concat(entries.ToArray()));
        }

        public static byte[] U16List8(params int[] values) => P8(U16Values(values));

        public static byte[] U16List16(params int[] values) => P16(U16Values(values));

        public static byte[] U16Values(params int[] values)
        {
            var bytes = new byte[values.Length * 2];
            for (int i = 0; i < values.Length; i++)
            {
                bytes[2 * i] = (byte)(values[i] >> 8);
                bytes[(2 * i) + 1] = (byte)values[i];
            }

            return bytes;
        }

        public static byte[] ClientHelloBody(IReadOnlyList<(int Type, byte[] Data)>? extensions, int legacyVersion = 0x0303, byte[]? sessionId = null, int[]? suites = null, byte[]? random = null)
        {
            byte[] ext = Array.Empty<byte>();
            if (extensions is not null)
            {
                var parts = new List<byte[]>();
                foreach ((int type, byte[] data) in extensions)
                {
                    parts.Add(Extension(type, data));
                }

                ext = P16(Concat(parts.ToArray()));
            }

            return Concat(
                U16(legacyVersion),
                random ?? new byte[32],
                P8(sessionId ?? Array.Empty<byte>()),
                P16(U16Values(suites ?? new[] { 0x1301, 0xc02f })),
                P8(new byte[] { 0 }),
                ext);
        }

        public static byte[] ServerHelloBody(int legacyVersion, int cipherSuite, IReadOnlyList<(int Type, byte[] Data)>? extensions, byte[]? random = null, byte[]? sessionId = null)
        {
            byte[] ext = Array.Empty<byte>();
            if (extensions is not null)
            {
                var parts = new List<byte[]>();
                foreach ((int type, byte[] data) in extensions)
                {
                    parts.Add(Extension(type, data));
                }

                ext = P16(Concat(parts.ToArray()));
            }

            return Concat(U16(legacyVersion), random ?? new byte[32], P8(sessionId ?? Array.Empty<byte>()), U16(cipherSuite), new byte[] { 0 }, ext);
        }

        public static byte[] CertificateBody(params byte[][] ders)
        {
            var parts = new List<byte[]>();
            foreach (byte[] d in ders)
            {
                parts.Add(P24(d));
            }

            return P24(Concat(parts.ToArray()));
        }
    }
}
