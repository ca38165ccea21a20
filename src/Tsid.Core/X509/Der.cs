using System;
using System.Runtime.CompilerServices;

namespace Tsid.X509
{
    /// <summary>
    /// Small DER step used by the enumerators over structures that <see cref="Certificate.TryParse(ReadOnlySpan{byte}, out Certificate, out X509Error)"/>
    /// already validated. It applies the same framing rules as <see cref="DerReader"/> (so it stays safe on any input)
    /// but carries no offsets or depth, which keeps the name and SAN enumerators cheap.
    /// </summary>
    internal static class Der
    {
        /// <summary>Reads one TLV from the front of <paramref name="rest"/>; on success <paramref name="rest"/> moves past it.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static bool TryRead(scoped ref ReadOnlySpan<byte> rest, out byte tag, out ReadOnlySpan<byte> content, out ReadOnlySpan<byte> encoded)
        {
            tag = 0;
            content = default;
            encoded = default;
            ReadOnlySpan<byte> data = rest;
            if (data.Length < 2)
            {
                return false;
            }

            byte t = data[0];
            if ((t & 0x1F) == 0x1F)
            {
                return false;
            }

            int length = data[1];
            int header = 2;
            if (length >= 0x80)
            {
                int count = length & 0x7F;
                if (count == 0 || count > DerReader.MaxLengthOctets || data.Length - 2 < count || data[2] == 0)
                {
                    return false;
                }

                long value = 0;
                for (int i = 0; i < count; i++)
                {
                    value = (value << 8) | data[2 + i];
                }

                if (value < 0x80 || value > int.MaxValue)
                {
                    return false;
                }

                header = 2 + count;
                length = (int)value;
            }

            if (length > data.Length - header)
            {
                return false;
            }

            tag = t;
            encoded = data.Slice(0, header + length);
            content = encoded.Slice(header);
            rest = data.Slice(header + length);
            return true;
        }

        /// <summary>Reads one TLV that must have <paramref name="expectedTag"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static bool TryRead(scoped ref ReadOnlySpan<byte> rest, byte expectedTag, out ReadOnlySpan<byte> content)
        {
            ReadOnlySpan<byte> copy = rest;
            if (!TryRead(ref copy, out byte tag, out content, out _) || tag != expectedTag)
            {
                content = default;
                return false;
            }

            rest = copy;
            return true;
        }

        /// <summary>True when <paramref name="encoded"/> is exactly one TLV with the given tag; returns its contents.</summary>
        public static bool TryReadSingle(ReadOnlySpan<byte> encoded, byte expectedTag, out ReadOnlySpan<byte> content)
        {
            return TryRead(ref encoded, expectedTag, out content) && encoded.Length == 0;
        }
    }
}
