using System;

namespace Tsid.X509
{
    /// <summary>
    /// Enumerates GeneralName entries in wire order, optionally only those of one type. Allocation-free.
    /// A malformed entry is returned as <see cref="GeneralNameType.Invalid"/> with its raw bytes; when an entry's own
    /// TLV framing is broken, the unreadable remainder is returned as one invalid entry and enumeration ends.
    /// </summary>
    public ref struct GeneralNameEnumerator
    {
        private DerReader _reader;
        private readonly GeneralNameType _filter;
        private readonly bool _filtered;
        private GeneralName _current;
        private bool _wholeIsInvalid;

        internal GeneralNameEnumerator(ReadOnlySpan<byte> entries, GeneralNameType filter, bool filtered, bool wholeIsInvalid = false)
        {
            _reader = new DerReader(entries);
            _filter = filter;
            _filtered = filtered;
            _current = default;
            _wholeIsInvalid = wholeIsInvalid;
        }

        /// <summary>The current entry.</summary>
        public readonly GeneralName Current => _current;

        /// <summary>Returns this enumerator (for <c>foreach</c>).</summary>
        public readonly GeneralNameEnumerator GetEnumerator() => this;

        /// <summary>Moves to the next entry; false when there is none.</summary>
        public bool MoveNext()
        {
            while (_reader.HasData)
            {
                GeneralName next;
                if (_wholeIsInvalid)
                {
                    next = new GeneralName(GeneralNameType.Invalid, default, _reader.RemainingBytes);
                    _reader = default;
                    _wholeIsInvalid = false;
                }
                else if (_reader.TryReadElement(out DerElement entry, out _))
                {
                    // When filtering, an entry whose tag number differs cannot match (an invalid entry only matches Invalid).
                    if (_filtered && _filter != GeneralNameType.Invalid && (entry.Tag & 0x1F) != (int)_filter)
                    {
                        continue;
                    }

                    GeneralNameType type = GeneralNames.Classify(entry.Tag, entry.Content, asciiOnly: false, out ReadOnlySpan<byte> value);
                    next = new GeneralName(type, value, entry.Encoded);
                }
                else
                {
                    next = new GeneralName(GeneralNameType.Invalid, default, _reader.RemainingBytes);
                    _reader = default;
                }

                if (_filtered && next.Type != _filter)
                {
                    continue;
                }

                _current = next;
                return true;
            }

            return false;
        }
    }
}
