using System;

namespace Tsid.X509
{
    /// <summary>
    /// A forward-only reader of DER (X.690 clause 10) over a span. Every Try method either reads one whole element and
    /// moves past it, or fails, leaves the reader where it was and says what was wrong and at which byte offset.
    /// It never reads outside its span and never throws on malformed input.
    /// </summary>
    /// <remarks>
    /// Always rejected: indefinite lengths, non-minimal lengths, lengths past the end of the input, lengths over four
    /// octets, high-tag-number tags (X.509 uses none), and nesting deeper than <see cref="MaxDepth"/>.
    /// Offsets in errors and elements count from the start of the span given to the outermost reader.
    /// </remarks>
    public ref struct DerReader
    {
        /// <summary>
        /// The deepest nesting of constructed readers allowed. A certificate needs about twelve levels
        /// (Certificate, TBS, [3], Extensions, Extension, OCTET STRING, GeneralNames, [4], Name, RDN, ATV);
        /// the bound keeps a hostile input from driving unbounded recursion in any caller that recurses.
        /// </summary>
        public const int MaxDepth = 24;

        /// <summary>The longest length field accepted, in octets: lengths must fit in an <see cref="int"/>.</summary>
        public const int MaxLengthOctets = 4;

        private readonly ReadOnlySpan<byte> _data;
        private readonly int _baseOffset;
        private int _position;

        /// <summary>Creates a reader over <paramref name="data"/>; offsets count from its first byte.</summary>
        /// <param name="data">DER bytes.</param>
        public DerReader(ReadOnlySpan<byte> data)
            : this(data, 0, 0)
        {
        }

        internal DerReader(ReadOnlySpan<byte> data, int baseOffset, int depth)
        {
            _data = data;
            _baseOffset = baseOffset;
            _position = 0;
            Depth = depth;
        }

        /// <summary>Nesting depth of this reader: 0 for a reader made by the public constructor.</summary>
        public int Depth { get; }

        /// <summary>True while unread bytes remain.</summary>
        public readonly bool HasData => _position < _data.Length;

        /// <summary>Offset of the next unread byte from the start of the outermost input.</summary>
        public readonly int Offset => _baseOffset + _position;

        /// <summary>The unread bytes.</summary>
        public readonly ReadOnlySpan<byte> RemainingBytes => _data.Slice(_position);

        /// <summary>Reads the next tag without moving; false at the end of the data.</summary>
        /// <param name="tag">The next tag octet.</param>
        public readonly bool TryPeekTag(out byte tag)
        {
            if (_position < _data.Length)
            {
                tag = _data[_position];
                return true;
            }

            tag = 0;
            return false;
        }

        /// <summary>True when the next element has tag <paramref name="tag"/> (false at the end of the data).</summary>
        /// <param name="tag">The tag to look for.</param>
        public readonly bool PeekTagIs(byte tag) => _position < _data.Length && _data[_position] == tag;

        /// <summary>Reads the next element, whatever its tag.</summary>
        /// <param name="element">The element read.</param>
        /// <param name="error">What was wrong, when false is returned.</param>
        public bool TryReadElement(out DerElement element, out X509Error error)
        {
            if (!TryReadHeader(_position, out byte tag, out int headerLength, out int contentLength, out error))
            {
                element = default;
                return false;
            }

            int total = headerLength + contentLength;
            element = new DerElement(tag, _data.Slice(_position, total), headerLength, _baseOffset + _position);
            _position += total;
            return true;
        }

        /// <summary>Reads the next element, which must have tag <paramref name="expectedTag"/>.</summary>
        /// <param name="expectedTag">The required tag.</param>
        /// <param name="element">The element read.</param>
        /// <param name="error">What was wrong, when false is returned (<see cref="X509ErrorCode.UnexpectedTag"/> for another tag).</param>
        public bool TryReadElement(byte expectedTag, out DerElement element, out X509Error error)
        {
            if (_position < _data.Length && _data[_position] != expectedTag)
            {
                element = default;
                error = new X509Error(X509ErrorCode.UnexpectedTag, Offset);
                return false;
            }

            return TryReadElement(out element, out error);
        }

        /// <summary>Reads a SEQUENCE and returns a reader over its contents.</summary>
        /// <param name="contents">A reader over the SEQUENCE's contents, one level deeper.</param>
        /// <param name="error">What was wrong, when false is returned.</param>
        public bool TryReadSequence(out DerReader contents, out X509Error error) => TryReadConstructed(DerTag.Sequence, out contents, out error);

        /// <summary>Reads a SET (or SET OF) and returns a reader over its contents.</summary>
        /// <param name="contents">A reader over the SET's contents, one level deeper.</param>
        /// <param name="error">What was wrong, when false is returned.</param>
        public bool TryReadSet(out DerReader contents, out X509Error error) => TryReadConstructed(DerTag.Set, out contents, out error);

        /// <summary>Reads a constructed element with tag <paramref name="tag"/> and returns a reader over its contents.</summary>
        /// <param name="tag">The required tag; it must have the constructed bit.</param>
        /// <param name="contents">A reader over the element's contents, one level deeper.</param>
        /// <param name="error">What was wrong, when false is returned.</param>
        /// <exception cref="ArgumentException"><paramref name="tag"/> is not a constructed tag.</exception>
        public bool TryReadConstructed(byte tag, out DerReader contents, out X509Error error)
        {
            if (!DerTag.IsConstructed(tag))
            {
                throw new ArgumentException("The tag must be constructed.", nameof(tag));
            }

            if (Depth + 1 > MaxDepth && PeekTagIs(tag))
            {
                contents = default;
                error = new X509Error(X509ErrorCode.NestingTooDeep, Offset);
                return false;
            }

            if (!TryReadElement(tag, out DerElement element, out error))
            {
                contents = default;
                return false;
            }

            contents = new DerReader(element.Content, element.ContentOffset, Depth + 1);
            return true;
        }

        /// <summary>Reads an OBJECT IDENTIFIER and returns its contents octets (X.690 8.19).</summary>
        /// <param name="contents">The encoded sub-identifiers.</param>
        /// <param name="error">What was wrong, when false is returned.</param>
        public bool TryReadObjectIdentifier(out ReadOnlySpan<byte> contents, out X509Error error)
        {
            int start = _position;
            if (!TryReadPrimitive(DerTag.ObjectIdentifier, out DerElement element, out error))
            {
                contents = default;
                return false;
            }

            if (!IsValidOid(element.Content))
            {
                _position = start;
                contents = default;
                error = new X509Error(X509ErrorCode.InvalidOid, element.Offset);
                return false;
            }

            contents = element.Content;
            return true;
        }

        /// <summary>Reads an INTEGER and returns its two's-complement contents octets, checked minimal (X.690 8.3.2).</summary>
        /// <param name="contents">The big-endian two's-complement value.</param>
        /// <param name="error">What was wrong, when false is returned.</param>
        public bool TryReadInteger(out ReadOnlySpan<byte> contents, out X509Error error) => TryReadInteger(DerTag.Integer, out contents, out error);

        /// <summary>Reads an INTEGER (or an IMPLICIT-tagged one with tag <paramref name="tag"/>) and returns its contents octets.</summary>
        /// <param name="tag">The tag to expect.</param>
        /// <param name="contents">The big-endian two's-complement value.</param>
        /// <param name="error">What was wrong, when false is returned.</param>
        public bool TryReadInteger(byte tag, out ReadOnlySpan<byte> contents, out X509Error error)
        {
            int start = _position;
            if (!TryReadPrimitive(tag, out DerElement element, out error))
            {
                contents = default;
                return false;
            }

            ReadOnlySpan<byte> value = element.Content;
            bool valid = value.Length != 0
                && !(value.Length > 1 && ((value[0] == 0x00 && value[1] < 0x80) || (value[0] == 0xFF && value[1] >= 0x80)));
            if (!valid)
            {
                _position = start;
                contents = default;
                error = new X509Error(X509ErrorCode.InvalidInteger, element.Offset);
                return false;
            }

            contents = value;
            return true;
        }

        /// <summary>Reads an INTEGER that must be between 0 and <see cref="int.MaxValue"/>.</summary>
        /// <param name="value">The value.</param>
        /// <param name="error">What was wrong, when false is returned (<see cref="X509ErrorCode.InvalidInteger"/> when out of range).</param>
        public bool TryReadInt32(out int value, out X509Error error) => TryReadInt32(DerTag.Integer, out value, out error);

        /// <summary>Reads an INTEGER with tag <paramref name="tag"/> that must be between 0 and <see cref="int.MaxValue"/>.</summary>
        /// <param name="tag">The tag to expect.</param>
        /// <param name="value">The value.</param>
        /// <param name="error">What was wrong, when false is returned.</param>
        public bool TryReadInt32(byte tag, out int value, out X509Error error)
        {
            int start = _position;
            int offset = Offset;
            if (!TryReadInteger(tag, out ReadOnlySpan<byte> contents, out error))
            {
                value = 0;
                return false;
            }

            if (!TryGetNonNegativeInt32(contents, out value))
            {
                _position = start;
                error = new X509Error(X509ErrorCode.InvalidInteger, offset);
                return false;
            }

            return true;
        }

        /// <summary>Reads a BOOLEAN; DER allows only 0x00 and 0xFF (X.690 11.1).</summary>
        /// <param name="value">The value.</param>
        /// <param name="error">What was wrong, when false is returned.</param>
        public bool TryReadBoolean(out bool value, out X509Error error)
        {
            int start = _position;
            if (!TryReadPrimitive(DerTag.Boolean, out DerElement element, out error))
            {
                value = false;
                return false;
            }

            ReadOnlySpan<byte> content = element.Content;
            if (content.Length != 1 || (content[0] != 0x00 && content[0] != 0xFF))
            {
                _position = start;
                value = false;
                error = new X509Error(X509ErrorCode.InvalidBoolean, element.Offset);
                return false;
            }

            value = content[0] == 0xFF;
            return true;
        }

        /// <summary>Reads a BIT STRING (X.690 8.6, 11.2): the unused-bits count and the bit octets, padding checked zero.</summary>
        /// <param name="unusedBits">Unused bits in the last octet, 0 to 7.</param>
        /// <param name="bits">The octets holding the bits.</param>
        /// <param name="error">What was wrong, when false is returned.</param>
        public bool TryReadBitString(out int unusedBits, out ReadOnlySpan<byte> bits, out X509Error error) =>
            TryReadBitString(DerTag.BitString, out unusedBits, out bits, out error);

        /// <summary>Reads a BIT STRING with tag <paramref name="tag"/> (for IMPLICIT tagging).</summary>
        /// <param name="tag">The tag to expect.</param>
        /// <param name="unusedBits">Unused bits in the last octet, 0 to 7.</param>
        /// <param name="bits">The octets holding the bits.</param>
        /// <param name="error">What was wrong, when false is returned.</param>
        public bool TryReadBitString(byte tag, out int unusedBits, out ReadOnlySpan<byte> bits, out X509Error error)
        {
            int start = _position;
            if (!TryReadPrimitive(tag, out DerElement element, out error))
            {
                unusedBits = 0;
                bits = default;
                return false;
            }

            if (!TryParseBitString(element.Content, out unusedBits, out bits))
            {
                _position = start;
                error = new X509Error(X509ErrorCode.InvalidBitString, element.Offset);
                return false;
            }

            return true;
        }

        /// <summary>Reads an OCTET STRING and returns its contents.</summary>
        /// <param name="contents">The octets.</param>
        /// <param name="error">What was wrong, when false is returned.</param>
        public bool TryReadOctetString(out ReadOnlySpan<byte> contents, out X509Error error)
        {
            bool ok = TryReadPrimitive(DerTag.OctetString, out DerElement element, out error);
            contents = ok ? element.Content : default;
            return ok;
        }

        /// <summary>Reads a NULL, which must be empty.</summary>
        /// <param name="error">What was wrong, when false is returned.</param>
        public bool TryReadNull(out X509Error error)
        {
            int start = _position;
            if (!TryReadPrimitive(DerTag.Null, out DerElement element, out error))
            {
                return false;
            }

            if (element.Content.Length != 0)
            {
                _position = start;
                error = new X509Error(X509ErrorCode.InvalidEncoding, element.Offset);
                return false;
            }

            return true;
        }

        /// <summary>
        /// Reads a UTCTime or GeneralizedTime in the form RFC 5280 4.1.2.5 requires
        /// (YYMMDDHHMMSSZ, or YYYYMMDDHHMMSSZ) and decodes it.
        /// </summary>
        /// <param name="value">The time, in UTC.</param>
        /// <param name="error">What was wrong, when false is returned.</param>
        public bool TryReadTime(out DateTimeOffset value, out X509Error error)
        {
            int start = _position;
            if (!TryReadElement(out DerElement element, out error))
            {
                value = default;
                return false;
            }

            if (element.Tag != DerTag.UtcTime && element.Tag != DerTag.GeneralizedTime)
            {
                _position = start;
                value = default;
                error = new X509Error(X509ErrorCode.UnexpectedTag, element.Offset);
                return false;
            }

            if (!X509Time.TryDecode(element.Tag, element.Content, strict: true, out value))
            {
                _position = start;
                error = new X509Error(X509ErrorCode.InvalidTime, element.Offset);
                return false;
            }

            return true;
        }

        /// <summary>Succeeds when every byte has been read; otherwise reports <see cref="X509ErrorCode.TrailingData"/>.</summary>
        /// <param name="error">What was wrong, when false is returned.</param>
        public readonly bool TryReadEnd(out X509Error error)
        {
            if (_position < _data.Length)
            {
                error = new X509Error(X509ErrorCode.TrailingData, Offset);
                return false;
            }

            error = default;
            return true;
        }

        /// <summary>Reads a primitive element with the given tag; a constructed encoding of it is an error (X.690 10.2).</summary>
        private bool TryReadPrimitive(byte tag, out DerElement element, out X509Error error)
        {
            if (_position < _data.Length && _data[_position] != tag)
            {
                element = default;
                error = new X509Error(
                    _data[_position] == (tag | DerTag.ConstructedBit) ? X509ErrorCode.InvalidEncoding : X509ErrorCode.UnexpectedTag,
                    Offset);
                return false;
            }

            return TryReadElement(out element, out error);
        }

        // X.690 8.1.2 (identifier), 8.1.3 and 10.1 (definite, minimal length).
        private readonly bool TryReadHeader(int position, out byte tag, out int headerLength, out int contentLength, out X509Error error)
        {
            tag = 0;
            headerLength = 0;
            contentLength = 0;
            ReadOnlySpan<byte> data = _data;
            int at = _baseOffset + position;
            if ((uint)position >= (uint)data.Length)
            {
                error = new X509Error(X509ErrorCode.Truncated, at);
                return false;
            }

            byte t = data[position];
            if ((t & 0x1F) == 0x1F)
            {
                error = new X509Error(X509ErrorCode.HighTagNumber, at);
                return false;
            }

            int p = position + 1;
            if ((uint)p >= (uint)data.Length)
            {
                error = new X509Error(X509ErrorCode.Truncated, _baseOffset + p);
                return false;
            }

            byte first = data[p++];
            long length;
            if (first < 0x80)
            {
                length = first;
            }
            else if (first == 0x80)
            {
                error = new X509Error(X509ErrorCode.IndefiniteLength, _baseOffset + p - 1);
                return false;
            }
            else
            {
                int count = first & 0x7F;
                if (count > MaxLengthOctets)
                {
                    error = new X509Error(X509ErrorCode.LengthTooLarge, _baseOffset + p - 1);
                    return false;
                }

                if (data.Length - p < count)
                {
                    error = new X509Error(X509ErrorCode.Truncated, _baseOffset + p - 1);
                    return false;
                }

                if (data[p] == 0)
                {
                    error = new X509Error(X509ErrorCode.NonMinimalLength, _baseOffset + p - 1);
                    return false;
                }

                length = 0;
                for (int i = 0; i < count; i++)
                {
                    length = (length << 8) | data[p + i];
                }

                if (length < 0x80)
                {
                    error = new X509Error(X509ErrorCode.NonMinimalLength, _baseOffset + p - 1);
                    return false;
                }

                if (length > int.MaxValue)
                {
                    error = new X509Error(X509ErrorCode.LengthTooLarge, _baseOffset + p - 1);
                    return false;
                }

                p += count;
            }

            if (length > data.Length - p)
            {
                error = new X509Error(X509ErrorCode.Truncated, at);
                return false;
            }

            tag = t;
            headerLength = p - position;
            contentLength = (int)length;
            error = default;
            return true;
        }

        internal static bool IsValidOid(ReadOnlySpan<byte> oid)
        {
            // X.690 8.19.2: each sub-identifier is base-128, high bit set on all but its last octet, no leading 0x80.
            if (oid.Length == 0 || (oid[oid.Length - 1] & 0x80) != 0)
            {
                return false;
            }

            bool atStart = true;
            for (int i = 0; i < oid.Length; i++)
            {
                byte b = oid[i];
                if (atStart && b == 0x80)
                {
                    return false;
                }

                atStart = (b & 0x80) == 0;
            }

            return true;
        }

        internal static bool TryParseBitString(ReadOnlySpan<byte> content, out int unusedBits, out ReadOnlySpan<byte> bits)
        {
            unusedBits = 0;
            bits = default;
            if (content.Length == 0)
            {
                return false;
            }

            int unused = content[0];
            if (unused > 7 || (content.Length == 1 && unused != 0))
            {
                return false;
            }

            // X.690 11.2.1: DER sets the unused bits to zero.
            if (unused != 0 && (content[content.Length - 1] & ((1 << unused) - 1)) != 0)
            {
                return false;
            }

            unusedBits = unused;
            bits = content.Slice(1);
            return true;
        }

        internal static bool TryGetNonNegativeInt32(ReadOnlySpan<byte> integer, out int value)
        {
            value = 0;
            if (integer.Length == 0 || (integer[0] & 0x80) != 0)
            {
                return false;
            }

            if (integer.Length > 5 || (integer.Length == 5 && integer[0] != 0))
            {
                return false;
            }

            long v = 0;
            for (int i = 0; i < integer.Length; i++)
            {
                v = (v << 8) | integer[i];
            }

            if (v > int.MaxValue)
            {
                return false;
            }

            value = (int)v;
            return true;
        }
    }
}
