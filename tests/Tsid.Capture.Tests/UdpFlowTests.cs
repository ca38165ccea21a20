using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using Tsid.Capture.Tests.Support;
using Xunit;

namespace Tsid.Capture.Tests
{
    public class UdpFlowTests
    {
        private static readonly IPEndPoint QuicClient = new(IPAddress.Parse("192.0.2.10"), 51000);
        private static readonly IPEndPoint QuicServer = new(IPAddress.Parse("198.51.100.20"), 8443);

        private static byte[] Initial(int length) => Filled(0xC3, length);

        private static byte[] ShortHeader(int length) => Filled(0x43, length);

        private static byte[] Dtls(byte handshakeType)
        {
            // RFC 6347 4.1 record header (13 bytes), then the handshake type.
            byte[] bytes = Filled(0x16, 40);
            bytes[13] = handshakeType;
            return bytes;
        }

        private static byte[] Filled(byte first, int length)
        {
            byte[] bytes = Samples.Pattern(length, first);
            bytes[0] = first;
            return bytes;
        }

        private static RecordingDatagramConsumer Inspect(Action<PcapWriter> write, out CaptureInspectionResult result, CaptureInspectorOptions? options = null)
        {
            byte[] capture = Samples.Capture(write);
            var consumer = new RecordingDatagramConsumer();
            result = CaptureInspector.Inspect(new MemoryStream(capture), consumer, options);
            Assert.Equal(CaptureError.None, result.Error);
            return consumer;
        }

        [Fact]
        public void A_quic_exchange_on_any_port_is_one_flow_oriented_by_the_initial_sender()
        {
            RecordingDatagramConsumer consumer = Inspect(
                w =>
                {
                    w.WriteUdp(QuicClient, QuicServer, Initial(1200));
                    w.WriteUdp(QuicServer, QuicClient, Initial(1200));
                    w.WriteUdp(QuicServer, QuicClient, ShortHeader(300));
                    w.WriteUdp(QuicClient, QuicServer, ShortHeader(50));
                },
                out CaptureInspectionResult result);

            RecordingDatagramConsumer.UdpFlowRecord flow = Assert.Single(consumer.Flows);
            Assert.Equal("192.0.2.10:51000", flow.Flow.Client.ToString());
            Assert.Equal("198.51.100.20:8443", flow.Flow.Server.ToString());
            Assert.Equal(UdpPayloadKind.Quic, flow.Flow.Kind);
            Assert.Equal(1, flow.Flow.Id);
            Assert.Equal(2, flow.Flow.ClientDatagrams);
            Assert.Equal(2, flow.Flow.ServerDatagrams);
            Assert.Equal(
                new[] { FlowDirection.ClientToServer, FlowDirection.ServerToClient, FlowDirection.ServerToClient, FlowDirection.ClientToServer },
                flow.Datagrams.Select(d => d.Direction));
            Assert.Equal(Initial(1200), flow.Datagrams[0].Bytes);
            Assert.Equal(ShortHeader(50), flow.Datagrams[3].Bytes);
            Assert.Equal(UdpFlowEndReason.EndOfCapture, flow.Flow.EndReason);
            Assert.Equal(1, result.Statistics.UdpFlows);
            Assert.Equal(4, result.Statistics.HandshakeDatagrams);
            Assert.Equal(0, result.Statistics.IgnoredUdpDatagrams);
            Assert.Equal("end 1 EndOfCapture", consumer.Events[^1]);
        }

        [Fact]
        public void IPv6_flows_are_keyed_and_oriented_like_IPv4()
        {
            var client = new IPEndPoint(IPAddress.Parse("2001:db8::10"), 443);
            var server = new IPEndPoint(IPAddress.Parse("2001:db8::20"), 60000);
            RecordingDatagramConsumer consumer = Inspect(
                w =>
                {
                    w.WriteUdp(client, server, Initial(1200));
                    w.WriteUdp(server, client, ShortHeader(100));
                },
                out _);

            RecordingDatagramConsumer.UdpFlowRecord flow = Assert.Single(consumer.Flows);

            // The Initial's sender is the client even on port 443 talking to a high port.
            Assert.Equal("[2001:db8::10]:443", flow.Flow.Client.ToString());
            Assert.Equal("[2001:db8::20]:60000", flow.Flow.Server.ToString());
            Assert.Equal(new[] { FlowDirection.ClientToServer, FlowDirection.ServerToClient }, flow.Datagrams.Select(d => d.Direction));
        }

        [Fact]
        public void Other_udp_is_counted_and_ignored_and_dns_is_still_read()
        {
            RecordingDatagramConsumer consumer = Inspect(
                w =>
                {
                    w.WriteUdp(QuicClient, QuicServer, Filled(0x00, 60));   // STUN-like first byte
                    w.WriteUdp(QuicClient, QuicServer, Filled(0x80, 172));  // RTP-like
                    w.WriteUdp(QuicClient, QuicServer, Array.Empty<byte>());
                    w.WriteUdp(QuicServer, QuicClient, ShortHeader(80));   // QUIC whose start was not captured
                    w.WriteDnsResponse(new IPEndPoint(IPAddress.Parse("192.0.2.53"), 53), QuicClient, "example.com", new[] { IPAddress.Parse("198.51.100.20") });
                },
                out CaptureInspectionResult result);

            Assert.Empty(consumer.Flows);
            Assert.Equal(4, result.Statistics.IgnoredUdpDatagrams);
            Assert.Equal(0, result.Statistics.UdpFlows);
            Assert.Equal(5, result.Statistics.UdpDatagrams);
            Assert.Equal(4, consumer.Classified);
            Assert.Contains(consumer.Events, e => e.StartsWith("dns ", StringComparison.Ordinal));
        }

        [Fact]
        public void Datagrams_beside_dtls_on_the_same_five_tuple_are_ignored_and_counted_on_the_flow()
        {
            // WebRTC: STUN before and between DTLS records on one 5-tuple (RFC 7983).
            RecordingDatagramConsumer consumer = Inspect(
                w =>
                {
                    w.WriteUdp(QuicClient, QuicServer, Filled(0x00, 60));
                    w.WriteUdp(QuicClient, QuicServer, Dtls(1));
                    w.WriteUdp(QuicServer, QuicClient, Filled(0x01, 60));
                    w.WriteUdp(QuicServer, QuicClient, Dtls(2));
                    w.WriteUdp(QuicClient, QuicServer, ShortHeader(40)); // QUIC-looking (a TURN channel message): not this flow's kind
                },
                out CaptureInspectionResult result);

            RecordingDatagramConsumer.UdpFlowRecord flow = Assert.Single(consumer.Flows);
            Assert.Equal(UdpPayloadKind.Dtls, flow.Flow.Kind);
            Assert.Equal(QuicClient.Port, flow.Flow.Client.Port);
            Assert.Equal(2, flow.Datagrams.Count);
            Assert.Equal(2, flow.Flow.IgnoredDatagrams);
            Assert.Equal(3, result.Statistics.IgnoredUdpDatagrams);
        }

        [Fact]
        public void A_dtls_flow_whose_client_flight_was_missed_is_oriented_by_the_server_hello()
        {
            RecordingDatagramConsumer consumer = Inspect(w => w.WriteUdp(QuicServer, QuicClient, Dtls(2)), out _);

            RecordingDatagramConsumer.UdpFlowRecord flow = Assert.Single(consumer.Flows);
            Assert.Equal(QuicClient.Port, flow.Flow.Client.Port);
            Assert.Equal(QuicServer.Port, flow.Flow.Server.Port);
            Assert.Equal(FlowDirection.ServerToClient, flow.Datagrams[0].Direction);
        }

        [Fact]
        public void A_flow_silent_past_the_idle_timeout_ends_and_the_next_datagram_starts_a_new_one()
        {
            var options = CaptureInspectorOptions.Default with { Udp = new UdpFlowOptions { IdleTimeout = TimeSpan.FromSeconds(10) } };
            RecordingDatagramConsumer consumer = Inspect(
                w =>
                {
                    w.TimestampNanoseconds = 1_000_000_000_000_000_000;
                    w.WriteUdp(QuicClient, QuicServer, Initial(1200));
                    w.TimestampNanoseconds += 9_000_000_000; // within the timeout: the same flow
                    w.WriteUdp(QuicServer, QuicClient, ShortHeader(100));
                    w.TimestampNanoseconds += 10_000_001_000; // past it (pcap's resolution is a microsecond)
                    w.WriteUdp(QuicServer, QuicClient, ShortHeader(100)); // late and mid-connection: no new flow
                    w.WriteUdp(QuicClient, QuicServer, Initial(1200));
                },
                out CaptureInspectionResult result,
                options);

            Assert.Equal(2, consumer.Flows.Count);
            Assert.Equal(UdpFlowEndReason.Idle, consumer.Flows[0].Flow.EndReason);
            Assert.Equal(2, consumer.Flows[0].Datagrams.Count);
            Assert.Equal(2, consumer.Flows[1].Flow.Id);
            Assert.Equal(UdpFlowEndReason.EndOfCapture, consumer.Flows[1].Flow.EndReason);
            Assert.Equal(1, result.Statistics.IgnoredUdpDatagrams);

            // The idle flow ends before anything of the datagram that found it idle.
            int end = consumer.Events.IndexOf("end 1 Idle");
            Assert.True(end >= 0 && end < consumer.Events.FindIndex(e => e.StartsWith("start 2", StringComparison.Ordinal)));
        }

        [Fact]
        public void Beyond_max_flows_the_least_recently_active_is_evicted_and_counted()
        {
            var options = CaptureInspectorOptions.Default with { Udp = new UdpFlowOptions { MaxFlows = 2 } };
            var a = new IPEndPoint(QuicClient.Address, 1001);
            var b = new IPEndPoint(QuicClient.Address, 1002);
            var c = new IPEndPoint(QuicClient.Address, 1003);
            RecordingDatagramConsumer consumer = Inspect(
                w =>
                {
                    w.WriteUdp(a, QuicServer, Initial(1200));
                    w.WriteUdp(b, QuicServer, Initial(1200));
                    w.WriteUdp(QuicServer, a, ShortHeader(100)); // a is now more recent than b
                    w.WriteUdp(c, QuicServer, Initial(1200));    // evicts b
                    w.WriteUdp(QuicServer, b, ShortHeader(100)); // b's start is gone: ignored
                },
                out CaptureInspectionResult result,
                options);

            Assert.Equal(new[] { 1001, 1002, 1003 }, consumer.Flows.Select(f => (int)f.Flow.Client.Port));
            Assert.Equal(UdpFlowEndReason.Capacity, consumer.Flows[1].Flow.EndReason);
            Assert.Equal(UdpFlowEndReason.EndOfCapture, consumer.Flows[0].Flow.EndReason);
            Assert.Equal(UdpFlowEndReason.EndOfCapture, consumer.Flows[2].Flow.EndReason);
            Assert.Equal(1, result.Statistics.EvictedUdpFlows);
            Assert.Equal(1, result.Statistics.IgnoredUdpDatagrams);
            Assert.Equal(3, result.Statistics.UdpFlows);
        }

        [Fact]
        public void A_consumer_without_the_datagram_interface_sees_no_udp_flows()
        {
            byte[] capture = Samples.Capture(w => w.WriteUdp(QuicClient, QuicServer, Initial(1200)));

            RecordingConsumer consumer = Samples.Inspect(capture, out CaptureInspectionResult result);

            Assert.Empty(consumer.Flows);
            Assert.Equal(1, result.Statistics.UdpDatagrams);
            Assert.Equal(0, result.Statistics.UdpFlows);
            Assert.Equal(0, result.Statistics.IgnoredUdpDatagrams);
        }

        [Fact]
        public void Limits_that_are_not_positive_are_refused()
        {
            var consumer = new RecordingDatagramConsumer();
            Assert.Throws<ArgumentOutOfRangeException>(() => new CaptureInspector(consumer, CaptureInspectorOptions.Default with { Udp = new UdpFlowOptions { MaxFlows = 0 } }));
            Assert.Throws<ArgumentOutOfRangeException>(() => new CaptureInspector(consumer, CaptureInspectorOptions.Default with { Udp = new UdpFlowOptions { IdleTimeout = TimeSpan.Zero } }));
        }
    }
}
