using System;
using System.Collections.Frozen;
using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Tsid.Policy;

namespace Tsid.Benchmarks
{
    /// <summary>
    /// "Is this host or a parent domain listed?" against 1,000,000 realistic domains: DomainSet vs a suffix walk
    /// over HashSet&lt;string&gt; and FrozenSet&lt;string&gt; (OrdinalIgnoreCase, span lookups through
    /// GetAlternateLookup, so the peers allocate nothing either). Each invocation looks up 4,096 different hosts
    /// of 3–5 labels, so the tables are not all in cache; times are per lookup.
    /// </summary>
    [MemoryDiagnoser]
    [GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
    [CategoriesColumn]
    public class DomainSetLookupBenchmarks
    {
        private const int Queries = 4096;
        private const int ListSize = 1_000_000;

        private DomainSet _set = null!;
        private HashSet<string> _hash = null!;
        private FrozenSet<string> _frozen = null!;
        private string[] _hits = null!;
        private string[] _misses = null!;

        [GlobalSetup]
        public void Setup()
        {
            string[] domains = DomainSetData.Domains(ListSize, seed: 1);
            string text = string.Join("\n", domains);
            DomainSetMemory.Report(text, ListSize);
            _set = DomainSet.Parse(text);
            _hash = new HashSet<string>(text.Split('\n'), StringComparer.OrdinalIgnoreCase);
            _frozen = _hash.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
            _hits = DomainSetData.Hits(domains, Queries, seed: 2);
            HashSet<string>.AlternateLookup<ReadOnlySpan<char>> lookup = _hash.GetAlternateLookup<ReadOnlySpan<char>>();
            _misses = DomainSetData.Misses(h => Walk(lookup, h.AsSpan()), Queries, seed: 3);
            foreach (string h in _hits)
            {
                if (!_set.Contains(h.AsSpan()) || !Walk(lookup, h.AsSpan()))
                {
                    throw new InvalidOperationException("hit not found: " + h);
                }
            }

            foreach (string h in _misses)
            {
                if (_set.Contains(h.AsSpan()))
                {
                    throw new InvalidOperationException("false positive: " + h);
                }
            }
        }

        internal static bool Walk(HashSet<string>.AlternateLookup<ReadOnlySpan<char>> set, ReadOnlySpan<char> host)
        {
            if (host.Length != 0 && host[^1] == '.')
            {
                host = host[..^1];
            }

            while (true)
            {
                if (set.Contains(host))
                {
                    return true;
                }

                int dot = host.IndexOf('.');
                if (dot < 0)
                {
                    return false;
                }

                host = host[(dot + 1)..];
            }
        }

        internal static bool Walk(FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> set, ReadOnlySpan<char> host)
        {
            if (host.Length != 0 && host[^1] == '.')
            {
                host = host[..^1];
            }

            while (true)
            {
                if (set.Contains(host))
                {
                    return true;
                }

                int dot = host.IndexOf('.');
                if (dot < 0)
                {
                    return false;
                }

                host = host[(dot + 1)..];
            }
        }

        [Benchmark(OperationsPerInvoke = Queries), BenchmarkCategory("Hit")]
        public int DomainSet_Hit() => CountDomainSet(_hits);

        [Benchmark(Baseline = true, OperationsPerInvoke = Queries), BenchmarkCategory("Hit")]
        public int HashSet_Hit() => CountHash(_hits);

        [Benchmark(OperationsPerInvoke = Queries), BenchmarkCategory("Hit")]
        public int FrozenSet_Hit() => CountFrozen(_hits);

        [Benchmark(OperationsPerInvoke = Queries), BenchmarkCategory("Miss")]
        public int DomainSet_Miss() => CountDomainSet(_misses);

        [Benchmark(Baseline = true, OperationsPerInvoke = Queries), BenchmarkCategory("Miss")]
        public int HashSet_Miss() => CountHash(_misses);

        [Benchmark(OperationsPerInvoke = Queries), BenchmarkCategory("Miss")]
        public int FrozenSet_Miss() => CountFrozen(_misses);

        private int CountDomainSet(string[] hosts)
        {
            int n = 0;
            DomainSet set = _set;
            foreach (string h in hosts)
            {
                if (set.Contains(h.AsSpan()))
                {
                    n++;
                }
            }

            return n;
        }

        private int CountHash(string[] hosts)
        {
            int n = 0;
            HashSet<string>.AlternateLookup<ReadOnlySpan<char>> lookup = _hash.GetAlternateLookup<ReadOnlySpan<char>>();
            foreach (string h in hosts)
            {
                if (Walk(lookup, h.AsSpan()))
                {
                    n++;
                }
            }

            return n;
        }

        private int CountFrozen(string[] hosts)
        {
            int n = 0;
            FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> lookup = _frozen.GetAlternateLookup<ReadOnlySpan<char>>();
            foreach (string h in hosts)
            {
                if (Walk(lookup, h.AsSpan()))
                {
                    n++;
                }
            }

            return n;
        }
    }
}
