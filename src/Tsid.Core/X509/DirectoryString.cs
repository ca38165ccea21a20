using System;

namespace Tsid.X509
{
    /// <summary>
    /// An attribute value (RFC 5280 4.1.2.4 DirectoryString, or another string or non-string type), as a view over the
    /// certificate. The raw bytes are always available; decoding to UTF-16 happens only when asked for.
    /// </summary>
    public readonly ref struct DirectoryString
    {
        internal DirectoryString(byte tag, ReadOnlySpan<byte> encoded, ReadOnlySpan<byte> rawValue)
        {
            Tag = tag;
            Encoded = encoded;
            RawValue = rawValue;
        }

        /// <summary>The value's one-octet DER tag (for example 0x0C for UTF8String).</summary>
        public byte Tag { get; }

        /// <summary>The string type, or <see cref="DirectoryStringType.Other"/> for a value that is not a character string.</summary>
        public DirectoryStringType StringType => TextDecoding.TypeOf(Tag);

        /// <summary>The contents octets, exactly as encoded (embedded NUL bytes included).</summary>
        public ReadOnlySpan<byte> RawValue { get; }

        /// <summary>The whole value TLV.</summary>
        public ReadOnlySpan<byte> Encoded { get; }

        /// <summary>
        /// True when the bytes are allowed for the string type: PrintableString's character set, 7-bit IA5String,
        /// well-formed UTF-8 (RFC 3629), an even-length BMPString, a UniversalString of scalar values.
        /// TeletexString and <see cref="DirectoryStringType.Other"/> values are always valid.
        /// </summary>
        public bool IsValid => TextDecoding.IsValid(StringType, RawValue);

        /// <summary>An upper bound on the number of chars <see cref="TryDecode"/> writes, for sizing a buffer.</summary>
        public int MaxCharCount => TextDecoding.MaxCharCount(StringType, RawValue.Length);

        /// <summary>
        /// Decodes the value into <paramref name="destination"/>: UTF8String as UTF-8, BMPString as UCS-2 big-endian,
        /// UniversalString as UCS-4 big-endian, the single-byte types (TeletexString included) as Latin-1.
        /// Embedded NULs are kept. Allocates nothing.
        /// </summary>
        /// <param name="destination">Where to write the chars.</param>
        /// <param name="charsWritten">Chars written when true is returned; 0 otherwise.</param>
        /// <returns>False when the value does not fit, is malformed for its type, or is not a character string.</returns>
        public bool TryDecode(Span<char> destination, out int charsWritten)
        {
            DirectoryStringType type = StringType;
            if (type == DirectoryStringType.Other)
            {
                charsWritten = 0;
                return false;
            }

            return TextDecoding.Decode(type, RawValue, destination, replaceInvalid: false, countOnly: false, out charsWritten) == TextDecoding.Status.Done;
        }

        /// <summary>
        /// The value as a string (allocates the string and nothing else). Decoded as <see cref="TryDecode"/> does, except that malformed sequences
        /// become U+FFFD. A value that is not a character string is returned in the RFC 4514 2.4 form: '#' followed
        /// by the hexadecimal DER encoding.
        /// </summary>
        public string GetString()
        {
            DirectoryStringType type = StringType;
            if (type == DirectoryStringType.Other)
            {
                return Hex.ToRfc4514HexString(Encoded);
            }

            return TextDecoding.DecodeToString(type, RawValue);
        }

        /// <summary>Same as <see cref="GetString"/>.</summary>
        public override string ToString() => GetString();

        /// <summary>
        /// True when the decoded value equals <paramref name="text"/> ordinally. Allocates nothing for values up to 256 chars.
        /// </summary>
        /// <param name="text">Text to compare with.</param>
        public bool ValueEquals(ReadOnlySpan<char> text)
        {
            DirectoryStringType type = StringType;
            if (type == DirectoryStringType.Other)
            {
                return false;
            }

            if (type != DirectoryStringType.Utf8String && type != DirectoryStringType.BmpString && type != DirectoryStringType.UniversalString)
            {
                ReadOnlySpan<byte> raw = RawValue;
                if (raw.Length != text.Length)
                {
                    return false;
                }

                for (int i = 0; i < raw.Length; i++)
                {
                    if (raw[i] != text[i])
                    {
                        return false;
                    }
                }

                return true;
            }

            const int StackLimit = 256;
            int max = MaxCharCount;
            if (max > StackLimit)
            {
                char[] heap = new char[max];
                return TryDecode(heap, out int n) && heap.AsSpan(0, n).SequenceEqual(text);
            }

            Span<char> buffer = stackalloc char[StackLimit];
            return TryDecode(buffer, out int written) && buffer.Slice(0, written).SequenceEqual(text);
        }
    }
}
