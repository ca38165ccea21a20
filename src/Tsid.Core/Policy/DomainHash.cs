using System;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Tsid.Identity;

namespace Tsid.Policy
{
    /// <summary>
    /// The 64-bit fingerprint of a domain name used by <see cref="DomainSet"/>: labels are folded to ASCII
    /// lowercase and hashed right to left, so the fingerprint of every suffix ("com", "example.com",
    /// "www.example.com") falls out of one pass over the name.
    /// </summary>
    /// <remarks>
    /// Not a cryptographic hash. Each step is a bijection of the state for a fixed input word (xor, multiply by an
    /// odd constant, xor-shift), the chain starts from a per-set random seed and every label is prefixed by its
    /// length, so two different label sequences collide only by chance (≈ 2^-64 per pair under the usual
    /// random-function assumption) and an outsider who does not know the seed cannot aim for a collision.
    /// </remarks>
    internal static class DomainHash
    {
        private const ulong Multiplier = 0x9E3779B97F4A7C15UL;
        private const ulong AsciiMask = 0xFF80FF80FF80FF80UL;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static ulong Step(ulong h, ulong word)
        {
            h ^= word;
            h *= Multiplier;
            return h ^ (h >> 29);
        }

        /// <summary>Spreads the chain state over all bits (one more multiply and xor-shift) before it is used as a slot index and fingerprint.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static ulong Finish(ulong h)
        {
            h ^= h >> 31;
            h *= 0xD6E8FEB86659FD93UL;
            h ^= h >> 32;
            return h == 0 ? 1UL : h; // 0 marks an empty slot
        }

        /// <summary>Adds one label to the chain. ASCII letters are case-folded; other characters are taken as they are.</summary>
        public static ulong AddLabel(ulong h, ReadOnlySpan<char> label)
        {
            // The label length goes into the state (not as a separate step) so that "ab" and "ab\0" differ;
            // an empty label still takes one step.
            h ^= (ulong)label.Length << 56;
            if (label.Length == 0)
            {
                return Step(h, 0);
            }

            int i = 0;
            ReadOnlySpan<ulong> words = MemoryMarshal.Cast<char, ulong>(label);
            for (; i < words.Length; i++)
            {
                ulong w = words[i];
                if ((w & AsciiMask) == 0)
                {
                    // SWAR fold of four ASCII chars: a lane gets bit 7 from (c + 0x80 - 'A') when c >= 'A',
                    // and from (c + 0x80 - 'Z' - 1) when c > 'Z'; lanes are < 0x80 so no carry crosses a lane.
                    ulong ge = w + 0x003F_003F_003F_003FUL;
                    ulong gt = w + 0x0025_0025_0025_0025UL;
                    w |= ((ge & ~gt) & 0x0080_0080_0080_0080UL) >> 2;
                }
                else
                {
                    w = Pack(label[4 * i], label[4 * i + 1], label[4 * i + 2], label[4 * i + 3]);
                }

                h = Step(h, w);
            }

            int rest = 4 * words.Length;
            if (rest < label.Length)
            {
                ulong w = 0;
                int shift = 0;
                for (int j = rest; j < label.Length; j++, shift += 16)
                {
                    w |= (ulong)HostName.FoldAscii(label[j]) << shift;
                }

                h = Step(h, w);
            }

            return h;
        }

        private static ulong Pack(char a, char b, char c, char d) =>
            HostName.FoldAscii(a) | ((ulong)HostName.FoldAscii(b) << 16) | ((ulong)HostName.FoldAscii(c) << 32) | ((ulong)HostName.FoldAscii(d) << 48);

        /// <summary>The fingerprint of a whole name (no trailing dot), as stored in a set, and of its last two labels (0 when it has one label).</summary>
        public static ulong OfName(ulong seed, ReadOnlySpan<char> name, out int labels, out ulong lastTwoLabels)
        {
            ulong h = seed;
            labels = 0;
            lastTwoLabels = 0;
            int end = name.Length;
            while (true)
            {
                int dot = name.Slice(0, end).LastIndexOf('.');
                h = AddLabel(h, name.Slice(dot + 1, end - dot - 1));
                labels++;
                if (labels == 2)
                {
                    lastTwoLabels = Finish(h);
                }

                if (dot < 0)
                {
                    return Finish(h);
                }

                end = dot;
            }
        }
    }
}
