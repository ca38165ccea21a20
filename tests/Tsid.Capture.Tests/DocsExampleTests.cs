using System;
using System.IO;
using System.Net;
using Xunit;

namespace Tsid.Capture.Tests
{
    /// <summary>The quick-start example of docs/capture.md, kept compiling and checked here.</summary>
    public class DocsExampleTests
    {
        private sealed class PrintingConsumer : IFlowConsumer
        {
            private readonly TextWriter _out;

            public PrintingConsumer(TextWriter output) => _out = output;

            public void OnFlowStarted(TcpFlow flow) => _out.WriteLine($"flow {flow.Id}: {flow}");

            public void OnTlsStarted(TcpFlow flow) =>
                _out.WriteLine($"  TLS ({flow.TlsProtocol}) from client offset {flow.ClientTlsOffset}, server offset {flow.ServerTlsOffset}");

            public void OnTlsData(TcpFlow flow, FlowDirection direction, ReadOnlySpan<byte> data) =>
                _out.WriteLine($"  {direction}: {data.Length} bytes, record type {data[0]}");

            public void OnGap(TcpFlow flow, FlowDirection direction) =>
                _out.WriteLine($"  gap {direction} at {flow.GetStream(direction).GapOffset}");

            public void OnFlowEnded(TcpFlow flow) => _out.WriteLine($"  ended: {flow.EndReason}");

            public void OnDnsAnswer(DnsAnswer answer) => _out.WriteLine($"dns: {answer}");
        }

        [Fact]
        public void Quick_start_prints_what_the_docs_show()
        {
            using var file = new MemoryStream();

            // 1. Write a capture: a DNS answer, then a TLS connection to the answered address.
            using (var writer = new PcapWriter(file, PcapWriterOptions.Default with { LeaveOpen = true }))
            {
                var resolver = new IPEndPoint(IPAddress.Parse("192.0.2.53"), 53);
                var client = new IPEndPoint(IPAddress.Parse("192.0.2.10"), 50123);
                var server = new IPEndPoint(IPAddress.Parse("198.51.100.20"), 443);
                writer.WriteDnsResponse(resolver, new IPEndPoint(client.Address, 40000), "tools.cisco.com", new[] { server.Address });
                byte[] clientHello = { 0x16, 0x03, 0x01, 0x00, 0x04, 0x01, 0x00, 0x00, 0x00 };
                byte[] serverHello = { 0x16, 0x03, 0x03, 0x00, 0x04, 0x02, 0x00, 0x00, 0x00 };
                writer.WriteTcpConnection(client, server, clientHello, serverHello);
            }

            // 2. Inspect it.
            file.Position = 0;
            var output = new StringWriter { NewLine = "\n" };
            CaptureInspectionResult result = CaptureInspector.Inspect(file, new PrintingConsumer(output));
            output.WriteLine($"{result.Statistics.Flows} flow(s), {result.Statistics.TlsFlows} TLS, error: {result.Error}");

            Assert.Equal(
                "dns: 198.51.100.20 -> tools.cisco.com\n" +
                "flow 1: 192.0.2.10:50123 -> 198.51.100.20:443\n" +
                "  TLS (Direct) from client offset 0, server offset 0\n" +
                "  ClientToServer: 9 bytes, record type 22\n" +
                "  ServerToClient: 9 bytes, record type 22\n" +
                "  ended: Fin\n" +
                "1 flow(s), 1 TLS, error: None\n",
                output.ToString());
        }

        [Fact]
        public void Driving_the_loop_yourself_gives_the_same_result_as_inspect()
        {
            byte[] capture = Support.Samples.Capture(w =>
            {
                w.WriteTcpConnection(Support.Samples.Client, Support.Samples.Server, Support.Samples.TlsRecords(1, 700), Support.Samples.TlsRecords(2, 3000));
                w.WriteTcpConnection(Support.Samples.Client6, Support.Samples.Server6, Support.Samples.TlsRecords(3, 700), Support.Samples.TlsRecords(4, 3000));
            });
            byte[] cut = capture.AsSpan(0, capture.Length - 150).ToArray(); // inside the server's FIN

            using var file = new MemoryStream(cut);
            using CaptureReader reader = CaptureReader.Open(file, leaveOpen: true);
            var consumer = new Support.RecordingConsumer();
            var inspector = new CaptureInspector(consumer);
            var progress = new System.Collections.Generic.List<long>();
            while (reader.TryReadPacket(out CapturedPacket packet))
            {
                inspector.ProcessPacket(packet);
                progress.Add(reader.Position);
            }

            CaptureInspectionResult result = inspector.Finish(reader);

            Assert.Equal(CaptureError.TruncatedRecord, result.Error);
            Assert.Equal(2, result.Statistics.TlsFlows);
            Assert.All(consumer.Flows, f => Assert.True(f.Ended));
            Assert.Equal(TcpFlowEndReason.EndOfCapture, consumer.Flows[1].Flow.EndReason);
            Assert.True(progress.Count > 10 && progress[^1] < cut.Length);
        }
    }
}
