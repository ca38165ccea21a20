using System;
using System.Buffers;

namespace Tsid.X509
{
    /// <summary>Decodes ASN.1 character strings to UTF-16 without the BCL's span overloads (absent on netstandard2.0).</summary>
    internal static class TextDecoding
    {
        public const char ReplacementCharacter = '\uFFFD';

        /// <summary>
        /// The longest string <see cref="DecodeToString"/> decodes on the stack (1 KiB); longer values go through a
        /// buffer rented from <see cref="System.Buffers.ArrayPool{T}.Shared"/>. Either way only the string is allocated.
        /// </summary>
        public const int MaxStackChars = 512;

        public static DirectoryStringType TypeOf(byte tag) => tag switch
        {
            DerTag.Utf8String => DirectoryStringType.Utf8String,
            DerTag.PrintableString => DirectoryStringType.PrintableString,
            DerTag.Ia5String => DirectoryStringType.Ia5String,
            DerTag.VisibleString => DirectoryStringType.VisibleString,
            DerTag.NumericString => DirectoryStringType.NumericString,
            DerTag.TeletexString => DirectoryStringType.TeletexString,
            DerTag.BmpString => DirectoryStringType.BmpString,
            DerTag.UniversalString => DirectoryStringType.UniversalString,
            _ => DirectoryStringType.Other,
        };

        /// <summary>An upper bound on the UTF-16 length of the decoded string (with replacements).</summary>
        public static int MaxCharCount(DirectoryStringType type, int byteCount) => type switch
        {
            DirectoryStringType.BmpString => (byteCount + 1) / 2,
            DirectoryStringType.UniversalString => (byteCount / 2) + 1,
            _ => byteCount,
        };

        /// <summary>True when every byte is allowed for the string type (X.680 41, RFC 3629 for UTF-8).</summary>
        public static bool IsValid(DirectoryStringType type, ReadOnlySpan<byte> raw)
        {
            switch (type)
            {
                case DirectoryStringType.PrintableString:
                    for (int i = 0; i < raw.Length; i++)
                    {
                        if (!IsPrintable(raw[i]))
                        {
                            return false;
                        }
                    }

                    return true;
                case DirectoryStringType.NumericString:
                    for (int i = 0; i < raw.Length; i++)
                    {
                        if (raw[i] != ' ' && (raw[i] < '0' || raw[i] > '9'))
                        {
                            return false;
                        }
                    }

                    return true;
                case DirectoryStringType.Ia5String:
                    return IsAscii(raw);
                case DirectoryStringType.VisibleString:
                    for (int i = 0; i < raw.Length; i++)
                    {
                        if (raw[i] < 0x20 || raw[i] > 0x7E)
                        {
                            return false;
                        }
                    }

                    return true;
                case DirectoryStringType.Utf8String:
                    return Decode(type, raw, Span<char>.Empty, replaceInvalid: false, countOnly: true, out _) == Status.Done;
                case DirectoryStringType.BmpString:
                    return (raw.Length & 1) == 0;
                case DirectoryStringType.UniversalString:
                    return Decode(type, raw, Span<char>.Empty, replaceInvalid: false, countOnly: true, out _) == Status.Done;
                default:
                    return true;
            }
        }

        public static bool IsAscii(ReadOnlySpan<byte> raw)
        {
            for (int i = 0; i < raw.Length; i++)
            {
                if (raw[i] >= 0x80)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Decodes as <see cref="Decode"/> does with replacements, and allocates nothing but the string.</summary>
        public static string DecodeToString(DirectoryStringType type, ReadOnlySpan<byte> raw)
        {
            int max = MaxCharCount(type, raw.Length);
            int written;
            if (max <= MaxStackChars)
            {
                Span<char> buffer = stackalloc char[max];
                Decode(type, raw, buffer, replaceInvalid: true, countOnly: false, out written);
                return buffer.Slice(0, written).ToString();
            }

            char[] rented = ArrayPool<char>.Shared.Rent(max);
            try
            {
                Decode(type, raw, rented, replaceInvalid: true, countOnly: false, out written);
                return new string(rented, 0, written);
            }
            finally
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }

        public enum Status
        {
            Done,
            DestinationTooSmall,
            Invalid,
        }

        /// <summary>
        /// Decodes <paramref name="raw"/>. Single-byte types map each byte to the same code point (ASCII types are
        /// thereby read as Latin-1, like TeletexString). NUL bytes are kept.
        /// </summary>
        public static Status Decode(DirectoryStringType type, ReadOnlySpan<byte> raw, Span<char> destination, bool replaceInvalid, bool countOnly, out int charsWritten)
        {
            charsWritten = 0;
            int w = 0;
            switch (type)
            {
                case DirectoryStringType.Utf8String:
                    return DecodeUtf8(raw, destination, replaceInvalid, countOnly, out charsWritten);
                case DirectoryStringType.BmpString:
                    {
                        int i = 0;
                        for (; i + 1 < raw.Length; i += 2)
                        {
                            if (!Put(destination, ref w, (char)((raw[i] << 8) | raw[i + 1]), countOnly))
                            {
                                return Status.DestinationTooSmall;
                            }
                        }

                        return Finish(i < raw.Length, destination, w, replaceInvalid, countOnly, out charsWritten);
                    }

                case DirectoryStringType.UniversalString:
                    {
                        int i = 0;
                        for (; i + 3 < raw.Length; i += 4)
                        {
                            uint cp = ((uint)raw[i] << 24) | ((uint)raw[i + 1] << 16) | ((uint)raw[i + 2] << 8) | raw[i + 3];
                            if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
                            {
                                if (!replaceInvalid)
                                {
                                    return Status.Invalid;
                                }

                                cp = ReplacementCharacter;
                            }

                            if (!PutCodePoint(destination, ref w, cp, countOnly))
                            {
                                return Status.DestinationTooSmall;
                            }
                        }

                        return Finish(i < raw.Length, destination, w, replaceInvalid, countOnly, out charsWritten);
                    }

                default:
                    if (!countOnly && destination.Length < raw.Length)
                    {
                        return Status.DestinationTooSmall;
                    }

                    if (!countOnly)
                    {
                        for (int i = 0; i < raw.Length; i++)
                        {
                            destination[i] = (char)raw[i];
                        }
                    }

                    charsWritten = raw.Length;
                    return Status.Done;
            }
        }

        // RFC 3629 section 4 (no overlongs, no surrogates, nothing above U+10FFFF). A malformed sequence is replaced by
        // one U+FFFD per maximal subpart (Unicode 15 section 3.9), as the .NET and WHATWG decoders do.
        private static Status DecodeUtf8(ReadOnlySpan<byte> raw, Span<char> destination, bool replaceInvalid, bool countOnly, out int charsWritten)
        {
            charsWritten = 0;
            int w = 0;
            int i = 0;
            while (i < raw.Length)
            {
                byte b = raw[i];
                if (b < 0x80)
                {
                    if (!Put(destination, ref w, (char)b, countOnly))
                    {
                        return Status.DestinationTooSmall;
                    }

                    i++;
                    continue;
                }

                int need;
                uint cp;
                byte low = 0x80;
                byte high = 0xBF;
                if (b >= 0xC2 && b <= 0xDF)
                {
                    need = 1;
                    cp = (uint)(b & 0x1F);
                }
                else if (b >= 0xE0 && b <= 0xEF)
                {
                    need = 2;
                    cp = (uint)(b & 0x0F);
                    if (b == 0xE0)
                    {
                        low = 0xA0;
                    }
                    else if (b == 0xED)
                    {
                        high = 0x9F;
                    }
                }
                else if (b >= 0xF0 && b <= 0xF4)
                {
                    need = 3;
                    cp = (uint)(b & 0x07);
                    if (b == 0xF0)
                    {
                        low = 0x90;
                    }
                    else if (b == 0xF4)
                    {
                        high = 0x8F;
                    }
                }
                else
                {
                    if (!Invalid(destination, ref w, replaceInvalid, countOnly, ref i, 1, out Status s))
                    {
                        return s;
                    }

                    continue;
                }

                int j = 1;
                for (; j <= need && i + j < raw.Length; j++)
                {
                    byte c = raw[i + j];
                    if (c < (j == 1 ? low : 0x80) || c > (j == 1 ? high : 0xBF))
                    {
                        break;
                    }

                    cp = (cp << 6) | (uint)(c & 0x3F);
                }

                if (j <= need)
                {
                    if (!Invalid(destination, ref w, replaceInvalid, countOnly, ref i, j, out Status s))
                    {
                        return s;
                    }

                    continue;
                }

                if (!PutCodePoint(destination, ref w, cp, countOnly))
                {
                    return Status.DestinationTooSmall;
                }

                i += need + 1;
            }

            charsWritten = w;
            return Status.Done;
        }

        private static bool Invalid(Span<char> destination, ref int w, bool replaceInvalid, bool countOnly, ref int i, int consumed, out Status status)
        {
            if (!replaceInvalid)
            {
                status = Status.Invalid;
                return false;
            }

            if (!Put(destination, ref w, ReplacementCharacter, countOnly))
            {
                status = Status.DestinationTooSmall;
                return false;
            }

            i += consumed;
            status = Status.Done;
            return true;
        }

        private static bool PutCodePoint(Span<char> destination, ref int w, uint cp, bool countOnly)
        {
            if (cp < 0x10000)
            {
                return Put(destination, ref w, (char)cp, countOnly);
            }

            cp -= 0x10000;
            if (!countOnly && destination.Length - w < 2)
            {
                return false;
            }

            if (!countOnly)
            {
                destination[w] = (char)(0xD800 + (cp >> 10));
                destination[w + 1] = (char)(0xDC00 + (cp & 0x3FF));
            }

            w += 2;
            return true;
        }

        /// <summary>Ends a fixed-width decode: a partial code unit left over is invalid, or one replacement character.</summary>
        private static Status Finish(bool partialUnit, Span<char> destination, int w, bool replaceInvalid, bool countOnly, out int charsWritten)
        {
            charsWritten = 0;
            if (partialUnit)
            {
                if (!replaceInvalid)
                {
                    return Status.Invalid;
                }

                if (!Put(destination, ref w, ReplacementCharacter, countOnly))
                {
                    return Status.DestinationTooSmall;
                }
            }

            charsWritten = w;
            return Status.Done;
        }

        private static bool Put(Span<char> destination, ref int w, char c, bool countOnly)
        {
            if (!countOnly)
            {
                if ((uint)w >= (uint)destination.Length)
                {
                    return false;
                }

                destination[w] = c;
            }

            w++;
            return true;
        }

        // X.680 41.4 PrintableString.
        private static bool IsPrintable(byte c) =>
            (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
            || c == ' ' || c == '\'' || c == '(' || c == ')' || c == '+' || c == ',' || c == '-' || c == '.'
            || c == '/' || c == ':' || c == '=' || c == '?';
    }
}
