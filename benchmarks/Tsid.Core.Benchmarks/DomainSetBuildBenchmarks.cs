using System;
using System.Collections.Frozen;
using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using Tsid.Policy;

namespace Tsid.Benchmarks
{
    /// <summary>Building from the text of a 1,000,000-line list (parse + validate + table) vs splitting into strings and filling a HashSet / FrozenSet.</summary>
    [MemoryDiagnoser]
    public class DomainSetBuildBenchmarks
    {
        private string _text = null!;

        [GlobalSetup]
        public void Setup() => _text = string.Join("\n", DomainSetData.Domains(1_000_000, seed: 1));

        [Benchmark]
        public int DomainSet_Parse() => DomainSet.Parse(_text).Count;

        [Benchmark(Baseline = true)]
        public int HashSet_Build() => new HashSet<string>(_text.Split('\n'), StringComparer.OrdinalIgnoreCase).Count;

        [Benchmark]
        public int FrozenSet_Build() => _text.Split('\n').ToFrozenSet(StringComparer.OrdinalIgnoreCase).Count;
    }
}
