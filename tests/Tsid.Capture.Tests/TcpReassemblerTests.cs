using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using FsCheck;
using FsCheck.Fluent;
using Tsid.Capture.Tests.Support;
using Xunit;

namespace Tsid.Capture.Tests
{
    public class TcpReassemblerTests
    {
        private static readonly FlowEndpoint C = new(PacketAddress.FromIPAddress(IPAddress.Parse("10.0.0.1")), 40000);
        private static readonly FlowEndpoint S = new(PacketAddress.FromIPAddress(IPAddress.Parse("10.0.0.2")), 443);
        private const uint Isn = 1000;
        private const uint ServerIsn = 9000;
        private long _time = 1_000_000_000;

        private void Handshake(TcpReassembler r, uint isn = Isn)
        {
            r.ProcessSegment(C, S, isn, 0, TcpFlags.Syn, default, _time++);
            r.ProcessSegment(S, C, ServerIsn, isn + 1, TcpFlags.Syn | TcpFlags.Ack, default, _time++);
            r.ProcessSegment(C, S, isn + 1, ServerIsn + 1, TcpFlags.Ack, default, _time++);
        }

        /// <summary>Client data at a stream offset; no ACK flag so the peer's acknowledgment logic stays out of the way.</summary>
        private void Data(TcpReassembler r, byte[] stream, int offset, int length, uint isn = Isn, TcpFlags flags = TcpFlags.Psh) =>
            r.ProcessSegment(C, S, isn + 1 + (uint)offset, 0, flags, stream.AsSpan(offset, length), _time++);

        private void Fin(TcpReassembler r, int clientLength, int serverLength = 0)
        {
            r.ProcessSegment(C, S, Isn + 1 + (uint)clientLength, ServerIsn + 1 + (uint)serverLength, TcpFlags.Fin | TcpFlags.Ack, default, _time++);
            r.ProcessSegment(S, C, ServerIsn + 1 + (uint)serverLength, Isn + 2 + (uint)clientLength, TcpFlags.Fin | TcpFlags.Ack, default, _time++);
        }

        [Fact]
        public void In_order_segments_are_delivered_and_fin_from_both_sides_ends_the_flow()
        {
            var h = new RecordingStreamHandler();
            var r = new TcpReassembler(h);
            byte[] data = Samples.Pattern(3000, 1);
            Handshake(r);
            Data(r, data, 0, 1000);
            Data(r, data, 1000, 2000);
            Fin(r, 3000);

            Assert.Equal(data, h.ClientBytes());
            TcpFlow flow = Assert.Single(h.Ended);
            Assert.Equal(TcpFlowEndReason.Fin, flow.EndReason);
            Assert.False(flow.IsIncomplete);
            Assert.True(flow.ClientStream.FinSeen && flow.ServerStream.FinSeen);
            Assert.Equal(3000, flow.ClientStream.Length);
            Assert.Empty(h.Gaps);
        }

        [Fact]
        public void Out_of_order_segments_are_buffered_and_delivered_in_order()
        {
            var h = new RecordingStreamHandler();
            var r = new TcpReassembler(h);
            byte[] data = Samples.Pattern(3000, 2);
            Handshake(r);
            Data(r, data, 2000, 1000);
            Data(r, data, 1000, 1000);
            Assert.Empty(h.ClientBytes());
            Assert.Equal(2000, r.BufferedBytes);
            Data(r, data, 0, 1000);

            Assert.Equal(data, h.ClientBytes());
            Assert.Equal(0, r.BufferedBytes);
            Assert.Equal(2000, r.PeakBufferedBytes);
            Assert.Equal(2, h.Flows[0].ClientStream.OutOfOrderSegments);
        }

        [Fact]
        public void Retransmissions_and_overlaps_deliver_each_byte_once_and_the_first_copy_wins()
        {
            var h = new RecordingStreamHandler();
            var r = new TcpReassembler(h);
            byte[] data = Samples.Pattern(100, 3);
            byte[] altered = data.Select(b => (byte)~b).ToArray();
            Handshake(r);
            Data(r, data, 0, 40);
            Data(r, data, 0, 40);        // exact retransmission
            Data(r, altered, 20, 40);    // overlap: 20..40 already delivered (kept), 40..60 new
            Data(r, data, 60, 40);

            byte[] expected = data.ToArray();
            Array.Copy(altered, 40, expected, 40, 20);
            Assert.Equal(expected, h.ClientBytes());
            Assert.Equal(2, h.Flows[0].ClientStream.RetransmittedSegments);
        }

        [Fact]
        public void A_segment_exactly_two_to_the_31_behind_is_old_data_not_an_exception()
        {
            // RFC 1982: a distance of exactly 2^31 is undefined; in 32 bits its negation overflowed and the slice threw.
            var h = new RecordingStreamHandler();
            var r = new TcpReassembler(h);
            byte[] data = Samples.Pattern(100, 7);
            Handshake(r);
            Data(r, data, 0, 40);
            r.ProcessSegment(C, S, Isn + 1 + 40 + 0x8000_0000u, 0, TcpFlags.Psh, data.AsSpan(40, 40), _time++);
            Data(r, data, 40, 60);

            Assert.Equal(data, h.ClientBytes());
            Assert.Equal(1, h.Flows[0].ClientStream.RetransmittedSegments);
        }

        [Fact]
        public void Lost_segment_acknowledged_by_the_peer_is_a_gap_and_nothing_after_it_is_delivered()
        {
            var h = new RecordingStreamHandler();
            var r = new TcpReassembler(h);
            byte[] data = Samples.Pattern(3000, 4);
            Handshake(r);
            Data(r, data, 0, 1000);
            Data(r, data, 2000, 1000); // 1000..2000 lost
            Assert.Empty(h.Gaps);

            // The server acknowledges everything: the capture lost bytes the server got.
            r.ProcessSegment(S, C, ServerIsn + 1, Isn + 1 + 3000, TcpFlags.Ack, default, _time++);

            var gap = Assert.Single(h.Gaps);
            Assert.Equal(FlowDirection.ClientToServer, gap.Direction);
            TcpFlow flow = h.Flows[0];
            Assert.True(flow.IsIncomplete);
            Assert.Equal(1000, flow.ClientStream.GapOffset);
            Assert.Equal(0, r.BufferedBytes);
            Data(r, data, 1000, 1000); // too late: the direction stopped at the gap
            Assert.Equal(data.AsSpan(0, 1000).ToArray(), h.ClientBytes());
        }

        [Fact]
        public void Hole_still_open_when_the_flow_ends_is_a_gap()
        {
            var h = new RecordingStreamHandler();
            var r = new TcpReassembler(h);
            byte[] data = Samples.Pattern(3000, 5);
            Handshake(r);
            Data(r, data, 0, 1000);
            Data(r, data, 2000, 1000);
            r.Flush();

            Assert.Single(h.Gaps);
            Assert.Equal(TcpFlowEndReason.EndOfCapture, h.Ended[0].EndReason);
            Assert.Equal(1000, h.Ended[0].ClientStream.GapOffset);
        }

        [Fact]
        public void Reset_ends_the_flow_at_once()
        {
            var h = new RecordingStreamHandler();
            var r = new TcpReassembler(h);
            byte[] data = Samples.Pattern(100, 6);
            Handshake(r);
            Data(r, data, 0, 100);
            r.ProcessSegment(S, C, ServerIsn + 1, Isn + 101, TcpFlags.Rst | TcpFlags.Ack, default, _time++);

            Assert.Equal(TcpFlowEndReason.Reset, Assert.Single(h.Ended).EndReason);
            Assert.Equal(data, h.ClientBytes());
        }

        [Fact]
        public void Flows_without_a_captured_syn_are_oriented_by_the_first_packet_or_the_well_known_port()
        {
            var h = new RecordingStreamHandler();
            var r = new TcpReassembler(h);
            byte[] data = Samples.Pattern(10, 7);

            // First packet from the server's port 443 to a high port: the receiver is the client.
            r.ProcessSegment(S, C, 5, 0, TcpFlags.Ack | TcpFlags.Psh, data, _time++);
            TcpFlow flow = Assert.Single(h.Flows);
            Assert.Equal(C, flow.Client);
            Assert.False(flow.OrientedBySyn);
            Assert.Equal(data, h.ServerBytes());

            // Between two high ports, the first sender is the client.
            var a = new FlowEndpoint(C.Address, 50001);
            var b = new FlowEndpoint(S.Address, 8443);
            r.ProcessSegment(b, a, 77, 0, TcpFlags.Ack, data, _time++);
            Assert.Equal(b, h.Flows[1].Client);

            // A SYN-ACK whose SYN was lost: its sender is the server.
            var d = new FlowEndpoint(C.Address, 50002);
            r.ProcessSegment(S, d, 1, 100, TcpFlags.Syn | TcpFlags.Ack, default, _time++);
            Assert.Equal(d, h.Flows[2].Client);
            Assert.True(h.Flows[2].OrientedBySyn);
        }

        [Fact]
        public void Bare_acks_of_unknown_flows_create_no_flow_and_late_packets_after_the_end_are_ignored()
        {
            var h = new RecordingStreamHandler();
            var r = new TcpReassembler(h);
            r.ProcessSegment(C, S, 1, 1, TcpFlags.Ack, default, _time++);
            Assert.Empty(h.Flows);

            byte[] data = Samples.Pattern(50, 8);
            Handshake(r);
            Data(r, data, 0, 50);
            Fin(r, 50);
            r.ProcessSegment(C, S, Isn + 52, ServerIsn + 2, TcpFlags.Ack, default, _time++); // the last ACK
            Data(r, data, 0, 50, flags: TcpFlags.Ack | TcpFlags.Psh);                       // a late retransmission
            Assert.Single(h.Flows);
            Assert.Equal(1, r.TrackedFlowCount);

            // A new SYN on the same 5-tuple is a new connection.
            Handshake(r, 77777);
            Assert.Equal(2, h.Flows.Count);
        }

        [Fact]
        public void Ended_flows_are_remembered_for_the_linger_time_then_forgotten()
        {
            var h = new RecordingStreamHandler();
            var r = new TcpReassembler(h, new TcpReassemblerOptions { ClosedFlowLinger = TimeSpan.FromSeconds(1) });
            byte[] data = Samples.Pattern(50, 13);
            Handshake(r);
            Data(r, data, 0, 50);
            Fin(r, 50);
            Assert.Equal(1, r.TrackedFlowCount);

            _time += 500_000_000; // 0.5 s: a late retransmission is ignored
            Data(r, data, 0, 50);
            Assert.Single(h.Flows);

            _time += 3_000_000_000; // past two linger periods: the tombstone is gone
            r.ProcessSegment(new FlowEndpoint(C.Address, 1), S, 1, 0, TcpFlags.Syn, default, _time++);
            Assert.Equal(1, r.TrackedFlowCount);
            Data(r, data, 0, 50);
            Assert.Equal(3, h.Flows.Count);
            Assert.False(h.Flows[2].OrientedBySyn);
        }

        [Fact]
        public void A_new_syn_with_another_sequence_number_on_an_open_flow_ends_it_as_port_reused()
        {
            var h = new RecordingStreamHandler();
            var r = new TcpReassembler(h);
            Handshake(r);
            Handshake(r, 5555);
            Assert.Equal(2, h.Flows.Count);
            Assert.Equal(TcpFlowEndReason.PortReused, h.Ended[0].EndReason);
        }

        [Fact]
        public void Buffering_beyond_the_per_direction_limit_gives_up_the_missing_bytes_as_a_gap()
        {
            var h = new RecordingStreamHandler();
            var r = new TcpReassembler(h, new TcpReassemblerOptions { MaxBufferedBytesPerDirection = 1500 });
            byte[] data = Samples.Pattern(4000, 9);
            Handshake(r);
            Data(r, data, 1000, 1000);
            Assert.Empty(h.Gaps);
            Data(r, data, 2000, 1000);
            Assert.Single(h.Gaps);
            Assert.Equal(0, r.BufferedBytes);
        }

        [Fact]
        public void Total_buffer_limit_holds_over_all_flows()
        {
            var h = new RecordingStreamHandler();
            var r = new TcpReassembler(h, new TcpReassemblerOptions { MaxBufferedBytesTotal = 2500 });
            byte[] data = Samples.Pattern(2000, 10);
            for (int i = 0; i < 3; i++)
            {
                var client = new FlowEndpoint(C.Address, (ushort)(41000 + i));
                r.ProcessSegment(client, S, 100, 0, TcpFlags.Syn, default, _time++);
                r.ProcessSegment(client, S, 101 + 500, 0, TcpFlags.Psh, data.AsSpan(0, 1000), _time++);
            }

            Assert.Equal(2000, r.BufferedBytes);
            Assert.Single(h.Gaps);
        }

        [Fact]
        public void Segments_too_far_ahead_are_a_gap_not_a_buffer()
        {
            var h = new RecordingStreamHandler();
            var r = new TcpReassembler(h);
            Handshake(r);
            r.ProcessSegment(C, S, Isn + 1 + (uint)r.Options.MaxSequenceLead + 1, 0, TcpFlags.Psh, new byte[10], _time++);
            Assert.Single(h.Gaps);
            Assert.Equal(0, r.BufferedBytes);
        }

        [Fact]
        public void Idle_flows_end_and_the_flow_table_is_capped()
        {
            var h = new RecordingStreamHandler();
            var r = new TcpReassembler(h, new TcpReassemblerOptions { MaxFlows = 3, IdleTimeout = TimeSpan.FromSeconds(10) });
            for (int i = 0; i < 5; i++)
            {
                r.ProcessSegment(new FlowEndpoint(C.Address, (ushort)(42000 + i)), S, 1, 0, TcpFlags.Syn, default, _time++);
            }

            Assert.Equal(3, r.TrackedFlowCount);
            Assert.Equal(2, h.Ended.Count(f => f.EndReason == TcpFlowEndReason.Capacity));

            _time += 11_000_000_000;
            r.ProcessSegment(new FlowEndpoint(C.Address, 43000), S, 1, 0, TcpFlags.Syn, default, _time);
            Assert.Equal(3, h.Ended.Count(f => f.EndReason == TcpFlowEndReason.Idle));
            Assert.Equal(5, h.Ended.Count);
        }

        [Fact]
        public void Sequence_numbers_wrap_around()
        {
            var h = new RecordingStreamHandler();
            var r = new TcpReassembler(h);
            byte[] data = Samples.Pattern(3000, 11);
            const uint isn = 0xFFFF_FC00;
            Handshake(r, isn);
            Data(r, data, 2000, 1000, isn);
            Data(r, data, 0, 1000, isn);
            Data(r, data, 1000, 1000, isn);
            Assert.Equal(data, h.ClientBytes());
        }

        [Fact]
        public void A_segment_cut_by_the_snap_length_leaves_a_gap()
        {
            var h = new RecordingStreamHandler();
            var r = new TcpReassembler(h);
            byte[] data = Samples.Pattern(100, 12);
            Handshake(r);
            r.ProcessSegment(C, S, Isn + 1, 0, TcpFlags.Psh, data.AsSpan(0, 60), _time++, missingPayloadLength: 40);
            Assert.Equal(data.AsSpan(0, 60).ToArray(), h.ClientBytes());
            Assert.Equal(60, Assert.Single(h.Gaps).Flow.ClientStream.GapOffset);
        }

        [Fact]
        public void Inspector_reports_out_of_order_retransmitted_and_lost_segments_of_a_written_capture()
        {
            byte[] hello = Samples.TlsRecords(20, 2500);
            byte[] flight = Samples.TlsRecords(21, 4000);
            byte[] capture = Samples.Capture(w =>
            {
                PcapTcpConnection c = w.OpenTcpConnection(Samples.Client, Samples.Server);
                c.WriteSegment(FlowDirection.ClientToServer, 1000, hello.AsSpan(1000, 1505));
                c.WriteSegment(FlowDirection.ClientToServer, 0, hello.AsSpan(0, 1000));
                c.WriteSegment(FlowDirection.ClientToServer, 0, hello.AsSpan(0, 1200)); // retransmission with overlap
                c.Advance(FlowDirection.ClientToServer, hello.Length);
                c.WriteSegment(FlowDirection.ServerToClient, 0, flight.AsSpan(0, 1400));
                c.WriteSegment(FlowDirection.ServerToClient, 2800, flight.AsSpan(2800)); // 1400..2800 lost
                c.Advance(FlowDirection.ServerToClient, flight.Length);
                c.Send(FlowDirection.ClientToServer, new byte[] { 0x15, 3, 3, 0, 2, 1, 0 }); // acknowledges all the server sent
                c.Close();
            });

            RecordingConsumer consumer = Samples.Inspect(capture, out CaptureInspectionResult result);

            RecordingConsumer.FlowRecord flow = Assert.Single(consumer.Flows);
            Assert.Equal(hello.Concat(new byte[] { 0x15, 3, 3, 0, 2, 1, 0 }).ToArray(), flow.Client.ToArray());
            Assert.Equal(flight.AsSpan(0, 1400).ToArray(), flow.Server.ToArray());
            Assert.Equal(new[] { FlowDirection.ServerToClient }, flow.Gaps);
            Assert.True(flow.Flow.IsIncomplete);
            Assert.Equal(1400, flow.Flow.ServerStream.GapOffset);
            Assert.Equal(1, flow.Flow.ClientStream.OutOfOrderSegments);
            Assert.Equal(1, flow.Flow.ClientStream.RetransmittedSegments);
            Assert.Equal(1, result.Statistics.IncompleteFlows);
            Assert.Equal(1, result.Statistics.TlsFlows);
        }

        /// <summary>A stream, its cut into segments, and a delivery order: a permutation with duplicates and re-cut overlaps.</summary>
        public sealed record Scenario(byte[] Stream, List<(int Offset, int Length)> Segments);

        private static Gen<Scenario> Scenarios() =>
            from length in Gen.Choose(1, 6000)
            from seed in Gen.Choose(0, 1 << 20)
            from cutCount in Gen.Choose(0, 40)
            from cuts in Gen.ListOf(Gen.Choose(1, length), cutCount)
            from extraCount in Gen.Choose(0, 20)
            from extras in Gen.ListOf(Gen.Choose(0, length - 1).Zip(Gen.Choose(1, 2000)), extraCount)
            from order in Gen.Shuffle(Enumerable.Range(0, cutCount + 1 + extraCount).ToArray())
            select Build(length, seed, cuts, extras, order);

        private static Scenario Build(int length, int seed, IEnumerable<int> cuts, IEnumerable<(int, int)> extras, int[] order)
        {
            var points = cuts.Append(0).Append(length).Distinct().OrderBy(x => x).ToList();
            var pieces = new List<(int, int)>();
            for (int i = 0; i + 1 < points.Count; i++)
            {
                pieces.Add((points[i], points[i + 1] - points[i]));
            }

            foreach ((int offset, int size) in extras)
            {
                pieces.Add((offset, Math.Min(size, length - offset)));
            }

            var segments = new List<(int, int)>();
            foreach (int index in order)
            {
                if (index < pieces.Count)
                {
                    segments.Add(pieces[index]);
                }
            }

            return new Scenario(Samples.Pattern(length, seed), segments);
        }

        [FsCheck.Xunit.Property(MaxTest = 200)]
        public Property Any_permutation_or_duplication_of_segments_gives_the_same_stream()
        {
            return Prop.ForAll(Arb.From(Scenarios()), scenario =>
            {
                var h = new RecordingStreamHandler();
                var r = new TcpReassembler(h);
                long time = 1;
                r.ProcessSegment(C, S, Isn, 0, TcpFlags.Syn, default, time++);
                foreach ((int offset, int length) in scenario.Segments)
                {
                    r.ProcessSegment(C, S, Isn + 1 + (uint)offset, 0, TcpFlags.Psh, scenario.Stream.AsSpan(offset, length), time++);
                }

                r.Flush();
                return h.ClientBytes().AsSpan().SequenceEqual(scenario.Stream) && h.Gaps.Count == 0 && r.BufferedBytes == 0;
            });
        }
    }
}
