using System;

namespace Tsid.Tls
{
    /// <summary>
    /// The application_layer_protocol_negotiation extension (RFC 7301 3.1), names in wire order:
    /// <code>
    /// opaque ProtocolName&lt;1..2^8-1&gt;;
    /// struct { ProtocolName protocol_name_list&lt;2..2^16-1&gt; } ProtocolNameList;
    /// </code>
    /// In a ServerHello (TLS 1.2) or EncryptedExtensions the list holds exactly the selected protocol.
    /// </summary>
    public readonly ref struct ProtocolNameList
    {
        private readonly ReadOnlySpan<byte> _names;

        internal ProtocolNameList(ReadOnlySpan<byte> names) => _names = names;

        /// <summary>How many names.</summary>
        public int Count
        {
            get
            {
                int count = 0;
                foreach (ReadOnlySpan<byte> unused in this)
                {
                    count++;
                }

                return count;
            }
        }

        /// <summary>Enumerates the names (raw bytes, usually ASCII such as <c>h2</c>) without allocating.</summary>
        /// <returns>The enumerator.</returns>
        public Enumerator GetEnumerator() => new Enumerator(_names);

        /// <summary>Checks an ALPN extension body (ClientHello and ServerHello alike).</summary>
        /// <param name="data">The extension_data.</param>
        /// <returns><see cref="TlsErrorCode.None"/> or <see cref="TlsErrorCode.InvalidAlpn"/>.</returns>
        internal static TlsErrorCode Validate(TlsReader data)
        {
            if (!data.TryReadUInt16LengthPrefixed(out TlsReader list) || !data.IsEmpty || list.Remaining < 2)
            {
                return TlsErrorCode.InvalidAlpn;
            }

            while (!list.IsEmpty)
            {
                if (!list.TryReadUInt8LengthPrefixed(out TlsReader name) || name.IsEmpty)
                {
                    return TlsErrorCode.InvalidAlpn;
                }
            }

            return TlsErrorCode.None;
        }

        /// <summary>Walks the names.</summary>
        public ref struct Enumerator
        {
            private TlsReader _reader;
            private ReadOnlySpan<byte> _current;

            internal Enumerator(ReadOnlySpan<byte> names)
            {
                _reader = new TlsReader(names);
                _current = default;
            }

            /// <summary>The current protocol name.</summary>
            public readonly ReadOnlySpan<byte> Current => _current;

            /// <summary>Moves on.</summary>
            /// <returns>False at the end.</returns>
            public bool MoveNext()
            {
                if (_reader.TryReadUInt8LengthPrefixed(out TlsReader name))
                {
                    _current = name.RemainingBytes;
                    return true;
                }

                return false;
            }
        }
    }
}
