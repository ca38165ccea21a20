using System;

namespace Tsid.X509
{
    /// <summary>What went wrong while reading DER or a certificate, and the byte offset in the input where it did.</summary>
    public readonly struct X509Error : IEquatable<X509Error>
    {
        /// <summary>Creates an error value.</summary>
        /// <param name="code">What was wrong.</param>
        /// <param name="offset">Byte offset, from the start of the input given to the parser, of the element at fault.</param>
        public X509Error(X509ErrorCode code, int offset)
        {
            Code = code;
            Offset = offset;
        }

        /// <summary>No error.</summary>
        public static X509Error None => default;

        /// <summary>What was wrong.</summary>
        public X509ErrorCode Code { get; }

        /// <summary>Byte offset, from the start of the input given to the parser, of the element at fault.</summary>
        public int Offset { get; }

        /// <summary>True when this value describes an error.</summary>
        public bool IsError => Code != X509ErrorCode.None;

        /// <inheritdoc />
        public bool Equals(X509Error other) => Code == other.Code && Offset == other.Offset;

        /// <inheritdoc />
        public override bool Equals(object? obj) => obj is X509Error other && Equals(other);

        /// <inheritdoc />
        public override int GetHashCode() => ((int)Code * 397) ^ Offset;

        /// <summary>"Truncated at offset 12", or "None".</summary>
        public override string ToString() => Code == X509ErrorCode.None ? "None" : Code + " at offset " + Offset.ToString(System.Globalization.CultureInfo.InvariantCulture);

        /// <summary>Compares two errors.</summary>
        public static bool operator ==(X509Error left, X509Error right) => left.Equals(right);

        /// <summary>Compares two errors.</summary>
        public static bool operator !=(X509Error left, X509Error right) => !left.Equals(right);
    }
}
