using System;
using System.Buffers;
#if NET8_0_OR_GREATER
using System.Security.Cryptography;
#endif
using Tsid.Tls;

namespace Tsid.Quic
{
    /// <summary>Initial packet protection (RFC 9001 5) and Retry integrity (RFC 9001 5.8).</summary>
    public sealed partial class QuicConnectionObserver
    {
#if NET8_0_OR_GREATER
        // RFC 9001 5.8: the fixed Retry integrity key and nonce of v1 (also drafts 33 and 34).
        private static ReadOnlySpan<byte> RetryKeyV1 => new byte[] { 0xbe, 0x0c, 0x69, 0x0b, 0x9f, 0x66, 0x57, 0x5a, 0x1d, 0x76, 0x6b, 0x54, 0xe3, 0x68, 0xc8, 0x4e };

        private static ReadOnlySpan<byte> RetryNonceV1 => new byte[] { 0x46, 0x15, 0x99, 0xd3, 0x5d, 0x63, 0x2b, 0xf2, 0x23, 0x98, 0x25, 0xbb };

        // RFC 9369 3.3.3: v2's.
        private static ReadOnlySpan<byte> RetryKeyV2 => new byte[] { 0x8f, 0xb4, 0xb0, 0x1b, 0x56, 0xac, 0x48, 0xe2, 0x60, 0xfb, 0xcb, 0xce, 0xad, 0x7c, 0xcc, 0x92 };

        private static ReadOnlySpan<byte> RetryNonceV2 => new byte[] { 0xd8, 0x69, 0x69, 0xbc, 0x2d, 0x7c, 0x6d, 0x99, 0x90, 0xef, 0xb0, 0x4a };

        // draft-ietf-quic-tls-29 5.8: drafts 29 to 32.
        private static ReadOnlySpan<byte> RetryKeyDraft29 => new byte[] { 0xcc, 0xce, 0x18, 0x7e, 0xd0, 0x9a, 0x09, 0xd0, 0x57, 0x28, 0x15, 0x5a, 0x6c, 0xb9, 0x6b, 0xe1 };

        private static ReadOnlySpan<byte> RetryNonceDraft29 => new byte[] { 0xe5, 0x49, 0x30, 0xf9, 0x7f, 0x21, 0x36, 0xf0, 0x53, 0x0a, 0x8c, 0x1c };

        private readonly byte[] _keysDcid = new byte[QuicLimits.MaxConnectionIdLength];
        private int _keysDcidLength = -1;
        private QuicVersion _keysVersion;
        private QuicInitialKeys? _clientKeys;
        private QuicInitialKeys? _serverKeys;

        /// <summary>
        /// RFC 9001 5.4: remove header protection (mask from the sample 4 bytes after the packet number's start), decode
        /// the packet number (RFC 9000 A.3), decrypt the payload into the scratch buffer (RFC 9001 5.3), read its frames.
        /// </summary>
        private partial OperationStatus ReadInitial(TlsDirection direction, QuicVersion version, ReadOnlySpan<byte> packet, int packetAt, int pnOffset)
        {
            if (packet.Length < pnOffset + 4 + QuicInitialKeys.SampleLength)
            {
                return Fail(QuicErrorCode.PacketTooShortForSample, packetAt);
            }

            EnsureKeys(version);
            QuicInitialKeys keys = direction == TlsDirection.ClientToServer ? _clientKeys! : _serverKeys!;
            Span<byte> mask = stackalloc byte[QuicInitialKeys.SampleLength];
            keys.HeaderProtectionMask(packet.Slice(pnOffset + 4, QuicInitialKeys.SampleLength), mask);

            // RFC 9001 5.4.1: the low 4 bits of a long header's first byte, then the packet number bytes.
            byte first = (byte)(packet[0] ^ (mask[0] & 0x0f));
            int pnLength = (first & 0x03) + 1;
            int headerLength = pnOffset + pnLength;
            byte[] scratch = Scratch();
            packet.Slice(0, headerLength).CopyTo(scratch);
            scratch[0] = first;
            long truncated = 0;
            for (int i = 0; i < pnLength; i++)
            {
                byte b = (byte)(packet[pnOffset + i] ^ mask[1 + i]);
                scratch[pnOffset + i] = b;
                truncated = (truncated << 8) | b;
            }

            ref DirectionState state = ref State(direction);
            long packetNumber = DecodePacketNumber(state.LargestPacketNumber, truncated, 8 * pnLength);
            int cipherLength = packet.Length - headerLength - QuicInitialKeys.TagLength;
            Span<byte> plaintext = scratch.AsSpan(headerLength, cipherLength);
            if (!keys.TryDecrypt(
                (ulong)packetNumber,
                scratch.AsSpan(0, headerLength),
                packet.Slice(headerLength, cipherLength),
                packet.Slice(packet.Length - QuicInitialKeys.TagLength),
                plaintext))
            {
                DecryptFailures++;
                return Fail(QuicErrorCode.AeadTagMismatch, packetAt);
            }

            if ((first & 0x0c) != 0)
            {
                // RFC 9000 17.2: Reserved Bits must be 0 once protection is removed (a PROTOCOL_VIOLATION).
                return FailDirection(QuicErrorCode.ReservedBitsSet, packetAt);
            }

            if (packetNumber > state.LargestPacketNumber)
            {
                state.LargestPacketNumber = packetNumber;
            }

            InitialPacketCount++;
            return ReadFrames(direction, plaintext, packetAt + headerLength);
        }

        /// <summary>
        /// RFC 9000 17.2.5: a Retry from the server (at most one is followed, 17.2.5.2) whose integrity tag (RFC 9001
        /// 5.8: AES-128-GCM with a fixed key over the Retry pseudo-packet, which starts with the client's original
        /// Destination Connection ID) matches: its Source Connection ID becomes the Destination Connection ID the Initial
        /// keys come from.
        /// </summary>
        private partial OperationStatus ReadRetry(bool fromClient, ReadOnlySpan<byte> packet, int packetAt, QuicVersion version, ReadOnlySpan<byte> sourceConnectionId)
        {
            if (fromClient)
            {
                return Fail(QuicErrorCode.InvalidRetryOrVersionNegotiation, packetAt);
            }

            RetrySeen = true;
            int headerLength = 7 + packet[5] + packet[6 + packet[5]];
            if (packet.Length < headerLength + QuicInitialKeys.TagLength)
            {
                return Fail(QuicErrorCode.InvalidRetryOrVersionNegotiation, packetAt);
            }

            if (_retryFollowed || _clientDcidLength < 0 || 1 + _clientDcidLength + packet.Length - QuicInitialKeys.TagLength > _limits.MaxPacketLength)
            {
                // A second Retry, or one whose client Initial was not seen: not followed (RFC 9000 17.2.5.2).
                return OperationStatus.NeedMoreData;
            }

            // Retry Pseudo-Packet: ODCID Length (8), Original Destination Connection ID, the Retry without its tag.
            byte[] scratch = Scratch();
            scratch[0] = (byte)_clientDcidLength;
            _clientDcid.AsSpan(0, _clientDcidLength).CopyTo(scratch.AsSpan(1));
            int pseudoLength = 1 + _clientDcidLength + packet.Length - QuicInitialKeys.TagLength;
            packet.Slice(0, packet.Length - QuicInitialKeys.TagLength).CopyTo(scratch.AsSpan(1 + _clientDcidLength));
            Span<byte> tag = stackalloc byte[QuicInitialKeys.TagLength];
            bool v2 = version.IsV2;
            bool draft = version.Value >= QuicVersion.FirstDraftValue && version.Value <= 0xff000020;
            using (var aead = new AesGcm(v2 ? RetryKeyV2 : draft ? RetryKeyDraft29 : RetryKeyV1, QuicInitialKeys.TagLength))
            {
                aead.Encrypt(v2 ? RetryNonceV2 : draft ? RetryNonceDraft29 : RetryNonceV1, ReadOnlySpan<byte>.Empty, Span<byte>.Empty, tag, scratch.AsSpan(0, pseudoLength));
            }

            if (!CryptographicOperations.FixedTimeEquals(tag, packet.Slice(packet.Length - QuicInitialKeys.TagLength)))
            {
                return Fail(QuicErrorCode.RetryIntegrityTagMismatch, packetAt + packet.Length - QuicInitialKeys.TagLength);
            }

            sourceConnectionId.CopyTo(_clientDcid);
            _clientDcidLength = sourceConnectionId.Length;
            _retryFollowed = true;
            return OperationStatus.NeedMoreData;
        }

        private partial void DisposeKeys()
        {
            _clientKeys?.Dispose();
            _serverKeys?.Dispose();
            _clientKeys = null;
            _serverKeys = null;
            _keysDcidLength = -1;
        }

        /// <summary>Both directions' keys for the current client DCID and version: derived once, kept across <see cref="Reset"/> while they match.</summary>
        private void EnsureKeys(QuicVersion version)
        {
            ReadOnlySpan<byte> dcid = _clientDcid.AsSpan(0, _clientDcidLength);
            if (_clientKeys is not null && _keysVersion == version && dcid.SequenceEqual(_keysDcid.AsSpan(0, _keysDcidLength)))
            {
                return;
            }

            DisposeKeys();
            _clientKeys = QuicInitialKeys.Create(version, dcid, server: false);
            _serverKeys = QuicInitialKeys.Create(version, dcid, server: true);
            dcid.CopyTo(_keysDcid);
            _keysDcidLength = dcid.Length;
            _keysVersion = version;
        }
#else
        /// <summary>netstandard2.0 has neither HKDF nor AES-GCM: an Initial is reported, not read.</summary>
        private partial OperationStatus ReadInitial(TlsDirection direction, QuicVersion version, ReadOnlySpan<byte> packet, int packetAt, int pnOffset) =>
            Fail(QuicErrorCode.DecryptionNotSupported, packetAt);

        /// <summary>netstandard2.0: the Retry is counted; its tag cannot be checked, so it is not followed.</summary>
        private partial OperationStatus ReadRetry(bool fromClient, ReadOnlySpan<byte> packet, int packetAt, QuicVersion version, ReadOnlySpan<byte> sourceConnectionId)
        {
            if (fromClient)
            {
                return Fail(QuicErrorCode.InvalidRetryOrVersionNegotiation, packetAt);
            }

            RetrySeen = true;
            return OperationStatus.NeedMoreData;
        }

        private partial void DisposeKeys()
        {
        }
#endif
    }
}
