using System;
using System.Runtime.CompilerServices;

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
    /// The common element (a low tag number and a short-form length) is read inline; long-form lengths and every
    /// error go through one out-of-line header decoder that takes the bytes by value, so a reader and the elements it
    /// returns stay in registers.
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

        // ReadHeader's expectedTag when any tag will do.
        private const int AnyTag = -1;

        // The unread bytes, and the offset (from the start of the outermost input) just past the reader's last byte:
        // reading moves only _rest, and the offset of the next byte is _end - _rest.Length.
        private ReadOnlySpan<byte> _rest;
        private readonly int _end;

        /// <summary>Creates a reader over <paramref name="data"/>; offsets count from its first byte.</summary>
        /// <param name="data">DER bytes.</param>
        public DerReader(ReadOnlySpan<byte> data)
            : this(data, 0, 0)
        {
        }

        internal DerReader(ReadOnlySpan<byte> data, int baseOffset, int depth)
        {
            _rest = data;
            _end = baseOffset + data.Length;
            Depth = depth;
        }

        /// <summary>Nesting depth of this reader: 0 for a reader made by the public constructor.</summary>
        public int Depth { get; }

        /// <summary>True while unread bytes remain.</summary>
        public readonly bool HasData
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            get => !_rest.IsEmpty;
        }

        /// <summary>Offset of the next unread byte from the start of the outermost input.</summary>
        public readonly int Offset
        {
            [MethodImpl(MethodImplOptions.AggressiveInlining)]
            get => _end - _rest.Length;
        }

        /// <summary>The unread bytes.</summary>
        public readonly ReadOnlySpan<byte> RemainingBytes => _rest;

        /// <summary>Reads the next tag without moving; false at the end of the data.</summary>
        /// <param name="tag">The next tag octet.</param>
        public readonly bool TryPeekTag(out byte tag)
        {
            if (!_rest.IsEmpty)
            {
                tag = _rest[0];
                return true;
            }

            tag = 0;
            return false;
        }

        /// <summary>True when the next element has tag <paramref name="tag"/> (false at the end of the data).</summary>
        /// <param name="tag">The tag to look for.</param>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public readonly bool PeekTagIs(byte tag) => !_rest.IsEmpty && _rest[0] == tag;

        /// <summary>Reads the next element, whatever its tag.</summary>
        /// <param name="element">The element read.</param>
        /// <param name="error">What was wrong, when false is returned.</param>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool TryReadElement(out DerElement element, out X509Error error) => TryRead(AnyTag, primitive: false, out element, out error);

        /// <summary>Reads the next element, which must have tag <paramref name="expectedTag"/>.</summary>
        /// <param name="expectedTag">The required tag.</param>
        /// <param name="element">The element read.</param>
        /// <param name="error">What was wrong, when false is returned (<see cref="X509ErrorCode.UnexpectedTag"/> for another tag).</param>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool TryReadElement(byte expectedTag, out DerElement element, out X509Error error) => TryRead(expectedTag, primitive: false, out element, out error);

        /// <summary>Reads a SEQUENCE and returns a reader over its contents.</summary>
        /// <param name="contents">A reader over the SEQUENCE's contents, one level deeper.</param>
        /// <param name="error">What was wrong, when false is returned.</param>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool TryReadSequence(out DerReader contents, out X509Error error) => TryEnter(DerTag.Sequence, out contents, out error);

        /// <summary>Reads a SET (or SET OF) and returns a reader over its contents.</summary>
        /// <param name="contents">A reader over the SET's contents, one level deeper.</param>
        /// <param name="error">What was wrong, when false is returned.</param>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool TryReadSet(out DerReader contents, out X509Error error) => TryEnter(DerTag.Set, out contents, out error);

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

            return TryEnter(tag, out contents, out error);
        }

        /// <summary><see cref="TryReadConstructed"/> for a tag the caller knows is constructed.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal bool TryEnter(byte tag, out DerReader contents, out X509Error error)
        {
            if (Depth >= MaxDepth && PeekTagIs(tag))
            {
                contents = default;
                error = new X509Error(X509ErrorCode.NestingTooDeep, Offset);
                return false;
            }

            if (!TryRead(tag, primitive: false, out DerElement element, out error))
            {
                contents = default;
                return false;
            }

            contents = new DerReader(element.Content, element.ContentOffset, Depth + 1);
            return true;
        }

        /// <summary>Reads a primitive element with tag <paramref name="tag"/>; its constructed form is InvalidEncoding (X.690 10.2).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal bool TryReadPrimitive(byte tag, out DerElement element, out X509Error error) => TryRead(tag, primitive: true, out element, out error);

        /// <summary>Reads an element with tag <paramref name="tag"/> and returns its contents octets.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal bool TryReadContent(byte tag, out ReadOnlySpan<byte> contents, out X509Error error)
        {
            bool ok = TryRead(tag, primitive: false, out DerElement element, out error);
            contents = element.Content;
            return ok;
        }

        /// <summary>
        /// True when <paramref name="encoded"/> is exactly one TLV with tag <paramref name="tag"/>; returns its contents.
        /// For views over bytes that may be malformed (extension values read on request): no error detail.
        /// </summary>
        internal static bool TryReadSingle(ReadOnlySpan<byte> encoded, byte tag, out ReadOnlySpan<byte> contents)
        {
            DerReader reader = new DerReader(encoded);
            if (reader.TryReadContent(tag, out contents, out _) && !reader.HasData)
            {
                return true;
            }

            contents = default;
            return false;
        }

        /// <summary>Reads an OBJECT IDENTIFIER and returns its contents octets (X.690 8.19).</summary>
        /// <param name="contents">The encoded sub-identifiers.</param>
        /// <param name="error">What was wrong, when false is returned.</param>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool TryReadObjectIdentifier(out ReadOnlySpan<byte> contents, out X509Error error)
        {
            ReadOnlySpan<byte> start = _rest;
            if (!TryRead(DerTag.ObjectIdentifier, primitive: true, out DerElement element, out error))
            {
                contents = default;
                return false;
            }

            contents = element.Content;
            if (!IsValidOid(contents))
            {
                _rest = start;
                contents = default;
                error = new X509Error(X509ErrorCode.InvalidOid, element.Offset);
                return false;
            }

            return true;
        }

        /// <summary>Reads an INTEGER and returns its two's-complement contents octets, checked minimal (X.690 8.3.2).</summary>
        /// <param name="contents">The big-endian two's-complement value.</param>
        /// <param name="error">What was wrong, when false is returned.</param>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool TryReadInteger(out ReadOnlySpan<byte> contents, out X509Error error) => TryReadInteger(DerTag.Integer, out contents, out error);

        /// <summary>Reads an INTEGER (or an IMPLICIT-tagged one with tag <paramref name="tag"/>) and returns its contents octets.</summary>
        /// <param name="tag">The tag to expect.</param>
        /// <param name="contents">The big-endian two's-complement value.</param>
        /// <param name="error">What was wrong, when false is returned.</param>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool TryReadInteger(byte tag, out ReadOnlySpan<byte> contents, out X509Error error)
        {
            ReadOnlySpan<byte> start = _rest;
            if (!TryRead(tag, primitive: true, out DerElement element, out error))
            {
                contents = default;
                return false;
            }

            contents = element.Content;
            if (!IsMinimalInteger(contents))
            {
                _rest = start;
                contents = default;
                error = new X509Error(X509ErrorCode.InvalidInteger, element.Offset);
                return false;
            }

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
            ReadOnlySpan<byte> start = _rest;
            int offset = Offset;
            if (!TryReadInteger(tag, out ReadOnlySpan<byte> contents, out error))
            {
                value = 0;
                return false;
            }

            if (!TryGetNonNegativeInt32(contents, out value))
            {
                _rest = start;
                error = new X509Error(X509ErrorCode.InvalidInteger, offset);
                return false;
            }

            return true;
        }

        /// <summary>Reads a BOOLEAN; DER allows only 0x00 and 0xFF (X.690 11.1).</summary>
        /// <param name="value">The value.</param>
        /// <param name="error">What was wrong, when false is returned.</param>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool TryReadBoolean(out bool value, out X509Error error)
        {
            ReadOnlySpan<byte> start = _rest;
            if (!TryRead(DerTag.Boolean, primitive: true, out DerElement element, out error))
            {
                value = false;
                return false;
            }

            ReadOnlySpan<byte> content = element.Content;
            if (content.Length != 1 || (content[0] != 0x00 && content[0] != 0xFF))
            {
                _rest = start;
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
            ReadOnlySpan<byte> start = _rest;
            if (!TryRead(tag, primitive: true, out DerElement element, out error))
            {
                unusedBits = 0;
                bits = default;
                return false;
            }

            if (!TryParseBitString(element.Content, out unusedBits, out bits))
            {
                _rest = start;
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
            bool ok = TryRead(DerTag.OctetString, primitive: true, out DerElement element, out error);
            contents = element.Content;
            return ok;
        }

        /// <summary>Reads a NULL, which must be empty.</summary>
        /// <param name="error">What was wrong, when false is returned.</param>
        public bool TryReadNull(out X509Error error)
        {
            ReadOnlySpan<byte> start = _rest;
            if (!TryRead(DerTag.Null, primitive: true, out DerElement element, out error))
            {
                return false;
            }

            if (element.Content.Length != 0)
            {
                _rest = start;
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
            ReadOnlySpan<byte> start = _rest;
            if (!TryReadElement(out DerElement element, out error))
            {
                value = default;
                return false;
            }

            if (element.Tag != DerTag.UtcTime && element.Tag != DerTag.GeneralizedTime)
            {
                _rest = start;
                value = default;
                error = new X509Error(X509ErrorCode.UnexpectedTag, element.Offset);
                return false;
            }

            if (!X509Time.TryDecode(element.Tag, element.Content, strict: true, out value))
            {
                _rest = start;
                error = new X509Error(X509ErrorCode.InvalidTime, element.Offset);
                return false;
            }

            return true;
        }

        /// <summary>Succeeds when every byte has been read; otherwise reports <see cref="X509ErrorCode.TrailingData"/>.</summary>
        /// <param name="error">What was wrong, when false is returned.</param>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public readonly bool TryReadEnd(out X509Error error)
        {
            if (!_rest.IsEmpty)
            {
                error = new X509Error(X509ErrorCode.TrailingData, Offset);
                return false;
            }

            error = default;
            return true;
        }

        // One element. expectedTag is AnyTag or the tag required; primitive adds X.690 10.2 (a constructed encoding of
        // a primitive type is InvalidEncoding rather than UnexpectedTag). The inline test is the common case: the
        // expected low tag number and a minimal length of one to three octets inside the data (X.690 8.1.2.2,
        // 8.1.3.4, 8.1.3.5, 10.1), which covers every element shorter than 64 KiB.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private bool TryRead(int expectedTag, bool primitive, out DerElement element, out X509Error error)
        {
            ReadOnlySpan<byte> rest = _rest;
            int headerLength = 0;
            int contentLength = 0;
            if (rest.Length >= 2
                && (expectedTag == AnyTag ? (rest[0] & 0x1F) != 0x1F : rest[0] == expectedTag && (expectedTag & 0x1F) != 0x1F))
            {
                int first = rest[1];
                if (first < 0x80)
                {
                    headerLength = 2;
                    contentLength = first;
                }
                else if (first == 0x81 && rest.Length >= 3 && rest[2] >= 0x80)
                {
                    headerLength = 3;
                    contentLength = rest[2];
                }
                else if (first == 0x82 && rest.Length >= 4 && rest[2] != 0)
                {
                    headerLength = 4;
                    contentLength = (rest[2] << 8) | rest[3];
                }

                if (contentLength > rest.Length - headerLength)
                {
                    headerLength = 0;
                }
            }

            byte tag = expectedTag == AnyTag ? rest.Length >= 2 ? rest[0] : (byte)0 : (byte)expectedTag;
            if (headerLength == 0)
            {
                Header header = ReadHeader(rest, expectedTag, primitive);
                if (header.Error != X509ErrorCode.None)
                {
                    element = default;
                    error = new X509Error(header.Error, Offset + header.ErrorPosition);
                    return false;
                }

                tag = header.Tag;
                headerLength = header.Length;
                contentLength = header.ContentLength;
            }

            int total = headerLength + contentLength;
            element = new DerElement(tag, rest.Slice(0, total), headerLength, _end - rest.Length);
            _rest = rest.Slice(total);
            error = default;
            return true;
        }

        // X.690 8.1.2 (identifier), 8.1.3 and 10.1 (definite, minimal length) of the element at the start of 'data':
        // every case the inline test leaves. Static and by value so that the callers' readers are never address-taken.
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static Header ReadHeader(ReadOnlySpan<byte> data, int expectedTag, bool primitive)
        {
            if (data.IsEmpty)
            {
                return Header.Failed(X509ErrorCode.Truncated, 0);
            }

            byte t = data[0];
            if (expectedTag != AnyTag && t != expectedTag)
            {
                return Header.Failed(primitive && t == (expectedTag | DerTag.ConstructedBit) ? X509ErrorCode.InvalidEncoding : X509ErrorCode.UnexpectedTag, 0);
            }

            if ((t & 0x1F) == 0x1F)
            {
                return Header.Failed(X509ErrorCode.HighTagNumber, 0);
            }

            int p = 1;
            if ((uint)p >= (uint)data.Length)
            {
                return Header.Failed(X509ErrorCode.Truncated, p);
            }

            byte first = data[p++];
            long length;
            if (first < 0x80)
            {
                length = first;
            }
            else if (first == 0x80)
            {
                return Header.Failed(X509ErrorCode.IndefiniteLength, p - 1);
            }
            else
            {
                int count = first & 0x7F;
                if (count > MaxLengthOctets)
                {
                    return Header.Failed(X509ErrorCode.LengthTooLarge, p - 1);
                }

                if (data.Length - p < count)
                {
                    return Header.Failed(X509ErrorCode.Truncated, p - 1);
                }

                if (data[p] == 0)
                {
                    return Header.Failed(X509ErrorCode.NonMinimalLength, p - 1);
                }

                length = 0;
                for (int i = 0; i < count; i++)
                {
                    length = (length << 8) | data[p + i];
                }

                if (length < 0x80)
                {
                    return Header.Failed(X509ErrorCode.NonMinimalLength, p - 1);
                }

                if (length > int.MaxValue)
                {
                    return Header.Failed(X509ErrorCode.LengthTooLarge, p - 1);
                }

                p += count;
            }

            if (length > data.Length - p)
            {
                return Header.Failed(X509ErrorCode.Truncated, 0);
            }

            return new Header(t, p, (int)length, X509ErrorCode.None, 0);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static bool IsValidOid(ReadOnlySpan<byte> oid)
        {
            // X.690 8.19.2: each sub-identifier is base-128, high bit set on all but its last octet, no leading 0x80.
            // The attribute types and extensions of RFC 5280 (2.5.4.x, 2.5.29.x) are three single-octet sub-identifiers.
            if (oid.Length == 3)
            {
                return ((oid[0] | oid[1] | oid[2]) & 0x80) == 0;
            }

            return IsValidLongOid(oid);
        }

        private static bool IsValidLongOid(ReadOnlySpan<byte> oid)
        {
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

        // X.690 8.3.2: no leading 0x00 before a clear high bit, no leading 0xFF before a set one.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        internal static bool IsMinimalInteger(ReadOnlySpan<byte> value) =>
            value.Length != 0 && !(value.Length > 1 && ((value[0] == 0x00 && value[1] < 0x80) || (value[0] == 0xFF && value[1] >= 0x80)));

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

        /// <summary>A decoded TLV header, or the error and its position from the start of the element.</summary>
        private readonly struct Header
        {
            public readonly int ContentLength;
            public readonly int ErrorPosition;
            public readonly X509ErrorCode Error;
            public readonly byte Tag;
            public readonly byte Length;

            public Header(byte tag, int length, int contentLength, X509ErrorCode error, int errorPosition)
            {
                Tag = tag;
                Length = (byte)length;
                ContentLength = contentLength;
                Error = error;
                ErrorPosition = errorPosition;
            }

            public static Header Failed(X509ErrorCode error, int position) => new Header(0, 0, 0, error, position);
        }
    }
}
