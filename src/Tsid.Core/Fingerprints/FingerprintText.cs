using System;
using System.Buffers;
#if NET8_0_OR_GREATER
using System.Security.Cryptography;
#endif
using Tsid.Tls;

namespace Tsid.Fingerprints
{
    /// <summary>
    /// What the fingerprints share: ASCII text built into a byte buffer, lower-case hex, and the two hashes (BCL MD5 and
    /// SHA-256). On net8.0+ the hashes go into stack buffers; on netstandard2.0 the BCL has no span-based one-shot hash, so
    /// each hash allocates one hash object and two arrays the size of its input (bounded by the hello, itself bounded by
    /// <see cref="TlsHandshakeLimits.MaxClientHelloLength"/>).
    /// </summary>
    internal static class FingerprintText
    {
        /// <summary>Values (cipher suites, extensions, groups, schemes) held on the stack; longer lists use a pooled buffer.</summary>
        public const int StackValues = 128;

        /// <summary>Text bytes built on the stack; longer text uses a pooled buffer.</summary>
        public const int StackBytes = 1024;

        /// <summary>The longest decimal form of a uint16 ("65535").</summary>
        public const int MaxDecimalLength = 5;

        private const string HexDigits = "0123456789abcdef";

        public static char HexDigit(int nibble) => HexDigits[nibble & 0xf];

        /// <summary>Writes <paramref name="value"/> as four lower-case hex digits.</summary>
        public static int WriteHex4(Span<byte> destination, int at, ushort value)
        {
            destination[at] = (byte)HexDigits[value >> 12];
            destination[at + 1] = (byte)HexDigits[(value >> 8) & 0xf];
            destination[at + 2] = (byte)HexDigits[(value >> 4) & 0xf];
            destination[at + 3] = (byte)HexDigits[value & 0xf];
            return at + 4;
        }

        /// <summary>Writes <paramref name="value"/> in decimal, without leading zeros.</summary>
        public static int WriteDecimal(Span<byte> destination, int at, int value)
        {
            int length = DecimalLength(value);
            for (int i = at + length - 1; i >= at; i--)
            {
                destination[i] = (byte)('0' + (value % 10));
                value /= 10;
            }

            return at + length;
        }

        public static int DecimalLength(int value) => value < 10 ? 1 : value < 100 ? 2 : value < 1000 ? 3 : value < 10000 ? 4 : 5;

        /// <summary>Writes a list as 4-digit hex values joined by commas (JA4's list form).</summary>
        public static int WriteHexList(Span<byte> destination, int at, ReadOnlySpan<ushort> values)
        {
            for (int i = 0; i < values.Length; i++)
            {
                if (i > 0)
                {
                    destination[at++] = (byte)',';
                }

                at = WriteHex4(destination, at, values[i]);
            }

            return at;
        }

        /// <summary>The length of <see cref="WriteHexList"/>'s output.</summary>
        public static int HexListLength(int count) => count == 0 ? 0 : (5 * count) - 1;

        /// <summary>Copies ASCII bytes into characters.</summary>
        public static void Widen(ReadOnlySpan<byte> ascii, Span<char> destination)
        {
            for (int i = 0; i < ascii.Length; i++)
            {
                destination[i] = (char)ascii[i];
            }
        }

        /// <summary>The non-GREASE values of a uint16 list, in wire order (RFC 8701: GREASE is ignored by every fingerprint).</summary>
        public static int CopyWithoutGrease(TlsUInt16List list, Span<ushort> destination)
        {
            int n = 0;
            foreach (ushort value in list)
            {
                if (!Grease.IsGrease(value))
                {
                    destination[n++] = value;
                }
            }

            return n;
        }

        /// <summary>How many non-GREASE values a uint16 list holds.</summary>
        public static int CountWithoutGrease(TlsUInt16List list)
        {
            int n = 0;
            foreach (ushort value in list)
            {
                if (!Grease.IsGrease(value))
                {
                    n++;
                }
            }

            return n;
        }

        /// <summary>Sorts in place (ascending), without allocating on net8.0+.</summary>
        public static void Sort(Span<ushort> values)
        {
#if NET8_0_OR_GREATER
            values.Sort();
#else
            // netstandard2.0 has no span sort; a small insertion sort over the (usually short) list, O(n^2) bounded by the hello size.
            for (int i = 1; i < values.Length; i++)
            {
                ushort v = values[i];
                int j = i - 1;
                while (j >= 0 && values[j] > v)
                {
                    values[j + 1] = values[j];
                    j--;
                }

                values[j + 1] = v;
            }
#endif
        }

        /// <summary>The first 12 lower-case hex characters of SHA-256(<paramref name="ascii"/>) (JA4's truncated hash).</summary>
        public static void WriteSha256Prefix(ReadOnlySpan<byte> ascii, Span<char> destination)
        {
#if NET8_0_OR_GREATER
            Span<byte> hash = stackalloc byte[32];
            SHA256.HashData(ascii, hash);
#else
            byte[] hash;
            using (var sha = System.Security.Cryptography.SHA256.Create())
            {
                hash = sha.ComputeHash(ascii.ToArray());
            }
#endif
            WriteHex(((ReadOnlySpan<byte>)hash).Slice(0, 6), destination);
        }

        /// <summary>The 32 lower-case hex characters of MD5(<paramref name="ascii"/>) (JA3, JA3S).</summary>
        public static void WriteMd5(ReadOnlySpan<byte> ascii, Span<char> destination)
        {
#if NET8_0_OR_GREATER
            Span<byte> hash = stackalloc byte[16];
            MD5.HashData(ascii, hash);
#else
            byte[] hash;
#pragma warning disable CA5351 // JA3 is defined over MD5; it identifies, it does not protect anything.
            using (var md5 = System.Security.Cryptography.MD5.Create())
#pragma warning restore CA5351
            {
                hash = md5.ComputeHash(ascii.ToArray());
            }
#endif
            WriteHex(hash, destination);
        }

        private static void WriteHex(ReadOnlySpan<byte> bytes, Span<char> destination)
        {
            for (int i = 0; i < bytes.Length; i++)
            {
                destination[2 * i] = HexDigits[bytes[i] >> 4];
                destination[(2 * i) + 1] = HexDigits[bytes[i] & 0xf];
            }
        }

        /// <summary>JA3's Extensions field: the non-GREASE extension types in wire order, decimal, joined by '-' (JA3 and JA3S).</summary>
        public static int ExtensionTypesLength(TlsExtensionList extensions)
        {
            int length = 0;
            int n = 0;
            foreach (TlsExtension extension in extensions)
            {
                if (!extension.IsGrease)
                {
                    length += DecimalLength((ushort)extension.Type) + (n++ > 0 ? 1 : 0);
                }
            }

            return length;
        }

        /// <summary>Writes JA3's Extensions field (see <see cref="ExtensionTypesLength"/>).</summary>
        public static int WriteExtensionTypes(Span<byte> text, int at, TlsExtensionList extensions)
        {
            bool first = true;
            foreach (TlsExtension extension in extensions)
            {
                if (!extension.IsGrease)
                {
                    if (!first)
                    {
                        text[at++] = (byte)'-';
                    }

                    first = false;
                    at = WriteDecimal(text, at, (ushort)extension.Type);
                }
            }

            return at;
        }

        /// <summary>The last step of every JA3/JA3S format call: the text itself, widened, or its MD5 in hex.</summary>
        /// <returns>The characters written to <paramref name="destination"/>.</returns>
        public static int FinishJa3(ReadOnlySpan<byte> text, Span<char> destination, bool hash)
        {
            if (hash)
            {
                WriteMd5(text, destination);
                return Ja3.HashLength;
            }

            Widen(text, destination);
            return text.Length;
        }

        /// <summary>A buffer of <paramref name="length"/> items: the stack span when it is long enough, else a pooled array (returned by <see cref="Return{T}"/>).</summary>
        public static Span<T> Rent<T>(Span<T> stack, int length, out T[]? rented)
        {
            if (length <= stack.Length)
            {
                rented = null;
                return stack.Slice(0, length);
            }

            rented = ArrayPool<T>.Shared.Rent(length);
            return rented.AsSpan(0, length);
        }

        public static void Return<T>(T[]? rented)
        {
            if (rented != null)
            {
                ArrayPool<T>.Shared.Return(rented);
            }
        }
    }
}
