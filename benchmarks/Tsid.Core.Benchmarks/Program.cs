using System;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

namespace Tsid.Benchmarks
{
    /// <summary>
    /// Entry point: <c>dotnet run -c Release --project benchmarks/Tsid.Core.Benchmarks -- --filter '*'</c>.
    /// Every benchmark class carries [MemoryDiagnoser] and runs Tsid.Core side by side with its peers.
    /// </summary>
    public static class Program
    {
        public static void Main(string[] args)
        {
            // The machine has 2 cores shared with builds: give BenchmarkDotNet's generated project time to compile.
            IConfig config = ManualConfig.Create(DefaultConfig.Instance).WithBuildTimeout(TimeSpan.FromMinutes(10));
            BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
        }
    }
}
