using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Text;

namespace Tsid.X509
{
    /// <summary>
    /// An X.501 Name (RFC 5280 4.1.2.4) as a view over the input:
    /// <c>Name ::= SEQUENCE OF RelativeDistinguishedName</c>. Enumeration is in DER order and allocates nothing;
    /// <see cref="ToRfc4514String"/> allocates.
    /// </summary>
    public readonly ref struct DistinguishedName
    {
        private readonly ReadOnlySpan<byte> _rdns;

        internal DistinguishedName(ReadOnlySpan<byte> encoded, ReadOnlySpan<byte> rdns)
        {
            Encoded = encoded;
            _rdns = rdns;
        }

        /// <summary>The whole Name TLV (the SEQUENCE).</summary>
        public ReadOnlySpan<byte> Encoded { get; }

        /// <summary>True when the name has no RDN (an empty SEQUENCE, allowed for subjects with a critical SAN, RFC 5280 4.1.2.6).</summary>
        public bool IsEmpty => _rdns.IsEmpty;

        /// <summary>
        /// Parses a standalone Name TLV (for example from a GeneralName or a TLS CertificateRequest), checking its
        /// structure; strings are checked only with <paramref name="requireValidStrings"/>.
        /// </summary>
        /// <param name="encoded">Exactly one Name SEQUENCE.</param>
        /// <param name="requireValidStrings">Reject string values whose bytes break their type (<see cref="X509ErrorCode.InvalidString"/>).</param>
        /// <param name="name">The name.</param>
        /// <param name="error">What was wrong, when false is returned; offsets count from the start of <paramref name="encoded"/>.</param>
        public static bool TryParse(ReadOnlySpan<byte> encoded, bool requireValidStrings, out DistinguishedName name, out X509Error error)
        {
            DerReader reader = new DerReader(encoded);
            if (!TryRead(ref reader, requireValidStrings, out name, out error))
            {
                return false;
            }

            if (!reader.TryReadEnd(out error))
            {
                name = default;
                return false;
            }

            return true;
        }

        /// <summary>Parses a standalone Name TLV in the lenient way (string bytes not checked).</summary>
        /// <param name="encoded">Exactly one Name SEQUENCE.</param>
        /// <param name="name">The name.</param>
        /// <param name="error">What was wrong, when false is returned.</param>
        public static bool TryParse(ReadOnlySpan<byte> encoded, out DistinguishedName name, out X509Error error) =>
            TryParse(encoded, requireValidStrings: false, out name, out error);

        /// <summary>Reads and validates a Name from <paramref name="reader"/>.</summary>
        internal static bool TryRead(scoped ref DerReader reader, bool requireValidStrings, out DistinguishedName name, out X509Error error)
        {
            name = default;
            DerReader copy = reader;
            if (!copy.TryReadElement(DerTag.Sequence, out DerElement element, out error))
            {
                return false;
            }

            if (reader.Depth + 3 > DerReader.MaxDepth)
            {
                error = new X509Error(X509ErrorCode.NestingTooDeep, element.Offset);
                return false;
            }

            DerReader rdns = new DerReader(element.Content, element.ContentOffset, reader.Depth + 1);
            while (rdns.HasData)
            {
                if (!TryReadRdn(ref rdns, requireValidStrings, out _, out error))
                {
                    return false;
                }
            }

            reader = copy;
            name = new DistinguishedName(element.Encoded, element.Content);
            error = default;
            return true;
        }

        /// <summary>
        /// Reads and checks one RelativeDistinguishedName (RFC 5280 4.1.2.4):
        /// <c>SET SIZE (1..MAX) OF SEQUENCE { type OBJECT IDENTIFIER, value ANY }</c>.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static bool TryReadRdn(scoped ref DerReader rdns, bool requireValidStrings, out DerElement set, out X509Error error)
        {
            DerReader copy = rdns;
            if (!copy.TryReadElement(DerTag.Set, out set, out error))
            {
                return false;
            }

            if (set.Content.IsEmpty)
            {
                error = new X509Error(X509ErrorCode.InvalidName, set.Offset);
                return false;
            }

            DerReader atvs = new DerReader(set.Content, set.ContentOffset, rdns.Depth + 1);
            while (atvs.HasData)
            {
                if (!atvs.TryReadSequence(out DerReader atv, out error)
                    || !atv.TryReadObjectIdentifier(out _, out error)
                    || !atv.TryReadElement(out DerElement value, out error)
                    || !atv.TryReadEnd(out error))
                {
                    return false;
                }

                if (requireValidStrings && !TextDecoding.IsValid(TextDecoding.TypeOf(value.Tag), value.Content))
                {
                    error = new X509Error(X509ErrorCode.InvalidString, value.Offset);
                    return false;
                }
            }

            rdns = copy;
            return true;
        }

        /// <summary>Enumerates the RDNs in DER order.</summary>
        public RelativeDistinguishedNameEnumerator GetEnumerator() => new RelativeDistinguishedNameEnumerator(_rdns);

        /// <summary>Enumerates every attribute of every RDN, in DER order.</summary>
        public AttributeTypeAndValueEnumerator EnumerateAttributes() => new AttributeTypeAndValueEnumerator(_rdns, default, AttributeType.Unknown, filtered: false);

        /// <summary>
        /// Enumerates only the attributes of type <paramref name="type"/>, in DER order (for example every CN, or every OU).
        /// <see cref="AttributeType.Unknown"/> enumerates the attributes of types this library does not name.
        /// </summary>
        /// <param name="type">The type to keep.</param>
        public AttributeTypeAndValueEnumerator EnumerateAttributes(AttributeType type) => new AttributeTypeAndValueEnumerator(_rdns, default, type, filtered: true);

        /// <summary>The first attribute of type <paramref name="type"/> in DER order; false when there is none.</summary>
        /// <param name="type">The type to look for.</param>
        /// <param name="value">Its value.</param>
        public bool TryGetFirst(AttributeType type, out DirectoryString value)
        {
            AttributeTypeAndValueEnumerator e = EnumerateAttributes(type);
            if (e.MoveNext())
            {
                value = e.Current.Value;
                return true;
            }

            value = default;
            return false;
        }

        /// <summary>
        /// The RFC 4514 string form: RDNs most-specific first (the reverse of DER order), attributes of a multi-valued
        /// RDN joined by '+' in DER order, short names CN, L, ST, O, OU, C, STREET, DC, UID and dotted OIDs otherwise,
        /// values escaped per RFC 4514 2.4 (non-string values as '#' and the hex of their DER encoding). Allocates.
        /// </summary>
        public string ToRfc4514String()
        {
            if (_rdns.IsEmpty)
            {
                return string.Empty;
            }

            // The RDNs as the enumerator reads them (in a name the parser did not walk, up to the first unreadable one).
            List<int> ends = new List<int>();
            int end = 0;
            foreach (RelativeDistinguishedName rdn in this)
            {
                end += rdn.Encoded.Length;
                ends.Add(end);
            }

            StringBuilder text = new StringBuilder(_rdns.Length);
            for (int i = ends.Count - 1; i >= 0; i--)
            {
                if (i != ends.Count - 1)
                {
                    text.Append(',');
                }

                int start = i == 0 ? 0 : ends[i - 1];
                DerReader reader = new DerReader(_rdns.Slice(start, ends[i] - start));
                reader.TryReadElement(out DerElement set, out _);
                bool first = true;
                foreach (AttributeTypeAndValue attribute in new RelativeDistinguishedName(set.Encoded, set.Content))
                {
                    if (!first)
                    {
                        text.Append('+');
                    }

                    first = false;
                    text.Append(AttributeTypes.Rfc4514ShortName(attribute.Type) ?? ObjectIdentifier.ToDottedString(attribute.TypeOid)).Append('=');
                    if (attribute.Value.StringType == DirectoryStringType.Other)
                    {
                        text.Append(attribute.Value.GetString());
                    }
                    else
                    {
                        AppendEscaped(text, attribute.Value.GetString());
                    }
                }
            }

            return text.ToString();
        }

        /// <summary>Same as <see cref="ToRfc4514String"/>.</summary>
        public override string ToString() => ToRfc4514String();

        // RFC 4514 2.4: escape '"', '+', ',', ';', '<', '>', '\'; a leading ' ' or '#'; a trailing ' '; NUL as \00.
        internal static void AppendEscaped(StringBuilder text, string value)
        {
            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                switch (c)
                {
                    case '"':
                    case '+':
                    case ',':
                    case ';':
                    case '<':
                    case '>':
                    case '\\':
                        text.Append('\\').Append(c);
                        break;
                    case '\0':
                        text.Append("\\00");
                        break;
                    case ' ' when i == 0 || i == value.Length - 1:
                        text.Append("\\ ");
                        break;
                    case '#' when i == 0:
                        text.Append("\\#");
                        break;
                    default:
                        text.Append(c);
                        break;
                }
            }
        }
    }
}
