using System;
using System.Buffers;

namespace Tsid.X509
{
    internal static class Hex
    {
        private const string Digits = "0123456789ABCDEF";

        /// <summary>
        /// RFC 4514 2.4's hexstring form of a value: '#' and the upper-case hexadecimal of <paramref name="bytes"/>.
        /// Allocates only the string.
        /// </summary>
        public static string ToRfc4514HexString(ReadOnlySpan<byte> bytes)
        {
            int length = 1 + (2 * bytes.Length);
            if (length <= TextDecoding.MaxStackChars)
            {
                Span<char> buffer = stackalloc char[length];
                Write(bytes, buffer);
                return buffer.ToString();
            }

            char[] rented = ArrayPool<char>.Shared.Rent(length);
            try
            {
                Write(bytes, rented);
                return new string(rented, 0, length);
            }
            finally
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }

        private static void Write(ReadOnlySpan<byte> bytes, Span<char> chars)
        {
            chars[0] = '#';
            for (int i = 0; i < bytes.Length; i++)
            {
                chars[1 + (2 * i)] = Digits[bytes[i] >> 4];
                chars[2 + (2 * i)] = Digits[bytes[i] & 0xF];
            }
        }
    }
}
