using System;
using System.Runtime.CompilerServices;

namespace Tsid.X509
{
    /// <summary>Classification and validation of GeneralName entries (RFC 5280 4.2.1.6).</summary>
    internal static class GeneralNames
    {
        /// <summary>
        /// Classifies one entry TLV. <paramref name="asciiOnly"/> (strict mode) also requires the IA5String types to be 7-bit.
        /// Returns <see cref="GeneralNameType.Invalid"/> for anything RFC 5280 does not allow.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static GeneralNameType Classify(byte tag, ReadOnlySpan<byte> content, bool asciiOnly, out ReadOnlySpan<byte> value)
        {
            value = content;

            // dNSName [2], rfc822Name [1], uniformResourceIdentifier [6]: IA5String, any bytes when lenient. Inline: they are most SAN entries.
            if (!asciiOnly && (tag == 0x82 || tag == 0x81 || tag == 0x86))
            {
                return (GeneralNameType)(tag & 0x1F);
            }

            return ClassifyChecked(tag, content, asciiOnly);
        }

        private static GeneralNameType ClassifyChecked(byte tag, ReadOnlySpan<byte> content, bool asciiOnly)
        {
            switch (tag)
            {
                case 0xA0: // otherName [0] IMPLICIT SEQUENCE { OID, [0] EXPLICIT ANY }
                    return TryReadOtherName(content, out _, out _) ? GeneralNameType.OtherName : GeneralNameType.Invalid;
                case 0x81: // rfc822Name [1] IMPLICIT IA5String
                    return !asciiOnly || TextDecoding.IsAscii(content) ? GeneralNameType.Rfc822Name : GeneralNameType.Invalid;
                case 0x82: // dNSName [2] IMPLICIT IA5String
                    return !asciiOnly || TextDecoding.IsAscii(content) ? GeneralNameType.DnsName : GeneralNameType.Invalid;
                case 0xA3: // x400Address [3] IMPLICIT ORAddress (a SEQUENCE), kept raw
                    return GeneralNameType.X400Address;
                case 0xA4: // directoryName [4] EXPLICIT Name (Name is a CHOICE, so the tag is explicit)
                    return DistinguishedName.TryParse(content, out _, out _) ? GeneralNameType.DirectoryName : GeneralNameType.Invalid;
                case 0xA5: // ediPartyName [5] IMPLICIT SEQUENCE, kept raw
                    return GeneralNameType.EdiPartyName;
                case 0x86: // uniformResourceIdentifier [6] IMPLICIT IA5String
                    return !asciiOnly || TextDecoding.IsAscii(content) ? GeneralNameType.UniformResourceIdentifier : GeneralNameType.Invalid;
                case 0x87: // iPAddress [7] IMPLICIT OCTET STRING: 4 or 16 octets in subjectAltName
                    return content.Length == 4 || content.Length == 16 ? GeneralNameType.IPAddress : GeneralNameType.Invalid;
                case 0x88: // registeredID [8] IMPLICIT OBJECT IDENTIFIER
                    return DerReader.IsValidOid(content) ? GeneralNameType.RegisteredId : GeneralNameType.Invalid;
                default:
                    return GeneralNameType.Invalid;
            }
        }

        public static bool TryReadOtherName(ReadOnlySpan<byte> content, out ReadOnlySpan<byte> typeId, out ReadOnlySpan<byte> value)
        {
            value = default;
            DerReader reader = new DerReader(content);
            if (!reader.TryReadContent(DerTag.ObjectIdentifier, out typeId, out _) || !DerReader.IsValidOid(typeId)
                || !reader.TryReadContent(DerTag.ContextConstructed(0), out ReadOnlySpan<byte> wrapped, out _) || reader.HasData)
            {
                typeId = default;
                return false;
            }

            DerReader inner = new DerReader(wrapped);
            if (!inner.TryReadElement(out DerElement element, out _) || inner.HasData)
            {
                typeId = default;
                return false;
            }

            value = element.Encoded;
            return true;
        }
    }
}
