using System;

namespace Tsid.X509
{
    /// <summary>
    /// Reads certificates from PEM text (RFC 7468): text in, DER out, any number of certificates per text, explanatory
    /// text and other block types (for example private keys) between them skipped. No file I/O.
    /// </summary>
    public static class Pem
    {
        /// <summary>
        /// Enumerates the "CERTIFICATE" blocks of <paramref name="text"/> (and the legacy "X509 CERTIFICATE" label) in order.
        /// </summary>
        /// <param name="text">PEM text.</param>
        public static PemCertificateEnumerator EnumerateCertificates(ReadOnlySpan<char> text) => new PemCertificateEnumerator(text);

        /// <summary>
        /// Decodes base64 text (RFC 4648 section 4) into <paramref name="destination"/>, ignoring whitespace
        /// (RFC 7468 section 3 allows line breaks and spaces). Padding '=' may only end the text.
        /// </summary>
        /// <param name="base64">The base64 text.</param>
        /// <param name="destination">Where to write the bytes; <see cref="GetMaxDecodedLength"/> bytes always suffice.</param>
        /// <param name="bytesWritten">Bytes written when true is returned.</param>
        /// <returns>False when the text is not base64 or the destination is too small.</returns>
        public static bool TryDecodeBase64(ReadOnlySpan<char> base64, Span<byte> destination, out int bytesWritten) =>
            Decode(base64, destination, write: true, out bytesWritten, out _);

        /// <summary>
        /// The one base64 loop: with <paramref name="write"/> false it only validates (nothing is written and the
        /// destination is not consulted), which is how <see cref="PemCertificateEnumerator"/> checks a block cheaply.
        /// </summary>
        private static bool Decode(ReadOnlySpan<char> base64, Span<byte> destination, bool write, out int bytesWritten, out int sextets)
        {
            bytesWritten = 0;
            sextets = 0;
            int written = 0;
            int quantum = 0;
            int count = 0;
            int padding = 0;
            for (int i = 0; i < base64.Length; i++)
            {
                char c = base64[i];
                if (c == ' ' || c == '\t' || c == '\r' || c == '\n')
                {
                    continue;
                }

                if (c == '=')
                {
                    padding++;
                    count++;
                    if (padding > 2 || count % 4 < 3 && count % 4 != 0)
                    {
                        return false;
                    }

                    if (count % 4 == 0 && write)
                    {
                        int bytes = 3 - padding;
                        if (destination.Length - written < bytes)
                        {
                            return false;
                        }

                        quantum <<= 6 * padding;
                        destination[written++] = (byte)(quantum >> 16);
                        if (bytes == 2)
                        {
                            destination[written++] = (byte)(quantum >> 8);
                        }

                        quantum = 0;
                    }

                    continue;
                }

                int v = Value(c);
                if (v < 0 || padding != 0)
                {
                    return false;
                }

                quantum = (quantum << 6) | v;
                count++;
                if (count % 4 == 0 && write)
                {
                    if (destination.Length - written < 3)
                    {
                        return false;
                    }

                    destination[written++] = (byte)(quantum >> 16);
                    destination[written++] = (byte)(quantum >> 8);
                    destination[written++] = (byte)quantum;
                    quantum = 0;
                }
            }

            if (count % 4 != 0)
            {
                return false;
            }

            bytesWritten = written;
            sextets = count;
            return true;
        }

        /// <summary>An upper bound on the bytes that <paramref name="base64"/> decodes to.</summary>
        /// <param name="base64">The base64 text.</param>
        public static int GetMaxDecodedLength(ReadOnlySpan<char> base64) => ((base64.Length + 3) / 4) * 3;

        /// <summary>True when <paramref name="base64"/> decodes; counts nothing, writes nothing.</summary>
        internal static bool IsValidBase64(ReadOnlySpan<char> base64) =>
            Decode(base64, default, write: false, out _, out int sextets) && sextets != 0;

        private static int Value(char c)
        {
            if (c >= 'A' && c <= 'Z')
            {
                return c - 'A';
            }

            if (c >= 'a' && c <= 'z')
            {
                return c - 'a' + 26;
            }

            if (c >= '0' && c <= '9')
            {
                return c - '0' + 52;
            }

            return c == '+' ? 62 : c == '/' ? 63 : -1;
        }
    }
}
