namespace Tsid.X509
{
    /// <summary>
    /// What was wrong with DER or certificate input. Flat and specific; <see cref="X509Error.Offset"/> says where.
    /// </summary>
    public enum X509ErrorCode
    {
        /// <summary>No error.</summary>
        None = 0,

        /// <summary>The input ends inside a tag, a length or a value (X.690 8.1).</summary>
        Truncated,

        /// <summary>A long-form length that could have been shorter (X.690 10.1: DER uses the minimum number of octets).</summary>
        NonMinimalLength,

        /// <summary>The indefinite length form (0x80), which DER forbids (X.690 10.1).</summary>
        IndefiniteLength,

        /// <summary>An element's tag is not the one the structure requires here.</summary>
        UnexpectedTag,

        /// <summary>Bytes follow the end of a structure that must end there.</summary>
        TrailingData,

        /// <summary>A tag in the high-tag-number form (low five bits all ones); X.509 never uses one (X.690 8.1.2.4).</summary>
        HighTagNumber,

        /// <summary>A length that needs more than four octets or does not fit in an <see cref="int"/>.</summary>
        LengthTooLarge,

        /// <summary>An OBJECT IDENTIFIER that is empty, ends inside a sub-identifier or pads one with 0x80 (X.690 8.19).</summary>
        InvalidOid,

        /// <summary>An INTEGER that is empty or not minimally encoded (X.690 8.3.2).</summary>
        InvalidInteger,

        /// <summary>A BOOLEAN that is not one octet of 0x00 or 0xFF (X.690 11.1).</summary>
        InvalidBoolean,

        /// <summary>A BIT STRING with a bad unused-bits count or non-zero padding bits (X.690 8.6.2, 11.2.1).</summary>
        InvalidBitString,

        /// <summary>A UTCTime or GeneralizedTime outside the forms RFC 5280 4.1.2.5 allows.</summary>
        InvalidTime,

        /// <summary>A certificate version other than v1, v2 or v3 (RFC 5280 4.1.2.1), in strict mode.</summary>
        InvalidVersion,

        /// <summary>Two extensions with the same OID (RFC 5280 4.2), in strict mode.</summary>
        DuplicateExtension,

        /// <summary>An extension whose structure or value is malformed (RFC 5280 4.1, 4.2).</summary>
        InvalidExtension,

        /// <summary>A string value whose bytes are not valid for its string type.</summary>
        InvalidString,

        /// <summary>Constructed elements nested deeper than <see cref="DerReader.MaxDepth"/>.</summary>
        NestingTooDeep,

        /// <summary>A constructed tag where a primitive encoding is required, or the reverse (X.690 10.2).</summary>
        InvalidEncoding,

        /// <summary>A Name, RDN or AttributeTypeAndValue that breaks RFC 5280 4.1.2.4 (for example an empty RDN SET).</summary>
        InvalidName,

        /// <summary>A GeneralName whose content is malformed (RFC 5280 4.2.1.6), in strict mode.</summary>
        InvalidGeneralName,

        /// <summary>A PEM block that is not well formed (RFC 7468 section 2).</summary>
        InvalidPem,

        /// <summary>More extensions than <see cref="Certificate.MaxExtensions"/>.</summary>
        TooManyExtensions,

        /// <summary>The TBS signature algorithm differs from the outer signatureAlgorithm (RFC 5280 4.1.1.2), in strict mode.</summary>
        SignatureAlgorithmMismatch,

        /// <summary>An AlgorithmIdentifier or SubjectPublicKeyInfo that is malformed (RFC 5280 4.1.1.2, 4.1.2.7).</summary>
        InvalidAlgorithmIdentifier,
    }
}
