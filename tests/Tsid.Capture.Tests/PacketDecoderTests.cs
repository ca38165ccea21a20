using System;
using System.Collections.Generic;
using System.Net;
using Tsid.Capture.Tests.Support;
using Xunit;

namespace Tsid.Capture.Tests
{
    public class PacketDecoderTests
    {
        public static IEnumerable<object[]> LinkLayers()
        {
            yield return new object[] { LinkType.Ethernet, Array.Empty<ushort>(), false };
            yield return new object[] { LinkType.Ethernet, new ushort[] { 100 }, false };
            yield return new object[] { LinkType.Ethernet, new ushort[] { 200, 100 }, false }; // QinQ
            yield return new object[] { LinkType.Ethernet, new ushort[] { 300, 200, 100 }, true };
            yield return new object[] { LinkType.LinuxSll, Array.Empty<ushort>(), false };
            yield return new object[] { LinkType.LinuxSll2, Array.Empty<ushort>(), true };
            yield return new object[] { LinkType.Raw, Array.Empty<ushort>(), false };
            yield return new object[] { LinkType.Raw, Array.Empty<ushort>(), true };
            yield return new object[] { LinkType.IPv4, Array.Empty<ushort>(), false };
            yield return new object[] { LinkType.IPv6, Array.Empty<ushort>(), true };
            yield return new object[] { LinkType.Null, Array.Empty<ushort>(), false };
            yield return new object[] { LinkType.Null, Array.Empty<ushort>(), true };
            yield return new object[] { LinkType.Loop, Array.Empty<ushort>(), true };
        }

        [Theory]
        [MemberData(nameof(LinkLayers))]
        public void Every_link_type_carries_a_tcp_connection_through_to_reassembly(LinkType linkType, ushort[] vlans, bool ipv6)
        {
            if ((linkType == LinkType.IPv4 && ipv6) || (linkType == LinkType.IPv6 && !ipv6))
            {
                return;
            }

            IPEndPoint client = ipv6 ? Samples.Client6 : Samples.Client;
            IPEndPoint server = ipv6 ? Samples.Server6 : Samples.Server;
            byte[] hello = Samples.TlsRecords(3, 1800);
            byte[] flight = Samples.TlsRecords(4, 90, 3000, 4);
            foreach (bool bigEndian in new[] { false, true })
            {
                byte[] capture = Samples.Capture(
                    w => w.WriteTcpConnection(client, server, hello, flight, maxSegmentSize: 1000),
                    PcapWriterOptions.Default with { LinkType = linkType, VlanIds = vlans, BigEndian = bigEndian });

                RecordingConsumer consumer = Samples.Inspect(capture, out CaptureInspectionResult result);

                Assert.Equal(CaptureError.None, result.Error);
                Assert.Equal(0, result.Statistics.MalformedFrames + result.Statistics.TruncatedFrames + result.Statistics.NonIPFrames);
                RecordingConsumer.FlowRecord flow = Assert.Single(consumer.Flows);
                Assert.Equal(client.Address, flow.Flow.Client.Address.ToIPAddress());
                Assert.Equal(server.Port, flow.Flow.Server.Port);
                Assert.True(flow.Flow.OrientedBySyn);
                Assert.Equal(hello, flow.Client.ToArray());
                Assert.Equal(flight, flow.Server.ToArray());
                Assert.Equal(TcpFlowEndReason.Fin, flow.Flow.EndReason);
            }
        }

        private static byte[] Frame(LinkType linkType, bool ipv6, Action<PcapWriter> write)
        {
            byte[] capture = Samples.Capture(write, PcapWriterOptions.Default with { LinkType = linkType });
            return PcapNgBuilder.FramesOf(capture)[0];
        }

        private static byte[] UdpFrame(LinkType linkType, bool ipv6, int payload = 10) => Frame(linkType, ipv6, w =>
            w.WriteUdp(ipv6 ? Samples.Client6 : Samples.Client, ipv6 ? Samples.Server6 : Samples.Server, new byte[payload]));

        [Fact]
        public void Ipv4_options_are_skipped_and_ethernet_padding_trimmed()
        {
            byte[] raw = UdpFrame(LinkType.Raw, false, 3);

            // Insert 8 bytes of options (two NOPs ... EOL) after the 20-byte header, and 12 bytes of trailing padding.
            var frame = new List<byte>(raw.AsSpan(0, 20).ToArray());
            frame.AddRange(new byte[] { 1, 1, 1, 1, 1, 1, 1, 0 });
            frame.AddRange(raw.AsSpan(20).ToArray());
            frame.AddRange(new byte[12]);
            byte[] bytes = frame.ToArray();
            bytes[0] = 0x47;
            int total = raw.Length + 8;
            bytes[2] = (byte)(total >> 8);
            bytes[3] = (byte)total;

            Assert.Equal(PacketDecodeStatus.Transport, PacketDecoder.Decode(LinkType.Raw, bytes, out DecodedPacket packet));
            Assert.True(packet.IsUdp);
            Assert.Equal(3, packet.Payload.Length);
            Assert.Equal(Samples.Server.Port, packet.DestinationPort);
            Assert.Equal(0, packet.MissingPayloadLength);
        }

        [Fact]
        public void Ipv4_fragments_are_reported_as_fragments()
        {
            byte[] bytes = UdpFrame(LinkType.Raw, false);
            bytes[6] = 0x20; // more fragments
            Assert.Equal(PacketDecodeStatus.Fragment, PacketDecoder.Decode(LinkType.Raw, bytes, out _));
            bytes[6] = 0x00;
            bytes[7] = 0x10; // offset 128 bytes
            Assert.Equal(PacketDecodeStatus.Fragment, PacketDecoder.Decode(LinkType.Raw, bytes, out _));
        }

        private static byte[] WithIPv6Extensions(byte[] raw, params (byte Type, int Length)[] headers)
        {
            // Insert extension headers between the IPv6 header and the transport header.
            byte transport = raw[6];
            var frame = new List<byte>(raw.AsSpan(0, 40).ToArray());
            for (int i = 0; i < headers.Length; i++)
            {
                byte next = i + 1 < headers.Length ? headers[i + 1].Type : transport;
                byte[] header = new byte[headers[i].Length];
                header[0] = next;
                header[1] = headers[i].Type == 51 ? (byte)(headers[i].Length / 4 - 2) : (byte)(headers[i].Length / 8 - 1);
                frame.AddRange(header);
            }

            frame.AddRange(raw.AsSpan(40).ToArray());
            byte[] bytes = frame.ToArray();
            bytes[6] = headers[0].Type;
            int payload = bytes.Length - 40;
            bytes[4] = (byte)(payload >> 8);
            bytes[5] = (byte)payload;
            return bytes;
        }

        [Fact]
        public void Ipv6_extension_headers_are_followed_to_the_transport()
        {
            byte[] raw = UdpFrame(LinkType.Raw, true, 5);
            byte[] bytes = WithIPv6Extensions(raw, (0, 8), (60, 16), (43, 24), (51, 12));
            Assert.Equal(PacketDecodeStatus.Transport, PacketDecoder.Decode(LinkType.Raw, bytes, out DecodedPacket packet));
            Assert.True(packet.IsUdp);
            Assert.Equal(5, packet.Payload.Length);
            Assert.True(packet.Source.IsIPv6);
        }

        [Fact]
        public void Ipv6_fragment_header_makes_a_fragment_and_long_chains_are_malformed()
        {
            byte[] raw = UdpFrame(LinkType.Raw, true);
            Assert.Equal(PacketDecodeStatus.Fragment, PacketDecoder.Decode(LinkType.Raw, WithIPv6Extensions(raw, (0, 8), (44, 8)), out _));

            var chain = new (byte, int)[PacketDecoder.MaxIPv6ExtensionHeaders + 1];
            Array.Fill(chain, ((byte)60, 8));
            Assert.Equal(PacketDecodeStatus.Malformed, PacketDecoder.Decode(LinkType.Raw, WithIPv6Extensions(raw, chain), out _));
        }

        [Fact]
        public void Frames_without_ip_and_unknown_link_types_are_classified()
        {
            byte[] arp = new byte[42];
            arp[12] = 0x08;
            arp[13] = 0x06;
            Assert.Equal(PacketDecodeStatus.NotIP, PacketDecoder.Decode(LinkType.Ethernet, arp, out _));
            Assert.Equal(PacketDecodeStatus.UnsupportedLinkType, PacketDecoder.Decode((LinkType)147, arp, out _));
            Assert.False(PacketDecoder.IsSupported((LinkType)147));
        }

        [Fact]
        public void Snap_length_cut_reports_missing_payload_bytes()
        {
            byte[] data = PcapNgBuilder.FramesOf(Samples.Capture(w =>
            {
                var c = w.OpenTcpConnection(Samples.Client, Samples.Server);
                c.Send(FlowDirection.ClientToServer, new byte[500]);
            }))[3];

            byte[] cut = data.AsSpan(0, 14 + 20 + 20 + 100).ToArray();
            Assert.Equal(PacketDecodeStatus.Transport, PacketDecoder.Decode(LinkType.Ethernet, cut, out DecodedPacket packet));
            Assert.Equal(100, packet.Payload.Length);
            Assert.Equal(400, packet.MissingPayloadLength);
        }

        [Fact]
        public void Every_prefix_of_a_frame_decodes_without_reading_out_of_range()
        {
            foreach (LinkType linkType in new[] { LinkType.Ethernet, LinkType.LinuxSll, LinkType.LinuxSll2, LinkType.Null, LinkType.Raw })
            {
                foreach (bool ipv6 in new[] { false, true })
                {
                    byte[] frame = Frame(linkType, ipv6, w => w.WriteTcpConnection(ipv6 ? Samples.Client6 : Samples.Client, ipv6 ? Samples.Server6 : Samples.Server, new byte[10], new byte[10]));
                    for (int n = 0; n < frame.Length; n++)
                    {
                        PacketDecodeStatus status = PacketDecoder.Decode(linkType, frame.AsSpan(0, n), out DecodedPacket packet);
                        Assert.True(status is PacketDecodeStatus.Truncated or PacketDecodeStatus.Transport, $"{linkType} {n}: {status}");
                        if (status == PacketDecodeStatus.Truncated)
                        {
                            Assert.InRange(packet.ErrorOffset, 0, n);
                        }
                    }
                }
            }
        }
    }
}
