using System;
using System.IO;
using BenchmarkDotNet.Attributes;
using Tsid.Capture;

namespace Tsid.Benchmarks
{
    /// <summary>
    /// The capture layer on a generated pcap of 20,000 TLS-shaped connections (~90 MB, see <see cref="CaptureWorkload"/>):
    /// copying the file (the floor), reading packet records, reading + decoding to TCP, and the whole
    /// <see cref="CaptureInspector"/> (reassembly, TLS start detection, delivery of every TLS byte to a consumer).
    /// </summary>
    [MemoryDiagnoser]
    public class CaptureBenchmarks
    {
        public const int Connections = 20_000;

        private byte[] _capture = Array.Empty<byte>();
        private readonly byte[] _copyBuffer = new byte[1 << 17];

        [GlobalSetup]
        public void Setup() => _capture = CaptureWorkload.Build(Connections);

        /// <summary>Bytes of the generated capture (for MB/s).</summary>
        public long CaptureLength => _capture.Length;

        [Benchmark(Baseline = true, Description = "copy file (floor)")]
        public long CopyFile()
        {
            using var stream = new MemoryStream(_capture, writable: false);
            long total = 0;
            int n;
            while ((n = stream.Read(_copyBuffer, 0, _copyBuffer.Length)) > 0)
            {
                total += n;
            }

            return total;
        }

        [Benchmark(Description = "read records")]
        public long ReadRecords() => ReadRecords(_capture);

        [Benchmark(Description = "read + decode")]
        public long ReadAndDecode() => ReadAndDecode(_capture);

        /// <summary>Reads every packet record (shared with <see cref="InspectBenchmarks"/>).</summary>
        internal static long ReadRecords(byte[] capture)
        {
            using CaptureReader reader = CaptureReader.Open(new MemoryStream(capture, writable: false));
            long total = 0;
            while (reader.TryReadPacket(out CapturedPacket packet))
            {
                total += packet.Data.Length;
            }

            return total;
        }

        /// <summary>Reads and decodes every packet down to TCP/UDP (shared with <see cref="InspectBenchmarks"/>).</summary>
        internal static long ReadAndDecode(byte[] capture)
        {
            using CaptureReader reader = CaptureReader.Open(new MemoryStream(capture, writable: false));
            long total = 0;
            while (reader.TryReadPacket(out CapturedPacket packet))
            {
                if (PacketDecoder.Decode(packet.LinkType, packet.Data, out DecodedPacket decoded) == PacketDecodeStatus.Transport)
                {
                    total += decoded.Payload.Length;
                }
            }

            return total;
        }

        [Benchmark(Description = "inspect (reassemble + TLS start)")]
        public long Inspect()
        {
            var consumer = new CountingConsumer();
            CaptureInspectionResult result = CaptureInspector.Inspect(new MemoryStream(_capture, writable: false), consumer);
            if (result.Error != CaptureError.None || consumer.TlsFlows != Connections)
            {
                throw new InvalidOperationException($"unexpected: {result.Error}, {consumer.TlsFlows} TLS flows");
            }

            return consumer.Bytes;
        }

        /// <summary>Counts what a TLS observer would be fed (shared with <see cref="InspectBenchmarks"/>).</summary>
        internal sealed class CountingConsumer : IFlowConsumer
        {
            public long Bytes;
            public int TlsFlows;
            public long Ended;

            public void OnFlowStarted(TcpFlow flow)
            {
            }

            public void OnTlsStarted(TcpFlow flow) => TlsFlows++;

            public void OnTlsData(TcpFlow flow, FlowDirection direction, ReadOnlySpan<byte> data) => Bytes += data.Length;

            public void OnGap(TcpFlow flow, FlowDirection direction)
            {
            }

            public void OnFlowEnded(TcpFlow flow) => Ended++;

            public void OnDnsAnswer(DnsAnswer answer)
            {
            }
        }
    }
}
