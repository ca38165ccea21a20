using System;

namespace Tsid.X509
{
    /// <summary>
    /// One attribute of a relative distinguished name (RFC 5280 4.1.2.4):
    /// <c>AttributeTypeAndValue ::= SEQUENCE { type AttributeType, value AttributeValue }</c>.
    /// </summary>
    public readonly ref struct AttributeTypeAndValue
    {
        internal AttributeTypeAndValue(AttributeType type, ReadOnlySpan<byte> typeOid, DirectoryString value, ReadOnlySpan<byte> encoded)
        {
            Type = type;
            TypeOid = typeOid;
            Value = value;
            Encoded = encoded;
        }

        /// <summary>The well-known type, or <see cref="AttributeType.Unknown"/> (then read <see cref="TypeOid"/>).</summary>
        public AttributeType Type { get; }

        /// <summary>The type's OBJECT IDENTIFIER contents octets (format with <see cref="ObjectIdentifier.ToDottedString"/>).</summary>
        public ReadOnlySpan<byte> TypeOid { get; }

        /// <summary>The value.</summary>
        public DirectoryString Value { get; }

        /// <summary>The whole AttributeTypeAndValue TLV.</summary>
        public ReadOnlySpan<byte> Encoded { get; }
    }
}
