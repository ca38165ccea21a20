using System;

namespace Tsid.X509
{
    /// <summary>
    /// Enumerates attributes in DER order, either of one RDN or of a whole name (every RDN in turn), optionally only
    /// those of one type. Allocation-free; use with <c>foreach</c>.
    /// </summary>
    public ref struct AttributeTypeAndValueEnumerator
    {
        private ReadOnlySpan<byte> _rdns;
        private ReadOnlySpan<byte> _attributes;
        private readonly AttributeType _filter;
        private readonly bool _filtered;
        private AttributeTypeAndValue _current;

        internal AttributeTypeAndValueEnumerator(ReadOnlySpan<byte> rdns, ReadOnlySpan<byte> attributes, AttributeType filter, bool filtered)
        {
            _rdns = rdns;
            _attributes = attributes;
            _filter = filter;
            _filtered = filtered;
            _current = default;
        }

        /// <summary>The current attribute.</summary>
        public readonly AttributeTypeAndValue Current => _current;

        /// <summary>Returns this enumerator (for <c>foreach</c>).</summary>
        public readonly AttributeTypeAndValueEnumerator GetEnumerator() => this;

        /// <summary>Moves to the next attribute; false when there is none.</summary>
        public bool MoveNext()
        {
            while (true)
            {
                if (_attributes.IsEmpty)
                {
                    // RFC 5280 4.1.2.4: RelativeDistinguishedName ::= SET SIZE (1..MAX) OF AttributeTypeAndValue.
                    if (_rdns.IsEmpty || !Der.TryRead(ref _rdns, DerTag.Set, out _attributes))
                    {
                        _rdns = default;
                        return false;
                    }

                    continue;
                }

                if (!Der.TryRead(ref _attributes, out byte tag, out ReadOnlySpan<byte> atv, out ReadOnlySpan<byte> encoded)
                    || tag != DerTag.Sequence
                    || !Der.TryRead(ref atv, DerTag.ObjectIdentifier, out ReadOnlySpan<byte> oid))
                {
                    // Unreachable for names validated by the parser; stop rather than guess on anything else.
                    _rdns = default;
                    _attributes = default;
                    return false;
                }

                // Filter on the type before touching the value: enumerating CN or OU skips the other attributes cheaply.
                AttributeType type = AttributeTypes.FromOid(oid);
                if (_filtered && type != _filter)
                {
                    continue;
                }

                if (!Der.TryRead(ref atv, out byte valueTag, out ReadOnlySpan<byte> value, out ReadOnlySpan<byte> valueEncoded))
                {
                    _rdns = default;
                    _attributes = default;
                    return false;
                }

                _current = new AttributeTypeAndValue(type, oid, new DirectoryString(valueTag, valueEncoded, value), encoded);
                return true;
            }
        }
    }
}
