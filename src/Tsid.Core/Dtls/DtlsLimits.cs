using System;
using Tsid.Tls;

namespace Tsid.Dtls
{
    /// <summary>
    /// Bounds on what a <see cref="DtlsConnectionObserver"/> keeps per direction. Message sizes, the reorder window
    /// and the coverage ranges of reassembly belong to the one handshake reassembler (<see cref="TlsHandshakeLimits"/>,
    /// <see cref="HandshakeMessageReassembler.MaxReorderRanges"/>); these bound the DTLS layer in front of it.
    /// Immutable; <see cref="Default"/> serves every connection.
    /// </summary>
    public sealed class DtlsLimits
    {
        /// <summary>
        /// Default number of message_seq values tracked per direction in epoch 0: 32. A DTLS 1.2 flight has at most
        /// seven messages and a handshake with a HelloVerifyRequest about a dozen per direction; later ones are encrypted.
        /// </summary>
        public const int DefaultMaxMessageSequence = 32;

        /// <summary>
        /// Default number of fragments held because an earlier message's length is not yet known (so their place in
        /// the handshake stream is not either): 32, the reassembler's <see cref="HandshakeMessageReassembler.MaxReorderRanges"/>.
        /// </summary>
        public const int DefaultMaxPendingFragments = 32;

        /// <summary>Default cap on the bytes of those fragments: 16 KiB, like <see cref="TlsHandshakeLimits.DefaultMaxReorderWindow"/>.</summary>
        public const int DefaultMaxPendingBytes = 16 * 1024;

        /// <summary>Default cap on records in one datagram: 64 (a 1,500-byte datagram holds at most 115 empty records; real ones hold a few).</summary>
        public const int DefaultMaxRecordsPerDatagram = 64;

        /// <summary>
        /// The most separate byte ranges one direction's handshake stream may have while fragments arrive out of order
        /// (every message's missing pieces count): the reassembler's <see cref="HandshakeMessageReassembler.MaxReorderRanges"/>.
        /// </summary>
        public const int MaxCoverageRanges = HandshakeMessageReassembler.MaxReorderRanges;

        /// <summary>The largest value any of these limits may be set to.</summary>
        public const int MaxLimit = 1 << 20;

        private readonly int _maxMessageSequence = DefaultMaxMessageSequence;
        private readonly int _maxPendingFragments = DefaultMaxPendingFragments;
        private readonly int _maxPendingBytes = DefaultMaxPendingBytes;
        private readonly int _maxRecordsPerDatagram = DefaultMaxRecordsPerDatagram;

        /// <summary>The defaults.</summary>
        public static DtlsLimits Default { get; } = new DtlsLimits();

        /// <summary>message_seq values 0 … this − 1 are tracked; a higher one is <see cref="DtlsErrorCode.MessageSequenceTooHigh"/>.</summary>
        public int MaxMessageSequence { get => _maxMessageSequence; init => _maxMessageSequence = Check(value, 1); }

        /// <summary>Fragments held while their place is unknown; more is <see cref="DtlsErrorCode.TooManyPendingFragments"/>.</summary>
        public int MaxPendingFragments { get => _maxPendingFragments; init => _maxPendingFragments = Check(value, 0); }

        /// <summary>Bytes of fragments held while their place is unknown; more is <see cref="DtlsErrorCode.TooManyPendingFragments"/>.</summary>
        public int MaxPendingBytes { get => _maxPendingBytes; init => _maxPendingBytes = Check(value, 0); }

        /// <summary>Records read from one datagram; more is <see cref="DtlsErrorCode.TooManyRecords"/>.</summary>
        public int MaxRecordsPerDatagram { get => _maxRecordsPerDatagram; init => _maxRecordsPerDatagram = Check(value, 1); }

        private static int Check(int value, int min)
        {
            if (value < min || value > MaxLimit)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "A DTLS limit must be between " + min.ToString(System.Globalization.CultureInfo.InvariantCulture) + " and 2^20.");
            }

            return value;
        }
    }
}
