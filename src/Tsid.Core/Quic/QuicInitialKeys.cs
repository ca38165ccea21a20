#if NET8_0_OR_GREATER
using System;
using System.Security.Cryptography;

namespace Tsid.Quic
{
    /// <summary>
    /// The Initial packet protection of one direction (RFC 9001 5.2, 5.3, 5.4; RFC 9369 3.3): an AES-128-GCM object for
    /// the payload, an AES-128 object for the header-protection mask, and the IV. Made once per connection direction when
    /// the client's first Destination Connection ID is known; reused for every packet (no per-packet allocation).
    /// </summary>
    internal sealed class QuicInitialKeys : IDisposable
    {
        /// <summary>AES-128 key length (RFC 9001 5.3: AEAD_AES_128_GCM).</summary>
        public const int KeyLength = 16;

        /// <summary>AEAD nonce / IV length (RFC 9001 5.3).</summary>
        public const int IvLength = 12;

        /// <summary>AEAD tag length (RFC 9001 5.3).</summary>
        public const int TagLength = 16;

        /// <summary>Header-protection sample length (RFC 9001 5.4.2).</summary>
        public const int SampleLength = 16;

        /// <summary>SHA-256 output length: the Initial secrets' length (RFC 9001 5.2).</summary>
        public const int SecretLength = 32;

        // RFC 9001 5.2: initial_salt of QUIC v1 (also draft-33 and draft-34, which introduced it).
        private static ReadOnlySpan<byte> SaltV1 => new byte[] { 0x38, 0x76, 0x2c, 0xf7, 0xf5, 0x59, 0x34, 0xb3, 0x4d, 0x17, 0x9a, 0xe6, 0xa4, 0xc8, 0x0c, 0xad, 0xcc, 0xbb, 0x7f, 0x0a };

        // RFC 9369 3.3.1: initial_salt of QUIC v2.
        private static ReadOnlySpan<byte> SaltV2 => new byte[] { 0x0d, 0xed, 0xe3, 0xde, 0xf7, 0x00, 0xa6, 0xdb, 0x81, 0x93, 0x81, 0xbe, 0x6e, 0x26, 0x9d, 0xcb, 0xf9, 0xbd, 0x2e, 0xd9 };

        // draft-ietf-quic-tls-29 5.2: initial_salt of drafts 29 to 32.
        private static ReadOnlySpan<byte> SaltDraft29 => new byte[] { 0xaf, 0xbf, 0xec, 0x28, 0x99, 0x93, 0xd2, 0x4c, 0x9e, 0x97, 0x86, 0xf1, 0x9c, 0x61, 0x11, 0xe0, 0x43, 0x90, 0xa8, 0x99 };

        private readonly AesGcm _aead;
        private readonly Aes _hp;
        private readonly ICryptoTransform _hpEncryptor;
        private readonly byte[] _iv = new byte[IvLength];
        private readonly byte[] _sample = new byte[SampleLength];
        private readonly byte[] _mask = new byte[SampleLength];

        private QuicInitialKeys(ReadOnlySpan<byte> key, ReadOnlySpan<byte> iv, ReadOnlySpan<byte> hp)
        {
            _aead = new AesGcm(key, TagLength);
            _hp = Aes.Create();
            _hp.Key = hp.ToArray();
            _hp.Mode = CipherMode.ECB;
            _hp.Padding = PaddingMode.None;

            // One reusable ECB encryptor: Aes.EncryptEcb makes a native cipher context per call (an allocation per
            // packet); TransformBlock over two fixed 16-byte arrays does not.
            _hpEncryptor = _hp.CreateEncryptor();
            iv.CopyTo(_iv);
        }

        /// <summary>Derives one direction's keys from the client's first Destination Connection ID.</summary>
        public static QuicInitialKeys Create(QuicVersion version, ReadOnlySpan<byte> clientDestinationConnectionId, bool server)
        {
            Span<byte> key = stackalloc byte[KeyLength];
            Span<byte> iv = stackalloc byte[IvLength];
            Span<byte> hp = stackalloc byte[KeyLength];
            Derive(version, clientDestinationConnectionId, server, key, iv, hp);
            return new QuicInitialKeys(key, iv, hp);
        }

        /// <summary>
        /// RFC 9001 5.2 (RFC 9369 3.3 for v2): initial_secret = HKDF-Extract(initial_salt, client_dst_connection_id);
        /// client_initial_secret / server_initial_secret = HKDF-Expand-Label(initial_secret, "client in" / "server in", "", 32);
        /// then key, iv and hp with the version's labels.
        /// </summary>
        public static void Derive(QuicVersion version, ReadOnlySpan<byte> clientDestinationConnectionId, bool server, Span<byte> key, Span<byte> iv, Span<byte> hp)
        {
            Span<byte> initial = stackalloc byte[SecretLength];
            Span<byte> secret = stackalloc byte[SecretLength];
            HKDF.Extract(HashAlgorithmName.SHA256, clientDestinationConnectionId, SaltOf(version), initial);
            ExpandLabel(initial, server ? "server in"u8 : "client in"u8, secret);
            bool v2 = version.IsV2;
            ExpandLabel(secret, v2 ? "quicv2 key"u8 : "quic key"u8, key);
            ExpandLabel(secret, v2 ? "quicv2 iv"u8 : "quic iv"u8, iv);
            ExpandLabel(secret, v2 ? "quicv2 hp"u8 : "quic hp"u8, hp);
            initial.Clear();
            secret.Clear();
        }

        /// <summary>The Initial secret of a direction (for tests: RFC 9001 A.1 gives them).</summary>
        public static void DeriveSecret(QuicVersion version, ReadOnlySpan<byte> clientDestinationConnectionId, bool server, Span<byte> secret)
        {
            Span<byte> initial = stackalloc byte[SecretLength];
            HKDF.Extract(HashAlgorithmName.SHA256, clientDestinationConnectionId, SaltOf(version), initial);
            ExpandLabel(initial, server ? "server in"u8 : "client in"u8, secret);
        }

        /// <summary>
        /// RFC 8446 7.1: HKDF-Expand-Label(Secret, Label, "", Length) with HkdfLabel = uint16 length, opaque
        /// label&lt;7..255&gt; = "tls13 " + Label, opaque context&lt;0..255&gt; = "".
        /// </summary>
        public static void ExpandLabel(ReadOnlySpan<byte> secret, ReadOnlySpan<byte> label, Span<byte> output)
        {
            Span<byte> info = stackalloc byte[2 + 1 + 6 + 32 + 1];
            info[0] = (byte)(output.Length >> 8);
            info[1] = (byte)output.Length;
            info[2] = (byte)(6 + label.Length);
            "tls13 "u8.CopyTo(info.Slice(3));
            label.CopyTo(info.Slice(9));
            info[9 + label.Length] = 0;
            HKDF.Expand(HashAlgorithmName.SHA256, secret, output, info.Slice(0, 10 + label.Length));
        }

        /// <summary>RFC 9001 5.4.3: mask = AES-ECB(hp_key, sample).</summary>
        public void HeaderProtectionMask(ReadOnlySpan<byte> sample, Span<byte> mask)
        {
            sample.CopyTo(_sample);
            _hpEncryptor.TransformBlock(_sample, 0, SampleLength, _mask, 0);
            _mask.AsSpan().CopyTo(mask);
        }

        /// <summary>
        /// RFC 9001 5.3: nonce = iv XOR packet number (left-padded); decrypts <paramref name="ciphertext"/> into
        /// <paramref name="plaintext"/>; false on a tag mismatch (the BCL's exception stays inside).
        /// </summary>
        public bool TryDecrypt(ulong packetNumber, ReadOnlySpan<byte> header, ReadOnlySpan<byte> ciphertext, ReadOnlySpan<byte> tag, Span<byte> plaintext)
        {
            Span<byte> nonce = stackalloc byte[IvLength];
            _iv.CopyTo(nonce);
            for (int i = 0; i < 8; i++)
            {
                nonce[IvLength - 1 - i] ^= (byte)(packetNumber >> (8 * i));
            }

            try
            {
                _aead.Decrypt(nonce, ciphertext, tag, plaintext, header);
                return true;
            }
            catch (CryptographicException)
            {
                // AuthenticationTagMismatchException: RFC 9001 5.3 says to discard the packet; the caller reports it.
                return false;
            }
        }

        /// <summary>RFC 9001 5.3 in the other direction: the test writer's and the documentation's way to build Initials.</summary>
        public void Encrypt(ulong packetNumber, ReadOnlySpan<byte> header, ReadOnlySpan<byte> plaintext, Span<byte> ciphertext, Span<byte> tag)
        {
            Span<byte> nonce = stackalloc byte[IvLength];
            _iv.CopyTo(nonce);
            for (int i = 0; i < 8; i++)
            {
                nonce[IvLength - 1 - i] ^= (byte)(packetNumber >> (8 * i));
            }

            _aead.Encrypt(nonce, plaintext, ciphertext, tag, header);
        }

        /// <summary>Frees the native key objects.</summary>
        public void Dispose()
        {
            _aead.Dispose();
            _hpEncryptor.Dispose();
            _hp.Dispose();
        }

        private static ReadOnlySpan<byte> SaltOf(QuicVersion version) =>
            version.IsV2 ? SaltV2
            : version.Value >= QuicVersion.FirstDraftValue && version.Value <= 0xff000020 ? SaltDraft29
            : SaltV1;
    }
}
#endif
