using System;
using System.Runtime.CompilerServices;

namespace Tsid.X509
{
    /// <summary>Maps attribute type OIDs (contents octets) to <see cref="AttributeType"/> and to RFC 4514 short names.</summary>
    internal static class AttributeTypes
    {
        // 0.9.2342.19200300.100.1.x (RFC 4519 DC, UID) without the last octet.
        private static ReadOnlySpan<byte> Pilot => new byte[] { 0x09, 0x92, 0x26, 0x89, 0x93, 0xF2, 0x2C, 0x64, 0x01 };

        // 1.2.840.113549.1.9.1 (PKCS #9 emailAddress).
        private static ReadOnlySpan<byte> Pkcs9Email => new byte[] { 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x09, 0x01 };

        // 1.3.6.1.4.1.311.60.2.1.x (EV jurisdiction) without the last octet.
        private static ReadOnlySpan<byte> Jurisdiction => new byte[] { 0x2B, 0x06, 0x01, 0x04, 0x01, 0x82, 0x37, 0x3C, 0x02, 0x01 };

        private static readonly byte[] ArcByType = BuildArcByType();

        /// <summary>The type an attribute type OID names; inline for X.520 2.5.4.x (55 04 x), the common case.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static AttributeType FromOid(ReadOnlySpan<byte> oid) =>
            oid.Length == 3 && oid[0] == 0x55 && oid[1] == 0x04 ? FromX520Arc(oid[2]) : FromOtherOid(oid);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static AttributeType FromX520Arc(byte arc)
        {
            switch (arc)
            {
                case 3: return AttributeType.CommonName;
                case 4: return AttributeType.Surname;
                case 5: return AttributeType.SerialNumber;
                case 6: return AttributeType.CountryName;
                case 7: return AttributeType.LocalityName;
                case 8: return AttributeType.StateOrProvinceName;
                case 9: return AttributeType.StreetAddress;
                case 10: return AttributeType.OrganizationName;
                case 11: return AttributeType.OrganizationalUnitName;
                case 12: return AttributeType.Title;
                case 15: return AttributeType.BusinessCategory;
                case 17: return AttributeType.PostalCode;
                case 41: return AttributeType.Name;
                case 42: return AttributeType.GivenName;
                case 43: return AttributeType.Initials;
                case 44: return AttributeType.GenerationQualifier;
                case 45: return AttributeType.X500UniqueIdentifier;
                case 46: return AttributeType.DnQualifier;
                case 65: return AttributeType.Pseudonym;
                case 97: return AttributeType.OrganizationIdentifier;
                default: return AttributeType.Unknown;
            }
        }

        /// <summary>The last arc of a 2.5.4.x type (the inverse of <see cref="FromOid"/> there), 0 for the other types.</summary>
        public static byte X520Arc(AttributeType type) => (uint)type < (uint)ArcByType.Length ? ArcByType[(int)type] : (byte)0;

        // X520Arc's table, derived from FromX520Arc so the mapping is written once (2.5.4.x arcs are single octets).
        private static byte[] BuildArcByType()
        {
            byte[] arcs = new byte[(int)AttributeType.JurisdictionCountryName + 1];
            for (int arc = 1; arc < 0x80; arc++)
            {
                AttributeType type = FromX520Arc((byte)arc);
                if (type != AttributeType.Unknown && (int)type < arcs.Length)
                {
                    arcs[(int)type] = (byte)arc;
                }
            }

            return arcs;
        }

        private static AttributeType FromOtherOid(ReadOnlySpan<byte> oid)
        {
            if (oid.Length == 10 && oid.Slice(0, 9).SequenceEqual(Pilot))
            {
                return oid[9] switch
                {
                    0x19 => AttributeType.DomainComponent,
                    0x01 => AttributeType.UserId,
                    _ => AttributeType.Unknown,
                };
            }

            if (oid.Length == 9 && oid.SequenceEqual(Pkcs9Email))
            {
                return AttributeType.EmailAddress;
            }

            if (oid.Length == 11 && oid.Slice(0, 10).SequenceEqual(Jurisdiction))
            {
                return oid[10] switch
                {
                    1 => AttributeType.JurisdictionLocalityName,
                    2 => AttributeType.JurisdictionStateOrProvinceName,
                    3 => AttributeType.JurisdictionCountryName,
                    _ => AttributeType.Unknown,
                };
            }

            return AttributeType.Unknown;
        }

        /// <summary>The RFC 4514 section 3 short name, or null when the type is written as a dotted OID.</summary>
        public static string? Rfc4514ShortName(AttributeType type) => type switch
        {
            AttributeType.CommonName => "CN",
            AttributeType.LocalityName => "L",
            AttributeType.StateOrProvinceName => "ST",
            AttributeType.OrganizationName => "O",
            AttributeType.OrganizationalUnitName => "OU",
            AttributeType.CountryName => "C",
            AttributeType.StreetAddress => "STREET",
            AttributeType.DomainComponent => "DC",
            AttributeType.UserId => "UID",
            _ => null,
        };
    }
}
