using System;
using System.Collections.Generic;
using System.Text;
using System.Text.RegularExpressions;
using BenchmarkDotNet.Attributes;
using Tsid.Policy;

namespace Tsid.Benchmarks
{
    /// <summary>
    /// A 1,000-entry list, the size people still write as one regular expression: a compiled Regex alternation
    /// anchored at a label boundary vs DomainSet vs a HashSet&lt;string&gt; suffix walk. Per lookup, over 1,024
    /// hosts (half listed, half not).
    /// </summary>
    [MemoryDiagnoser]
    public class DomainSetRegexBenchmarks
    {
        private const int Queries = 1024;

        private DomainSet _set = null!;
        private HashSet<string> _hash = null!;
        private Regex _regex = null!;
        private string[] _queries = null!;

        [GlobalSetup]
        public void Setup()
        {
            string[] domains = DomainSetData.Domains(1000, seed: 11);
            _set = DomainSet.Create(domains);
            _hash = new HashSet<string>(domains, StringComparer.OrdinalIgnoreCase);
            var pattern = new StringBuilder(@"(?:^|\.)(?:");
            for (int i = 0; i < domains.Length; i++)
            {
                pattern.Append(i == 0 ? string.Empty : "|").Append(Regex.Escape(domains[i]));
            }

            pattern.Append(@")\.?$");
            _regex = new Regex(pattern.ToString(), RegexOptions.Compiled | RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
            HashSet<string>.AlternateLookup<ReadOnlySpan<char>> lookup = _hash.GetAlternateLookup<ReadOnlySpan<char>>();
            string[] hits = DomainSetData.Hits(domains, Queries / 2, seed: 12);
            string[] misses = DomainSetData.Misses(h => DomainSetLookupBenchmarks.Walk(lookup, h.AsSpan()), Queries / 2, seed: 13);
            _queries = new string[Queries];
            for (int i = 0; i < Queries / 2; i++)
            {
                _queries[2 * i] = hits[i];
                _queries[2 * i + 1] = misses[i];
            }

            foreach (string q in _queries)
            {
                bool expected = DomainSetLookupBenchmarks.Walk(lookup, q.AsSpan());
                if (_regex.IsMatch(q) != expected || _set.Contains(q.AsSpan()) != expected)
                {
                    throw new InvalidOperationException("peers disagree on " + q);
                }
            }
        }

        [Benchmark(OperationsPerInvoke = Queries)]
        public int DomainSet_1k()
        {
            int n = 0;
            foreach (string q in _queries)
            {
                n += _set.Contains(q.AsSpan()) ? 1 : 0;
            }

            return n;
        }

        [Benchmark(Baseline = true, OperationsPerInvoke = Queries)]
        public int HashSet_1k()
        {
            int n = 0;
            HashSet<string>.AlternateLookup<ReadOnlySpan<char>> lookup = _hash.GetAlternateLookup<ReadOnlySpan<char>>();
            foreach (string q in _queries)
            {
                n += DomainSetLookupBenchmarks.Walk(lookup, q.AsSpan()) ? 1 : 0;
            }

            return n;
        }

        [Benchmark(OperationsPerInvoke = Queries)]
        public int CompiledRegex_1k()
        {
            int n = 0;
            foreach (string q in _queries)
            {
                n += _regex.IsMatch(q.AsSpan()) ? 1 : 0;
            }

            return n;
        }
    }
}
