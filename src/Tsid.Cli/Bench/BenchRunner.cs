using System;
using System.Collections.Generic;
using System.Diagnostics;

namespace Tsid.Cli.Bench
{
    /// <summary>What one stage measured: the medians of its rounds.</summary>
    internal sealed class BenchResult
    {
        public string Stage { get; init; } = string.Empty;

        /// <summary>Connections one pass handles.</summary>
        public long Connections { get; init; }

        /// <summary>Bytes one pass reads (0 for the stages that read none).</summary>
        public long Bytes { get; init; }

        public int Rounds { get; init; }

        /// <summary>Passes measured over all rounds (warm-up not counted).</summary>
        public long Passes { get; init; }

        /// <summary>Measured time over all rounds.</summary>
        public double Seconds { get; init; }

        public double NanosecondsPerConnection { get; init; }

        public double ConnectionsPerSecond => NanosecondsPerConnection > 0 ? 1e9 / NanosecondsPerConnection : 0;

        /// <summary>MB (10^6 bytes) per second, or null for a stage that reads no bytes.</summary>
        public double? MegabytesPerSecond => Bytes == 0 || NanosecondsPerConnection <= 0 ? null
            : Bytes / (NanosecondsPerConnection * Connections / 1e9) / 1e6;

        /// <summary>Median bytes allocated on the measuring thread per connection.</summary>
        public double AllocatedBytesPerConnection { get; init; }

        /// <summary>The most any round allocated per connection.</summary>
        public double MaxAllocatedBytesPerConnection { get; init; }
    }

    /// <summary>
    /// A throughput probe, not BenchmarkDotNet: one process, one thread, no outlier analysis. Each stage is warmed up, then
    /// measured in <see cref="Rounds"/> rounds of whole passes with <see cref="Stopwatch"/> until the round's share of the time
    /// budget passed; allocations are <see cref="GC.GetAllocatedBytesForCurrentThread"/> around each round. The median round is reported.
    /// </summary>
    internal static class BenchRunner
    {
        public const int Rounds = 5;

        /// <summary>The warm-up's share of the stage's time (at least one pass; it tiers up the JIT and fills the pools).</summary>
        public const double WarmUpShare = 0.2;

        public static BenchResult Measure(BenchStage stage, double seconds)
        {
            long sink = 0;
            long warmUpEnd = Stopwatch.GetTimestamp() + (long)(seconds * WarmUpShare * Stopwatch.Frequency);
            do
            {
                sink += stage.RunPass();
            }
            while (Stopwatch.GetTimestamp() < warmUpEnd);

            long roundTicks = Math.Max(1, (long)(seconds * (1 - WarmUpShare) / Rounds * Stopwatch.Frequency));
            var nanoseconds = new double[Rounds];
            var allocated = new double[Rounds];
            long passes = 0;
            long totalTicks = 0;
            for (int r = 0; r < Rounds; r++)
            {
                long n = 0;
                long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
                long start = Stopwatch.GetTimestamp();
                long now;
                do
                {
                    sink += stage.RunPass();
                    n++;
                    now = Stopwatch.GetTimestamp();
                }
                while (now - start < roundTicks);

                long allocatedAfter = GC.GetAllocatedBytesForCurrentThread();
                double connections = (double)n * Math.Max(1, stage.ConnectionsPerPass);
                nanoseconds[r] = (now - start) * (1e9 / Stopwatch.Frequency) / connections;
                allocated[r] = (allocatedAfter - allocatedBefore) / connections;
                passes += n;
                totalTicks += now - start;
            }

            GC.KeepAlive(sink);
            double maxAllocated = 0;
            foreach (double a in allocated)
            {
                maxAllocated = Math.Max(maxAllocated, a);
            }

            return new BenchResult
            {
                Stage = stage.Name,
                Connections = stage.ConnectionsPerPass,
                Bytes = stage.BytesPerPass,
                Rounds = Rounds,
                Passes = passes,
                Seconds = (double)totalTicks / Stopwatch.Frequency,
                NanosecondsPerConnection = Median(nanoseconds),
                AllocatedBytesPerConnection = Median(allocated),
                MaxAllocatedBytesPerConnection = maxAllocated,
            };
        }

        private static double Median(double[] values)
        {
            var sorted = new List<double>(values);
            sorted.Sort();
            int middle = sorted.Count / 2;
            return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        }
    }
}
