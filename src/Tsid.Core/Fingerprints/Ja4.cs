using System;
using Tsid.Tls;

namespace Tsid.Fingerprints
{
    /// <summary>
    /// JA4, the TLS client fingerprint of FoxIO (BSD-3-Clause; <c>technical_details/JA4.md</c>), computed from a parsed
    /// <see cref="ClientHello"/>: <c>a_b_c</c>, e.g. <c>t13d1516h2_8daaf6152771_e5627efa2ab1</c>.
    /// <list type="bullet">
    /// <item><c>a</c> (10 characters): the carrier (<c>t</c> TLS over TCP, <c>q</c> QUIC, <c>d</c> DTLS), the version
    /// (the highest non-GREASE supported_versions entry, else legacy_version: <c>13 12 11 10 s3 s2 d1 d2 d3</c>, <c>00</c>
    /// when unknown), <c>d</c>/<c>i</c> for server_name present/absent, the cipher and extension counts (two digits,
    /// GREASE left out, at most 99) and the first and last character of the first ALPN protocol (<c>00</c> without ALPN).</item>
    /// <item><c>b</c>: the first 12 hex digits of SHA-256 over the sorted cipher suites (<c>002f,0035,…</c>).</item>
    /// <item><c>c</c>: the same over the sorted extensions without server_name and ALPN, then <c>_</c> and the
    /// signature_algorithms in wire order.</item>
    /// </list>
    /// GREASE values (RFC 8701) are left out everywhere. Pure functions over the view: the result is written into the
    /// caller's buffer; on net8.0+ nothing is allocated (lists of more than <see cref="StackValueCount"/> values use a
    /// pooled buffer); on netstandard2.0, which has no span-based one-shot hash, each of the two hashes allocates a hash
    /// object and a copy of its input (bounded by the hello's size).
    /// </summary>
    /// <remarks>
    /// An SSLv2-compatible ClientHello (RFC 5246 E.2) has no <see cref="ClientHello"/> view (no extensions, 3-byte cipher
    /// specs) and gets no JA4 here; docs/fingerprints.md explains why.
    /// </remarks>
    public static class Ja4
    {
        /// <summary>The length of <see cref="Ja4Form.Hashed"/> and <see cref="Ja4Form.HashedOriginal"/> output: 10 + 1 + 12 + 1 + 12.</summary>
        public const int Length = 36;

        /// <summary>The length of the <c>a</c> part.</summary>
        public const int PrefixLength = 10;

        /// <summary>The length of a truncated hash part (<c>b</c> or <c>c</c>).</summary>
        public const int HashPartLength = 12;

        /// <summary>The largest count the two-digit cipher and extension counts show (JA4.md: "If there’s &gt; 99 … output 99").</summary>
        public const int MaxCount = 99;

        /// <summary>List lengths up to which the work buffers sit on the stack; longer lists use <see cref="System.Buffers.ArrayPool{T}"/>.</summary>
        public const int StackValueCount = FingerprintText.StackValues;

        /// <summary>The longest output of a raw form for this hello (<see cref="Length"/> for the hashed forms).</summary>
        /// <param name="hello">The hello.</param>
        /// <param name="form">The form.</param>
        /// <returns>The exact number of characters <see cref="TryFormat"/> writes.</returns>
        public static int GetLength(scoped in ClientHello hello, Ja4Form form)
        {
            if (form == Ja4Form.Hashed || form == Ja4Form.HashedOriginal)
            {
                return Length;
            }

            Counts(in hello, form == Ja4Form.RawOriginal, out int ciphers, out int extensions, out int schemes);
            return PrefixLength + 1 + FingerprintText.HexListLength(ciphers) + 1 + ExtensionPartLength(extensions, schemes);
        }

        /// <summary>Writes the fingerprint of <paramref name="hello"/>.</summary>
        /// <param name="hello">A parsed ClientHello.</param>
        /// <param name="protocol">How it arrived (<see cref="TlsConnectionObserver.Protocol"/>): the first character.</param>
        /// <param name="form">Which of the four outputs.</param>
        /// <param name="destination">At least <see cref="GetLength"/> characters (<see cref="Length"/> for the hashed forms).</param>
        /// <param name="charsWritten">The characters written.</param>
        /// <returns>False when <paramref name="destination"/> is too short (nothing useful is written then).</returns>
        public static bool TryFormat(scoped in ClientHello hello, HandshakeProtocol protocol, Ja4Form form, Span<char> destination, out int charsWritten)
        {
            charsWritten = 0;
            bool original = form == Ja4Form.HashedOriginal || form == Ja4Form.RawOriginal;
            bool raw = form == Ja4Form.Raw || form == Ja4Form.RawOriginal;
            TlsUInt16List suites = hello.CipherSuites;
            bool hasSchemes = hello.TryGetSignatureAlgorithms(out TlsUInt16List schemeList);
            int extensionTotal = hello.Extensions.Count;

            Span<ushort> cipherBuffer = FingerprintText.Rent(stackalloc ushort[StackValueCount], suites.Count, out ushort[]? rentedCiphers);
            Span<ushort> extensionBuffer = FingerprintText.Rent(stackalloc ushort[StackValueCount], extensionTotal, out ushort[]? rentedExtensions);
            Span<ushort> schemeBuffer = FingerprintText.Rent(stackalloc ushort[StackValueCount], hasSchemes ? schemeList.Count : 0, out ushort[]? rentedSchemes);
            byte[]? rentedText = null;
            try
            {
                int ciphers = FingerprintText.CopyWithoutGrease(suites, cipherBuffer);
                int schemes = hasSchemes ? FingerprintText.CopyWithoutGrease(schemeList, schemeBuffer) : 0;
                int allExtensions = 0;
                int kept = 0;
                foreach (TlsExtension extension in hello.Extensions)
                {
                    ushort type = (ushort)extension.Type;
                    if (Grease.IsGrease(type))
                    {
                        continue;
                    }

                    allExtensions++;

                    // JA4.md "Extension hash": SNI (0000) and ALPN (0010) are already in a; the original-order forms keep them.
                    if (original || (type != (ushort)TlsExtensionType.ServerName && type != (ushort)TlsExtensionType.ApplicationLayerProtocolNegotiation))
                    {
                        extensionBuffer[kept++] = type;
                    }
                }

                Span<ushort> cipherList = cipherBuffer.Slice(0, ciphers);
                Span<ushort> extensionList = extensionBuffer.Slice(0, kept);
                if (!original)
                {
                    FingerprintText.Sort(cipherList);
                    FingerprintText.Sort(extensionList);
                }

                int bLength = raw ? FingerprintText.HexListLength(ciphers) : HashPartLength;
                int cLength = raw ? ExtensionPartLength(kept, schemes) : HashPartLength;
                int total = PrefixLength + 1 + bLength + 1 + cLength;
                if (destination.Length < total)
                {
                    return false;
                }

                WritePrefix(in hello, protocol, ciphers, allExtensions, destination);
                destination[PrefixLength] = '_';
                destination[PrefixLength + 1 + bLength] = '_';
                Span<char> b = destination.Slice(PrefixLength + 1, bLength);
                Span<char> c = destination.Slice(PrefixLength + 1 + bLength + 1, cLength);

                int textLength = Math.Max(FingerprintText.HexListLength(ciphers), ExtensionPartLength(kept, schemes));
                Span<byte> text = FingerprintText.Rent(stackalloc byte[FingerprintText.StackBytes], textLength, out rentedText);

                // b: the cipher list (JA4.md "Cipher hash"); no ciphers gives twelve zeros rather than a hash of nothing.
                int n = FingerprintText.WriteHexList(text, 0, cipherList);
                WritePart(text.Slice(0, n), raw, ciphers == 0, b);

                // c: the extension list, then '_' and the signature algorithms in wire order when there are any.
                n = FingerprintText.WriteHexList(text, 0, extensionList);
                if (schemes > 0)
                {
                    text[n++] = (byte)'_';
                    n = FingerprintText.WriteHexList(text, n, schemeBuffer.Slice(0, schemes));
                }

                WritePart(text.Slice(0, n), raw, kept == 0, c);
                charsWritten = total;
                return true;
            }
            finally
            {
                FingerprintText.Return(rentedCiphers);
                FingerprintText.Return(rentedExtensions);
                FingerprintText.Return(rentedSchemes);
                FingerprintText.Return(rentedText);
            }
        }

        /// <summary>The fingerprint as a new string (allocates: for logs, tools and tests).</summary>
        /// <param name="hello">A parsed ClientHello.</param>
        /// <param name="protocol">How it arrived.</param>
        /// <param name="form">Which of the four outputs.</param>
        /// <returns>The fingerprint.</returns>
        public static string GetString(scoped in ClientHello hello, HandshakeProtocol protocol, Ja4Form form = Ja4Form.Hashed)
        {
            char[] buffer = new char[GetLength(in hello, form)];
            TryFormat(in hello, protocol, form, buffer, out int written);
            return new string(buffer, 0, written);
        }

        /// <summary>The two-character version code of JA4.md "TLS and DTLS Version" (<c>00</c> for any other value).</summary>
        /// <param name="version">A wire version.</param>
        /// <returns>The code.</returns>
        public static string VersionCode(TlsProtocolVersion version) => (ushort)version switch
        {
            0x0304 => "13",
            0x0303 => "12",
            0x0302 => "11",
            0x0301 => "10",
            0x0300 => "s3",
            0x0002 => "s2",
            0xfeff => "d1",
            0xfefd => "d2",
            0xfefc => "d3",
            _ => "00",
        };

        /// <summary>
        /// The version JA4 reads: the highest non-GREASE supported_versions entry when the extension is there, else
        /// legacy_version (JA4.md: the record-layer version is ignored). DTLS numbers count down (0xfeff is 1.0, 0xfefc 1.3),
        /// so among DTLS values the lowest is the highest version.
        /// </summary>
        /// <param name="hello">The hello.</param>
        /// <returns>The version.</returns>
        public static TlsProtocolVersion SelectVersion(scoped in ClientHello hello)
        {
            if (!hello.TryGetSupportedVersions(out TlsUInt16List versions))
            {
                return hello.LegacyVersion;
            }

            int best = -1;
            foreach (ushort v in versions)
            {
                if (Grease.IsGrease(v))
                {
                    continue;
                }

                if (best < 0 || Rank(v) > Rank((ushort)best))
                {
                    best = v;
                }
            }

            return best < 0 ? hello.LegacyVersion : (TlsProtocolVersion)best;
        }

        // DTLS versions (0xfexx) are one's complements of their minor numbers: invert them so that newer ranks higher.
        private static int Rank(ushort v) => (v >> 8) == 0xfe ? 0x10000 + (0xff - (v & 0xff)) : v;

        private static int ExtensionPartLength(int extensions, int schemes) =>
            FingerprintText.HexListLength(extensions) + (schemes > 0 ? 1 + FingerprintText.HexListLength(schemes) : 0);

        private static void WritePart(ReadOnlySpan<byte> text, bool raw, bool empty, Span<char> destination)
        {
            if (raw)
            {
                FingerprintText.Widen(text, destination);
            }
            else if (empty)
            {
                destination.Fill('0');
            }
            else
            {
                FingerprintText.WriteSha256Prefix(text, destination);
            }
        }

        private static void Counts(scoped in ClientHello hello, bool original, out int ciphers, out int extensions, out int schemes)
        {
            ciphers = FingerprintText.CountWithoutGrease(hello.CipherSuites);
            schemes = hello.TryGetSignatureAlgorithms(out TlsUInt16List list) ? FingerprintText.CountWithoutGrease(list) : 0;
            extensions = 0;
            foreach (TlsExtension extension in hello.Extensions)
            {
                ushort type = (ushort)extension.Type;
                if (!Grease.IsGrease(type) && (original || (type != (ushort)TlsExtensionType.ServerName && type != (ushort)TlsExtensionType.ApplicationLayerProtocolNegotiation)))
                {
                    extensions++;
                }
            }
        }

        private static void WritePrefix(scoped in ClientHello hello, HandshakeProtocol protocol, int ciphers, int extensions, Span<char> destination)
        {
            destination[0] = protocol switch
            {
                HandshakeProtocol.Quic => 'q',
                HandshakeProtocol.Dtls => 'd',
                _ => 't',
            };

            string version = VersionCode(SelectVersion(in hello));
            destination[1] = version[0];
            destination[2] = version[1];
            destination[3] = hello.HasServerName ? 'd' : 'i';
            WriteCount(Math.Min(ciphers, MaxCount), destination.Slice(4));
            WriteCount(Math.Min(extensions, MaxCount), destination.Slice(6));
            WriteAlpn(in hello, destination.Slice(8));
        }

        private static void WriteCount(int count, Span<char> destination)
        {
            destination[0] = (char)('0' + (count / 10));
            destination[1] = (char)('0' + (count % 10));
        }

        // JA4.md "ALPN Extension Value": first and last character of the first protocol; "00" without one; when either is
        // not an ASCII letter or digit, the first and last hex digit of the whole value instead.
        private static void WriteAlpn(scoped in ClientHello hello, Span<char> destination)
        {
            destination[0] = '0';
            destination[1] = '0';
            if (!hello.TryGetAlpn(out ProtocolNameList protocols))
            {
                return;
            }

            foreach (ReadOnlySpan<byte> first in protocols)
            {
                if (first.IsEmpty)
                {
                    return;
                }

                byte head = first[0];
                byte tail = first[first.Length - 1];
                if (IsAlphanumeric(head) && IsAlphanumeric(tail))
                {
                    destination[0] = (char)head;
                    destination[1] = (char)tail;
                }
                else
                {
                    destination[0] = FingerprintText.HexDigit(head >> 4);
                    destination[1] = FingerprintText.HexDigit(tail);
                }

                return;
            }
        }

        private static bool IsAlphanumeric(byte b) => (b >= (byte)'0' && b <= (byte)'9') || (b >= (byte)'A' && b <= (byte)'Z') || (b >= (byte)'a' && b <= (byte)'z');
    }
}
