using System;

namespace Tsid.Testing
{
    /// <summary>
    /// GREASE values (RFC 8701 2): the sixteen reserved code points <c>0x0A0A, 0x1A1A, …, 0xFAFA</c> that clients put in
    /// cipher suites, extensions, groups, versions and signature algorithms so servers keep tolerating unknown values.
    /// </summary>
    public static class TlsGrease
    {
        /// <summary>How many GREASE values there are.</summary>
        public const int Count = 16;

        /// <summary>The <paramref name="index"/>-th GREASE value: <c>0x0A0A + 0x1010 × index</c>.</summary>
        /// <param name="index">0 … 15.</param>
        /// <returns>The value.</returns>
        public static ushort Value(int index)
        {
            if ((uint)index >= Count)
            {
                throw new ArgumentOutOfRangeException(nameof(index));
            }

            return (ushort)(0x0A0A + (0x1010 * index));
        }

        /// <summary>Whether a 16-bit value is one of the GREASE values (both bytes equal, low nibble 0xA).</summary>
        /// <param name="value">The value.</param>
        /// <returns>True for GREASE.</returns>
        public static bool IsGrease(int value) => (value & 0x0F0F) == 0x0A0A && (value >> 8) == (value & 0xFF);
    }
}
