using System;

namespace Tsid.Tls
{
    /// <summary>The client_shares of a ClientHello key_share extension (RFC 8446 4.2.8), in wire order.</summary>
    public readonly ref struct KeyShareList
    {
        private readonly ReadOnlySpan<byte> _entries;

        internal KeyShareList(ReadOnlySpan<byte> entries) => _entries = entries;

        /// <summary>How many entries.</summary>
        public int Count
        {
            get
            {
                int count = 0;
                foreach (KeyShareEntry unused in this)
                {
                    count++;
                }

                return count;
            }
        }

        /// <summary>Enumerates without allocating.</summary>
        /// <returns>The enumerator.</returns>
        public Enumerator GetEnumerator() => new Enumerator(_entries);

        /// <summary>Checks a ClientHello key_share body (RFC 8446 4.2.8): <c>KeyShareEntry client_shares&lt;0..2^16-1&gt;</c>, <c>opaque key_exchange&lt;1..2^16-1&gt;</c>.</summary>
        /// <param name="data">The extension_data.</param>
        /// <returns><see cref="TlsErrorCode.None"/> or <see cref="TlsErrorCode.InvalidKeyShare"/>.</returns>
        internal static TlsErrorCode Validate(TlsReader data)
        {
            if (!data.TryReadUInt16LengthPrefixed(out TlsReader list) || !data.IsEmpty)
            {
                return TlsErrorCode.InvalidKeyShare;
            }

            while (!list.IsEmpty)
            {
                if (!list.TryReadUInt16(out _) || !list.TryReadUInt16LengthPrefixed(out TlsReader key) || key.IsEmpty)
                {
                    return TlsErrorCode.InvalidKeyShare;
                }
            }

            return TlsErrorCode.None;
        }

        /// <summary>Walks the entries.</summary>
        public ref struct Enumerator
        {
            private TlsReader _reader;
            private KeyShareEntry _current;

            internal Enumerator(ReadOnlySpan<byte> entries)
            {
                _reader = new TlsReader(entries);
                _current = default;
            }

            /// <summary>The current entry.</summary>
            public readonly KeyShareEntry Current => _current;

            /// <summary>Moves on.</summary>
            /// <returns>False at the end.</returns>
            public bool MoveNext()
            {
                if (_reader.TryReadUInt16(out ushort group) && _reader.TryReadUInt16LengthPrefixed(out TlsReader key))
                {
                    _current = new KeyShareEntry((TlsNamedGroup)group, key.RemainingBytes);
                    return true;
                }

                return false;
            }
        }
    }
}
