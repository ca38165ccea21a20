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
            // `-- --write-inspect-workload FILE [CONNECTIONS] [mixed|chains]`: write the capture InspectBenchmarks reads (or
            // the all-chains variant benchmarks/compare-tshark.sh uses), so the tool itself can be timed on it (wall clock
            // and peak memory: /usr/bin/time -v tsid inspect FILE --format json).
            if (args.Length >= 2 && args[0] == "--write-inspect-workload")
            {
                int connections = args.Length >= 3 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : InspectBenchmarks.Connections;
                InspectWorkloadMix mix = args.Length >= 4 && args[3] == "chains" ? InspectWorkloadMix.Chains : InspectWorkloadMix.Mixed;
                using System.IO.FileStream output = System.IO.File.Create(args[1], 1 << 20);
                InspectWorkload.Write(output, connections, mix);
                return;
            }

            // `-- --inspect-stages FILE [RUNS]`: InspectBenchmarks' stages on a capture file, timed with a stopwatch.
            if (args.Length >= 2 && args[0] == "--inspect-stages")
            {
                InspectBenchmarks.PrintStages(args[1], args.Length >= 3 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 5);
                return;
            }

            // The machine has 2 cores shared with builds: give BenchmarkDotNet's generated project time to compile.
            IConfig config = ManualConfig.Create(DefaultConfig.Instance).WithBuildTimeout(TimeSpan.FromMinutes(10));
            BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
        }
    }
}
