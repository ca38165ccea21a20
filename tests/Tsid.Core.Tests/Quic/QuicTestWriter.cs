using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using Tsid.Quic;

namespace Tsid.Tests.Quic
{
    /// <summary>
    /// Test-only writer of protected Initial packets: keys from the library's derivation (checked against RFC 9001 A.1
    /// and RFC 9369 A.1 byte for byte; on the netstandard2.0 run, QuicTestKeys, checked the same way), payload protection and header protection with the BCL directly (AesGcm, AES-ECB).
    /// </summary>
    internal static class QuicTestWriter
    {
        public static byte[] Varint(ulong v)
        {
            if (v < 64)
            {
                return new[] { (byte)v };
            }

            if (v < 16384)
            {
                return new[] { (byte)(0x40 | (v >> 8)), (byte)v };
            }

            if (v < (1UL << 30))
            {
                return new[] { (byte)(0x80 | (v >> 24)), (byte)(v >> 16), (byte)(v >> 8), (byte)v };
            }

            var b = new byte[8];
            for (int i = 0; i < 8; i++)
            {
                b[i] = (byte)(v >> (56 - (8 * i)));
            }

            b[0] |= 0xc0;
            return b;
        }

        public static byte[] Crypto(long offset, ReadOnlySpan<byte> data)
        {
            var frame = new List<byte> { 0x06 };
            frame.AddRange(Varint((ulong)offset));
            frame.AddRange(Varint((ulong)data.Length));
            frame.AddRange(data.ToArray());
            return frame.ToArray();
        }

        /// <summary>
        /// One protected Initial: <paramref name="keyDcid"/> is the client's first DCID (the keys' input), <paramref name="dcid"/>
        /// the packet's DCID. The payload is padded with PADDING frames to <paramref name="minPayload"/> bytes.
        /// </summary>
        public static byte[] Initial(QuicVersion version, bool server, ReadOnlySpan<byte> keyDcid, ReadOnlySpan<byte> dcid, ReadOnlySpan<byte> scid, ReadOnlySpan<byte> token, long packetNumber, int pnLength, byte[] frames, int minPayload = 0)
        {
            byte[] payload = frames;
            if (payload.Length < Math.Max(minPayload, 4))
            {
                payload = new byte[Math.Max(minPayload, 4)];
                frames.CopyTo(payload, 0);
            }

            int type = version.IsV2 ? 1 : 0;
            var header = new List<byte> { (byte)(0xc0 | (type << 4) | (pnLength - 1)) };
            header.Add((byte)(version.Value >> 24));
            header.Add((byte)(version.Value >> 16));
            header.Add((byte)(version.Value >> 8));
            header.Add((byte)version.Value);
            header.Add((byte)dcid.Length);
            header.AddRange(dcid.ToArray());
            header.Add((byte)scid.Length);
            header.AddRange(scid.ToArray());
            header.AddRange(Varint((ulong)token.Length));
            header.AddRange(token.ToArray());
            int length = pnLength + payload.Length + 16;
            header.Add((byte)(0x40 | (length >> 8)));
            header.Add((byte)length);
            int pnOffset = header.Count;
            for (int i = pnLength - 1; i >= 0; i--)
            {
                header.Add((byte)(packetNumber >> (8 * i)));
            }

            byte[] key = new byte[16];
            byte[] iv = new byte[12];
            byte[] hp = new byte[16];
#if TSID_NETSTANDARD_BUILD
            QuicTestKeys.Derive(version, keyDcid, server, key, iv, hp);
#else
            QuicInitialKeys.Derive(version, keyDcid, server, key, iv, hp);
#endif
            byte[] nonce = (byte[])iv.Clone();
            for (int i = 0; i < 8; i++)
            {
                nonce[11 - i] ^= (byte)(packetNumber >> (8 * i));
            }

            byte[] h = header.ToArray();
            byte[] packet = new byte[h.Length + payload.Length + 16];
            h.CopyTo(packet, 0);
            using (var gcm = new AesGcm(key, 16))
            {
                gcm.Encrypt(nonce, payload, packet.AsSpan(h.Length, payload.Length), packet.AsSpan(h.Length + payload.Length), h);
            }

            using var aes = Aes.Create();
            aes.Key = hp;
            byte[] mask = aes.EncryptEcb(packet.AsSpan(pnOffset + 4, 16).ToArray(), PaddingMode.None);
            packet[0] ^= (byte)(mask[0] & 0x0f);
            for (int i = 0; i < pnLength; i++)
            {
                packet[pnOffset + i] ^= mask[1 + i];
            }

            return packet;
        }

        public static byte[] Concat(params byte[][] parts)
        {
            var all = new List<byte>();
            foreach (byte[] p in parts)
            {
                all.AddRange(p);
            }

            return all.ToArray();
        }
    }
}
