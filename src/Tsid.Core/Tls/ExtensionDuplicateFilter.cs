using System;
using System.Runtime.CompilerServices;

namespace Tsid.Tls
{
    /// <summary>
    /// Finds a repeated extension type (RFC 8446 4.2: "There MUST NOT be more than one extension of the same type")
    /// without allocating, for every hello parser. Types below 64 (nearly all real ones) are tracked exactly in a
    /// 64-bit mask; higher ones (GREASE, renegotiation_info, ECH, ALPS, …) in a 128-bit Bloom filter whose hits are
    /// confirmed by rescanning the earlier headers. After <see cref="MaxRescans"/> hits (only hostile input gets
    /// there) one exact pass with a 65536-bit bitmap on the stack decides for the whole block, so the worst case
    /// stays linear.
    /// </summary>
    internal ref struct ExtensionDuplicateFilter
    {
        /// <summary>Bloom-filter hits rescanned before switching to the exact pass over the block.</summary>
        private const int MaxRescans = 8;

        private ulong _low;
        private ulong _high0;
        private ulong _high1;
        private int _rescans;
        private bool _exactDone;
        private int _firstDuplicateAt;

        /// <summary>True when <paramref name="type"/> already appeared before <paramref name="at"/> (an offset in <paramref name="block"/>).</summary>
        /// <param name="type">The extension type at <paramref name="at"/>.</param>
        /// <param name="block">The extensions block, whose headers up to <paramref name="at"/> were already read.</param>
        /// <param name="at">The offset of this extension's header in <paramref name="block"/>.</param>
        /// <returns>True for a repeated type.</returns>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public bool IsDuplicate(ushort type, ReadOnlySpan<byte> block, int at)
        {
            if (type < 64 && !_exactDone)
            {
                ulong bit = 1UL << type;
                bool seen = (_low & bit) != 0;
                _low |= bit;
                return seen;
            }

            return IsDuplicateSlow(type, block, at);
        }

        /// <summary>The offset of the first extension whose type appeared earlier, or -1.</summary>
        /// <param name="block">An extensions block.</param>
        /// <returns>The offset in <paramref name="block"/>.</returns>
        internal static int FindFirstDuplicate(ReadOnlySpan<byte> block)
        {
            Span<ulong> seen = stackalloc ulong[1024];
            seen.Clear();
            var reader = new TlsReader(block);
            while (true)
            {
                int at = reader.Position;
                if (!reader.TryReadUInt16(out ushort type) || !reader.TryReadUInt16LengthPrefixed(out _))
                {
                    return -1;
                }

                ulong bit = 1UL << (type & 63);
                if ((seen[type >> 6] & bit) != 0)
                {
                    return at;
                }

                seen[type >> 6] |= bit;
            }
        }

        private bool IsDuplicateSlow(ushort type, ReadOnlySpan<byte> block, int at)
        {
            if (_exactDone)
            {
                return at == _firstDuplicateAt;
            }

            int h = (int)((uint)(type * 0x9E3779B1u) >> 25);
            ulong bit = 1UL << (h & 63);
            ref ulong word = ref _high0;
            if (h >= 64)
            {
                word = ref _high1;
            }

            if ((word & bit) == 0)
            {
                word |= bit;
                return false;
            }

            if (++_rescans > MaxRescans)
            {
                // Decide for the whole block at once; from then on nothing more to track.
                _firstDuplicateAt = FindFirstDuplicate(block);
                _exactDone = true;
                return at == _firstDuplicateAt;
            }

            var reader = new TlsReader(block.Slice(0, at));
            while (reader.TryReadUInt16(out ushort earlier) && reader.TryReadUInt16LengthPrefixed(out _))
            {
                if (earlier == type)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
