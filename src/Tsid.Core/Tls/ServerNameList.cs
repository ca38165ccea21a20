using System;

namespace Tsid.Tls
{
    /// <summary>
    /// The server_name extension of a ClientHello, every entry in wire order (RFC 6066 3):
    /// <code>
    /// struct { NameType name_type; select (name_type) { case host_name: HostName; } name; } ServerName;
    /// opaque HostName&lt;1..2^16-1&gt;;
    /// struct { ServerName server_name_list&lt;1..2^16-1&gt; } ServerNameList;
    /// </code>
    /// </summary>
    public readonly ref struct ServerNameList
    {
        private readonly ReadOnlySpan<byte> _entries;
        private readonly int _offset;

        internal ServerNameList(ReadOnlySpan<byte> entries, int offset, int count)
        {
            _entries = entries;
            _offset = offset;
            Count = count;
        }

        /// <summary>How many entries (of any name type), as counted by the parse.</summary>
        public int Count { get; }

        /// <summary>The first host_name entry's name.</summary>
        /// <param name="name">The name bytes.</param>
        /// <returns>False when there is no host_name entry.</returns>
        public bool TryGetFirstHostName(out ReadOnlySpan<byte> name)
        {
            foreach (ServerName entry in this)
            {
                if (entry.IsHostName)
                {
                    name = entry.Name;
                    return true;
                }
            }

            name = default;
            return false;
        }

        /// <summary>Enumerates the entries in wire order without allocating.</summary>
        /// <returns>The enumerator.</returns>
        public Enumerator GetEnumerator() => new Enumerator(_entries, _offset);

        /// <summary>
        /// Checks a server_name extension body (ClientHello form), counts its entries and finds the first host_name:
        /// the one validator of server_name, used by the ClientHello walk (full parse and SNI peek).
        /// </summary>
        /// <param name="data">The extension_data.</param>
        /// <param name="entryCount">How many entries.</param>
        /// <param name="hostNameOffset">The absolute offset of the first host_name's bytes, or -1.</param>
        /// <param name="hostNameLength">Its length.</param>
        /// <returns><see cref="TlsErrorCode.None"/> or <see cref="TlsErrorCode.InvalidServerName"/>.</returns>
        internal static TlsErrorCode Validate(TlsReader data, out int entryCount, out int hostNameOffset, out int hostNameLength)
        {
            entryCount = 0;
            hostNameOffset = -1;
            hostNameLength = 0;
            if (!data.TryReadUInt16LengthPrefixed(out TlsReader list) || !data.IsEmpty || list.IsEmpty)
            {
                return TlsErrorCode.InvalidServerName;
            }

            while (!list.IsEmpty)
            {
                // Every defined name type uses a uint16-prefixed name, and unknown ones are parsed the same way
                // (RFC 6066 3 leaves them unparseable otherwise).
                if (!list.TryReadUInt8(out byte type) || !list.TryReadUInt16LengthPrefixed(out TlsReader name) || name.IsEmpty)
                {
                    hostNameOffset = -1;
                    hostNameLength = 0;
                    return TlsErrorCode.InvalidServerName;
                }

                if (type == ServerName.HostNameType && hostNameOffset < 0)
                {
                    hostNameOffset = name.Position;
                    hostNameLength = name.Remaining;
                }

                entryCount++;
            }

            return TlsErrorCode.None;
        }

        /// <summary>Walks the entries.</summary>
        public ref struct Enumerator
        {
            private TlsReader _reader;
            private ServerName _current;

            internal Enumerator(ReadOnlySpan<byte> entries, int offset)
            {
                _reader = new TlsReader(entries, offset);
                _current = default;
            }

            /// <summary>The current entry.</summary>
            public readonly ServerName Current => _current;

            /// <summary>Moves on.</summary>
            /// <returns>False at the end.</returns>
            public bool MoveNext()
            {
                int at = _reader.Position;
                if (_reader.TryReadUInt8(out byte type) && _reader.TryReadUInt16LengthPrefixed(out TlsReader name))
                {
                    _current = new ServerName(type, name.RemainingBytes, at);
                    return true;
                }

                return false;
            }
        }
    }
}
