using System;
using System.Collections.Generic;
using System.Net;
using Tsid.Capture;
using Tsid.Inspection.Tests.Support;
using Tsid.Tests.Support;
using Tsid.Tls;
using Xunit;

namespace Tsid.Inspection.Tests
{
    /// <summary>UDP datagrams go to QUIC or DTLS by content, on any port, and only a handshake start opens a flow.</summary>
    public class DatagramRouterTests
    {
        /// <summary>A QUIC long header (RFC 9000 17.2): first byte, version, DCID and SCID of 8 bytes, then padding.</summary>
        private static byte[] LongHeader(byte first, uint version, int length = 1200)
        {
            byte[] packet = new byte[length];
            packet[0] = first;
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(1), version);
            packet[5] = 8;
            for (int i = 0; i < 8; i++)
            {
                packet[6 + i] = (byte)(0x83 + i);
            }

            packet[14] = 8;
            return packet;
        }

        [Theory]
        [InlineData(0xC3, 0x00000001u, UdpFlowOpening.SenderIsClient)] // v1 Initial (type 0)
        [InlineData(0xE3, 0x00000001u, UdpFlowOpening.None)]           // v1 Handshake (type 2)
        [InlineData(0xD3, 0x6b3343cfu, UdpFlowOpening.SenderIsClient)] // v2 Initial (type 1, RFC 9369 3.2)
        [InlineData(0xC3, 0x6b3343cfu, UdpFlowOpening.None)]           // v2 0-RTT (type 0)
        [InlineData(0xC3, 0xff00001du, UdpFlowOpening.SenderIsClient)] // draft 29 Initial
        [InlineData(0xC3, 0x1a2a3a4au, UdpFlowOpening.SenderIsClient)] // an unknown version: the client speaks first
        public void Quic_long_headers_are_quic_and_initials_open_a_flow(int first, uint version, UdpFlowOpening opening)
        {
            Assert.Equal(UdpPayloadKind.Quic, DatagramRouter.Classify(LongHeader((byte)first, version), out UdpFlowOpening actual));
            Assert.Equal(opening, actual);
        }

        [Fact]
        public void Short_headers_are_quic_that_opens_nothing_and_truncated_long_headers_are_not_quic()
        {
            byte[] shortHeader = new byte[40];
            shortHeader[0] = 0x43;
            Assert.Equal(UdpPayloadKind.Quic, DatagramRouter.Classify(shortHeader, out UdpFlowOpening opening));
            Assert.Equal(UdpFlowOpening.None, opening);

            // The connection IDs run past the datagram.
            Assert.Equal(UdpPayloadKind.Other, DatagramRouter.Classify(LongHeader(0xC3, 1).AsSpan(0, 10), out _));

            // An Initial in a datagram below 1200 bytes (RFC 9000 14.1) opens nothing: DNS queries whose ID starts with
            // 0xC3 look like long headers.
            Assert.Equal(UdpPayloadKind.Quic, DatagramRouter.Classify(LongHeader(0xC3, 1, 1199), out opening));
            Assert.Equal(UdpFlowOpening.None, opening);
            byte[] dnsQuery = { 0xC3, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 7, (byte)'e', (byte)'x', (byte)'a', (byte)'m', (byte)'p', (byte)'l', (byte)'e', 3, (byte)'c', (byte)'o', (byte)'m', 0, 0, 1, 0, 1 };
            DatagramRouter.Classify(dnsQuery, out opening);
            Assert.Equal(UdpFlowOpening.None, opening);

            // Version Negotiation (version 0, then a list of 32-bit versions: RFC 9000 17.2.1) is the server's answer: QUIC,
            // but it opens nothing.
            Assert.Equal(UdpPayloadKind.Quic, DatagramRouter.Classify(LongHeader(0xC0, 0, 23 + 8), out opening));
            Assert.Equal(UdpFlowOpening.None, opening);

            // Without the fixed bit (RFC 9000 17.2) a long header is not QUIC.
            Assert.Equal(UdpPayloadKind.Other, DatagramRouter.Classify(LongHeader(0x83, 1), out _));
        }

        [Fact]
        public void Dtls_hellos_open_flows_oriented_by_their_sender_and_webrtc_neighbours_are_other_udp()
        {
            (byte[] c2s, byte[] s2c) = Captures.Recording(Captures.Tls12SniAlpn);
            List<byte[]> client = DtlsFlights.FromTls(c2s);
            List<byte[]> server = DtlsFlights.FromTls(s2c);

            Assert.Equal(UdpPayloadKind.Dtls, DatagramRouter.Classify(client[0], out UdpFlowOpening opening));
            Assert.Equal(UdpFlowOpening.SenderIsClient, opening);
            Assert.Equal(UdpPayloadKind.Dtls, DatagramRouter.Classify(server[0], out opening)); // ServerHello
            Assert.Equal(UdpFlowOpening.SenderIsServer, opening);
            Assert.Equal(UdpPayloadKind.Dtls, DatagramRouter.Classify(server[1], out opening)); // Certificate
            Assert.Equal(UdpFlowOpening.SenderIsServer, opening);

            // The same record in epoch 1 (encrypted) is DTLS but opens nothing.
            byte[] epoch1 = (byte[])client[0].Clone();
            epoch1[4] = 1;
            Assert.Equal(UdpPayloadKind.Dtls, DatagramRouter.Classify(epoch1, out opening));
            Assert.Equal(UdpFlowOpening.None, opening);

            // STUN (first byte 0-3), RTP (128-191), and a DTLS-looking first byte without a DTLS version.
            Assert.Equal(UdpPayloadKind.Other, DatagramRouter.Classify(new byte[] { 0x00, 0x01, 0x00, 0x00, 0x21, 0x12, 0xa4, 0x42, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, out _));
            Assert.Equal(UdpPayloadKind.Other, DatagramRouter.Classify(new byte[] { 0x80, 0x60, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1 }, out _));
            byte[] notDtls = (byte[])client[0].Clone();
            notDtls[1] = 0x03;
            notDtls[2] = 0x03;
            Assert.Equal(UdpPayloadKind.Other, DatagramRouter.Classify(notDtls, out _));
            Assert.Equal(UdpPayloadKind.Other, DatagramRouter.Classify(ReadOnlySpan<byte>.Empty, out _));
        }

        [Fact]
        public void A_quic_flow_on_any_port_is_one_connection_with_its_version()
        {
            var client = new IPEndPoint(IPAddress.Parse("2001:db8::10"), 443);
            var server = new IPEndPoint(IPAddress.Parse("2001:db8::20"), 8443);
            byte[] capture = Captures.Make(w =>
            {
                w.WriteUdp(client, server, LongHeader(0xD3, 0x6b3343cf));
                w.WriteUdp(server, client, LongHeader(0xD3, 0x6b3343cf));
                w.WriteUdp(server, client, LongHeader(0xC0, 0x00000001, 60)); // a v1 long header later changes nothing
                w.WriteUdp(Captures.Client(1), Captures.Server, LongHeader(0xC3, 0x00000001));
            });

            List<ConnectionRecord> records = Captures.Records(capture, null, out InspectionSummary summary);

            Assert.Equal(2, records.Count);
            ConnectionRecord v2 = records.Find(r => r.Server.Port == 8443)!;
            ConnectionRecord v1 = records.Find(r => r.Server.Port == 443)!;
            Assert.Equal(ConnectionTransport.Udp, v2.Transport);
            Assert.Equal(HandshakeProtocol.Quic, v2.Protocol);
            Assert.Equal(0x6b3343cfu, v2.QuicVersion.Value);
            Assert.Equal("[2001:db8::10]:443", v2.Client.ToString());
            Assert.Equal(1u, v1.QuicVersion.Value);
            Assert.Equal(HandshakeProtocol.Quic, v1.Protocol);
            Assert.Equal(2, summary.Capture.Statistics.UdpFlows);
        }
    }
}
