using System;
using System.Globalization;

namespace Tsid.Quic
{
    /// <summary>
    /// A QUIC version: the 32-bit Version field of a long header (RFC 8999 5.1, RFC 9000 15), kept raw whatever its
    /// value, with names for the versions this library can read: v1 (RFC 9000, 0x00000001), v2 (RFC 9369, 0x6b3343cf)
    /// and the IETF drafts 29 to 34 (0xff00001d to 0xff000022).
    /// </summary>
    public readonly struct QuicVersion : IEquatable<QuicVersion>
    {
        /// <summary>The wire value of QUIC version 1 (RFC 9000 15).</summary>
        public const uint V1Value = 0x00000001;

        /// <summary>The wire value of QUIC version 2 (RFC 9369 3.1).</summary>
        public const uint V2Value = 0x6b3343cf;

        /// <summary>The wire value of draft-ietf-quic-transport-29, the oldest draft read here.</summary>
        public const uint FirstDraftValue = 0xff00001d;

        /// <summary>The wire value of draft-ietf-quic-transport-34, the last draft.</summary>
        public const uint LastDraftValue = 0xff000022;

        /// <summary>Creates a version from its wire value.</summary>
        /// <param name="value">The 32-bit Version field.</param>
        public QuicVersion(uint value) => Value = value;

        /// <summary>QUIC version 1.</summary>
        public static QuicVersion V1 => new QuicVersion(V1Value);

        /// <summary>QUIC version 2.</summary>
        public static QuicVersion V2 => new QuicVersion(V2Value);

        /// <summary>
        /// The wire value. 0 is the Version field of a Version Negotiation packet (RFC 9000 17.2.1), and also what
        /// <see cref="QuicConnectionObserver.Version"/> holds before any other long header was seen (<see cref="IsNone"/>).
        /// </summary>
        public uint Value { get; }

        /// <summary>True for 0: no version (or the Version Negotiation marker).</summary>
        public bool IsNone => Value == 0;

        /// <summary>True for QUIC v1.</summary>
        public bool IsV1 => Value == V1Value;

        /// <summary>True for QUIC v2.</summary>
        public bool IsV2 => Value == V2Value;

        /// <summary>True for an IETF draft version 0xff0000NN (any NN).</summary>
        public bool IsDraft => (Value & 0xffffff00) == 0xff000000;

        /// <summary>The draft number of an <see cref="IsDraft"/> version (29 for 0xff00001d), else 0.</summary>
        public int DraftNumber => IsDraft ? (int)(Value & 0xff) : 0;

        /// <summary>
        /// True for a version reserved to exercise version negotiation, 0x?a?a?a?a (RFC 9000 15): a client that sends
        /// one expects a Version Negotiation packet, never a handshake.
        /// </summary>
        public bool IsReserved => (Value & 0x0f0f0f0f) == 0x0a0a0a0a;

        /// <summary>True when this library can derive the version's Initial keys: v1, v2 and drafts 29 to 34.</summary>
        public bool IsSupported => IsV1 || IsV2 || (Value >= FirstDraftValue && Value <= LastDraftValue);

        /// <summary>
        /// True when the version numbers long-header packet types as v2 does (RFC 9369 3.2: Initial 0b01, 0-RTT 0b10,
        /// Handshake 0b11, Retry 0b00); v1 and the drafts use Initial 0b00, 0-RTT 0b01, Handshake 0b10, Retry 0b11.
        /// </summary>
        internal bool UsesV2PacketTypes => IsV2;

        /// <summary><c>v1</c>, <c>v2</c>, <c>draft-29</c> … <c>draft-34</c> (any draft number), or <c>0x</c> and eight hex digits.</summary>
        /// <returns>The name.</returns>
        public override string ToString()
        {
            if (IsV1)
            {
                return "v1";
            }

            if (IsV2)
            {
                return "v2";
            }

            if (IsDraft)
            {
                return "draft-" + DraftNumber.ToString(CultureInfo.InvariantCulture);
            }

            return "0x" + Value.ToString("x8", CultureInfo.InvariantCulture);
        }

        /// <inheritdoc/>
        public bool Equals(QuicVersion other) => Value == other.Value;

        /// <inheritdoc/>
        public override bool Equals(object? obj) => obj is QuicVersion other && Equals(other);

        /// <inheritdoc/>
        public override int GetHashCode() => (int)Value;

        /// <summary>Equality.</summary>
        /// <param name="left">Left.</param>
        /// <param name="right">Right.</param>
        /// <returns>True when equal.</returns>
        public static bool operator ==(QuicVersion left, QuicVersion right) => left.Equals(right);

        /// <summary>Inequality.</summary>
        /// <param name="left">Left.</param>
        /// <param name="right">Right.</param>
        /// <returns>True when different.</returns>
        public static bool operator !=(QuicVersion left, QuicVersion right) => !left.Equals(right);
    }
}
