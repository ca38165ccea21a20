using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using BenchmarkDotNet.Attributes;
using Tsid.Capture;
using Tsid.Cli.Output;
using Tsid.Identity;
using Tsid.Inspection;
using Tsid.Policy;
using Tsid.Tls;

namespace Tsid.Benchmarks
{
    /// <summary>
    /// Whole inspection of a capture of 20,000 real TLS handshakes (<see cref="InspectWorkload"/>), stage by stage: each row
    /// runs the stages of the row above plus one, so the differences are where the time goes — reading packet records,
    /// decoding them, TCP reassembly and TLS start detection, the TLS observer, evidence + identity
    /// (<see cref="ConnectionInspector"/> without a policy), the policy, and the JSON Lines of <c>tsid inspect --format json</c>
    /// (written to a null stream); the last row is the same with <see cref="InspectionOptions.UseWorkerThread"/>.
    /// </summary>
    [MemoryDiagnoser]
    public class InspectBenchmarks
    {
        public const int Connections = 20_000;

        private static readonly AccessPolicy SeedPolicy = PolicyText.Parse(
            "default block\nlist SI\n  toos.cisco.com\nend\nblocklist SI\n"
            + "rule ALLOW_FMC_ASA_SNT_CISCO allow\n  from 10.12.0.0/16\n  host cisco-si tools.cisco.com\nend\n"
            + "rule ALLOW_ALL_CLIENTS_80_443 allow\n  port 80 443\nend\n");

        private byte[] _capture = Array.Empty<byte>();
        private long _expected = Connections;

        [Params(InspectWorkloadMix.Mixed, InspectWorkloadMix.Chains)]
        public InspectWorkloadMix Mix { get; set; }

        /// <summary>The capture's size, for MB/s.</summary>
        public long CaptureLength => _capture.Length;

        [GlobalSetup]
        public void Setup()
        {
            using var memory = new MemoryStream();
            InspectWorkload.Write(memory, Connections, Mix);
            _capture = memory.ToArray();
        }

        [Benchmark(Description = "1 read records")]
        public long ReadRecords() => CaptureBenchmarks.ReadRecords(_capture);

        [Benchmark(Description = "2 + decode")]
        public long ReadAndDecode() => CaptureBenchmarks.ReadAndDecode(_capture);

        [Benchmark(Baseline = true, Description = "3 + reassembly, TLS start")]
        public long Reassemble()
        {
            var consumer = new CaptureBenchmarks.CountingConsumer();
            Check(CaptureInspector.Inspect(new MemoryStream(_capture, writable: false), consumer).Error, consumer.Ended);
            return consumer.Bytes;
        }

        [Benchmark(Description = "4 + TLS observer")]
        public long Observe()
        {
            var consumer = new ObservingConsumer();
            Check(CaptureInspector.Inspect(new MemoryStream(_capture, writable: false), consumer).Error, consumer.Ended);
            return consumer.Visible;
        }

        [Benchmark(Description = "5 + evidence, identity")]
        public long Identity()
        {
            long named = 0;
            var inspector = new ConnectionInspector(new InspectionOptions { Resolver = ServerIdentityPresets.HintAware });
            InspectionSummary summary = inspector.Inspect(new MemoryStream(_capture, writable: false), (in InspectedConnection c) => named += c.Identity.Name.Length);
            Check(summary.Capture.Error, summary.Connections);
            return named;
        }

        [Benchmark(Description = "6 + policy")]
        public long Policy()
        {
            long allowed = 0;
            var inspector = new ConnectionInspector(new InspectionOptions { Resolver = ServerIdentityPresets.HintAware, Policy = SeedPolicy });
            InspectionSummary summary = inspector.Inspect(new MemoryStream(_capture, writable: false), (in InspectedConnection c) =>
            {
                if (c.Decision.Action == PolicyAction.Allow)
                {
                    allowed++;
                }
            });
            Check(summary.Capture.Error, summary.Connections);
            return allowed;
        }

        [Benchmark(Description = "7 + JSON Lines (tsid inspect --format json)")]
        public long Json() => WriteJson(workerThread: false);

        [Benchmark(Description = "8 the same on two threads")]
        public long JsonTwoThreads() => WriteJson(workerThread: true);

        /// <summary>
        /// <c>-- --inspect-stages FILE</c>: the rows above on a capture file, timed with a stopwatch (best of
        /// <paramref name="runs"/>, after one warm-up run), for a quick breakdown without BenchmarkDotNet.
        /// </summary>
        public static void PrintStages(string path, int runs)
        {
            var benchmarks = new InspectBenchmarks { _capture = File.ReadAllBytes(path), _expected = -1 };
            var stages = new (string Name, Func<long> Run)[]
            {
                ("1 read records", benchmarks.ReadRecords),
                ("2 + decode", benchmarks.ReadAndDecode),
                ("3 + reassembly, TLS start", benchmarks.Reassemble),
                ("4 + TLS observer", benchmarks.Observe),
                ("5 + evidence, identity", benchmarks.Identity),
                ("6 + policy", benchmarks.Policy),
                ("7 + JSON Lines", benchmarks.Json),
                ("8 the same on two threads", benchmarks.JsonTwoThreads),
            };
            Console.WriteLine(FormattableString.Invariant($"{path}: {benchmarks._capture.Length:N0} bytes; best of {runs} runs"));
            Console.WriteLine("stage                             wall ms   CPU ms   delta wall ms   allocated MB");
            double previous = 0;
            foreach ((string name, Func<long> run) in stages)
            {
                run();
                double best = double.MaxValue;
                double bestCpu = double.MaxValue;
                long allocated = GC.GetTotalAllocatedBytes(precise: true);
                run();
                allocated = GC.GetTotalAllocatedBytes(precise: true) - allocated;
                for (int i = 0; i < runs; i++)
                {
                    TimeSpan cpu = Process.GetCurrentProcess().TotalProcessorTime;
                    var watch = Stopwatch.StartNew();
                    run();
                    double wall = watch.Elapsed.TotalMilliseconds;
                    best = Math.Min(best, wall);
                    bestCpu = Math.Min(bestCpu, (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds);
                }

                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-32} {best,8:F1} {bestCpu,8:F1} {best - previous,12:F1} {allocated / 1e6,14:F1}"));
                previous = name.StartsWith('8') ? previous : best;
            }
        }

        private long WriteJson(bool workerThread)
        {
            var inspector = new ConnectionInspector(new InspectionOptions { Resolver = ServerIdentityPresets.HintAware, Policy = SeedPolicy, UseWorkerThread = workerThread });
            using var json = new JsonLinesWriter(Stream.Null);
            System.Text.Json.JsonEncodedText file = JsonLinesWriter.Encode("workload.pcap");
            System.Text.Json.JsonEncodedText preset = JsonLinesWriter.Encode("hint-aware");
            InspectionSummary summary = inspector.Inspect(new MemoryStream(_capture, writable: false), (in InspectedConnection c) => json.WriteConnection(file, preset, in c));
            Check(summary.Capture.Error, summary.Connections);
            return summary.WithVisibleCertificate;
        }

        private void Check(CaptureError error, long connections)
        {
            if (error != CaptureError.None || (_expected >= 0 && connections != _expected))
            {
                throw new InvalidOperationException($"unexpected: {error}, {connections} connections");
            }
        }

        /// <summary>Stage 4 alone: pooled observers fed both directions, nothing read from them but the visibility.</summary>
        private sealed class ObservingConsumer : IFlowConsumer
        {
            private readonly Stack<TlsConnectionObserver> _pool = new();
            public long Ended;
            public long Visible;

            public void OnFlowStarted(TcpFlow flow)
            {
            }

            public void OnTlsStarted(TcpFlow flow) => flow.UserState = _pool.Count > 0 ? _pool.Pop() : new TlsConnectionObserver();

            public void OnTlsData(TcpFlow flow, FlowDirection direction, ReadOnlySpan<byte> data) =>
                ((TlsConnectionObserver)flow.UserState!).Feed((TlsDirection)direction, data);

            public void OnGap(TcpFlow flow, FlowDirection direction)
            {
            }

            public void OnFlowEnded(TcpFlow flow)
            {
                if (flow.UserState is TlsConnectionObserver observer)
                {
                    Ended++;
                    if (observer.ServerCertificateVisibility == TlsCertificateVisibility.Visible)
                    {
                        Visible++;
                    }

                    observer.Reset();
                    _pool.Push(observer);
                    flow.UserState = null;
                }
            }

            public void OnDnsAnswer(DnsAnswer answer)
            {
            }
        }
    }
}
