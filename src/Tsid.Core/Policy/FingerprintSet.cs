using System;
using System.Collections.Generic;
using System.IO;

namespace Tsid.Policy
{
    /// <summary>
    /// A list of client fingerprints for policy rules (<see cref="RuleBuilder.WithFingerprintIn"/>, <c>fingerprint-list</c>
    /// in policy files): one entry a line, <c>#</c> starts a comment, each entry a JA3 hash (32 hex digits) or a JA4
    /// fingerprint or pattern (<see cref="Ja4Pattern"/>). Bad lines are handled as in domain lists: in
    /// <see cref="DomainListMode.Strict"/> mode they fail the load with a <see cref="DomainListFormatException"/> listing
    /// them, in <see cref="DomainListMode.Lenient"/> mode they are skipped and counted in the <see cref="DomainListReport"/>.
    /// Immutable and thread-safe; matching allocates nothing (exact entries by binary search, patterns in order).
    /// </summary>
    public sealed class FingerprintSet
    {
        private readonly string[] _ja3;
        private readonly string[] _ja4;
        private readonly Ja4Pattern[] _ja4Patterns;

        private FingerprintSet(string[] ja3, string[] ja4, Ja4Pattern[] patterns)
        {
            _ja3 = ja3;
            _ja4 = ja4;
            _ja4Patterns = patterns;
        }

        /// <summary>How many distinct entries the set holds.</summary>
        public int Count => _ja3.Length + _ja4.Length + _ja4Patterns.Length;

        /// <summary>True when the set holds JA3 hashes.</summary>
        public bool HasJa3 => _ja3.Length != 0;

        /// <summary>True when the set holds JA4 fingerprints or patterns.</summary>
        public bool HasJa4 => _ja4.Length != 0 || _ja4Patterns.Length != 0;

        /// <summary>Parses a list (strict: any bad line throws).</summary>
        /// <param name="text">The list.</param>
        /// <param name="mode">What to do with bad lines.</param>
        /// <returns>The set.</returns>
        /// <exception cref="DomainListFormatException">Strict mode and bad lines.</exception>
        public static FingerprintSet Parse(string text, DomainListMode mode = DomainListMode.Strict) =>
            Load(new StringReader(text ?? throw new ArgumentNullException(nameof(text))), mode, out _);

        /// <summary>Reads a list from <paramref name="reader"/> to its end (not disposed).</summary>
        /// <param name="reader">The list.</param>
        /// <param name="mode">What to do with bad lines.</param>
        /// <param name="report">Lines read, entries kept, bad lines (the first <see cref="DomainSet.MaxReportedErrors"/> with reasons).</param>
        /// <returns>The set.</returns>
        /// <exception cref="DomainListFormatException">Strict mode and bad lines.</exception>
        public static FingerprintSet Load(TextReader reader, DomainListMode mode, out DomainListReport report)
        {
            if (reader is null)
            {
                throw new ArgumentNullException(nameof(reader));
            }

            var ja3 = new SortedSet<string>(StringComparer.Ordinal);
            var ja4 = new SortedSet<string>(StringComparer.Ordinal);
            var patterns = new List<Ja4Pattern>();
            var patternTexts = new HashSet<string>(StringComparer.Ordinal);
            var errors = new List<DomainListError>();
            int lines = 0, entries = 0, bad = 0;
            string? line;
            while ((line = reader.ReadLine()) != null)
            {
                lines++;
                int hash = line.IndexOf('#');
                string entry = (hash >= 0 ? line.Substring(0, hash) : line).Trim();
                if (entry.Length == 0)
                {
                    continue;
                }

                if (IsJa3(entry))
                {
                    ja3.Add(entry.ToLowerInvariant());
                    entries++;
                }
                else if (Ja4Pattern.TryParse(entry, out Ja4Pattern? pattern, out string? error))
                {
                    entries++;
                    if (pattern!.IsExact)
                    {
                        ja4.Add(pattern.Text);
                    }
                    else if (patternTexts.Add(pattern.Text))
                    {
                        patterns.Add(pattern);
                    }
                }
                else
                {
                    bad++;
                    if (errors.Count < DomainSet.MaxReportedErrors)
                    {
                        string reason = entry.IndexOf('_') < 0 && entry.IndexOfAny(new[] { ' ', '\t' }) < 0 ? "neither a JA3 hash (32 hex digits) nor a JA4 (a_b_c)" : error!;
                        errors.Add(new DomainListError(lines, reason, entry.Length > DomainSet.MaxReportedTextLength ? entry.Substring(0, DomainSet.MaxReportedTextLength) : entry));
                    }
                }
            }

            if (mode == DomainListMode.Strict && bad != 0)
            {
                throw new DomainListFormatException(errors.ToArray(), bad);
            }

            var set = new FingerprintSet(ToArray(ja3), ToArray(ja4), patterns.ToArray());
            report = new DomainListReport(lines, entries, set.Count, 0, bad, errors.ToArray());
            return set;
        }

        /// <summary>Finds <paramref name="ja3"/> (32 lower-case hex digits) in the set.</summary>
        /// <param name="ja3">The connection's JA3 hash; empty never matches.</param>
        /// <param name="entry">The entry that matched.</param>
        /// <returns>True when listed.</returns>
        public bool TryMatchJa3(ReadOnlySpan<char> ja3, out string? entry) => TryFind(_ja3, ja3, out entry);

        /// <summary>Finds <paramref name="ja4"/> in the set: an exact entry, else the first pattern that matches.</summary>
        /// <param name="ja4">The connection's JA4; empty never matches.</param>
        /// <param name="entry">The entry that matched (the fingerprint or the pattern text).</param>
        /// <returns>True when listed.</returns>
        public bool TryMatchJa4(ReadOnlySpan<char> ja4, out string? entry)
        {
            if (TryFind(_ja4, ja4, out entry))
            {
                return true;
            }

            foreach (Ja4Pattern pattern in _ja4Patterns)
            {
                if (pattern.Matches(ja4))
                {
                    entry = pattern.Text;
                    return true;
                }
            }

            entry = null;
            return false;
        }

        /// <summary>True for 32 hex digits (an MD5, as JA3 and JA3S are written).</summary>
        /// <param name="text">The text.</param>
        /// <returns>True when it has the shape of a JA3 hash.</returns>
        public static bool IsJa3(string text)
        {
            if (text is null || text.Length != Fingerprints.Ja3.HashLength)
            {
                return false;
            }

            foreach (char c in text)
            {
                if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')))
                {
                    return false;
                }
            }

            return true;
        }

        private static string[] ToArray(SortedSet<string> set)
        {
            var array = new string[set.Count];
            set.CopyTo(array);
            return array;
        }

        private static bool TryFind(string[] sorted, ReadOnlySpan<char> value, out string? entry)
        {
            int low = 0, high = sorted.Length - 1;
            while (!value.IsEmpty && low <= high)
            {
                int mid = (low + high) >> 1;
                int c = sorted[mid].AsSpan().SequenceCompareTo(value);
                if (c == 0)
                {
                    entry = sorted[mid];
                    return true;
                }

                if (c < 0)
                {
                    low = mid + 1;
                }
                else
                {
                    high = mid - 1;
                }
            }

            entry = null;
            return false;
        }
    }
}
