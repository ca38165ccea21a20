using System;
using Tsid.Tls;

namespace Tsid.Fingerprints
{
    /// <summary>
    /// JA3S, the server side of JA3 (github.com/salesforce/ja3), from a parsed <see cref="ServerHello"/>: the string
    /// <c>SSLVersion,Cipher,Extensions</c> (legacy_version and the chosen cipher suite in decimal, the extension types in
    /// wire order joined by <c>-</c>, GREASE left out) and its lower-case hex MD5, e.g. <c>771,49199,65281-0-11-16-23</c>.
    /// A server answers one client the same way every time, so JA3S is only meaningful together with the client's JA3.
    /// </summary>
    public static class Ja3S
    {
        /// <summary>The length of the hash: 32 hex digits.</summary>
        public const int HashLength = Ja3.HashLength;

        /// <summary>The exact length of the JA3S string of <paramref name="hello"/>.</summary>
        /// <param name="hello">The hello.</param>
        /// <returns>The number of characters <see cref="TryFormatString"/> writes.</returns>
        public static int GetStringLength(scoped in ServerHello hello)
        {
            int length = FingerprintText.DecimalLength((ushort)hello.LegacyVersion) + 1 + FingerprintText.DecimalLength(hello.CipherSuite) + 1;
            length += FingerprintText.ExtensionTypesLength(hello.Extensions);

            return length;
        }

        /// <summary>Writes the JA3S string.</summary>
        /// <param name="hello">A parsed ServerHello.</param>
        /// <param name="destination">At least <see cref="GetStringLength"/> characters.</param>
        /// <param name="charsWritten">The characters written.</param>
        /// <returns>False when <paramref name="destination"/> is too short.</returns>
        public static bool TryFormatString(scoped in ServerHello hello, Span<char> destination, out int charsWritten)
            => TryFormat(in hello, destination, hash: false, out charsWritten);

        /// <summary>Writes the JA3S hash: MD5 of the string, 32 lower-case hex digits.</summary>
        /// <param name="hello">A parsed ServerHello.</param>
        /// <param name="destination">At least <see cref="HashLength"/> characters.</param>
        /// <param name="charsWritten"><see cref="HashLength"/>, or 0.</param>
        /// <returns>False when <paramref name="destination"/> is too short.</returns>
        public static bool TryFormatHash(scoped in ServerHello hello, Span<char> destination, out int charsWritten)
            => TryFormat(in hello, destination, hash: true, out charsWritten);

        private static bool TryFormat(scoped in ServerHello hello, Span<char> destination, bool hash, out int charsWritten)
        {
            charsWritten = 0;
            int length = GetStringLength(in hello);
            if (destination.Length < (hash ? HashLength : length))
            {
                return false;
            }

            Span<byte> text = FingerprintText.Rent(stackalloc byte[FingerprintText.StackBytes], length, out byte[]? rented);
            try
            {
                Write(in hello, text);
                charsWritten = FingerprintText.FinishJa3(text.Slice(0, length), destination, hash);
                return true;
            }
            finally
            {
                FingerprintText.Return(rented);
            }
        }

        /// <summary>The JA3S string as a new string (allocates).</summary>
        /// <param name="hello">A parsed ServerHello.</param>
        /// <returns>The string.</returns>
        public static string GetString(scoped in ServerHello hello)
        {
            char[] buffer = new char[GetStringLength(in hello)];
            TryFormatString(in hello, buffer, out int written);
            return new string(buffer, 0, written);
        }

        /// <summary>The JA3S hash as a new string (allocates).</summary>
        /// <param name="hello">A parsed ServerHello.</param>
        /// <returns>The hash.</returns>
        public static string GetHashString(scoped in ServerHello hello)
        {
            Span<char> buffer = stackalloc char[HashLength];
            TryFormatHash(in hello, buffer, out _);
            return buffer.ToString();
        }

        private static void Write(scoped in ServerHello hello, Span<byte> text)
        {
            int at = FingerprintText.WriteDecimal(text, 0, (ushort)hello.LegacyVersion);
            text[at++] = (byte)',';
            at = FingerprintText.WriteDecimal(text, at, hello.CipherSuite);
            text[at++] = (byte)',';
            at = FingerprintText.WriteExtensionTypes(text, at, hello.Extensions);
        }
    }
}
