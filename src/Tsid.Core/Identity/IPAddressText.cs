using System;

namespace Tsid.Identity
{
    /// <summary>
    /// IP address text parsing and formatting over spans, hand-written because netstandard2.0 has no span overloads of
    /// <c>System.Net.IPAddress</c> and the hot path must not allocate.
    /// </summary>
    internal static class IPAddressText
    {
        /// <summary>The longest IPv6 text RFC 5952 produces (<c>ffff:ffff:ffff:ffff:ffff:ffff:255.255.255.255</c>).</summary>
        public const int MaxLength = 45;

        /// <summary>Strict dotted-decimal IPv4: four decimal parts 0..255, no leading zeros (they read as octal in some stacks).</summary>
        public static bool TryParseIPv4(ReadOnlySpan<char> text, Span<byte> address)
        {
            int part = 0;
            int value = -1;
            int digits = 0;
            for (int i = 0; i <= text.Length; i++)
            {
                if (i == text.Length || text[i] == '.')
                {
                    if (digits == 0 || part > 3)
                    {
                        return false;
                    }

                    address[part++] = (byte)value;
                    value = -1;
                    digits = 0;
                    continue;
                }

                char c = text[i];
                if (c < '0' || c > '9')
                {
                    return false;
                }

                if (digits > 0 && value == 0)
                {
                    return false;
                }

                value = (value < 0 ? 0 : value * 10) + (c - '0');
                if (value > 255)
                {
                    return false;
                }

                digits++;
            }

            return part == 4;
        }

        /// <summary>RFC 4291 2.2 text forms: hex groups, one <c>::</c>, optional trailing dotted IPv4. No zone index.</summary>
        public static bool TryParseIPv6(ReadOnlySpan<char> text, Span<byte> address)
        {
            if (text.Length < 2 || text.Length > MaxLength)
            {
                return false;
            }

            Span<ushort> groups = stackalloc ushort[8];
            int count = 0;
            int gap = -1;
            int i = 0;
            if (text[0] == ':')
            {
                if (text[1] != ':')
                {
                    return false;
                }

                gap = 0;
                i = 2;
                if (i == text.Length)
                {
                    address.Slice(0, 16).Clear();
                    return true;
                }
            }

            while (i < text.Length)
            {
                if (count == 8)
                {
                    return false;
                }

                int start = i;
                int value = 0;
                while (i < text.Length && i - start < 5)
                {
                    int h = Hex(text[i]);
                    if (h < 0)
                    {
                        break;
                    }

                    value = (value << 4) | h;
                    i++;
                }

                if (i < text.Length && text[i] == '.')
                {
                    // Embedded IPv4 in the last 32 bits (RFC 4291 2.2 form 3).
                    Span<byte> v4 = stackalloc byte[4];
                    if (count > 6 || !TryParseIPv4(text.Slice(start), v4))
                    {
                        return false;
                    }

                    groups[count++] = (ushort)((v4[0] << 8) | v4[1]);
                    groups[count++] = (ushort)((v4[2] << 8) | v4[3]);
                    i = text.Length;
                    break;
                }

                int len = i - start;
                if (len == 0 || len > 4)
                {
                    return false;
                }

                groups[count++] = (ushort)value;
                if (i == text.Length)
                {
                    break;
                }

                if (text[i] != ':')
                {
                    return false;
                }

                i++;
                if (i < text.Length && text[i] == ':')
                {
                    if (gap >= 0)
                    {
                        return false;
                    }

                    gap = count;
                    i++;
                    if (i == text.Length)
                    {
                        break;
                    }
                }
                else if (i == text.Length)
                {
                    return false;
                }
            }

            if (gap < 0 ? count != 8 : count > 7)
            {
                return false;
            }

            int zeros = 8 - count;
            int outIndex = 0;
            for (int g = 0; g < count; g++)
            {
                if (g == gap)
                {
                    outIndex += zeros;
                }

                address[outIndex * 2] = (byte)(groups[g] >> 8);
                address[(outIndex * 2) + 1] = (byte)groups[g];
                outIndex++;
            }

            if (gap == count)
            {
                outIndex += zeros;
            }

            for (int z = 0; z < 8; z++)
            {
                // Fill the gap with zeros (positions not written above).
                bool written = gap < 0 || z < gap || z >= gap + zeros;
                if (!written)
                {
                    address[z * 2] = 0;
                    address[(z * 2) + 1] = 0;
                }
            }

            return true;
        }

        /// <summary>Parses IPv4 or IPv6 text; returns the address length (4 or 16), or 0 when it is neither.</summary>
        public static int TryParse(ReadOnlySpan<char> text, Span<byte> address)
        {
            if (text.IndexOf(':') >= 0)
            {
                return TryParseIPv6(text, address) ? 16 : 0;
            }

            return TryParseIPv4(text, address) ? 4 : 0;
        }

        /// <summary>Formats 4 or 16 address bytes: dotted decimal, or RFC 5952 canonical IPv6 text.</summary>
        public static bool TryFormat(ReadOnlySpan<byte> address, Span<char> destination, out int charsWritten)
        {
            charsWritten = 0;
            if (destination.Length < MaxLength)
            {
                return false;
            }

            int pos = 0;
            if (address.Length == 4)
            {
                WriteIPv4(address, destination, ref pos);
                charsWritten = pos;
                return true;
            }

            if (address.Length != 16)
            {
                return false;
            }

            // RFC 5952 5: IPv4-mapped addresses keep the dotted tail.
            bool mapped = true;
            for (int k = 0; k < 10; k++)
            {
                mapped &= address[k] == 0;
            }

            if (mapped && address[10] == 0xFF && address[11] == 0xFF)
            {
                "::ffff:".AsSpan().CopyTo(destination);
                pos = 7;
                WriteIPv4(address.Slice(12), destination, ref pos);
                charsWritten = pos;
                return true;
            }

            // RFC 5952 4.2: the longest run (>= 2) of zero groups becomes "::", the first one on a tie.
            int bestStart = -1;
            int bestLength = 1;
            for (int g = 0; g < 8;)
            {
                if (Group(address, g) != 0)
                {
                    g++;
                    continue;
                }

                int start = g;
                while (g < 8 && Group(address, g) == 0)
                {
                    g++;
                }

                if (g - start > bestLength)
                {
                    bestStart = start;
                    bestLength = g - start;
                }
            }

            for (int g = 0; g < 8; g++)
            {
                if (g == bestStart)
                {
                    destination[pos++] = ':';
                    if (g == 0)
                    {
                        destination[pos++] = ':';
                    }

                    g += bestLength - 1;
                    continue;
                }

                // RFC 5952 4.1 and 4.3: no leading zeros, lower-case hex.
                int value = Group(address, g);
                bool started = false;
                for (int shift = 12; shift >= 0; shift -= 4)
                {
                    int nibble = (value >> shift) & 0xF;
                    if (nibble != 0 || started || shift == 0)
                    {
                        destination[pos++] = (char)(nibble < 10 ? '0' + nibble : 'a' + nibble - 10);
                        started = true;
                    }
                }

                if (g < 7)
                {
                    destination[pos++] = ':';
                }
            }

            charsWritten = pos;
            return true;
        }

        private static int Group(ReadOnlySpan<byte> address, int g) => (address[g * 2] << 8) | address[(g * 2) + 1];

        private static void WriteIPv4(ReadOnlySpan<byte> v4, Span<char> destination, ref int pos)
        {
            for (int k = 0; k < 4; k++)
            {
                int b = v4[k];
                if (b >= 100)
                {
                    destination[pos++] = (char)('0' + (b / 100));
                }

                if (b >= 10)
                {
                    destination[pos++] = (char)('0' + (b / 10 % 10));
                }

                destination[pos++] = (char)('0' + (b % 10));
                if (k < 3)
                {
                    destination[pos++] = '.';
                }
            }
        }

        private static int Hex(char c)
        {
            if (c >= '0' && c <= '9')
            {
                return c - '0';
            }

            c = (char)(c | 0x20);
            return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
        }
    }
}
