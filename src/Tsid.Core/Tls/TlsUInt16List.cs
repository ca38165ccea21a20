using System;

namespace Tsid.Tls
{
    /// <summary>
    /// A list of big-endian <c>uint16</c> values as sent (cipher suites, versions, groups, signature schemes), in
    /// wire order; GREASE and unknown values kept.
    /// </summary>
    public readonly ref struct TlsUInt16List
    {
        /// <summary>Wraps raw bytes (an even number of them; a trailing odd byte is ignored).</summary>
        /// <param name="encoded">The bytes.</param>
        public TlsUInt16List(ReadOnlySpan<byte> encoded) => Encoded = encoded;

        /// <summary>The raw bytes.</summary>
        public ReadOnlySpan<byte> Encoded { get; }

        /// <summary>How many values.</summary>
        public int Count => Encoded.Length / 2;

        /// <summary>The value at <paramref name="index"/>.</summary>
        /// <param name="index">0-based.</param>
        /// <returns>The value.</returns>
        public ushort this[int index]
        {
            get
            {
                if ((uint)index >= (uint)Count)
                {
                    throw new ArgumentOutOfRangeException(nameof(index));
                }

                return (ushort)((Encoded[2 * index] << 8) | Encoded[(2 * index) + 1]);
            }
        }

        /// <summary>True when <paramref name="value"/> is in the list.</summary>
        /// <param name="value">The value.</param>
        /// <returns>True when present.</returns>
        public bool Contains(ushort value)
        {
            for (int i = 0; i + 1 < Encoded.Length; i += 2)
            {
                if (((Encoded[i] << 8) | Encoded[i + 1]) == value)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Enumerates without allocating.</summary>
        /// <returns>The enumerator.</returns>
        public Enumerator GetEnumerator() => new Enumerator(Encoded);

        /// <summary>Walks the values in wire order.</summary>
        public ref struct Enumerator
        {
            private readonly ReadOnlySpan<byte> _encoded;
            private int _next;

            internal Enumerator(ReadOnlySpan<byte> encoded)
            {
                _encoded = encoded;
                _next = -2;
            }

            /// <summary>The current value.</summary>
            public readonly ushort Current => (ushort)((_encoded[_next] << 8) | _encoded[_next + 1]);

            /// <summary>Moves on.</summary>
            /// <returns>False at the end.</returns>
            public bool MoveNext()
            {
                if (_next + 4 <= _encoded.Length)
                {
                    _next += 2;
                    return true;
                }

                return false;
            }
        }
    }
}
