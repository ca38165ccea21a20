using System;

namespace Tsid.Quic
{
    /// <summary>
    /// Bounds on what a <see cref="QuicConnectionObserver"/> reads and keeps. The handshake messages themselves are
    /// bounded by <see cref="Tsid.Tls.TlsHandshakeLimits"/> (ClientHello cap, reorder window of out-of-order CRYPTO
    /// data) and the reassembler's <see cref="Tsid.Tls.HandshakeMessageReassembler.MaxReorderRanges"/> (gaps); these
    /// limits bound the QUIC layer around it. Immutable; <see cref="Default"/> serves every connection.
    /// </summary>
    public sealed class QuicLimits
    {
        /// <summary>
        /// Default cap on each direction's CRYPTO stream in Initial packets: 64 KiB, like the TLS ClientHello cap plus room
        /// for a HelloRetryRequest round (a post-quantum ClientHello is about 1.8 KB; RFC 9000 7.5 lets endpoints limit it).
        /// </summary>
        public const int DefaultMaxCryptoBytes = 64 * 1024;

        /// <summary>
        /// Default cap on long-header packets coalesced in one datagram: 8. RFC 9000 12.2 allows one per packet type and
        /// version (Initial, 0-RTT, Handshake; and two versions in compatible negotiation); more is an attack, not a client.
        /// </summary>
        public const int DefaultMaxPacketsPerDatagram = 8;

        /// <summary>
        /// Default cap on one protected packet: 4096 bytes, the scratch buffer's size. Initial datagrams are at least 1200
        /// bytes (RFC 9000 14.1) and stay under the path MTU in practice (about 1500).
        /// </summary>
        public const int DefaultMaxPacketLength = 4096;

        /// <summary>
        /// Default cap on Initial packets decrypted per direction: 64 (retransmissions included). After that a direction's
        /// Initials are counted as errors rather than decrypted, so a flood costs bounded work per connection.
        /// </summary>
        public const int DefaultMaxInitialPackets = 64;

        /// <summary>The largest connection ID of v1, v2 and the drafts (RFC 9000 17.2).</summary>
        public const int MaxConnectionIdLength = 20;

        /// <summary>The smallest value any limit may be set to.</summary>
        public const int MinLimit = 1;

        private readonly int _maxCryptoBytes = DefaultMaxCryptoBytes;
        private readonly int _maxPacketsPerDatagram = DefaultMaxPacketsPerDatagram;
        private readonly int _maxPacketLength = DefaultMaxPacketLength;
        private readonly int _maxInitialPackets = DefaultMaxInitialPackets;

        /// <summary>The defaults.</summary>
        public static QuicLimits Default { get; } = new QuicLimits();

        /// <summary>
        /// Cap on the end offset (offset + length) of any CRYPTO frame in a direction's Initial packets; beyond is
        /// <see cref="QuicErrorCode.CryptoLimitExceeded"/>.
        /// </summary>
        public int MaxCryptoBytes { get => _maxCryptoBytes; init => _maxCryptoBytes = Check(value, 1 << 24); }

        /// <summary>Cap on long-header packets in one datagram; more is <see cref="QuicErrorCode.TooManyPackets"/>.</summary>
        public int MaxPacketsPerDatagram { get => _maxPacketsPerDatagram; init => _maxPacketsPerDatagram = Check(value, 64); }

        /// <summary>
        /// Cap on one Initial packet (header, payload and tag); a longer one is <see cref="QuicErrorCode.PacketTooLarge"/>.
        /// It sizes the observer's one scratch buffer, rented from the shared pool on first use.
        /// </summary>
        public int MaxPacketLength { get => _maxPacketLength; init => _maxPacketLength = Check(value, 65535); }

        /// <summary>Cap on Initial packets decrypted per direction; more is <see cref="QuicErrorCode.TooManyInitialPackets"/>.</summary>
        public int MaxInitialPackets { get => _maxInitialPackets; init => _maxInitialPackets = Check(value, 1 << 20); }

        private static int Check(int value, int max)
        {
            if (value < MinLimit || value > max)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "A QUIC limit must be between 1 and " + max.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".");
            }

            return value;
        }
    }
}
