using System;
using System.Collections.Generic;
using System.Text;

namespace Tsid.Benchmarks
{
    /// <summary>Inputs for the TLS benchmarks: a Chrome-like post-quantum hello (built here) and the project's recordings.</summary>
    internal static class TlsBenchmarkData
    {
        /// <summary>
        /// A ClientHello shaped like Chrome 131's (one record, about 1.8 KB): GREASE cipher suite and extensions,
        /// server_name, ALPN h2/http1.1, ALPS, compress_certificate, a GREASE encrypted_client_hello, and key shares
        /// for X25519MLKEM768 (group 0x11EC, 1216 bytes) and X25519.
        /// </summary>
        public static byte[] ChromeLikeHello()
        {
            var random = new Random(42);
            byte[] Bytes(int n)
            {
                byte[] b = new byte[n];
                random.NextBytes(b);
                return b;
            }

            var extensions = new List<byte[]>
            {
                Ext(0x2a2a, Array.Empty<byte>()),
                Ext(0x0000, P16(Concat(new byte[] { 0 }, P16(Encoding.ASCII.GetBytes("www.example-shop.com"))))),
                Ext(0x0017, Array.Empty<byte>()),
                Ext(0xff01, new byte[] { 0 }),
                Ext(0x000a, P16(U16s(0x4a4a, 0x11ec, 0x001d, 0x0017, 0x0018))),
                Ext(0x000b, new byte[] { 1, 0 }),
                Ext(0x0023, Array.Empty<byte>()),
                Ext(0x0010, P16(Concat(P8(Encoding.ASCII.GetBytes("h2")), P8(Encoding.ASCII.GetBytes("http/1.1"))))),
                Ext(0x0005, new byte[] { 1, 0, 0, 0, 0 }),
                Ext(0x000d, P16(U16s(0x0403, 0x0804, 0x0401, 0x0503, 0x0805, 0x0501, 0x0806, 0x0601))),
                Ext(0x0012, Array.Empty<byte>()),
                Ext(0x0033, P16(Concat(U16s(0x4a4a), P16(new byte[] { 0 }), U16s(0x11ec), P16(Bytes(1216)), U16s(0x001d), P16(Bytes(32))))),
                Ext(0x002d, new byte[] { 1, 1 }),
                Ext(0x002b, P8(U16s(0x8a8a, 0x0304, 0x0303))),
                Ext(0x001b, P8(U16s(0x0002))),
                Ext(0x44cd, P16(P8(Encoding.ASCII.GetBytes("h2")))),
                Ext(0xfe0d, Concat(new byte[] { 0 }, U16s(0x0001, 0x0001), new byte[] { 0x7b }, P16(Bytes(32)), P16(Bytes(176)))),
                Ext(0x1a1a, new byte[] { 0 }),
            };

            byte[] body = Concat(
                U16s(0x0303),
                Bytes(32),
                P8(Bytes(32)),
                P16(U16s(0xdada, 0x1301, 0x1302, 0x1303, 0xc02b, 0xc02f, 0xc02c, 0xc030, 0xcca9, 0xcca8, 0xc013, 0xc014, 0x009c, 0x009d, 0x002f, 0x0035)),
                P8(new byte[] { 0 }),
                P16(Concat(extensions.ToArray())));
            byte[] handshake = Concat(new byte[] { 1 }, U24(body.Length), body);
            return Concat(new byte[] { 22, 3, 1 }, U16s(handshake.Length), handshake);
        }

        /// <summary>The server's first flight of a recording: every record up to and including the one that ends with ServerHelloDone.</summary>
        public static byte[] ServerFlight(byte[] serverToClient)
        {
            int p = 0;
            while (p + 5 <= serverToClient.Length)
            {
                int length = (serverToClient[p + 3] << 8) | serverToClient[p + 4];
                int end = p + 5 + length;
                if (serverToClient[end - 4] == 14 && serverToClient[end - 3] == 0 && serverToClient[end - 2] == 0 && serverToClient[end - 1] == 0)
                {
                    return serverToClient.AsSpan(0, end).ToArray();
                }

                p = end;
            }

            throw new InvalidOperationException("no ServerHelloDone in the recording");
        }

        private static byte[] Ext(int type, byte[] data) => Concat(U16s(type), P16(data));

        private static byte[] P8(byte[] b) => Concat(new[] { (byte)b.Length }, b);

        private static byte[] P16(byte[] b) => Concat(U16s(b.Length), b);

        private static byte[] U24(int v) => new[] { (byte)(v >> 16), (byte)(v >> 8), (byte)v };

        private static byte[] U16s(params int[] values)
        {
            byte[] b = new byte[values.Length * 2];
            for (int i = 0; i < values.Length; i++)
            {
                b[2 * i] = (byte)(values[i] >> 8);
                b[(2 * i) + 1] = (byte)values[i];
            }

            return b;
        }

        private static byte[] Concat(params byte[][] parts)
        {
            var list = new List<byte>();
            foreach (byte[] p in parts)
            {
                list.AddRange(p);
            }

            return list.ToArray();
        }
    }
}
