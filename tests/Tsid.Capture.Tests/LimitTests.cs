using System;
using System.Buffers.Binary;
using System.IO;
using System.Net;
using Xunit;
using Xunit.Abstractions;

namespace Tsid.Capture.Tests
{
    /// <summary>Hostile capture files against the documented limits (docs/security.md, issue 12).</summary>
    public class LimitTests
    {
        private readonly ITestOutputHelper _output;

        public LimitTests(ITestOutputHelper output) => _output = output;

        [Theory]
        [InlineData(0xFFFF_FFFFu)]
        [InlineData(0x8000_0000u)]
        [InlineData((uint)CaptureReader.MaxPacketLength + 1)]
        public void A_pcap_record_announcing_4_GiB_is_refused_without_buffering_it(uint announced)
        {
            // pcap file header (little endian, microseconds, Ethernet) then one record header that claims `announced` bytes.
            var capture = new byte[24 + 16 + 64];
            BinaryPrimitives.WriteUInt32LittleEndian(capture, 0xA1B2C3D4);
            BinaryPrimitives.WriteUInt16LittleEndian(capture.AsSpan(4), 2);
            BinaryPrimitives.WriteUInt16LittleEndian(capture.AsSpan(6), 4);
            BinaryPrimitives.WriteUInt32LittleEndian(capture.AsSpan(16), 65535);
            BinaryPrimitives.WriteUInt32LittleEndian(capture.AsSpan(20), 1);
            BinaryPrimitives.WriteUInt32LittleEndian(capture.AsSpan(24 + 8), announced);
            BinaryPrimitives.WriteUInt32LittleEndian(capture.AsSpan(24 + 12), announced);

            using (CaptureReader warm = CaptureReader.Open(capture))
            {
                warm.TryReadPacket(out _);
            }

            long before = GC.GetAllocatedBytesForCurrentThread();
            using CaptureReader reader = CaptureReader.Open(new MemoryStream(capture));
            bool read = reader.TryReadPacket(out _);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            Assert.False(read);
            Assert.Equal(CaptureError.InvalidRecordLength, reader.Error);
            Assert.Equal(24, reader.ErrorOffset);
            // The reader's pooled buffer is rented, not allocated; what is left is the stream and the reader.
            Assert.True(allocated < 16 * 1024, $"{allocated} bytes allocated");
        }

        [Fact]
        public void A_pcapng_block_announcing_4_GiB_is_refused_or_skipped_without_buffering_it()
        {
            var capture = new byte[28 + 12 + 64];
            // Section Header Block (28 bytes), then an Enhanced Packet Block whose length field says 0xFFFFFFFC.
            BinaryPrimitives.WriteUInt32LittleEndian(capture, 0x0A0D0D0A);
            BinaryPrimitives.WriteUInt32LittleEndian(capture.AsSpan(4), 28);
            BinaryPrimitives.WriteUInt32LittleEndian(capture.AsSpan(8), 0x1A2B3C4D);
            BinaryPrimitives.WriteUInt16LittleEndian(capture.AsSpan(12), 1);
            BinaryPrimitives.WriteInt64LittleEndian(capture.AsSpan(16), -1);
            BinaryPrimitives.WriteUInt32LittleEndian(capture.AsSpan(24), 28);
            BinaryPrimitives.WriteUInt32LittleEndian(capture.AsSpan(28), 6);
            BinaryPrimitives.WriteUInt32LittleEndian(capture.AsSpan(32), 0xFFFF_FFFC);

            long before = GC.GetAllocatedBytesForCurrentThread();
            using CaptureReader reader = CaptureReader.Open(new MemoryStream(capture));
            bool read = reader.TryReadPacket(out _);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;

            Assert.False(read);
            Assert.NotEqual(CaptureError.None, reader.Error);
            Assert.True(allocated < 16 * 1024, $"{allocated} bytes allocated");
        }

        /// <summary>
        /// A million SYNs from a million client ports and addresses, none completed: the flow table stays at
        /// <see cref="TcpReassemblerOptions.MaxFlows"/>, the oldest are ended as <see cref="TcpFlowEndReason.Capacity"/> (and
        /// handed to the handler, so a sensor reports them), every flow is counted, and the retained memory stays within the
        /// per-flow bound docs/security.md gives.
        /// </summary>
        [Fact]
        public void A_million_half_open_flows_stay_within_the_flow_table_bound()
        {
            const int Flows = 1_000_000;
            const int MaxFlows = 65_536;
            const long BytesPerFlowBound = 1024; // docs/security.md: "under 1 KiB per tracked flow"
            var handler = new CountingHandler();
            var reassembler = new TcpReassembler(handler, new TcpReassemblerOptions { MaxFlows = MaxFlows });
            var server = new FlowEndpoint(PacketAddress.FromIPAddress(IPAddress.Parse("192.0.2.1")), 443);
            Span<byte> address = stackalloc byte[4];
            long baseline = GC.GetTotalMemory(forceFullCollection: true);
            int peak = 0;
            for (int i = 0; i < Flows; i++)
            {
                address[0] = 10;
                address[1] = (byte)(i >> 24);
                address[2] = (byte)(i >> 16);
                address[3] = (byte)(i >> 8);
                var client = new FlowEndpoint(PacketAddress.FromBytes(address), (ushort)(1024 + (i & 0xFF)));
                reassembler.ProcessSegment(client, server, (uint)i, 0, TcpFlags.Syn, default, 1_000_000L * i);
                peak = Math.Max(peak, reassembler.TrackedFlowCount);
            }

            long retained = GC.GetTotalMemory(forceFullCollection: true) - baseline;
            _output.WriteLine($"{Flows} half-open flows: peak tracked {peak}, ended for capacity {handler.Capacity}, retained {retained} bytes ({retained / MaxFlows} per tracked flow)");

            Assert.Equal(MaxFlows, peak);
            Assert.Equal(Flows, reassembler.FlowCount);
            Assert.Equal(Flows, handler.Started);
            Assert.Equal(Flows - MaxFlows, handler.Capacity);
            Assert.True(retained < MaxFlows * BytesPerFlowBound, $"{retained} bytes retained for {MaxFlows} tracked flows");
            GC.KeepAlive(reassembler);

            reassembler.Flush();
            Assert.Equal(Flows, handler.Ended);
        }

        private sealed class CountingHandler : ITcpStreamHandler
        {
            public int Started;
            public int Ended;
            public int Capacity;

            public void OnFlowStarted(TcpFlow flow) => Started++;

            public void OnData(TcpFlow flow, FlowDirection direction, ReadOnlySpan<byte> data)
            {
            }

            public void OnGap(TcpFlow flow, FlowDirection direction)
            {
            }

            public void OnFlowEnded(TcpFlow flow)
            {
                Ended++;
                if (flow.EndReason == TcpFlowEndReason.Capacity)
                {
                    Capacity++;
                }
            }
        }
    }
}
