using System;
using System.Globalization;
using Tsid.Tls;

namespace Tsid.Dtls
{
    /// <summary>A DTLS error: what, in which direction, in which datagram and where in it.</summary>
    public readonly struct DtlsError : IEquatable<DtlsError>
    {
        /// <summary>Creates an error.</summary>
        /// <param name="code">What was wrong.</param>
        /// <param name="direction">The direction of the datagram.</param>
        /// <param name="datagramIndex">The datagram's index among all fed to the observer (both directions, from 0).</param>
        /// <param name="offset">The byte offset in the datagram.</param>
        public DtlsError(DtlsErrorCode code, TlsDirection direction, long datagramIndex, int offset)
        {
            Code = code;
            Direction = direction;
            DatagramIndex = datagramIndex;
            Offset = offset;
        }

        /// <summary>What was wrong; <see cref="DtlsErrorCode.None"/> when nothing was.</summary>
        public DtlsErrorCode Code { get; }

        /// <summary>The direction of the offending datagram.</summary>
        public TlsDirection Direction { get; }

        /// <summary>The offending datagram's index among all datagrams fed to the observer (from 0).</summary>
        public long DatagramIndex { get; }

        /// <summary>The byte offset of the offending field in that datagram.</summary>
        public int Offset { get; }

        /// <summary>True when this holds an error.</summary>
        public bool IsError => Code != DtlsErrorCode.None;

        /// <summary>The error as <c>Code@datagram:offset</c>, e.g. <c>TruncatedRecord@3:41</c>.</summary>
        /// <returns>The text.</returns>
        public override string ToString() => Code == DtlsErrorCode.None
            ? "None"
            : Code.ToString() + "@" + DatagramIndex.ToString(CultureInfo.InvariantCulture) + ":" + Offset.ToString(CultureInfo.InvariantCulture);

        /// <inheritdoc/>
        public bool Equals(DtlsError other) => Code == other.Code && Direction == other.Direction && DatagramIndex == other.DatagramIndex && Offset == other.Offset;

        /// <inheritdoc/>
        public override bool Equals(object? obj) => obj is DtlsError other && Equals(other);

        /// <inheritdoc/>
        public override int GetHashCode() => ((((int)Code * 397) ^ (int)Direction) * 397) ^ DatagramIndex.GetHashCode() ^ (Offset * 31);

        /// <summary>Equality.</summary>
        /// <param name="left">Left.</param>
        /// <param name="right">Right.</param>
        /// <returns>True when equal.</returns>
        public static bool operator ==(DtlsError left, DtlsError right) => left.Equals(right);

        /// <summary>Inequality.</summary>
        /// <param name="left">Left.</param>
        /// <param name="right">Right.</param>
        /// <returns>True when different.</returns>
        public static bool operator !=(DtlsError left, DtlsError right) => !left.Equals(right);
    }
}
