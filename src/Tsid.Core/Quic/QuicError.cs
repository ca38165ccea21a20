using System;
using System.Globalization;
using Tsid.Tls;

namespace Tsid.Quic
{
    /// <summary>
    /// What was wrong in a QUIC datagram and where: the direction, which datagram of that observer (counted from 0 over
    /// both directions), the byte offset inside that datagram, and which coalesced packet of it (RFC 9000 12.2).
    /// </summary>
    public readonly struct QuicError : IEquatable<QuicError>
    {
        /// <summary>Creates an error.</summary>
        /// <param name="code">What was wrong.</param>
        /// <param name="direction">Which direction's datagram.</param>
        /// <param name="datagramIndex">Which datagram fed to the observer (0 for the first).</param>
        /// <param name="offset">The byte offset inside the datagram.</param>
        /// <param name="packetIndex">The index of the packet inside the datagram (0 for the first).</param>
        public QuicError(QuicErrorCode code, TlsDirection direction, long datagramIndex, int offset, int packetIndex)
        {
            Code = code;
            Direction = direction;
            DatagramIndex = datagramIndex;
            Offset = offset;
            PacketIndex = packetIndex;
        }

        /// <summary>What was wrong; <see cref="QuicErrorCode.None"/> when nothing was.</summary>
        public QuicErrorCode Code { get; }

        /// <summary>The direction of the datagram.</summary>
        public TlsDirection Direction { get; }

        /// <summary>Which datagram fed to the observer, counted from 0 over both directions.</summary>
        public long DatagramIndex { get; }

        /// <summary>The byte offset inside the datagram of the offending field, packet or frame.</summary>
        public int Offset { get; }

        /// <summary>Which coalesced packet of the datagram (0 for the first).</summary>
        public int PacketIndex { get; }

        /// <summary>True when this holds an error.</summary>
        public bool IsError => Code != QuicErrorCode.None;

        /// <summary>The error as <c>Code@datagram:offset#packet</c>, e.g. <c>AeadTagMismatch@0:1162#1</c>.</summary>
        /// <returns>The text.</returns>
        public override string ToString() => Code == QuicErrorCode.None
            ? "None"
            : Code.ToString() + "@" + DatagramIndex.ToString(CultureInfo.InvariantCulture) + ":" + Offset.ToString(CultureInfo.InvariantCulture) + "#" + PacketIndex.ToString(CultureInfo.InvariantCulture);

        /// <inheritdoc/>
        public bool Equals(QuicError other) => Code == other.Code && Direction == other.Direction && DatagramIndex == other.DatagramIndex && Offset == other.Offset && PacketIndex == other.PacketIndex;

        /// <inheritdoc/>
        public override bool Equals(object? obj) => obj is QuicError other && Equals(other);

        /// <inheritdoc/>
        public override int GetHashCode() => ((((int)Code * 397) ^ (int)Direction) * 397) ^ DatagramIndex.GetHashCode() ^ (Offset * 31) ^ PacketIndex;

        /// <summary>Equality.</summary>
        /// <param name="left">Left.</param>
        /// <param name="right">Right.</param>
        /// <returns>True when equal.</returns>
        public static bool operator ==(QuicError left, QuicError right) => left.Equals(right);

        /// <summary>Inequality.</summary>
        /// <param name="left">Left.</param>
        /// <param name="right">Right.</param>
        /// <returns>True when different.</returns>
        public static bool operator !=(QuicError left, QuicError right) => !left.Equals(right);
    }
}
