using System;
using System.Collections.Generic;
using System.Net;
using Tsid.Capture;
using Tsid.Identity;
using Tsid.Inspection.Tests.Support;
using Tsid.Tests.Support;
using Tsid.Tls;
using Xunit;

namespace Tsid.Inspection.Tests
{
    /// <summary>DTLS (and, through the same path, QUIC) flows of a capture become inspected connections like TLS over TCP.</summary>
    public class UdpInspectionTests
    {
        private static readonly IPEndPoint DtlsServer = new(IPAddress.Parse("198.51.100.38"), 4433);

        /// <summary>Writes the recorded TLS 1.2 handshake <paramref name="recording"/> as DTLS 1.2 datagrams, flight by flight.</summary>
        private static void DtlsConnection(PcapWriter writer, IPEndPoint client, string recording, IPEndPoint? server = null)
        {
            (byte[] c2s, byte[] s2c) = Captures.Recording(recording);
            foreach (byte[] datagram in DtlsFlights.FromTls(c2s))
            {
                writer.WriteUdp(client, server ?? DtlsServer, datagram);
            }

            foreach (byte[] datagram in DtlsFlights.FromTls(s2c))
            {
                writer.WriteUdp(server ?? DtlsServer, client, datagram);
            }
        }

        [Fact]
        public void A_dtls_connection_is_named_from_its_certificate_exactly_as_the_same_handshake_over_tcp()
        {
            byte[] capture = Captures.Make(w =>
            {
                Captures.Connection(w, Captures.Client(1), Captures.Tls12NoSniCiscoChain3);
                DtlsConnection(w, Captures.Client(2), Captures.Tls12NoSniCiscoChain3);
            });

            List<ConnectionRecord> records = Captures.Records(capture, null, out InspectionSummary summary);

            Assert.Equal(2, records.Count);
            Assert.Equal(2, summary.Connections);
            ConnectionRecord tcp = records.Find(r => r.Transport == ConnectionTransport.Tcp)!;
            ConnectionRecord dtls = records.Find(r => r.Transport == ConnectionTransport.Udp)!;
            Assert.Equal(HandshakeProtocol.Tls, tcp.Protocol);
            Assert.Equal(HandshakeProtocol.Dtls, dtls.Protocol);
            Assert.Equal(TlsProtocolVersion.Tls12, tcp.Version);
            Assert.Equal(TlsProtocolVersion.Dtls12, dtls.Version);
            Assert.Equal(Captures.Client(2).ToString(), dtls.Client.ToString());
            Assert.Equal("198.51.100.38:4433", dtls.Server.ToString());
            Assert.Equal(1, dtls.FlowId);
            Assert.Empty(dtls.Errors);

            // The chain is in clear in DTLS 1.2: the same certificates, the same identity, the same rule.
            Assert.Equal(TlsCertificateVisibility.Visible, dtls.CertificateVisibility);
            Assert.Equal(3, dtls.Certificates.Count);
            for (int i = 0; i < 3; i++)
            {
                Assert.Equal(tcp.Certificates[i].Sha256, dtls.Certificates[i].Sha256);
            }

            Assert.Equal("toos.cisco.com", tcp.Identity.Name);
            Assert.Equal(tcp.Identity.Name, dtls.Identity.Name);
            Assert.Equal(tcp.Identity.Source, dtls.Identity.Source);
            Assert.Equal(IdentitySource.FirstSubjectAltName, dtls.Identity.Source);
            Assert.Equal(tcp.CipherSuite, dtls.CipherSuite);
        }

        [Fact]
        public void Dns_hints_reach_dtls_connections_too()
        {
            byte[] capture = Captures.Make(w =>
            {
                w.WriteDnsResponse(Captures.Resolver, Captures.Client(1), "tools.cisco.com", new List<IPAddress> { DtlsServer.Address });
                DtlsConnection(w, Captures.Client(1), Captures.Tls12NoSniCiscoChain3);
            });

            List<ConnectionRecord> records = Captures.Records(capture, new InspectionOptions { Resolver = ServerIdentityPresets.HintAware }, out _);

            ConnectionRecord dtls = Assert.Single(records);
            Assert.Equal(new[] { "tools.cisco.com" }, dtls.DnsHints);
            Assert.Equal("tools.cisco.com", dtls.Identity.Name);
            Assert.Equal(IdentitySource.DnsHint, dtls.Identity.Source);
        }

        [Fact]
        public void The_client_hello_gives_sni_and_alpn_and_other_udp_is_not_a_connection()
        {
            byte[] capture = Captures.Make(w =>
            {
                // STUN binding request (RFC 8489 first byte 0) and RTP (version 2) on the same 5-tuple: not DTLS.
                w.WriteUdp(Captures.Client(3), DtlsServer, new byte[] { 0x00, 0x01, 0x00, 0x00, 0x21, 0x12, 0xa4, 0x42, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12 });
                DtlsConnection(w, Captures.Client(3), Captures.Tls12SniAlpn);
                w.WriteUdp(Captures.Client(3), DtlsServer, new byte[] { 0x80, 0x60, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1 });
                w.WriteUdp(Captures.Client(4), new IPEndPoint(DtlsServer.Address, 5060), new byte[] { (byte)'I', (byte)'N', (byte)'V', (byte)'I', (byte)'T', (byte)'E' });
            });

            List<ConnectionRecord> records = Captures.Records(capture, null, out InspectionSummary summary);

            ConnectionRecord dtls = Assert.Single(records);
            Assert.Equal("tls-test.example", dtls.ServerName);
            Assert.Equal(new[] { "h2", "http/1.1" }, dtls.AlpnOffered);
            Assert.Equal("h2", dtls.AlpnNegotiated);
            Assert.Equal(IdentitySource.Sni, dtls.Identity.Source);
            Assert.Equal(3, summary.Capture.Statistics.IgnoredUdpDatagrams);
            Assert.Equal(1, summary.Capture.Statistics.UdpFlows);
        }

        [Fact]
        public void Pooled_connections_switch_between_tcp_and_udp_on_the_worker_thread()
        {
            byte[] capture = Captures.Make(w =>
            {
                for (int i = 0; i < 40; i++)
                {
                    if (i % 2 == 0)
                    {
                        DtlsConnection(w, Captures.Client(i), i % 4 == 0 ? Captures.Tls12SniAlpn : Captures.Tls12NoSniCiscoChain3);
                    }
                    else
                    {
                        Captures.Connection(w, Captures.Client(i), i % 4 == 1 ? Captures.Tls12SniAlpn : Captures.Tls13SniAlpn);
                    }
                }
            });

            // A 50 µs idle timeout (packets are 10 µs apart) ends each DTLS flow during the TCP connection after it, so
            // connections go back to the pool and are rented again for the other transport.
            var options = new InspectionOptions { UseWorkerThread = true, Capture = CaptureInspectorOptions.Default with { Udp = new UdpFlowOptions { IdleTimeout = TimeSpan.FromTicks(500) } } };
            List<ConnectionRecord> records = Captures.Records(capture, options, out InspectionSummary summary);

            Assert.Equal(40, records.Count);
            Assert.Equal(40, summary.Connections);
            foreach (ConnectionRecord record in records)
            {
                int n = record.Client.Port - 50000;
                bool udp = n % 2 == 0;
                Assert.Equal(udp ? ConnectionTransport.Udp : ConnectionTransport.Tcp, record.Transport);
                Assert.Equal(udp ? HandshakeProtocol.Dtls : HandshakeProtocol.Tls, record.Protocol);
                Assert.Empty(record.Errors);
                string? expectedSni = n % 4 == 2 ? null : "tls-test.example";
                Assert.Equal(expectedSni, record.ServerName);
                Assert.Equal(n % 4 == 3 ? TlsCertificateVisibility.EncryptedTls13 : TlsCertificateVisibility.Visible, record.CertificateVisibility);
            }
        }
    }
}
