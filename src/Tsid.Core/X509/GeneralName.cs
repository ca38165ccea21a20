using System;
using System.Globalization;
using System.Text;

namespace Tsid.X509
{
    /// <summary>
    /// One GeneralName (RFC 5280 4.2.1.6) as a view over the certificate:
    /// <code>
    /// GeneralName ::= CHOICE {
    ///      otherName                 [0] OtherName,
    ///      rfc822Name                [1] IA5String,
    ///      dNSName                   [2] IA5String,
    ///      x400Address               [3] ORAddress,
    ///      directoryName             [4] Name,
    ///      ediPartyName              [5] EDIPartyName,
    ///      uniformResourceIdentifier [6] IA5String,
    ///      iPAddress                 [7] OCTET STRING,
    ///      registeredID              [8] OBJECT IDENTIFIER }
    /// </code>
    /// </summary>
    public readonly ref struct GeneralName
    {
        internal GeneralName(GeneralNameType type, ReadOnlySpan<byte> value, ReadOnlySpan<byte> encoded)
        {
            Type = type;
            Value = value;
            Encoded = encoded;
        }

        /// <summary>The alternative, or <see cref="GeneralNameType.Invalid"/> for a malformed entry.</summary>
        public GeneralNameType Type { get; }

        /// <summary>
        /// The contents: the IA5 bytes for <see cref="GeneralNameType.DnsName"/>, <see cref="GeneralNameType.Rfc822Name"/>
        /// and <see cref="GeneralNameType.UniformResourceIdentifier"/>; 4 or 16 octets for <see cref="GeneralNameType.IPAddress"/>;
        /// the OID contents for <see cref="GeneralNameType.RegisteredId"/>; the Name TLV for
        /// <see cref="GeneralNameType.DirectoryName"/>; the raw contents otherwise (empty when an invalid entry has no readable TLV).
        /// </summary>
        public ReadOnlySpan<byte> Value { get; }

        /// <summary>The whole entry TLV (for an invalid entry: the bytes that could not be read).</summary>
        public ReadOnlySpan<byte> Encoded { get; }

        /// <summary>False for a malformed entry kept in lenient mode.</summary>
        public bool IsValid => Type != GeneralNameType.Invalid;

        /// <summary>The Name inside a <see cref="GeneralNameType.DirectoryName"/> entry.</summary>
        /// <param name="name">The name.</param>
        public bool TryGetDirectoryName(out DistinguishedName name)
        {
            if (Type == GeneralNameType.DirectoryName)
            {
                return DistinguishedName.TryParse(Value, out name, out _);
            }

            name = default;
            return false;
        }

        /// <summary>
        /// The parts of an <see cref="GeneralNameType.OtherName"/> entry:
        /// <c>OtherName ::= SEQUENCE { type-id OBJECT IDENTIFIER, value [0] EXPLICIT ANY DEFINED BY type-id }</c>.
        /// </summary>
        /// <param name="typeId">The type-id OID contents.</param>
        /// <param name="value">The value TLV inside the [0] wrapper.</param>
        public bool TryGetOtherName(out ReadOnlySpan<byte> typeId, out ReadOnlySpan<byte> value)
        {
            typeId = default;
            value = default;
            if (Type != GeneralNameType.OtherName)
            {
                return false;
            }

            return GeneralNames.TryReadOtherName(Value, out typeId, out value);
        }

        /// <summary>
        /// A display string (for the IA5 types, allocates the string and nothing else): IA5 types as text (7-bit ASCII; raw UTF-8 decoded as UTF-8, any other byte as Latin-1), IPv4 dotted quad, IPv6 as eight colon-separated
        /// hex groups (RFC 4291 2.2, no zero compression), registeredID as a dotted OID, other types as '#' and hex of the TLV.
        /// </summary>
        public string GetString()
        {
            switch (Type)
            {
                case GeneralNameType.DnsName:
                case GeneralNameType.Rfc822Name:
                case GeneralNameType.UniformResourceIdentifier:
                    {
                        // IA5String is 7-bit; real certificates also carry raw UTF-8 here (read it as UTF-8, as
                        // python-cryptography does) and, rarely, other bytes (read those as Latin-1).
                        ReadOnlySpan<byte> raw = Value;
                        DirectoryStringType as8 = TextDecoding.IsAscii(raw) || !TextDecoding.IsValid(DirectoryStringType.Utf8String, raw)
                            ? DirectoryStringType.TeletexString
                            : DirectoryStringType.Utf8String;
                        return TextDecoding.DecodeToString(as8, raw);
                    }

                case GeneralNameType.IPAddress:
                    return FormatIPAddress(Value);
                case GeneralNameType.RegisteredId:
                    return ObjectIdentifier.ToDottedString(Value);
                case GeneralNameType.DirectoryName:
                    return TryGetDirectoryName(out DistinguishedName name) ? name.ToRfc4514String() : Hex.ToRfc4514HexString(Encoded);
                default:
                    return Hex.ToRfc4514HexString(Encoded);
            }
        }

        /// <summary>Same as <see cref="GetString"/>.</summary>
        public override string ToString() => GetString();

        private static string FormatIPAddress(ReadOnlySpan<byte> address)
        {
            StringBuilder text = new StringBuilder(40);
            if (address.Length == 4)
            {
                for (int i = 0; i < 4; i++)
                {
                    if (i != 0)
                    {
                        text.Append('.');
                    }

                    text.Append(address[i].ToString(CultureInfo.InvariantCulture));
                }
            }
            else
            {
                for (int i = 0; i + 1 < address.Length; i += 2)
                {
                    if (i != 0)
                    {
                        text.Append(':');
                    }

                    text.Append(((address[i] << 8) | address[i + 1]).ToString("x", CultureInfo.InvariantCulture));
                }
            }

            return text.ToString();
        }
    }
}
