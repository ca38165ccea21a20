using System;

namespace Tsid.Tls
{
    /// <summary>
    /// Finds a repeated extension type (RFC 8446 4.2: "There MUST NOT be more than one extension of the same type")
    /// without allocating: a 256-bit Bloom filter, a rescan of the earlier headers on a hit, and, when hostile
    /// input causes many hits, one exact pass with a 65536-bit bitmap on the stack. Worst case stays linear.
    /// </summary>
    internal ref struct ExtensionDuplicateFilter
    {
        /// <summary>Rescans allowed before switching to the exact bitmap.</summary>
        private const int MaxRescans = 8;

        private ulong _b0;
        private ulong _b1;
        private ulong _b2;
        private ulong _b3;
        private int _rescans;
        private bool _exactDone;
        private int _firstDuplicateAt;

        /// <summary>True when <paramref name="type"/> already appeared before <paramref name="at"/> (an offset in <paramref name="block"/>).</summary>
        public bool IsDuplicate(ushort type, ReadOnlySpan<byte> block, int at)
        {
            if (_exactDone)
            {
                return at == _firstDuplicateAt;
            }

            int h = (int)((type * 0x9E3779B1u) >> 24);
            ulong bit = 1UL << (h & 63);
            ref ulong word = ref _b0;
            switch (h >> 6)
            {
                case 1: word = ref _b1; break;
                case 2: word = ref _b2; break;
                case 3: word = ref _b3; break;
            }

            if ((word & bit) == 0)
            {
                word |= bit;
                return false;
            }

            if (++_rescans > MaxRescans)
            {
                // Decide for the whole block at once; from then on nothing more to check.
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

        /// <summary>The offset of the first extension whose type appeared earlier, or -1.</summary>
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
    }
}
