using System;

namespace Tsid.X509
{
    /// <summary>
    /// Enumerates attributes in DER order, either of one RDN or of a whole name (every RDN in turn), optionally only
    /// those of one type. Allocation-free; use with <c>foreach</c>.
    /// </summary>
    public ref struct AttributeTypeAndValueEnumerator
    {
        private DerReader _rdns;
        private DerReader _attributes;
        private readonly AttributeType _filter;
        private readonly bool _filtered;

        // The filter's X.520 arc (2.5.4.x), or 0: filtering on CN or OU is then a compare of the type's encoding.
        private readonly byte _filterArc;
        private AttributeTypeAndValue _current;

        internal AttributeTypeAndValueEnumerator(ReadOnlySpan<byte> rdns, ReadOnlySpan<byte> attributes, AttributeType filter, bool filtered)
        {
            _rdns = new DerReader(rdns);
            _attributes = new DerReader(attributes);
            _filter = filter;
            _filtered = filtered;
            _filterArc = filtered ? AttributeTypes.X520Arc(filter) : (byte)0;
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
                if (!_attributes.HasData)
                {
                    // RFC 5280 4.1.2.4: RelativeDistinguishedName ::= SET SIZE (1..MAX) OF AttributeTypeAndValue.
                    if (!_rdns.HasData || !_rdns.TryReadSet(out _attributes, out _))
                    {
                        _rdns = default;
                        return false;
                    }

                    continue;
                }

                // AttributeTypeAndValue ::= SEQUENCE { type AttributeType, value AttributeValue }.
                if (!_attributes.TryReadElement(DerTag.Sequence, out DerElement atv, out _))
                {
                    // Unreachable for names the parser walked; in a deferred name, stop rather than guess.
                    _rdns = default;
                    _attributes = default;
                    return false;
                }

                // Filter on the type before touching the value: enumerating CN or OU skips the other attributes cheaply.
                DerReader fields = new DerReader(atv.Content);
                ReadOnlySpan<byte> oid;
                AttributeType type;
                if (_filterArc != 0)
                {
                    // DER is canonical: the type 2.5.4.arc is encoded exactly as 06 03 55 04 arc, so filtering on an X.520
                    // type is a byte compare and the other attributes are skipped without being read.
                    ReadOnlySpan<byte> content = atv.Content;
                    if (content.Length < 5 || content[0] != DerTag.ObjectIdentifier || content[1] != 3
                        || content[2] != 0x55 || content[3] != 0x04 || content[4] != _filterArc)
                    {
                        continue;
                    }

                    oid = content.Slice(2, 3);
                    type = _filter;
                    fields = new DerReader(content.Slice(5));
                }
                else
                {
                    // A name the parse did not walk (DeferStructureChecks) is checked here, as far as it is read.
                    if (!fields.TryReadContent(DerTag.ObjectIdentifier, out oid, out _))
                    {
                        _rdns = default;
                        _attributes = default;
                        return false;
                    }

                    type = AttributeTypes.FromOid(oid);
                    if (_filtered && type != _filter)
                    {
                        continue;
                    }

                    if (!DerReader.IsValidOid(oid))
                    {
                        _rdns = default;
                        _attributes = default;
                        return false;
                    }
                }

                if (!fields.TryReadElement(out DerElement value, out _))
                {
                    _rdns = default;
                    _attributes = default;
                    return false;
                }

                _current = new AttributeTypeAndValue(type, oid, new DirectoryString(value.Tag, value.Encoded, value.Content), atv.Encoded);
                return true;
            }
        }
    }
}
