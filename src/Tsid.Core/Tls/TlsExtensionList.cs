using System;

namespace Tsid.Tls
{
    /// <summary>
    /// The extensions block of a hello message, already checked by the message parser: every extension in wire
    /// order as (type, data), unknown and GREASE types included.
    /// </summary>
    public readonly ref struct TlsExtensionList
    {
        private readonly ReadOnlySpan<byte> _block;
        private readonly int _offset;

        internal TlsExtensionList(ReadOnlySpan<byte> block, int offset, int count)
        {
            _block = block;
            _offset = offset;
            Count = count;
        }

        /// <summary>How many extensions there are.</summary>
        public int Count { get; }

        /// <summary>The raw block (the content of <c>extensions&lt;..&gt;</c>, without its length).</summary>
        public ReadOnlySpan<byte> Encoded => _block;

        /// <summary>Finds an extension by type.</summary>
        /// <param name="type">The type.</param>
        /// <param name="data">Its extension_data.</param>
        /// <returns>False when absent.</returns>
        public bool TryGet(TlsExtensionType type, out ReadOnlySpan<byte> data)
        {
            foreach (TlsExtension extension in this)
            {
                if (extension.Type == type)
                {
                    data = extension.Data;
                    return true;
                }
            }

            data = default;
            return false;
        }

        /// <summary>True when an extension of that type is present.</summary>
        /// <param name="type">The type.</param>
        /// <returns>True when present.</returns>
        public bool Contains(TlsExtensionType type) => TryGet(type, out _);

        /// <summary>Enumerates in wire order without allocating.</summary>
        /// <returns>The enumerator.</returns>
        public Enumerator GetEnumerator() => new Enumerator(_block, _offset);

        /// <summary>Walks the extensions in wire order.</summary>
        public ref struct Enumerator
        {
            private TlsReader _reader;
            private TlsExtension _current;

            internal Enumerator(ReadOnlySpan<byte> block, int offset)
            {
                _reader = new TlsReader(block, offset);
                _current = default;
            }

            /// <summary>The current extension.</summary>
            public readonly TlsExtension Current => _current;

            /// <summary>Moves to the next extension.</summary>
            /// <returns>False at the end (or at a malformed entry, which a checked block never has).</returns>
            public bool MoveNext()
            {
                int at = _reader.Position;
                if (_reader.TryReadUInt16(out ushort type) && _reader.TryReadUInt16LengthPrefixed(out TlsReader data))
                {
                    _current = new TlsExtension((TlsExtensionType)type, data.RemainingBytes, at);
                    return true;
                }

                return false;
            }
        }
    }
}
