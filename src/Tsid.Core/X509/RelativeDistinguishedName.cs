using System;

namespace Tsid.X509
{
    /// <summary>
    /// One RDN (RFC 5280 4.1.2.4): <c>RelativeDistinguishedName ::= SET SIZE (1..MAX) OF AttributeTypeAndValue</c>.
    /// Multi-valued RDNs (several attributes joined by '+') occur in real certificates.
    /// </summary>
    public readonly ref struct RelativeDistinguishedName
    {
        internal RelativeDistinguishedName(ReadOnlySpan<byte> encoded, ReadOnlySpan<byte> content)
        {
            Encoded = encoded;
            Content = content;
        }

        /// <summary>The whole SET TLV.</summary>
        public ReadOnlySpan<byte> Encoded { get; }

        private ReadOnlySpan<byte> Content { get; }

        /// <summary>The number of attributes in this RDN (1 unless multi-valued).</summary>
        public int Count
        {
            get
            {
                int count = 0;
                foreach (AttributeTypeAndValue unused in this)
                {
                    count++;
                }

                return count;
            }
        }

        /// <summary>True when this RDN holds more than one attribute.</summary>
        public bool IsMultiValued
        {
            get
            {
                AttributeTypeAndValueEnumerator e = GetEnumerator();
                return e.MoveNext() && e.MoveNext();
            }
        }

        /// <summary>Enumerates the attributes in DER order.</summary>
        public AttributeTypeAndValueEnumerator GetEnumerator() => new AttributeTypeAndValueEnumerator(default, Content, AttributeType.Unknown, filtered: false);
    }
}
