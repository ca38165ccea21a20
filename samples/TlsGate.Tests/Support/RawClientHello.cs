using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Text;

namespace Tsid.Samples.TlsGate.Tests.Support
{
    /// <summary>
    /// A TLS 1.3 ClientHello written byte by byte (RFC 8446 4.1.2), the way a post-quantum browser sends it: an
    /// X25519MLKEM768 key share (group 0x11ec, 1184-byte ML-KEM-768 encapsulation key + 32-byte X25519 share = 1216 bytes,
    /// draft-ietf-tls-ecdhe-mlkem) first, then an X25519 share that a server without ML-KEM (OpenSSL 3.0 here) selects.
    /// The key material is random: the gateway reads the hello, it does not complete the handshake.
    /// </summary>
    internal static class RawClientHello
    {
        public const int MlKemShareLength = 1216;

        /// <summary>The hello; without <paramref name="x25519Share"/> it offers x25519 in supported_groups but sends only the
        /// ML-KEM share, so a server without ML-KEM answers with a HelloRetryRequest for x25519 (RFC 8446 4.1.4).</summary>
        public static byte[] PostQuantum(string serverName, bool x25519Share = true)
        {
            var ext = new List<byte>();
            byte[] name = Encoding.ASCII.GetBytes(serverName);

            // server_name (RFC 6066 3): ServerNameList { NameType host_name(0); HostName opaque<1..2^16-1> }
            Extension(ext, 0x0000, U16(Concat(new byte[] { 0 }, U16(name))));
            // supported_groups (RFC 8446 4.2.7): X25519MLKEM768, x25519
            Extension(ext, 0x000a, U16(new byte[] { 0x11, 0xec, 0x00, 0x1d }));
            // signature_algorithms (4.2.3): ecdsa_secp256r1_sha256, rsa_pss_rsae_sha256, rsa_pkcs1_sha256, ecdsa_secp384r1_sha384, rsa_pss_rsae_sha384
            Extension(ext, 0x000d, U16(new byte[] { 0x04, 0x03, 0x08, 0x04, 0x04, 0x01, 0x05, 0x03, 0x08, 0x05 }));
            // application_layer_protocol_negotiation (RFC 7301 3.1)
            Extension(ext, 0x0010, U16(Concat(U8(Encoding.ASCII.GetBytes("h2")), U8(Encoding.ASCII.GetBytes("http/1.1")))));
            // supported_versions (4.2.1): TLS 1.3 only
            Extension(ext, 0x002b, U8(new byte[] { 0x03, 0x04 }));
            // psk_key_exchange_modes (4.2.9): psk_dhe_ke
            Extension(ext, 0x002d, U8(new byte[] { 0x01 }));
            // key_share (4.2.8): KeyShareEntry { NamedGroup group; opaque key_exchange<1..2^16-1> }
            byte[] shares = Concat(new byte[] { 0x11, 0xec }, U16(RandomNumberGenerator.GetBytes(MlKemShareLength)));
            if (x25519Share)
            {
                shares = Concat(shares, new byte[] { 0x00, 0x1d }, U16(RandomNumberGenerator.GetBytes(32)));
            }

            Extension(ext, 0x0033, U16(shares));

            byte[] body = Concat(
                new byte[] { 0x03, 0x03 },                       // legacy_version
                RandomNumberGenerator.GetBytes(32),              // random
                U8(RandomNumberGenerator.GetBytes(32)),          // legacy_session_id (middlebox compatibility, D.4)
                U16(new byte[] { 0x13, 0x01, 0x13, 0x02, 0x13, 0x03 }),
                new byte[] { 0x01, 0x00 },                       // legacy_compression_methods: null
                U16(ext.ToArray()));
            byte[] handshake = Concat(new byte[] { 0x01, (byte)(body.Length >> 16), (byte)(body.Length >> 8), (byte)body.Length }, body);
            return Concat(new byte[] { 0x16, 0x03, 0x01 }, U16(handshake));   // one TLSPlaintext record (5.1)
        }

        private static void Extension(List<byte> list, ushort type, byte[] data)
        {
            list.Add((byte)(type >> 8));
            list.Add((byte)type);
            list.AddRange(U16(data));
        }

        private static byte[] U8(byte[] data) => Concat(new[] { (byte)data.Length }, data);

        private static byte[] U16(byte[] data) => Concat(new[] { (byte)(data.Length >> 8), (byte)data.Length }, data);

        private static byte[] Concat(params byte[][] parts)
        {
            var all = new List<byte>();
            foreach (byte[] part in parts)
            {
                all.AddRange(part);
            }

            return all.ToArray();
        }
    }
}
