using System;

namespace Tsid.X509
{
    /// <summary>
    /// <c>AlgorithmIdentifier ::= SEQUENCE { algorithm OBJECT IDENTIFIER, parameters ANY DEFINED BY algorithm OPTIONAL }</c>
    /// (RFC 5280 4.1.1.2), as a view over the certificate.
    /// </summary>
    public readonly ref struct AlgorithmIdentifier
    {
        internal AlgorithmIdentifier(ReadOnlySpan<byte> encoded, ReadOnlySpan<byte> algorithm, ReadOnlySpan<byte> parameters)
        {
            Encoded = encoded;
            Algorithm = algorithm;
            Parameters = parameters;
        }

        /// <summary>The whole SEQUENCE TLV.</summary>
        public ReadOnlySpan<byte> Encoded { get; }

        /// <summary>The algorithm OID contents octets (format with <see cref="ObjectIdentifier.ToDottedString"/>); always a valid OID or empty.</summary>
        public ReadOnlySpan<byte> Algorithm { get; }

        /// <summary>The parameters TLV (for example NULL, or a named-curve OID); empty when absent.</summary>
        public ReadOnlySpan<byte> Parameters { get; }

        /// <summary>True when parameters are present (a NULL counts as present).</summary>
        public bool HasParameters => !Parameters.IsEmpty;

        /// <summary>The algorithm as dotted text, for example "1.2.840.113549.1.1.11" (allocates).</summary>
        /// <remarks>
        /// Empty when there is no valid algorithm OID: a default value, or a malformed identifier in a certificate
        /// parsed with <see cref="CertificateParseOptions.DeferStructureChecks"/>.
        /// </remarks>
        public string GetAlgorithmString() => Algorithm.IsEmpty ? string.Empty : ObjectIdentifier.ToDottedString(Algorithm);

        /// <summary>
        /// The parts of an AlgorithmIdentifier TLV the parse framed; a part the bytes do not hold stays empty (the
        /// algorithm too when its OID is not valid, which only a parse with DeferStructureChecks lets through).
        /// </summary>
        internal static AlgorithmIdentifier FromEncoded(DerElement element)
        {
            DerReader inner = new DerReader(element.Content);
            if (!inner.TryReadObjectIdentifier(out ReadOnlySpan<byte> oid, out _))
            {
                return new AlgorithmIdentifier(element.Encoded, default, default);
            }

            ReadOnlySpan<byte> parameters = default;
            if (inner.HasData && inner.TryReadElement(out DerElement p, out _))
            {
                parameters = p.Encoded;
            }

            return new AlgorithmIdentifier(element.Encoded, oid, parameters);
        }

        internal static bool TryRead(scoped ref DerReader reader, out AlgorithmIdentifier algorithm, out X509Error error)
        {
            algorithm = default;
            DerReader copy = reader;
            int offset = copy.Offset;
            if (!copy.TryReadElement(DerTag.Sequence, out DerElement element, out error))
            {
                return false;
            }

            DerReader inner = new DerReader(element.Content, element.ContentOffset, reader.Depth + 1);
            ReadOnlySpan<byte> parameters = default;
            if (!inner.TryReadObjectIdentifier(out ReadOnlySpan<byte> oid, out error))
            {
                return false;
            }

            if (inner.HasData)
            {
                if (!inner.TryReadElement(out DerElement p, out error))
                {
                    return false;
                }

                parameters = p.Encoded;
            }

            if (!inner.TryReadEnd(out error))
            {
                error = new X509Error(X509ErrorCode.InvalidAlgorithmIdentifier, offset);
                return false;
            }

            reader = copy;
            algorithm = new AlgorithmIdentifier(element.Encoded, oid, parameters);
            return true;
        }
    }
}
