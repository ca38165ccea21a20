using System;
using System.Buffers.Binary;
using System.IO;
using System.Linq;
using System.Net;
using Tsid.Capture.Tests.Support;
using Xunit;

namespace Tsid.Capture.Tests
{
    public class CaptureInspectorTests
    {
        [Fact]
        public void Unsupported_link_type_is_reported_with_the_offset_of_its_first_frame()
        {
            byte[] capture = Samples.Capture(w => w.WriteTcpConnection(Samples.Client, Samples.Server, new byte[] { 0x16, 3, 1, 0, 0 }, new byte[1]));
            BinaryPrimitives.WriteUInt32LittleEndian(capture.AsSpan(20), 105); // LINKTYPE_IEEE802_11

            RecordingConsumer consumer = Samples.Inspect(capture, out CaptureInspectionResult result);

            Assert.Equal(CaptureError.UnsupportedLinkType, result.Error);
            Assert.Equal(24, result.ErrorOffset);
            Assert.Equal((LinkType)105, result.UnsupportedLinkType);
            Assert.Equal(8, result.Statistics.UnsupportedLinkTypeFrames); // 3 handshake, 2 data, 3 closing
            Assert.Empty(consumer.Flows);
        }

        [Fact]
        public void Twenty_connections_are_reported_in_order_with_statistics()
        {
            byte[] capture = Samples.Capture(w =>
            {
                for (int i = 0; i < 20; i++)
                {
                    var client = new IPEndPoint(Samples.Client.Address, 40000 + i);
                    w.WriteTcpConnection(client, Samples.Server, Samples.TlsRecords(i, 512), Samples.TlsRecords(i + 100, 90, 3000, 4));
                }
            });

            RecordingConsumer consumer = Samples.Inspect(capture, out CaptureInspectionResult result);

            Assert.Equal(CaptureError.None, result.Error);
            Assert.Equal(CaptureFormat.Pcap, result.Format);
            Assert.Equal(20, result.Statistics.Flows);
            Assert.Equal(20, result.Statistics.TlsFlows);
            Assert.Equal(0, result.Statistics.IncompleteFlows);
            Assert.Equal(capture.Length - 24 - (16 * result.Statistics.Packets), result.Statistics.CapturedBytes);
            Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), consumer.Flows.Select(f => f.Flow.Id));
            for (int i = 0; i < 20; i++)
            {
                Assert.Equal(Samples.TlsRecords(i, 512), consumer.Flows[i].Client.ToArray());
                Assert.Equal(40000 + i, consumer.Flows[i].Flow.Client.Port);
            }

            // Each flow ends (FIN) before the next starts.
            Assert.Equal("start 1", consumer.Events[0]);
            Assert.StartsWith("tls 1 Direct 0 0", consumer.Events[1], StringComparison.Ordinal);
            Assert.Equal("end 1 Fin", consumer.Events[2]);
        }

        [Fact]
        public void Pcap_writer_checksums_verify()
        {
            byte[] capture = Samples.Capture(w =>
            {
                w.WriteTcpConnection(Samples.Client, Samples.Server, Samples.TlsRecords(1, 333), Samples.TlsRecords(2, 77));
                w.WriteTcpConnection(Samples.Client6, Samples.Server6, Samples.TlsRecords(1, 333), Samples.TlsRecords(2, 77));
                w.WriteDnsResponse(new IPEndPoint(IPAddress.Parse("192.0.2.53"), 53), Samples.Client, "a.example", new[] { IPAddress.Loopback });
            }, PcapWriterOptions.Default with { LinkType = LinkType.Raw });

            foreach (byte[] frame in PcapNgBuilder.FramesOf(capture))
            {
                bool v6 = frame[0] >> 4 == 6;
                int header = v6 ? 40 : 20;
                if (!v6)
                {
                    Assert.Equal(0xFFFFu, OnesComplementSum(frame.AsSpan(0, 20), 0));
                }

                // Pseudo-header + transport: sums to 0xFFFF when the checksum is right.
                ReadOnlySpan<byte> source = v6 ? frame.AsSpan(8, 16) : frame.AsSpan(12, 4);
                ReadOnlySpan<byte> destination = v6 ? frame.AsSpan(24, 16) : frame.AsSpan(16, 4);
                byte protocol = v6 ? frame[6] : frame[9];
                ReadOnlySpan<byte> transport = frame.AsSpan(header);
                uint sum = OnesComplementSum(source, 0) + OnesComplementSum(destination, 0) + protocol + (uint)transport.Length;
                Assert.Equal(0xFFFFu, OnesComplementSum(transport, sum));
            }
        }

        private static uint OnesComplementSum(ReadOnlySpan<byte> data, uint sum)
        {
            for (int i = 0; i < data.Length; i += 2)
            {
                sum += (uint)(data[i] << 8) + (i + 1 < data.Length ? data[i + 1] : 0u);
            }

            while (sum >> 16 != 0)
            {
                sum = (sum & 0xFFFF) + (sum >> 16);
            }

            return sum;
        }

        [Fact]
        public void Inspect_leaves_the_callers_stream_open()
        {
            byte[] capture = Samples.Capture(w => w.WriteTcpConnection(Samples.Client, Samples.Server, new byte[] { 0x16, 3, 1, 0, 0 }, new byte[1]));
            using var stream = new MemoryStream(capture);
            CaptureInspector.Inspect(stream, new RecordingConsumer());
            Assert.True(stream.CanRead);
        }

        [Fact]
        public void Driving_the_loop_yourself_gives_the_same_result_as_inspect()
        {
            byte[] capture = Samples.Capture(w =>
            {
                w.WriteTcpConnection(Samples.Client, Samples.Server, Samples.TlsRecords(1, 700), Samples.TlsRecords(2, 3000));
                w.WriteTcpConnection(Samples.Client6, Samples.Server6, Samples.TlsRecords(3, 700), Samples.TlsRecords(4, 3000));
            });
            byte[] cut = capture.AsSpan(0, capture.Length - 150).ToArray(); // inside the server's FIN

            using var file = new MemoryStream(cut);
            using CaptureReader reader = CaptureReader.Open(file, leaveOpen: true);
            var consumer = new RecordingConsumer();
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
