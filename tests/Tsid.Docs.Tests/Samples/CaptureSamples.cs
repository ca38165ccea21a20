#region QuickStart
using System;
using System.IO;
using System.Net;
using Tsid.Capture;
#endregion

namespace Tsid.Docs.Tests.Samples
{
    /// <summary>The code of docs/capture.md that uses Tsid.Capture alone, called by <see cref="CaptureSampleTests"/>.</summary>
    internal static class CaptureSamples
    {
        /// <summary>The quick start: writes a capture in memory, inspects it, prints.</summary>
        public static void QuickStart()
        {
            #region QuickStart
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

            // 2. Inspect it (File.OpenRead("trace.pcapng.gz") works the same way).
            file.Position = 0;
            CaptureInspectionResult result = CaptureInspector.Inspect(file, new PrintingConsumer());
            Console.WriteLine($"{result.Statistics.Flows} flow(s), {result.Statistics.TlsFlows} TLS, error: {result.Error}");
            #endregion
        }

        /// <summary>"Pull API, one layer at a time": reads trace.pcap.gz from the current directory and prints.</summary>
        public static void PullApi()
        {
            #region PullApi
            using CaptureReader reader = CaptureReader.Open(File.OpenRead("trace.pcap.gz"));
            while (reader.TryReadPacket(out CapturedPacket packet))
            {
                if (PacketDecoder.Decode(packet.LinkType, packet.Data, out DecodedPacket ip) == PacketDecodeStatus.Transport && ip.IsTcp)
                {
                    Console.WriteLine($"#{packet.FrameNumber} {ip.Source}:{ip.SourcePort} -> {ip.Destination}:{ip.DestinationPort} {ip.Flags} {ip.Payload.Length} B");
                }
            }

            if (reader.Error != CaptureError.None)
            {
                Console.Error.WriteLine($"trace.pcap.gz: {reader.Error} at byte {reader.ErrorOffset}");
            }
            #endregion
        }

        /// <summary>"Driving the loop yourself": reads big.pcapng.gz from the current directory, prints through the quick start's consumer.</summary>
        public static CaptureInspectionResult DrivingTheLoop()
        {
            #region DrivingTheLoop
            using FileStream file = File.OpenRead("big.pcapng.gz");
            using CaptureReader reader = CaptureReader.Open(file, leaveOpen: true);
            var inspector = new CaptureInspector(new PrintingConsumer());
            while (reader.TryReadPacket(out CapturedPacket packet))
            {
                inspector.ProcessPacket(packet);
                // file.Position / file.Length is the progress in the compressed file; reader.Position counts decompressed bytes.
            }

            CaptureInspectionResult result = inspector.Finish(reader); // ends open flows, combines the reader's error
            #endregion

            return result;
        }
    }

    #region QuickStart
    sealed class PrintingConsumer : IFlowConsumer
    {
        public void OnFlowStarted(TcpFlow flow) => Console.WriteLine($"flow {flow.Id}: {flow}");

        public void OnTlsStarted(TcpFlow flow) =>
            Console.WriteLine($"  TLS ({flow.TlsProtocol}) from client offset {flow.ClientTlsOffset}, server offset {flow.ServerTlsOffset}");

        public void OnTlsData(TcpFlow flow, FlowDirection direction, ReadOnlySpan<byte> data) =>
            Console.WriteLine($"  {direction}: {data.Length} bytes, record type {data[0]}");

        public void OnGap(TcpFlow flow, FlowDirection direction) =>
            Console.WriteLine($"  gap {direction} at {flow.GetStream(direction).GapOffset}");

        public void OnFlowEnded(TcpFlow flow) => Console.WriteLine($"  ended: {flow.EndReason}");

        public void OnDnsAnswer(DnsAnswer answer) => Console.WriteLine($"dns: {answer}");
    }
    #endregion
}
