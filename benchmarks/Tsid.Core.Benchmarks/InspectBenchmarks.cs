using System;
using System.Collections.Generic;
using System.IO;
using BenchmarkDotNet.Attributes;
using Tsid.Capture;
using Tsid.Cli.Inspection;
using Tsid.Cli.Output;
using Tsid.Identity;
using Tsid.Policy;
using Tsid.Tls;

namespace Tsid.Benchmarks
{
    /// <summary>
    /// Whole inspection of a capture of 20,000 real TLS handshakes (<see cref="InspectWorkload"/>), on one core:
    /// the capture layer alone (the floor), the library pipeline a firewall would run per connection (reassembly →
    /// TLS observer → identity → policy), and what <c>tsid inspect --format json</c> does (the same plus a report and a
    /// JSON line per connection, written to a null stream).
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

        [GlobalSetup]
        public void Setup() => _capture = InspectWorkload.Build(Connections);

        [Benchmark(Baseline = true, Description = "capture only (reassemble + TLS start)")]
        public long CaptureOnly()
        {
            var consumer = new CountingConsumer();
            Check(CaptureInspector.Inspect(new MemoryStream(_capture, writable: false), consumer), consumer.Ended);
            return consumer.Bytes;
        }

        [Benchmark(Description = "library pipeline (TLS + identity + policy)")]
        public long LibraryPipeline()
        {
            var consumer = new PipelineConsumer(ServerIdentityPresets.HintAware, SeedPolicy);
            Check(CaptureInspector.Inspect(new MemoryStream(_capture, writable: false), consumer), consumer.Decided);
            return consumer.Allowed;
        }

        [Benchmark(Description = "tsid inspect --format json")]
        public long ToolJson()
        {
            var summary = new InspectionSummary();
            using var json = new JsonReportWriter(Stream.Null);
            var consumer = new InspectionConsumer(new InspectionSettings { Resolver = ServerIdentityPresets.HintAware, PresetName = "hint-aware", Policy = SeedPolicy }, summary, json.Write);
            Check(CaptureInspector.Inspect(new MemoryStream(_capture, writable: false), consumer), summary.TlsConnections);
            return summary.CertificatesVisible;
        }

        /// <summary>The capture's size, for MB/s.</summary>
        public long CaptureLength => _capture.Length;

        private static void Check(CaptureInspectionResult result, long connections)
        {
            if (result.Error != CaptureError.None || connections != Connections)
            {
                throw new InvalidOperationException($"unexpected: {result.Error}, {connections} connections");
            }
        }

        private sealed class CountingConsumer : IFlowConsumer
        {
            public long Bytes;
            public long Ended;

            public void OnFlowStarted(TcpFlow flow)
            {
            }

            public void OnTlsStarted(TcpFlow flow)
            {
            }

            public void OnTlsData(TcpFlow flow, FlowDirection direction, ReadOnlySpan<byte> data) => Bytes += data.Length;

            public void OnGap(TcpFlow flow, FlowDirection direction)
            {
            }

            public void OnFlowEnded(TcpFlow flow) => Ended++;

            public void OnDnsAnswer(DnsAnswer answer)
            {
            }
        }

        /// <summary>What an embedding firewall does per connection: observers reused from a pool, names into one buffer.</summary>
        private sealed class PipelineConsumer : IFlowConsumer
        {
            private readonly ServerIdentityResolver _resolver;
            private readonly AccessPolicy _policy;
            private readonly Stack<TlsConnectionObserver> _pool = new();
            private readonly char[] _name = new char[ServerIdentityResolver.NameBufferLength];
            private readonly Dictionary<PacketAddress, string[]> _dns = new();
            public long Decided;
            public long Allowed;

            public PipelineConsumer(ServerIdentityResolver resolver, AccessPolicy policy)
            {
                _resolver = resolver;
                _policy = policy;
            }

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
                if (flow.UserState is not TlsConnectionObserver observer)
                {
                    return;
                }

                string[] hints = _dns.TryGetValue(flow.Server.Address, out string[]? names) ? names : Array.Empty<string>();
                ServerIdentityEvidence evidence = ServerIdentityEvidence.FromHandshake(observer) with { DnsNames = hints };
                ServerIdentity identity = _resolver.Resolve(evidence, _name);
                ConnectionFacts facts = ConnectionFacts.From(observer, in identity, in evidence) with { DestinationPort = flow.Server.Port };
                if (_policy.Evaluate(in facts).Action == PolicyAction.Allow)
                {
                    Allowed++;
                }

                Decided++;
                observer.Reset();
                _pool.Push(observer);
                flow.UserState = null;
            }

            public void OnDnsAnswer(DnsAnswer answer) => _dns[answer.Address] = new[] { answer.QueryName };
        }
    }
}
