using System;

namespace Tsid.X509
{
    /// <summary>Parses the keyUsage extension value (RFC 5280 4.2.1.3).</summary>
    public static class KeyUsageReader
    {
        /// <summary>
        /// Parses the extension value. Bits beyond decipherOnly are ignored. With <paramref name="strict"/>, a value
        /// with no bit set is rejected (RFC 5280 4.2.1.3: "at least one of the bits MUST be set to 1").
        /// </summary>
        /// <param name="extnValue">The extension value (a BIT STRING).</param>
        /// <param name="strict">Apply the strict rules.</param>
        /// <param name="usage">The bits.</param>
        /// <param name="error">What was wrong, when false is returned; offsets count from the start of <paramref name="extnValue"/>.</param>
        public static bool TryParse(ReadOnlySpan<byte> extnValue, bool strict, out KeyUsage usage, out X509Error error) =>
            TryParse(extnValue, 0, strict, out usage, out error);

        internal static bool TryParse(ReadOnlySpan<byte> extnValue, int baseOffset, bool strict, out KeyUsage usage, out X509Error error)
        {
            usage = KeyUsage.None;
            DerReader reader = new DerReader(extnValue, baseOffset, 0);
            if (!reader.TryReadBitString(out _, out ReadOnlySpan<byte> bits, out error) || !reader.TryReadEnd(out error))
            {
                return false;
            }

            int value = 0;
            for (int bit = 0; bit <= 8; bit++)
            {
                int octet = bit >> 3;
                if (octet < bits.Length && (bits[octet] & (0x80 >> (bit & 7))) != 0)
                {
                    value |= 1 << bit;
                }
            }

            if (strict && value == 0)
            {
                error = new X509Error(X509ErrorCode.InvalidExtension, baseOffset);
                return false;
            }

            usage = (KeyUsage)value;
            return true;
        }
    }
}
