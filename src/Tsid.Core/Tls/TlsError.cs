using System;

namespace Tsid.Tls
{
    /// <summary>
    /// A parse error: what was wrong and where. For message parsers <see cref="Offset"/> counts from the start of
    /// the span they were given; for the stream reassembler and the connection observer it is the offset in that
    /// direction's byte stream.
    /// </summary>
    public readonly struct TlsError : IEquatable<TlsError>
    {
        /// <summary>Creates an error.</summary>
        /// <param name="code">What was wrong.</param>
        /// <param name="offset">Where (byte offset).</param>
        public TlsError(TlsErrorCode code, long offset)
        {
            Code = code;
            Offset = offset;
        }

        /// <summary>What was wrong; <see cref="TlsErrorCode.None"/> when nothing was.</summary>
        public TlsErrorCode Code { get; }

        /// <summary>The byte offset of the offending byte or field.</summary>
        public long Offset { get; }

        /// <summary>True when this holds an error.</summary>
        public bool IsError => Code != TlsErrorCode.None;

        /// <summary>The error as <c>Code@Offset</c>, e.g. <c>DuplicateExtension@214</c>.</summary>
        /// <returns>The text.</returns>
        public override string ToString() => Code == TlsErrorCode.None ? "None" : Code.ToString() + "@" + Offset.ToString(System.Globalization.CultureInfo.InvariantCulture);

        /// <inheritdoc/>
        public bool Equals(TlsError other) => Code == other.Code && Offset == other.Offset;

        /// <inheritdoc/>
        public override bool Equals(object? obj) => obj is TlsError other && Equals(other);

        /// <inheritdoc/>
        public override int GetHashCode() => ((int)Code * 397) ^ Offset.GetHashCode();

        /// <summary>Equality.</summary>
        /// <param name="left">Left.</param>
        /// <param name="right">Right.</param>
        /// <returns>True when equal.</returns>
        public static bool operator ==(TlsError left, TlsError right) => left.Equals(right);

        /// <summary>Inequality.</summary>
        /// <param name="left">Left.</param>
        /// <param name="right">Right.</param>
        /// <returns>True when different.</returns>
        public static bool operator !=(TlsError left, TlsError right) => !left.Equals(right);
    }
}
