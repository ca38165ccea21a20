using System;

namespace Tsid.X509
{
    internal static class Hex
    {
        private const string Digits = "0123456789ABCDEF";

        public static string ToUpperString(ReadOnlySpan<byte> bytes)
        {
            char[] chars = new char[bytes.Length * 2];
            for (int i = 0; i < bytes.Length; i++)
            {
                chars[2 * i] = Digits[bytes[i] >> 4];
                chars[(2 * i) + 1] = Digits[bytes[i] & 0xF];
            }

            return new string(chars);
        }
    }
}
