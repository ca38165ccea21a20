using System;

namespace Tsid.X509
{
    /// <summary>
    /// <c>Extension ::= SEQUENCE { extnID OBJECT IDENTIFIER, critical BOOLEAN DEFAULT FALSE, extnValue OCTET STRING }</c>
    /// (RFC 5280 4.1), as a view over the certificate.
    /// </summary>
    public readonly ref struct Extension
    {
        internal Extension(ReadOnlySpan<byte> oid, bool critical, ReadOnlySpan<byte> value, ReadOnlySpan<byte> encoded)
        {
            Oid = oid;
            Critical = critical;
            Value = value;
            Encoded = encoded;
        }

        /// <summary>The extnID OID contents octets.</summary>
        public ReadOnlySpan<byte> Oid { get; }

        /// <summary>The critical flag (FALSE when absent).</summary>
        public bool Critical { get; }

        /// <summary>The extnValue contents: the DER encoding of the extension's own value.</summary>
        public ReadOnlySpan<byte> Value { get; }

        /// <summary>The whole Extension TLV.</summary>
        public ReadOnlySpan<byte> Encoded { get; }

        /// <summary>The OID as dotted text, for example "2.5.29.17" (allocates).</summary>
        public string GetOidString() => ObjectIdentifier.ToDottedString(Oid);

        /// <summary>Reads one Extension SEQUENCE (structure only), as the certificate parser does.</summary>
        internal static bool TryRead(scoped ref DerReader reader, bool rejectEncodedDefault, out Extension extension, out int valueOffset, out X509Error error)
        {
            extension = default;
            valueOffset = 0;
            DerReader copy = reader;
            int offset = copy.Offset;
            if (!copy.TryReadElement(DerTag.Sequence, out DerElement element, out error))
            {
                return false;
            }

            DerReader inner = new DerReader(element.Content, element.ContentOffset, reader.Depth + 1);
            if (!inner.TryReadObjectIdentifier(out ReadOnlySpan<byte> oid, out error))
            {
                return false;
            }

            bool critical = false;
            if (inner.PeekTagIs(DerTag.Boolean))
            {
                int booleanOffset = inner.Offset;
                if (!inner.TryReadBoolean(out critical, out error))
                {
                    return false;
                }

                // X.690 11.5: DER omits a value equal to its DEFAULT, so "critical FALSE" must not be encoded.
                if (!critical && rejectEncodedDefault)
                {
                    error = new X509Error(X509ErrorCode.InvalidExtension, booleanOffset);
                    return false;
                }
            }

            // A constructed OCTET STRING is InvalidEncoding (X.690 10.2), as TryReadPrimitive reports it.
            if (!inner.TryReadPrimitive(DerTag.OctetString, out DerElement value, out error) || !inner.TryReadEnd(out error))
            {
                if (error.Code == X509ErrorCode.TrailingData || error.Code == X509ErrorCode.UnexpectedTag)
                {
                    error = new X509Error(X509ErrorCode.InvalidExtension, offset);
                }

                return false;
            }

            reader = copy;
            valueOffset = value.ContentOffset;
            extension = new Extension(oid, critical, value.Content, element.Encoded);
            return true;
        }
    }
}
