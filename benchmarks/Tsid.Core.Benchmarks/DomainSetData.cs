using System;
using System.Collections.Generic;
using System.Text;

namespace Tsid.Benchmarks
{
    /// <summary>
    /// Deterministic, realistic-looking domain lists for the DomainSet and policy benchmarks: registrable names of
    /// 3–16 letters built from syllables, a TLD mix shaped like public block lists (mostly .com, then .net, .org,
    /// country codes, two-label public suffixes such as co.uk), and 0–3 subdomain labels (www, cdn, ads, api,
    /// random tokens).
    /// </summary>
    internal static class DomainSetData
    {
        private static readonly string[] Syllables =
        {
            "ad", "ak", "al", "an", "ar", "ba", "be", "bi", "bo", "ca", "ce", "ch", "co", "da", "de", "di", "do", "el",
            "en", "er", "ex", "fa", "fi", "fo", "ga", "ge", "go", "ha", "he", "hi", "in", "is", "ja", "ka", "ke", "ki",
            "la", "le", "li", "lo", "ma", "me", "mi", "mo", "na", "ne", "ni", "no", "on", "or", "pa", "pe", "pi", "po",
            "qu", "ra", "re", "ri", "ro", "sa", "se", "si", "so", "st", "ta", "te", "ti", "to", "tr", "un", "up", "va",
            "ve", "vi", "wa", "we", "xa", "yo", "za", "ze", "zo", "net", "web", "app", "hub", "lab", "box", "bit",
        };

        private static readonly (string Tld, int Weight)[] Tlds =
        {
            ("com", 46), ("net", 8), ("org", 6), ("de", 4), ("ru", 4), ("co.uk", 3), ("info", 3), ("io", 2),
            ("xyz", 3), ("top", 3), ("fr", 2), ("nl", 2), ("br", 2), ("com.br", 1), ("cn", 2), ("jp", 1),
            ("online", 2), ("site", 2), ("it", 1), ("pl", 1), ("in", 1), ("us", 1), ("biz", 1), ("com.au", 1),
        };

        private static readonly string[] SubLabels = { "www", "cdn", "ads", "api", "static", "img", "track", "m", "mail", "pixel", "s3", "eu", "us-east-1" };

        private static string Tld(Random random)
        {
            int total = 0;
            foreach ((string _, int w) in Tlds)
            {
                total += w;
            }

            int r = random.Next(total);
            foreach ((string t, int w) in Tlds)
            {
                if ((r -= w) < 0)
                {
                    return t;
                }
            }

            return "com";
        }

        private static string Word(Random random, StringBuilder sb, int minLength, int maxLength)
        {
            sb.Clear();
            int target = random.Next(minLength, maxLength + 1);
            while (sb.Length < target)
            {
                sb.Append(Syllables[random.Next(Syllables.Length)]);
                if (random.Next(12) == 0 && sb.Length < target - 1)
                {
                    sb.Append(random.Next(10) < 7 ? '-' : (char)('0' + random.Next(10)));
                }
            }

            return sb.ToString();
        }

        /// <summary>A registrable domain such as <c>kabelori.com</c>.</summary>
        public static string Registrable(Random random, StringBuilder sb) => Word(random, sb, 3, 16) + "." + Tld(random);

        /// <summary>A subdomain label.</summary>
        public static string Sub(Random random, StringBuilder sb) =>
            random.Next(3) == 0 ? Word(random, sb, 2, 10) : SubLabels[random.Next(SubLabels.Length)];

        /// <summary><paramref name="count"/> distinct list entries (registrable names, some with subdomains).</summary>
        public static string[] Domains(int count, int seed)
        {
            var random = new Random(seed);
            var sb = new StringBuilder();
            var seen = new HashSet<string>(count, StringComparer.Ordinal);
            var result = new string[count];
            int n = 0;
            while (n < count)
            {
                string d = Registrable(random, sb);
                int subs = random.Next(100) switch { < 55 => 0, < 85 => 1, < 97 => 2, _ => 3 };
                for (int i = 0; i < subs; i++)
                {
                    d = Sub(random, sb) + "." + d;
                }

                if (seen.Add(d))
                {
                    result[n++] = d;
                }
            }

            return result;
        }

        /// <summary>Hosts of 3–5 labels under listed entries (every one is covered by the list).</summary>
        public static string[] Hits(string[] domains, int count, int seed)
        {
            var random = new Random(seed);
            var sb = new StringBuilder();
            var result = new string[count];
            for (int i = 0; i < count; i++)
            {
                string d = domains[random.Next(domains.Length)];
                int labels = CountLabels(d);
                int target = random.Next(3, 6);
                while (labels < target)
                {
                    d = Sub(random, sb) + "." + d;
                    labels++;
                }

                result[i] = d;
            }

            return result;
        }

        /// <summary>Hosts of 3–5 labels not covered by the list (checked against <paramref name="isCovered"/>).</summary>
        public static string[] Misses(Func<string, bool> isCovered, int count, int seed)
        {
            var random = new Random(seed);
            var sb = new StringBuilder();
            var result = new string[count];
            int n = 0;
            while (n < count)
            {
                string d = Registrable(random, sb);
                int target = random.Next(3, 6);
                int labels = CountLabels(d);
                while (labels < target)
                {
                    d = Sub(random, sb) + "." + d;
                    labels++;
                }

                if (!isCovered(d))
                {
                    result[n++] = d;
                }
            }

            return result;
        }

        public static int CountLabels(string d)
        {
            int labels = 1;
            foreach (char c in d)
            {
                if (c == '.')
                {
                    labels++;
                }
            }

            return labels;
        }
    }
}
