using System;
using System.Collections.Generic;
using System.IO;
using Tsid.Tls;

namespace Tsid.Tests.Dtls
{
    /// <summary>Test-only: writes DTLS records and handshake fragments (RFC 6347 4.1, 4.2.2) around real handshake messages.</summary>
    internal static class DtlsTestWriter
    {
        public const ushort Dtls12 = 0xfefd;

        /// <summary>One handshake message: its type, message_seq and body.</summary>
        internal sealed record Message(TlsHandshakeType Type, int Seq, byte[] Body);

        /// <summary>The handshake messages of a recorded TLS stream (records of type 22 until the first other type).</summary>
        public static List<(TlsHandshakeType Type, byte[] Body)> TlsMessages(byte[] stream)
        {
            var handshake = new MemoryStream();
            int p = 0;
            while (p + 5 <= stream.Length && stream[p] == 22)
            {
                int length = (stream[p + 3] << 8) | stream[p + 4];
                handshake.Write(stream, p + 5, length);
                p += 5 + length;
            }

            byte[] h = handshake.ToArray();
            var list = new List<(TlsHandshakeType, byte[])>();
            int q = 0;
            while (q + 4 <= h.Length)
            {
                int length = (h[q + 1] << 16) | (h[q + 2] << 8) | h[q + 3];
                if (q + 4 + length > h.Length)
                {
                    break;
                }

                list.Add(((TlsHandshakeType)h[q], h.AsSpan(q + 4, length).ToArray()));
                q += 4 + length;
            }

            return list;
        }

        /// <summary>A TLS ClientHello body made a DTLS one: version DTLS 1.2 and a cookie after legacy_session_id (RFC 6347 4.2.1).</summary>
        public static byte[] ToDtlsClientHello(byte[] tlsBody, byte[] cookie)
        {
            int sessionEnd = 2 + 32 + 1 + tlsBody[34];
            var ms = new MemoryStream();
            ms.WriteByte(0xfe);
            ms.WriteByte(0xfd);
            ms.Write(tlsBody, 2, sessionEnd - 2);
            ms.WriteByte((byte)cookie.Length);
            ms.Write(cookie, 0, cookie.Length);
            ms.Write(tlsBody, sessionEnd, tlsBody.Length - sessionEnd);
            return ms.ToArray();
        }

        /// <summary>A HelloVerifyRequest body (RFC 6347 4.2.1).</summary>
        public static byte[] HelloVerifyRequest(byte[] cookie)
        {
            byte[] b = new byte[3 + cookie.Length];
            b[0] = 0xfe;
            b[1] = 0xff;
            b[2] = (byte)cookie.Length;
            cookie.CopyTo(b, 3);
            return b;
        }

        /// <summary>One handshake fragment: the 12-byte DTLS handshake header and body[offset..offset+length).</summary>
        public static byte[] Fragment(Message m, int offset, int length)
        {
            byte[] f = new byte[12 + length];
            f[0] = (byte)m.Type;
            U24(f, 1, m.Body.Length);
            f[4] = (byte)(m.Seq >> 8);
            f[5] = (byte)m.Seq;
            U24(f, 6, offset);
            U24(f, 9, length);
            Array.Copy(m.Body, offset, f, 12, length);
            return f;
        }

        /// <summary>A DTLSPlaintext record.</summary>
        public static byte[] Record(byte contentType, ushort epoch, long sequence, byte[] fragment, ushort version = Dtls12)
        {
            byte[] r = new byte[13 + fragment.Length];
            r[0] = contentType;
            r[1] = (byte)(version >> 8);
            r[2] = (byte)version;
            r[3] = (byte)(epoch >> 8);
            r[4] = (byte)epoch;
            for (int i = 0; i < 6; i++)
            {
                r[5 + i] = (byte)(sequence >> (8 * (5 - i)));
            }

            r[11] = (byte)(fragment.Length >> 8);
            r[12] = (byte)fragment.Length;
            fragment.CopyTo(r, 13);
            return r;
        }

        /// <summary>Each message whole in one handshake record, one record per datagram.</summary>
        public static List<byte[]> Unfragmented(IEnumerable<Message> messages)
        {
            var list = new List<byte[]>();
            long seq = 0;
            foreach (Message m in messages)
            {
                list.Add(Record(22, 0, seq++, Fragment(m, 0, m.Body.Length)));
            }

            return list;
        }

        public static byte[] Concat(params byte[][] parts)
        {
            var ms = new MemoryStream();
            foreach (byte[] p in parts)
            {
                ms.Write(p, 0, p.Length);
            }

            return ms.ToArray();
        }

        private static void U24(byte[] b, int at, int v)
        {
            b[at] = (byte)(v >> 16);
            b[at + 1] = (byte)(v >> 8);
            b[at + 2] = (byte)v;
        }
    }
}
