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
        private ReadOnlySpan<byte> _rest;
        private readonly GeneralNameType _filter;
        private readonly bool _filtered;
        private GeneralName _current;
        private bool _wholeIsInvalid;

        internal GeneralNameEnumerator(ReadOnlySpan<byte> entries, GeneralNameType filter, bool filtered, bool wholeIsInvalid = false)
        {
            _rest = entries;
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
            while (!_rest.IsEmpty)
            {
                ReadOnlySpan<byte> before = _rest;
                GeneralName next;
                if (_wholeIsInvalid)
                {
                    _rest = default;
                    _wholeIsInvalid = false;
                    next = new GeneralName(GeneralNameType.Invalid, default, before);
                }
                else if (Der.TryRead(ref _rest, out byte tag, out ReadOnlySpan<byte> content, out ReadOnlySpan<byte> encoded))
                {
                    // When filtering, an entry whose tag number differs cannot match (an invalid entry only matches Invalid).
                    if (_filtered && _filter != GeneralNameType.Invalid && (tag & 0x1F) != (int)_filter)
                    {
                        continue;
                    }

                    GeneralNameType type = GeneralNames.Classify(tag, content, asciiOnly: false, out ReadOnlySpan<byte> value);
                    next = new GeneralName(type, value, encoded);
                }
                else
                {
                    _rest = default;
                    next = new GeneralName(GeneralNameType.Invalid, default, before);
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
