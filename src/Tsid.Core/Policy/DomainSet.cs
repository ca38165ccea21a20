using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;

namespace Tsid.Policy
{
    /// <summary>
    /// A large, immutable set of domain names answering one question fast and without allocating: does this host,
    /// or any parent domain of it, appear in the list? (<c>example.com</c> in the list matches <c>example.com</c>,
    /// <c>www.example.com</c> and <c>a.b.example.com</c>, but not <c>xexample.com</c> or <c>example.com.evil.net</c> —
    /// the semantics of a Cisco Security Intelligence DNS/URL list entry without wildcards.)
    /// </summary>
    /// <remarks>
    /// <para>
    /// Layout: every entry is stored as a 64-bit fingerprint (see <c>DomainHash</c>) in one open-addressing table
    /// (linear probing, power-of-two size, load factor between 3/8 and 3/4), i.e. 10.7–21.3 bytes per distinct
    /// domain, plus a filter of 8–16 bits per domain over the last two labels of every entry; the names themselves
    /// are not kept. A lookup hashes the host's labels right to left; when the filter says no entry ends in the
    /// host's last two labels it stops there, otherwise it probes the table once per suffix whose label count
    /// occurs in the list, issuing the probes together so their cache misses overlap.
    /// </para>
    /// <para>
    /// False positives: a host that is not covered can be reported as covered only if one of its suffix
    /// fingerprints equals a stored one by chance: probability ≈ (suffixes probed) × n / 2^64 per lookup, about
    /// 1.6 × 10^-13 for a 5-label host against 1,000,000 entries. The hash is seeded per set from a cryptographic
    /// random source so that the fingerprints of a list cannot be predicted and a collision cannot be aimed for,
    /// but it is not a cryptographic hash; that bound is the price of not storing the names (which would cost
    /// ≈ 20 more bytes per domain). False negatives cannot happen.
    /// </para>
    /// <para>Immutable and thread-safe. Built only from text the caller supplies: the library does no file I/O.</para>
    /// </remarks>
    public sealed partial class DomainSet
    {
        /// <summary>Longest name accepted, in characters without the trailing dot (RFC 1035 2.3.4: 255 octets on the wire).</summary>
        public const int MaxNameLength = Tls.HostNameSyntax.MaxLength;

        /// <summary>Longest label accepted (RFC 1035 2.3.4).</summary>
        public const int MaxLabelLength = Tls.HostNameSyntax.MaxLabelLength;

        /// <summary>
        /// Longest list line read, in characters (a hosts-file line with many aliases fits easily); a longer line is a bad
        /// line, so a hostile list cannot make one line cost more than this.
        /// </summary>
        public const int MaxLineLength = 65536;

        /// <summary>
        /// Most entries one list may hold (16 Mi: ten times the largest public block lists); entries past it are bad lines.
        /// It bounds the build's scratch (16 bytes per entry) and table (≤ 21.3 bytes per entry) at about 600 MB.
        /// </summary>
        public const int MaxEntries = 1 << 24;

        /// <summary>At most this many bad lines are kept in <see cref="DomainListReport.Errors"/> (all are counted).</summary>
        public const int MaxReportedErrors = 100;

        /// <summary>Bad entries are cut to this many characters in error reports.</summary>
        public const int MaxReportedTextLength = 80;

        private const int ProbeBatch = 16;
        private const int LoadNumerator = 3;
        private const int LoadDenominator = 4;

        private readonly ulong[] _slots;
        private readonly int _mask;
        private readonly ulong _seed;
        private readonly ulong _labelCounts; // bit k-1 set when some entry has k labels (k >= 64 folded into bit 63)
        private readonly int _maxLabels;
        private readonly ulong[] _filter; // one bit per hash of the last two labels of every entry with two or more
        private readonly int _filterShift;

        private DomainSet(ulong[] slots, ulong[] filter, ulong seed, ulong labelCounts, int maxLabels, int count)
        {
            _slots = slots;
            _filter = filter;
            _filterShift = 64 - Log2(filter.Length * 64);
            _mask = slots.Length - 1;
            _seed = seed;
            _labelCounts = labelCounts;
            _maxLabels = maxLabels;
            Count = count;
        }

        /// <summary>An empty set: nothing matches.</summary>
        public static DomainSet Empty { get; } = new DomainSet(new ulong[1], new ulong[1], 1, 0, 0, 0);

        /// <summary>The number of distinct domains in the set.</summary>
        public int Count { get; }

        /// <summary>Bytes of managed memory the set's fingerprint table and parent filter occupy (all but a few dozen bytes of its footprint).</summary>
        public long TableBytes => ((long)_slots.Length + _filter.Length) * sizeof(ulong);

        private static int Log2(int powerOfTwo)
        {
            int log = 0;
            while ((1 << log) < powerOfTwo)
            {
                log++;
            }

            return log;
        }

        /// <summary>Does <paramref name="host"/> or any parent domain of it appear in the set? Case-insensitive (ASCII); one trailing dot is ignored.</summary>
        /// <param name="host">A host name such as <c>www.example.com</c>.</param>
        /// <returns><see langword="true"/> when the host or a parent domain is listed.</returns>
        public bool Contains(ReadOnlySpan<char> host) => TryMatch(host, out _);

        /// <summary>
        /// Does <paramref name="host"/> or any parent domain of it appear in the set, and which? When several
        /// suffixes are listed, the shortest (the broadest entry, e.g. <c>example.com</c> rather than
        /// <c>www.example.com</c>) is reported.
        /// </summary>
        /// <param name="host">A host name; case-insensitive (ASCII); one trailing dot is ignored.</param>
        /// <param name="matchStart">The index in <paramref name="host"/> where the listed suffix starts; -1 when nothing matched.</param>
        /// <returns><see langword="true"/> when the host or a parent domain is listed.</returns>
        public bool TryMatch(ReadOnlySpan<char> host, out int matchStart)
        {
            matchStart = -1;
            if (host.Length != 0 && host[host.Length - 1] == '.')
            {
                host = host.Slice(0, host.Length - 1);
            }

            ulong counts = _labelCounts;
            if (host.Length == 0 || counts == 0)
            {
                return false;
            }

            // Phase 1 hashes every suffix that could be listed; phase 2 probes them back to back so that the
            // table reads (cache misses on a large list) overlap instead of waiting on each other. After the
            // second label from the right, the parent filter can rule out every longer suffix at once.
            Span<ulong> fingerprints = stackalloc ulong[ProbeBatch];
            Span<int> starts = stackalloc int[ProbeBatch];
            int pending = 0;
            ulong h = _seed;
            int end = host.Length;
            int labels = 0;
            while (true)
            {
                int dot = end - 1;
                while (dot >= 0 && host[dot] != '.')
                {
                    dot--;
                }

                h = DomainHash.AddLabel(h, host.Slice(dot + 1, end - dot - 1));
                labels++;
                ulong fp = 0;
                if (labels == 2)
                {
                    fp = DomainHash.Finish(h);
                    ulong bit = fp >> _filterShift;
                    if ((_filter[(int)(bit >> 6)] & (1UL << (int)bit)) == 0)
                    {
                        // No entry of two or more labels ends in these two labels.
                        return pending != 0 && Probe(fingerprints, starts, pending, out matchStart);
                    }
                }

                if (((counts >> (labels < 64 ? labels - 1 : 63)) & 1) != 0)
                {
                    fingerprints[pending] = fp != 0 ? fp : DomainHash.Finish(h);
                    starts[pending] = dot + 1;
                    if (++pending == ProbeBatch)
                    {
                        if (Probe(fingerprints, starts, pending, out matchStart))
                        {
                            return true;
                        }

                        pending = 0;
                    }
                }

                // Past the deepest entry nothing more can match.
                if (dot < 0 || labels >= _maxLabels)
                {
                    return pending != 0 && Probe(fingerprints, starts, pending, out matchStart);
                }

                end = dot;
            }
        }

        private bool Probe(Span<ulong> fingerprints, Span<int> starts, int count, out int matchStart)
        {
            ulong[] slots = _slots;
            int mask = _mask;
            for (int k = 0; k < count; k++)
            {
                ulong fp = fingerprints[k];
                int i = (int)fp & mask;
                while (true)
                {
                    ulong s = slots[i];
                    if (s == fp)
                    {
                        matchStart = starts[k];
                        return true;
                    }

                    if (s == 0)
                    {
                        break;
                    }

                    i = (i + 1) & mask;
                }
            }

            matchStart = -1;
            return false;
        }

        /// <summary>Builds a set from names given one by one (each a host or domain name; a leading or trailing dot is accepted). Any bad name fails the build.</summary>
        /// <param name="domains">The names.</param>
        /// <returns>The set.</returns>
        /// <exception cref="DomainListFormatException">A name is not a valid domain; the line numbers are 1-based positions in <paramref name="domains"/>.</exception>
        public static DomainSet Create(IEnumerable<string> domains)
        {
            if (domains is null)
            {
                throw new ArgumentNullException(nameof(domains));
            }

            var acc = new Accumulator(DomainListMode.Strict, hostsLines: false);
            foreach (string d in domains)
            {
                acc.Line((d ?? string.Empty).AsSpan());
            }

            return acc.Finish(out _);
        }

        /// <summary>Loads a list from text: one entry per line, <c>#</c> comments, blank lines and hosts-file lines (<c>0.0.0.0 ads.example</c>).</summary>
        /// <param name="text">The whole list.</param>
        /// <param name="mode">Strict (any bad line throws) or lenient (bad lines skipped and counted).</param>
        /// <returns>The set.</returns>
        /// <exception cref="DomainListFormatException">Strict mode, and some line was bad.</exception>
        public static DomainSet Parse(string text, DomainListMode mode = DomainListMode.Strict) =>
            Parse((text ?? throw new ArgumentNullException(nameof(text))).AsSpan(), mode, out _);

        /// <summary>Loads a list from text, reporting what was read and skipped.</summary>
        /// <param name="text">The whole list.</param>
        /// <param name="mode">Strict (any bad line throws) or lenient (bad lines skipped and counted).</param>
        /// <param name="report">Lines, entries, duplicates and bad lines.</param>
        /// <returns>The set.</returns>
        /// <exception cref="DomainListFormatException">Strict mode, and some line was bad.</exception>
        public static DomainSet Parse(ReadOnlySpan<char> text, DomainListMode mode, out DomainListReport report)
        {
            var acc = new Accumulator(mode, hostsLines: true);
            if (text.Length != 0 && text[0] == '\uFEFF')
            {
                text = text.Slice(1);
            }

            while (text.Length != 0)
            {
                int nl = text.IndexOf('\n');
                if (nl < 0)
                {
                    acc.Line(text);
                    break;
                }

                acc.Line(text.Slice(0, nl));
                text = text.Slice(nl + 1);
            }

            return acc.Finish(out report);
        }

        /// <summary>Loads a list from UTF-8 bytes (a leading byte-order mark is skipped).</summary>
        /// <param name="utf8">The whole list as UTF-8.</param>
        /// <param name="mode">Strict (any bad line throws) or lenient (bad lines skipped and counted).</param>
        /// <param name="report">Lines, entries, duplicates and bad lines.</param>
        /// <returns>The set.</returns>
        /// <exception cref="DomainListFormatException">Strict mode, and some line was bad.</exception>
        public static DomainSet ParseUtf8(ReadOnlySpan<byte> utf8, DomainListMode mode, out DomainListReport report)
        {
            var acc = new Accumulator(mode, hostsLines: true);
            if (utf8.Length >= 3 && utf8[0] == 0xEF && utf8[1] == 0xBB && utf8[2] == 0xBF)
            {
                utf8 = utf8.Slice(3);
            }

            char[] buffer = new char[256];
            while (utf8.Length != 0)
            {
                int nl = utf8.IndexOf((byte)'\n');
                ReadOnlySpan<byte> line = nl < 0 ? utf8 : utf8.Slice(0, nl);
                utf8 = nl < 0 ? default : utf8.Slice(nl + 1);
                if (buffer.Length < line.Length)
                {
                    buffer = new char[Math.Max(line.Length, buffer.Length * 2)];
                }

                acc.Line(buffer.AsSpan(0, Decode(line, buffer)));
            }

            return acc.Finish(out report);
        }

        /// <summary>Loads a list from a reader the caller opened (a file, a download, a resource).</summary>
        /// <param name="reader">The list, read to its end; not disposed.</param>
        /// <param name="mode">Strict (any bad line throws) or lenient (bad lines skipped and counted).</param>
        /// <param name="report">Lines, entries, duplicates and bad lines.</param>
        /// <returns>The set.</returns>
        /// <exception cref="DomainListFormatException">Strict mode, and some line was bad.</exception>
        public static DomainSet Load(TextReader reader, DomainListMode mode, out DomainListReport report)
        {
            if (reader is null)
            {
                throw new ArgumentNullException(nameof(reader));
            }

            var acc = new Accumulator(mode, hostsLines: true);
            bool first = true;
            string? line;
            while ((line = reader.ReadLine()) != null)
            {
                ReadOnlySpan<char> span = line.AsSpan();
                if (first && span.Length != 0 && span[0] == '\uFEFF')
                {
                    span = span.Slice(1);
                }

                first = false;
                acc.Line(span);
            }

            return acc.Finish(out report);
        }

        /// <summary>Loads a list from a reader in strict mode.</summary>
        /// <param name="reader">The list, read to its end; not disposed.</param>
        /// <returns>The set.</returns>
        /// <exception cref="DomainListFormatException">Some line was bad.</exception>
        public static DomainSet Load(TextReader reader) => Load(reader, DomainListMode.Strict, out _);

        private static int Decode(ReadOnlySpan<byte> line, char[] buffer)
        {
            for (int i = 0; i < line.Length; i++)
            {
                if (line[i] >= 0x80)
                {
#if NET
                    return System.Text.Encoding.UTF8.GetChars(line, buffer);
#else
                    byte[] copy = line.ToArray();
                    return System.Text.Encoding.UTF8.GetChars(copy, 0, copy.Length, buffer, 0);
#endif
                }

                buffer[i] = (char)line[i];
            }

            return line.Length;
        }

        private static ulong NewSeed()
        {
#if NET
            Span<byte> random = stackalloc byte[8];
            RandomNumberGenerator.Fill(random);
            return System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(random) | 1UL;
#else
            var bytes = new byte[8];
            using (var rng = RandomNumberGenerator.Create())
            {
                rng.GetBytes(bytes);
            }

            return BitConverter.ToUInt64(bytes, 0) | 1UL;
#endif
        }
    }
}
