using System;
using System.Collections.Generic;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using Tsid.Policy;

namespace Tsid.Tests.Policy
{
    /// <summary>DomainSet against a naive model: a HashSet of lowercased entries and a walk over every label-boundary suffix.</summary>
    public class DomainSetProperties
    {
        // A small alphabet of labels so that random sets and queries collide often, with near misses built in
        // (example / xexample / examplex, com / co / comx).
        private static readonly string[] Labels = { "example", "xexample", "examplex", "com", "co", "comx", "a", "b", "www", "x-y", "1", "_s" };

        private static Gen<string> Name(int maxLabels) =>
            from count in Gen.Choose(1, maxLabels)
            from labels in Gen.Elements(Labels).ArrayOf(count)
            select string.Join(".", labels);

        private static Gen<string> Query =>
            from name in Name(8)
            from upper in Gen.Elements(true, false).ArrayOf(name.Length)
            from dot in Gen.Elements(false, false, true)
            select new string(name.Select((c, i) => upper[i] ? char.ToUpperInvariant(c) : c).ToArray()) + (dot ? "." : string.Empty);

        private sealed record Case(string[] Entries, string[] Queries);

        private static Arbitrary<Case> Cases =>
            (from entries in Name(4).ArrayOf()
             from queries in Query.ArrayOf()
             select new Case(entries, queries)).ToArbitrary();

        private static bool Reference(HashSet<string> set, string host)
        {
            string h = host.ToLowerInvariant();
            if (h.EndsWith(".", StringComparison.Ordinal))
            {
                h = h.Substring(0, h.Length - 1);
            }

            while (true)
            {
                if (set.Contains(h))
                {
                    return true;
                }

                int dot = h.IndexOf('.');
                if (dot < 0)
                {
                    return false;
                }

                h = h.Substring(dot + 1);
            }
        }

        [FsCheck.Xunit.Property(MaxTest = 200)]
        public Property Agrees_with_the_naive_reference()
        {
            return Prop.ForAll(Cases, c =>
            {
                DomainSet set = DomainSet.Create(c.Entries);
                var model = new HashSet<string>(c.Entries.Select(e => e.ToLowerInvariant()));
                return set.Count == model.Count
                    && c.Queries.Concat(c.Entries).All(q => set.Contains(q.AsSpan()) == Reference(model, q));
            });
        }

        [FsCheck.Xunit.Property(MaxTest = 200)]
        public Property A_host_under_a_listed_domain_always_matches()
        {
            var gen = from entries in Name(4).NonEmptyListOf()
                      from pick in Gen.Choose(0, entries.Count - 1)
                      from prefix in Name(6)
                      select (entries.ToArray(), prefix + "." + entries[pick].ToUpperInvariant());
            return Prop.ForAll(gen.ToArbitrary(), t =>
            {
                DomainSet set = DomainSet.Create(t.Item1);
                return set.Contains(t.Item2.AsSpan())
                    && set.TryMatch(t.Item2.AsSpan(), out int start)
                    && t.Item1.Any(e => string.Equals(e, t.Item2.Substring(start), StringComparison.OrdinalIgnoreCase));
            });
        }

        [FsCheck.Xunit.Property(MaxTest = 100)]
        public Property Building_from_a_shuffled_list_gives_the_same_answers()
        {
            var gen = from c in Cases.Generator
                      from shuffled in Gen.Shuffle(c.Entries)
                      select (c, shuffled);
            return Prop.ForAll(gen.ToArbitrary(), t =>
            {
                DomainSet a = DomainSet.Create(t.c.Entries);
                DomainSet b = DomainSet.Create(t.shuffled);
                return a.Count == b.Count && t.c.Queries.All(q => a.Contains(q.AsSpan()) == b.Contains(q.AsSpan()));
            });
        }
    }
}
