using System;
using System.Runtime.CompilerServices;

namespace Tsid.X509
{
    /// <summary>
    /// Small DER step used by the lenient fast path and by the enumerators over structures the parser already
    /// validated. It applies the same framing rules as <see cref="DerReader"/> (so it stays safe on any input) but
    /// carries no offsets or depth, which keeps the hot paths cheap.
    /// </summary>
    internal static class Der
    {
        /// <summary>Reads one TLV from the front of <paramref name="rest"/>; on success <paramref name="rest"/> moves past it.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static bool TryRead(scoped ref ReadOnlySpan<byte> rest, out byte tag, out ReadOnlySpan<byte> content, out ReadOnlySpan<byte> encoded)
        {
            ReadOnlySpan<byte> data = rest;
            if (data.Length < 2 || (data[0] & 0x1F) == 0x1F || !TryLength(data, out int header, out int length))
            {
                tag = 0;
                content = default;
                encoded = default;
                return false;
            }

            tag = data[0];
            encoded = data.Slice(0, header + length);
            content = data.Slice(header, length);
            rest = data.Slice(header + length);
            return true;
        }

        /// <summary>Reads one TLV that must have <paramref name="expectedTag"/> (never a high-tag-number tag).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static bool TryRead(scoped ref ReadOnlySpan<byte> rest, byte expectedTag, out ReadOnlySpan<byte> content)
        {
            ReadOnlySpan<byte> data = rest;
            if (data.Length < 2 || data[0] != expectedTag || !TryLength(data, out int header, out int length))
            {
                content = default;
                return false;
            }

            content = data.Slice(header, length);
            rest = data.Slice(header + length);
            return true;
        }

        /// <summary>True when <paramref name="encoded"/> is exactly one TLV with the given tag; returns its contents.</summary>
        public static bool TryReadSingle(ReadOnlySpan<byte> encoded, byte expectedTag, out ReadOnlySpan<byte> content)
        {
            return TryRead(ref encoded, expectedTag, out content) && encoded.Length == 0;
        }

        // X.690 8.1.3, 10.1: definite length, minimal, at most four octets, within the data. data.Length >= 2.
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static bool TryLength(ReadOnlySpan<byte> data, out int header, out int length)
        {
            int first = data[1];
            if (first < 0x80)
            {
                header = 2;
                length = first;
                return first <= data.Length - 2;
            }

            return TryLongLength(data, out header, out length);
        }

        [MethodImpl(MethodImplOptions.NoInlining)]
        private static bool TryLongLength(ReadOnlySpan<byte> data, out int header, out int length)
        {
            header = 0;
            length = 0;
            int count = data[1] & 0x7F;
            if (count == 0 || count > DerReader.MaxLengthOctets || data.Length - 2 < count || data[2] == 0)
            {
                return false;
            }

            long value = 0;
            for (int i = 0; i < count; i++)
            {
                value = (value << 8) | data[2 + i];
            }

            if (value < 0x80 || value > data.Length - 2 - count)
            {
                return false;
            }

            header = 2 + count;
            length = (int)value;
            return true;
        }
    }
}
