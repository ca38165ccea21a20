using System;
using Tsid.Tls;

namespace Tsid.Fingerprints
{
    /// <summary>
    /// JA3, the TLS client fingerprint of Salesforce (github.com/salesforce/ja3, BSD-3-Clause), computed from a parsed
    /// <see cref="ClientHello"/>: the string <c>SSLVersion,Ciphers,Extensions,EllipticCurves,EllipticCurvePointFormats</c>
    /// (decimal values joined by <c>-</c>, each list in wire order, empty fields kept, GREASE values left out everywhere)
    /// and the lower-case hex MD5 of it, e.g. <c>771,4865-4866-4867,0-23-65281,29-23-24,0</c>. SSLVersion is legacy_version
    /// (so every TLS 1.3 client says 771), the curves are supported_groups and the point formats ec_point_formats.
    /// </summary>
    /// <remarks>
    /// Extensions are taken in wire order, as JA3 defines, so a client that permutes its extensions on every connection
    /// (Chrome since version 110) has a different JA3 on every connection: match such clients on <see cref="Ja4"/>.
    /// Written into the caller's buffer; on net8.0+ nothing is allocated (text longer than 1024 bytes and lists longer
    /// than 128 values use pooled buffers); on netstandard2.0 the MD5 allocates its input's size.
    /// </remarks>
    public static class Ja3
    {
        /// <summary>The length of the hash: 32 hex digits.</summary>
        public const int HashLength = 32;

        /// <summary>The exact length of the JA3 string of <paramref name="hello"/>.</summary>
        /// <param name="hello">The hello.</param>
        /// <returns>The number of characters <see cref="TryFormatString"/> writes.</returns>
        public static int GetStringLength(scoped in ClientHello hello)
        {
            int length = FingerprintText.DecimalLength((ushort)hello.LegacyVersion) + 4;
            length += DecimalListLength(hello.CipherSuites);
            length += FingerprintText.ExtensionTypesLength(hello.Extensions);

            if (hello.TryGetSupportedGroups(out TlsUInt16List groups))
            {
                length += DecimalListLength(groups);
            }

            if (hello.TryGetEcPointFormats(out ReadOnlySpan<byte> formats))
            {
                for (int i = 0; i < formats.Length; i++)
                {
                    length += FingerprintText.DecimalLength(formats[i]) + (i > 0 ? 1 : 0);
                }
            }

            return length;
        }

        /// <summary>Writes the JA3 string.</summary>
        /// <param name="hello">A parsed ClientHello.</param>
        /// <param name="destination">At least <see cref="GetStringLength"/> characters.</param>
        /// <param name="charsWritten">The characters written.</param>
        /// <returns>False when <paramref name="destination"/> is too short.</returns>
        public static bool TryFormatString(scoped in ClientHello hello, Span<char> destination, out int charsWritten)
            => TryFormat(in hello, destination, hash: false, out charsWritten);

        /// <summary>Writes the JA3 hash: MD5 of the string, 32 lower-case hex digits.</summary>
        /// <param name="hello">A parsed ClientHello.</param>
        /// <param name="destination">At least <see cref="HashLength"/> characters.</param>
        /// <param name="charsWritten"><see cref="HashLength"/>, or 0.</param>
        /// <returns>False when <paramref name="destination"/> is too short.</returns>
        public static bool TryFormatHash(scoped in ClientHello hello, Span<char> destination, out int charsWritten)
            => TryFormat(in hello, destination, hash: true, out charsWritten);

        private static bool TryFormat(scoped in ClientHello hello, Span<char> destination, bool hash, out int charsWritten)
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

        /// <summary>The JA3 string as a new string (allocates).</summary>
        /// <param name="hello">A parsed ClientHello.</param>
        /// <returns>The string.</returns>
        public static string GetString(scoped in ClientHello hello)
        {
            char[] buffer = new char[GetStringLength(in hello)];
            TryFormatString(in hello, buffer, out int written);
            return new string(buffer, 0, written);
        }

        /// <summary>The JA3 hash as a new string (allocates).</summary>
        /// <param name="hello">A parsed ClientHello.</param>
        /// <returns>The hash.</returns>
        public static string GetHashString(scoped in ClientHello hello)
        {
            Span<char> buffer = stackalloc char[HashLength];
            TryFormatHash(in hello, buffer, out _);
            return buffer.ToString();
        }

        private static void Write(scoped in ClientHello hello, Span<byte> text)
        {
            int at = FingerprintText.WriteDecimal(text, 0, (ushort)hello.LegacyVersion);
            text[at++] = (byte)',';
            at = WriteDecimalList(text, at, hello.CipherSuites);
            text[at++] = (byte)',';
            at = FingerprintText.WriteExtensionTypes(text, at, hello.Extensions);

            text[at++] = (byte)',';
            if (hello.TryGetSupportedGroups(out TlsUInt16List groups))
            {
                at = WriteDecimalList(text, at, groups);
            }

            text[at++] = (byte)',';
            if (hello.TryGetEcPointFormats(out ReadOnlySpan<byte> formats))
            {
                for (int i = 0; i < formats.Length; i++)
                {
                    if (i > 0)
                    {
                        text[at++] = (byte)'-';
                    }

                    at = FingerprintText.WriteDecimal(text, at, formats[i]);
                }
            }
        }

        /// <summary>Non-GREASE values in decimal joined by '-' (shared with <see cref="Ja3S"/>).</summary>
        internal static int WriteDecimalList(Span<byte> text, int at, TlsUInt16List values)
        {
            bool first = true;
            foreach (ushort value in values)
            {
                if (Grease.IsGrease(value))
                {
                    continue;
                }

                if (!first)
                {
                    text[at++] = (byte)'-';
                }

                first = false;
                at = FingerprintText.WriteDecimal(text, at, value);
            }

            return at;
        }

        internal static int DecimalListLength(TlsUInt16List values)
        {
            int length = 0;
            int n = 0;
            foreach (ushort value in values)
            {
                if (!Grease.IsGrease(value))
                {
                    length += FingerprintText.DecimalLength(value) + (n++ > 0 ? 1 : 0);
                }
            }

            return length;
        }
    }
}
