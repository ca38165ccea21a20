using System;

namespace Tsid.Policy
{
    /// <summary>
    /// A JA4 fingerprint or a pattern over one (<c>t13d*_8daaf6152771_*</c>): three parts separated by <c>_</c>, each a
    /// literal or a glob in which <c>*</c> matches any run of characters within that part. Users match on the a part
    /// (protocol, version, counts, ALPN) or on the b part (the cipher hash) alone this way. The hash parts are compared in
    /// lower case, the a part as written (its ALPN characters are the client's). Immutable; matching allocates nothing.
    /// </summary>
    public sealed class Ja4Pattern
    {
        private readonly string[] _parts;

        private Ja4Pattern(string text, string[] parts)
        {
            Text = text;
            _parts = parts;
            IsExact = text.IndexOf('*') < 0;
        }

        /// <summary>The pattern as it is matched (hash parts in lower case).</summary>
        public string Text { get; }

        /// <summary>True when the pattern has no <c>*</c>: it matches one fingerprint.</summary>
        public bool IsExact { get; }

        /// <summary>Reads a JA4 fingerprint or pattern.</summary>
        /// <param name="text">E.g. <c>t13d1516h2_8daaf6152771_e5627efa2ab1</c> or <c>t13d*_8daaf6152771_*</c>.</param>
        /// <param name="pattern">The pattern.</param>
        /// <param name="error">Why the text is not one.</param>
        /// <returns>True when valid.</returns>
        public static bool TryParse(string? text, out Ja4Pattern? pattern, out string? error)
        {
            pattern = null;
            if (string.IsNullOrEmpty(text))
            {
                error = "empty JA4";
                return false;
            }

            string[] parts = text!.Split('_');
            if (parts.Length != 3)
            {
                error = "a JA4 has three parts separated by '_' (a_b_c), e.g. t13d1516h2_8daaf6152771_e5627efa2ab1 or t13d*_8daaf6152771_*";
                return false;
            }

            int[] lengths = { Fingerprints.Ja4.PrefixLength, Fingerprints.Ja4.HashPartLength, Fingerprints.Ja4.HashPartLength };
            for (int i = 0; i < 3; i++)
            {
                string part = i == 0 ? parts[i] : parts[i].ToLowerInvariant();
                parts[i] = part;
                bool glob = part.IndexOf('*') >= 0;
                if (part.Length == 0 || (!glob && part.Length != lengths[i]) || part.Length > lengths[i])
                {
                    error = "part " + "abc"[i] + " ('" + part + "') must be " + lengths[i] + " characters, or a pattern with '*'";
                    return false;
                }

                foreach (char c in part)
                {
                    bool ok = c == '*' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (i == 0 && c >= 'A' && c <= 'Z');
                    if (!ok || (i > 0 && c > 'f' && c != '*'))
                    {
                        error = "part " + "abc"[i] + " ('" + part + "') may hold only " + (i == 0 ? "letters and digits" : "hex digits") + " and '*'";
                        return false;
                    }
                }
            }

            error = null;
            pattern = new Ja4Pattern(string.Join("_", parts), parts);
            return true;
        }

        /// <summary>True when <paramref name="ja4"/> (a JA4 as <see cref="Fingerprints.Ja4.TryFormat"/> writes it) matches.</summary>
        /// <param name="ja4">The connection's JA4; empty never matches.</param>
        /// <returns>True on a match.</returns>
        public bool Matches(ReadOnlySpan<char> ja4)
        {
            if (ja4.IsEmpty)
            {
                return false;
            }

            if (IsExact)
            {
                return ja4.SequenceEqual(Text.AsSpan());
            }

            for (int i = 0; i < 3; i++)
            {
                int end = i == 2 ? ja4.Length : ja4.IndexOf('_');
                if (end < 0 || !Glob(_parts[i].AsSpan(), ja4.Slice(0, end)))
                {
                    return false;
                }

                ja4 = i == 2 ? default : ja4.Slice(end + 1);
            }

            return true;
        }

        /// <inheritdoc/>
        public override string ToString() => Text;

        // '*' matches any run; a single backtracking point suffices for globs without other metacharacters.
        private static bool Glob(ReadOnlySpan<char> pattern, ReadOnlySpan<char> text)
        {
            int p = 0, t = 0, star = -1, mark = 0;
            while (t < text.Length)
            {
                if (p < pattern.Length && pattern[p] == '*')
                {
                    star = p++;
                    mark = t;
                }
                else if (p < pattern.Length && pattern[p] == text[t])
                {
                    p++;
                    t++;
                }
                else if (star >= 0)
                {
                    p = star + 1;
                    t = ++mark;
                }
                else
                {
                    return false;
                }
            }

            while (p < pattern.Length && pattern[p] == '*')
            {
                p++;
            }

            return p == pattern.Length;
        }
    }
}
