using System;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Tsid.Tls;

namespace Tsid.Identity
{
    /// <summary>
    /// Host-name normalisation and near-duplicate detection. The normal form is what the policy matcher compares:
    /// ASCII lower case, no trailing dot, validated label by label, Unicode labels turned into A-labels (RFC 5890,
    /// Punycode RFC 3492), wildcards and IP literals kept and flagged. Nothing here allocates except the
    /// <see cref="string"/> convenience overload.
    /// </summary>
    public static class HostName
    {
        /// <summary>The longest host name in text form, without the trailing dot (RFC 1035 2.3.4: 255 octets on the wire).</summary>
        public const int MaxLength = HostNameSyntax.MaxLength;

        /// <summary>The longest label (RFC 1035 2.3.4).</summary>
        public const int MaxLabelLength = HostNameSyntax.MaxLabelLength;

        /// <summary>
        /// The longest input accepted at all, in bytes or characters. Anything longer cannot normalise to
        /// <see cref="MaxLength"/> characters (a UTF-8 code point takes at most 4 bytes) and is rejected before any work.
        /// </summary>
        public const int MaxInputLength = 4 * (MaxLength + 1);

        private const string ALabelPrefix = "xn--";

        /// <summary>
        /// Writes the normal form of <paramref name="name"/> to <paramref name="destination"/>.
        /// </summary>
        /// <param name="name">The name as text (an SNI host_name, a certificate name, a hint).</param>
        /// <param name="destination">Where the normal form goes; <see cref="MaxLength"/> characters always suffice.</param>
        /// <param name="charsWritten">How many characters were written (0 unless valid).</param>
        /// <param name="flags">What was noticed or changed (wildcard, IDN, IP literal, trailing dot, ...).</param>
        /// <param name="idn">Whether Unicode labels are converted to A-labels or rejected.</param>
        /// <returns><see cref="HostNameStatus.Valid"/>, or what was wrong.</returns>
        public static HostNameStatus Normalize(ReadOnlySpan<char> name, Span<char> destination, out int charsWritten, out HostNameFlags flags, IdnHandling idn = IdnHandling.ConvertToALabels)
        {
            charsWritten = 0;
            flags = HostNameFlags.None;
            if (name.IsEmpty)
            {
                return HostNameStatus.Empty;
            }

            if (name.Length > MaxInputLength)
            {
                return HostNameStatus.TooLong;
            }

            // The hot path: an ASCII name is lower-cased into the destination and measured in the same pass.
            int length = name[name.Length - 1] == '.' ? name.Length - 1 : name.Length;
            if (length <= MaxLength && length <= destination.Length)
            {
                HostNameShape shape = HostNameSyntax.ScanLower(name.Slice(0, length), destination, WildcardSyntax.LeftMostLabel, HyphenEdges.Forbidden);
                if (!shape.NonAscii)
                {
                    return Finish(in shape, destination, length, length != name.Length, out charsWritten, out flags);
                }
            }
            else if (IsAscii(name))
            {
                return length > MaxLength ? HostNameStatus.TooLong : HostNameStatus.DestinationTooSmall;
            }

            if (idn == IdnHandling.Reject)
            {
                return HostNameStatus.NonAscii;
            }

            HostNameFlags converted = HostNameFlags.None;
            HostNameStatus status = ConvertUnicode(name, destination, out length, ref converted);
            if (status != HostNameStatus.Valid)
            {
                return status;
            }

            return Validate(destination, length, converted, out charsWritten, out flags);
        }

        /// <summary>
        /// Writes the normal form of a name given as bytes (SNI host_name and dNSName are ASCII; a certificate CN is often
        /// UTF-8). Non-ASCII bytes are decoded as UTF-8 and treated as in <see cref="Normalize(ReadOnlySpan{char}, Span{char}, out int, out HostNameFlags, IdnHandling)"/>.
        /// </summary>
        /// <param name="name">The name as ASCII or UTF-8 bytes.</param>
        /// <param name="destination">Where the normal form goes; <see cref="MaxLength"/> characters always suffice.</param>
        /// <param name="charsWritten">How many characters were written (0 unless valid).</param>
        /// <param name="flags">What was noticed or changed.</param>
        /// <param name="idn">Whether Unicode labels are converted to A-labels or rejected.</param>
        /// <returns><see cref="HostNameStatus.Valid"/>, or what was wrong.</returns>
        public static HostNameStatus Normalize(ReadOnlySpan<byte> name, Span<char> destination, out int charsWritten, out HostNameFlags flags, IdnHandling idn = IdnHandling.ConvertToALabels)
        {
            charsWritten = 0;
            flags = HostNameFlags.None;
            if (name.IsEmpty)
            {
                return HostNameStatus.Empty;
            }

            if (name.Length > MaxInputLength)
            {
                return HostNameStatus.TooLong;
            }

            // The hot path (SNI, dNSName): widened, lower-cased into the destination and measured in one pass.
            int length = name[name.Length - 1] == (byte)'.' ? name.Length - 1 : name.Length;
            if (length <= MaxLength && length <= destination.Length)
            {
                HostNameShape shape = HostNameSyntax.ScanLower(name.Slice(0, length), destination, WildcardSyntax.LeftMostLabel, HyphenEdges.Forbidden);
                if (!shape.NonAscii)
                {
                    return Finish(in shape, destination, length, length != name.Length, out charsWritten, out flags);
                }
            }
            else if (IsAscii(name))
            {
                return length > MaxLength ? HostNameStatus.TooLong : HostNameStatus.DestinationTooSmall;
            }

            return idn == IdnHandling.Reject ? HostNameStatus.NonAscii : NormalizeUtf8(name, destination, out charsWritten, out flags, idn);
        }

        // Off the hot path (and out of its frame): a name with non-ASCII bytes is decoded as UTF-8 first.
        private static HostNameStatus NormalizeUtf8(ReadOnlySpan<byte> name, Span<char> destination, out int charsWritten, out HostNameFlags flags, IdnHandling idn)
        {
            charsWritten = 0;
            flags = HostNameFlags.None;
            Span<char> decoded = stackalloc char[name.Length];
            if (!TryDecodeUtf8(name, decoded, out int decodedLength))
            {
                return HostNameStatus.InvalidUtf8;
            }

            return Normalize(decoded.Slice(0, decodedLength), destination, out charsWritten, out flags, idn);
        }

        /// <summary>Normalises a name given as a string; allocates the result. Returns false when the name is not valid.</summary>
        /// <param name="name">The name.</param>
        /// <param name="normalized">The normal form, or null.</param>
        /// <returns>True when the name is valid.</returns>
        public static bool TryNormalize(string name, [NotNullWhen(true)] out string? normalized)
        {
            if (name is null)
            {
                throw new ArgumentNullException(nameof(name));
            }

            Span<char> buffer = stackalloc char[MaxLength];
            if (Normalize(name.AsSpan(), buffer, out int written, out _) == HostNameStatus.Valid)
            {
                normalized = buffer.Slice(0, written).ToString();
                return true;
            }

            normalized = null;
            return false;
        }

        /// <summary>
        /// True when <paramref name="first"/> and <paramref name="second"/> differ by exactly one edit (insert, delete or
        /// substitute one character; ASCII case ignored): <c>toos.cisco.com</c> and <c>tools.cisco.com</c>.
        /// Identical names are not near-duplicates. Runs in linear time.
        /// </summary>
        /// <param name="first">One name.</param>
        /// <param name="second">The other name.</param>
        /// <returns>True when the Levenshtein distance is exactly 1.</returns>
        public static bool IsNearDuplicate(ReadOnlySpan<char> first, ReadOnlySpan<char> second)
        {
            if (first.Length < second.Length)
            {
                ReadOnlySpan<char> t = first;
                first = second;
                second = t;
            }

            // first is now the longer (or equal) one.
            int diff = first.Length - second.Length;
            if (diff > 1)
            {
                return false;
            }

            int i = 0;
            while (i < second.Length && FoldAscii(first[i]) == FoldAscii(second[i]))
            {
                i++;
            }

            if (diff == 0)
            {
                if (i == second.Length)
                {
                    return false;
                }

                return EqualsIgnoreAsciiCase(first.Slice(i + 1), second.Slice(i + 1));
            }

            // One insertion: skip one character of the longer name at the first difference.
            return EqualsIgnoreAsciiCase(first.Slice(i + 1), second.Slice(i));
        }

        /// <summary>The same as <see cref="IsNearDuplicate(ReadOnlySpan{char}, ReadOnlySpan{char})"/> against a name given as ASCII bytes (one trailing dot ignored).</summary>
        /// <param name="first">One name.</param>
        /// <param name="second">The other name, as ASCII bytes (a SAN dNSName).</param>
        /// <returns>True when the Levenshtein distance is exactly 1.</returns>
        public static bool IsNearDuplicate(ReadOnlySpan<char> first, ReadOnlySpan<byte> second)
        {
            // A trailing dot is not a difference in the name.
            if (second.Length > 1 && second[second.Length - 1] == (byte)'.')
            {
                second = second.Slice(0, second.Length - 1);
            }

            int diff = first.Length - second.Length;
            if (diff > 1 || diff < -1)
            {
                return false;
            }

            int shorter = Math.Min(first.Length, second.Length);
            int i = 0;
            while (i < shorter && FoldAscii(first[i]) == FoldAscii((char)second[i]))
            {
                i++;
            }

            if (diff == 0)
            {
                return i < shorter && Same(first.Slice(i + 1), second.Slice(i + 1));
            }

            // One insertion: skip one character of the longer name at the first difference.
            return diff > 0 ? Same(first.Slice(i + 1), second.Slice(i)) : Same(first.Slice(i), second.Slice(i + 1));
        }

        private static bool Same(ReadOnlySpan<char> a, ReadOnlySpan<byte> b)
        {
            if (a.Length != b.Length)
            {
                return false;
            }

            for (int i = 0; i < a.Length; i++)
            {
                if (FoldAscii(a[i]) != FoldAscii((char)b[i]))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Folds an ASCII upper-case letter to lower case (RFC 4343: DNS names compare case-insensitively in ASCII only).</summary>
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        internal static char FoldAscii(char c) => (uint)(c - 'A') <= 'Z' - 'A' ? (char)(c | 0x20) : c;

        /// <summary>Ordinal comparison with ASCII letters folded; compared from the end, where host names differ most.</summary>
        internal static bool EqualsIgnoreAsciiCase(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
        {
            if (a.Length != b.Length)
            {
                return false;
            }

            for (int i = a.Length - 1; i >= 0; i--)
            {
                if (a[i] != b[i] && FoldAscii(a[i]) != FoldAscii(b[i]))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Copies a name that is not a host name, ASCII lower-cased; refuses control characters and over-long names.</summary>
        internal static bool TryCopyVerbatim(ReadOnlySpan<char> name, Span<char> destination, out int length)
        {
            length = 0;
            if (name.IsEmpty || name.Length > MaxLength || name.Length > destination.Length)
            {
                return false;
            }

            for (int i = 0; i < name.Length; i++)
            {
                char c = name[i];

                // C0 and C1 controls, DEL: an embedded NUL (www.bank.com\0.evil.com) must never pass as a name.
                if (c < 0x20 || (c >= 0x7F && c <= 0x9F))
                {
                    return false;
                }

                destination[i] = c >= 'A' && c <= 'Z' ? (char)(c | 0x20) : c;
            }

            length = name.Length;
            return true;
        }

        /// <summary>IDNA label separators (RFC 3490 3.1): full stop and its ideographic and full-width forms.</summary>
        private static bool IsLabelSeparator(char c) => c == '.' || c == '\u3002' || c == '\uFF0E' || c == '\uFF61';

        /// <summary>Converts a name with Unicode labels to ASCII: ASCII labels are lower-cased, Unicode labels become A-labels.</summary>
        private static HostNameStatus ConvertUnicode(ReadOnlySpan<char> name, Span<char> destination, out int length, ref HostNameFlags flags)
        {
            length = 0;
            int end = name.Length;
            if (IsLabelSeparator(name[end - 1]))
            {
                end--;
                flags |= HostNameFlags.TrailingDotRemoved;
            }

            Span<int> codePoints = stackalloc int[MaxLabelLength + 1];
            int start = 0;
            while (start <= end)
            {
                int stop = start;
                bool asciiLabel = true;
                while (stop < end && !IsLabelSeparator(name[stop]))
                {
                    asciiLabel &= name[stop] < 0x80;
                    stop++;
                }

                ReadOnlySpan<char> label = name.Slice(start, stop - start);
                if (label.IsEmpty)
                {
                    return HostNameStatus.EmptyLabel;
                }

                if (length > 0)
                {
                    if (length >= destination.Length)
                    {
                        return destination.Length >= MaxLength ? HostNameStatus.TooLong : HostNameStatus.DestinationTooSmall;
                    }

                    destination[length++] = '.';
                }

                if (asciiLabel)
                {
                    if (length + label.Length > destination.Length)
                    {
                        return destination.Length >= MaxLength ? HostNameStatus.TooLong : HostNameStatus.DestinationTooSmall;
                    }

                    for (int i = 0; i < label.Length; i++)
                    {
                        char c = label[i];
                        if (c >= 'A' && c <= 'Z')
                        {
                            c = (char)(c | 0x20);
                            flags |= HostNameFlags.CaseFolded;
                        }

                        destination[length++] = c;
                    }
                }
                else
                {
                    // Lower-case and check each code point, then Punycode the label (RFC 5891 4.4, RFC 3492).
                    int count = 0;
                    for (int i = 0; i < label.Length; i++)
                    {
                        int cp;
                        char c = label[i];
                        if (char.IsHighSurrogate(c) && i + 1 < label.Length && char.IsLowSurrogate(label[i + 1]))
                        {
                            cp = char.ConvertToUtf32(c, label[i + 1]);
                            if (!IsIdnCodePoint(CategoryOf(cp)))
                            {
                                return HostNameStatus.InvalidIdn;
                            }

                            i++;
                        }
                        else if (char.IsSurrogate(c))
                        {
                            return HostNameStatus.InvalidIdn;
                        }
                        else
                        {
                            c = char.ToLowerInvariant(c);
                            if (c < 0x80)
                            {
                                if (!HostNameSyntax.IsLabelCharacter(c))
                                {
                                    return HostNameStatus.InvalidCharacter;
                                }
                            }
                            else if (!IsIdnCodePoint(CharUnicodeInfo.GetUnicodeCategory(c)))
                            {
                                return HostNameStatus.InvalidIdn;
                            }

                            cp = c;
                        }

                        if (count == codePoints.Length)
                        {
                            return HostNameStatus.LabelTooLong;
                        }

                        codePoints[count++] = cp;
                    }

                    if (length + ALabelPrefix.Length > destination.Length)
                    {
                        return destination.Length >= MaxLength ? HostNameStatus.TooLong : HostNameStatus.DestinationTooSmall;
                    }

                    ALabelPrefix.AsSpan().CopyTo(destination.Slice(length));
                    length += ALabelPrefix.Length;
                    int room = Math.Min(MaxLabelLength - ALabelPrefix.Length, destination.Length - length);
                    if (!Punycode.TryEncode(codePoints.Slice(0, count), destination.Slice(length, room), out int encoded))
                    {
                        return room < MaxLabelLength - ALabelPrefix.Length && destination.Length < MaxLength
                            ? HostNameStatus.DestinationTooSmall
                            : HostNameStatus.LabelTooLong;
                    }

                    length += encoded;
                    flags |= HostNameFlags.ConvertedFromUnicode;
                }

                start = stop + 1;
            }

            return HostNameStatus.Valid;
        }

        private static UnicodeCategory CategoryOf(int codePoint)
        {
#if NET
            return CharUnicodeInfo.GetUnicodeCategory(codePoint);
#else
            // netstandard2.0 has only the string overload; supplementary-plane labels are rare, so the allocation is accepted here.
            return CharUnicodeInfo.GetUnicodeCategory(char.ConvertFromUtf32(codePoint), 0);
#endif
        }

        private static bool IsIdnCodePoint(UnicodeCategory category)
        {
            switch (category)
            {
                case UnicodeCategory.LowercaseLetter:
                case UnicodeCategory.UppercaseLetter:
                case UnicodeCategory.TitlecaseLetter:
                case UnicodeCategory.ModifierLetter:
                case UnicodeCategory.OtherLetter:
                case UnicodeCategory.NonSpacingMark:
                case UnicodeCategory.SpacingCombiningMark:
                case UnicodeCategory.EnclosingMark:
                case UnicodeCategory.DecimalDigitNumber:
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>Validates the ASCII lower-case result of IDN conversion in place.</summary>
        private static HostNameStatus Validate(Span<char> buffer, int length, HostNameFlags converted, out int charsWritten, out HostNameFlags flags)
        {
            HostNameShape shape = HostNameSyntax.Scan(buffer.Slice(0, length), WildcardSyntax.LeftMostLabel, HyphenEdges.Forbidden);
            HostNameStatus status = Finish(in shape, buffer, length, false, out charsWritten, out flags);
            if (status == HostNameStatus.Valid)
            {
                flags |= converted;
            }

            return status;
        }

        /// <summary>Turns the scanner's shape of an ASCII lower-case name into a status and flags (the one host-name check, <see cref="HostNameSyntax"/>).</summary>
        private static HostNameStatus Finish(in HostNameShape shape, Span<char> buffer, int length, bool trailingDot, out int charsWritten, out HostNameFlags flags)
        {
            charsWritten = 0;
            flags = HostNameFlags.None;
            if (length == 0)
            {
                return HostNameStatus.Empty;
            }

            ReadOnlySpan<char> name = buffer.Slice(0, length);
            HostNameFlags found = trailingDot ? HostNameFlags.TrailingDotRemoved : HostNameFlags.None;
            if (shape.CaseFolded)
            {
                found |= HostNameFlags.CaseFolded;
            }

            if (shape.HasColon || shape.DigitsAndDotsOnly)
            {
                HostNameFlags literal = IPLiteral(name, shape.HasColon);
                if (literal != HostNameFlags.None)
                {
                    flags = found | literal;
                    charsWritten = length;
                    return HostNameStatus.Valid;
                }

                if (shape.HasColon)
                {
                    return HostNameStatus.InvalidCharacter;
                }
            }

            switch (shape.Problem)
            {
                case HostNameProblem.EmptyLabel:
                    return HostNameStatus.EmptyLabel;
                case HostNameProblem.LabelTooLong:
                    return HostNameStatus.LabelTooLong;
                case HostNameProblem.IllegalCharacter:
                    return HostNameStatus.InvalidCharacter;
                case HostNameProblem.InvalidWildcard:
                    return HostNameStatus.InvalidWildcard;
                case HostNameProblem.HyphenAtLabelEdge:
                    return HostNameStatus.HyphenAtLabelEdge;
            }

            if (shape.ALabelPrefix)
            {
                if (!ALabelsDecode(name))
                {
                    return HostNameStatus.InvalidIdn;
                }

                found |= HostNameFlags.IdnALabel;
            }

            if (shape.Underscore)
            {
                found |= HostNameFlags.Underscore;
            }

            if (shape.Wildcard)
            {
                found |= shape.PartialWildcard ? HostNameFlags.Wildcard | HostNameFlags.PartialWildcard : HostNameFlags.Wildcard;
            }

            if (shape.Labels == 1)
            {
                found |= HostNameFlags.SingleLabel;
            }

            flags = found;
            charsWritten = length;
            return HostNameStatus.Valid;
        }

        private static bool IsAscii(ReadOnlySpan<char> name)
        {
            for (int i = 0; i < name.Length; i++)
            {
                if (name[i] >= 0x80)
                {
                    return false;
                }
            }

            return true;
        }

        private static bool IsAscii(ReadOnlySpan<byte> name)
        {
            for (int i = 0; i < name.Length; i++)
            {
                if (name[i] >= 0x80)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>IPv6 (with a colon) or IPv4 dotted-decimal literal flag, or none.</summary>
        private static HostNameFlags IPLiteral(ReadOnlySpan<char> name, bool colon)
        {
            Span<byte> address = stackalloc byte[16];
            return colon
                ? (IPAddressText.TryParseIPv6(name, address) ? HostNameFlags.IPv6Literal : HostNameFlags.None)
                : (IPAddressText.TryParseIPv4(name, address) ? HostNameFlags.IPv4Literal : HostNameFlags.None);
        }

        /// <summary>RFC 5891 5.4: every <c>xn--</c> label must decode as Punycode (and cannot be a wildcard).</summary>
        private static bool ALabelsDecode(ReadOnlySpan<char> name)
        {
            while (true)
            {
                int dot = name.IndexOf('.');
                ReadOnlySpan<char> label = dot < 0 ? name : name.Slice(0, dot);
                if (label.Length >= 4 && label.StartsWith(ALabelPrefix.AsSpan(), StringComparison.Ordinal))
                {
                    ReadOnlySpan<char> encoded = label.Slice(ALabelPrefix.Length);
                    if (label.IndexOf('*') >= 0 || encoded.IsEmpty || encoded[encoded.Length - 1] == '-' || !Punycode.TryDecode(encoded, default, out _))
                    {
                        return false;
                    }
                }

                // RFC 5891 4.2.3.1: other "??--" labels are reserved ACE prefixes; accepted (real names use them) but not decoded.
                if (dot < 0)
                {
                    return true;
                }

                name = name.Slice(dot + 1);
            }
        }

        internal static bool TryDecodeUtf8(ReadOnlySpan<byte> input, Span<char> output, out int written)
        {
            written = 0;
            int i = 0;
            while (i < input.Length)
            {
                int b = input[i];
                int cp;
                int extra;
                if (b < 0x80)
                {
                    cp = b;
                    extra = 0;
                }
                else if ((b & 0xE0) == 0xC0)
                {
                    cp = b & 0x1F;
                    extra = 1;
                }
                else if ((b & 0xF0) == 0xE0)
                {
                    cp = b & 0x0F;
                    extra = 2;
                }
                else if ((b & 0xF8) == 0xF0)
                {
                    cp = b & 0x07;
                    extra = 3;
                }
                else
                {
                    return false;
                }

                if (i + extra >= input.Length)
                {
                    return false;
                }

                for (int k = 1; k <= extra; k++)
                {
                    int cont = input[i + k];
                    if ((cont & 0xC0) != 0x80)
                    {
                        return false;
                    }

                    cp = (cp << 6) | (cont & 0x3F);
                }

                // Reject overlong forms, surrogates and values past U+10FFFF (RFC 3629 3).
                if ((extra == 1 && cp < 0x80) || (extra == 2 && cp < 0x800) || (extra == 3 && cp < 0x10000)
                    || (cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF)
                {
                    return false;
                }

                if (cp >= 0x10000)
                {
                    if (written + 2 > output.Length)
                    {
                        return false;
                    }

                    cp -= 0x10000;
                    output[written++] = (char)(0xD800 + (cp >> 10));
                    output[written++] = (char)(0xDC00 + (cp & 0x3FF));
                }
                else
                {
                    if (written >= output.Length)
                    {
                        return false;
                    }

                    output[written++] = (char)cp;
                }

                i += extra + 1;
            }

            return true;
        }
    }
}
