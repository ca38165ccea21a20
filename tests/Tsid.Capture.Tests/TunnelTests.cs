using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using FsCheck;
using FsCheck.Fluent;
using Tsid.Capture.Tests.Support;
using Xunit;

namespace Tsid.Capture.Tests
{
    /// <summary>Recorded TLS handshakes (the project's SslStream recordings) behind every tunnel, in one piece, split everywhere and trickled.</summary>
    public class TunnelTests
    {
        private static readonly (byte[] C2S, byte[] S2C) Handshake = TunnelStreams.Recording("tls12-sni-alpn");
        private static readonly IPEndPoint OriginalClient = new(IPAddress.Parse("203.0.113.7"), 56324);
        private static readonly IPEndPoint OriginalClient6 = new(IPAddress.Parse("2001:db8:1::7"), 56324);
        private static readonly IPEndPoint Frontend = new(IPAddress.Parse("198.51.100.20"), 443);
        private static readonly IPEndPoint Frontend6 = new(IPAddress.Parse("2001:db8:2::20"), 8443);

        public static IEnumerable<object[]> Cases()
        {
            yield return Case("CONNECT", TunnelStreams.HttpConnect("tools.cisco.com:443"), TunnelKind.HttpConnect, "tools.cisco.com:443", "tools.cisco.com", null);
            yield return Case("CONNECT IPv6", TunnelStreams.HttpConnect("[2001:db8::443]:8443"), TunnelKind.HttpConnect, "[2001:db8::443]:8443", "2001:db8::443", null);
            yield return Case("SOCKS4", TunnelStreams.Socks4(IPAddress.Parse("93.184.216.34"), 443), TunnelKind.Socks4, "93.184.216.34:443", "93.184.216.34", null);
            yield return Case("SOCKS4a", TunnelStreams.Socks4a("tools.cisco.com", 443), TunnelKind.Socks4, "tools.cisco.com:443", "tools.cisco.com", null);
            yield return Case("SOCKS5 domain", TunnelStreams.Socks5("tools.cisco.com", null, 443), TunnelKind.Socks5, "tools.cisco.com:443", "tools.cisco.com", null);
            yield return Case("SOCKS5 IPv4 password", TunnelStreams.Socks5(null, IPAddress.Parse("192.0.2.44"), 443, password: true), TunnelKind.Socks5, "192.0.2.44:443", "192.0.2.44", null);
            yield return Case("SOCKS5 IPv6 password", TunnelStreams.Socks5(null, IPAddress.Parse("2001:db8::44"), 8443, password: true), TunnelKind.Socks5, "[2001:db8::44]:8443", "2001:db8::44", null);
            yield return Case("PROXY v1 TCP4", (TunnelStreams.ProxyV1(OriginalClient, Frontend), Array.Empty<byte>()), TunnelKind.ProxyV1, "198.51.100.20:443", null, "203.0.113.7:56324");
            yield return Case("PROXY v1 TCP6", (TunnelStreams.ProxyV1(OriginalClient6, Frontend6), Array.Empty<byte>()), TunnelKind.ProxyV1, "[2001:db8:2::20]:8443", null, "[2001:db8:1::7]:56324");
            yield return Case("PROXY v2 IPv4 authority", (TunnelStreams.ProxyV2(OriginalClient, Frontend, "tools.cisco.com"), Array.Empty<byte>()), TunnelKind.ProxyV2, "198.51.100.20:443", "tools.cisco.com", "203.0.113.7:56324");
            yield return Case("PROXY v2 IPv6", (TunnelStreams.ProxyV2(OriginalClient6, Frontend6, null), Array.Empty<byte>()), TunnelKind.ProxyV2, "[2001:db8:2::20]:8443", null, "[2001:db8:1::7]:56324");
        }

        private static object[] Case(string name, (byte[] Client, byte[] Server) prefix, TunnelKind kind, string target, string? requested, string? source) =>
            new object[] { name, prefix.Client, prefix.Server, kind, target, requested!, source! };

        private static RecordingConsumer.FlowRecord Run(byte[] client, byte[] server, int maxSegmentSize = 1460, int split = -1, bool interleave = true, CaptureInspectorOptions? options = null)
        {
            byte[] capture = Samples.Capture(w =>
            {
                PcapTcpConnection c = w.OpenTcpConnection(Samples.Client, Samples.Server, maxSegmentSize);
                if (split >= 0)
                {
                    // The whole client stream first (its ClientHello before the proxy's answer), split at one byte boundary.
                    int k = Math.Min(split, client.Length);
                    c.Send(FlowDirection.ClientToServer, client.AsSpan(0, k));
                    c.Send(FlowDirection.ClientToServer, client.AsSpan(k));
                    int j = Math.Min(split, server.Length);
                    c.Send(FlowDirection.ServerToClient, server.AsSpan(0, j));
                    c.Send(FlowDirection.ServerToClient, server.AsSpan(j));
                }
                else
                {
                    c.Send(FlowDirection.ClientToServer, client);
                    c.Send(FlowDirection.ServerToClient, server);
                }

                c.Close();
            });

            RecordingConsumer consumer = Samples.Inspect(capture, out CaptureInspectionResult result, options);
            Assert.Equal(CaptureError.None, result.Error);
            return Assert.Single(consumer.Flows);
        }

        private static void AssertTunnelled(RecordingConsumer.FlowRecord flow, byte[] clientPrefix, byte[] serverPrefix, TunnelKind kind, string target, string? requested, string? source)
        {
            Assert.Equal(TlsStartState.Started, flow.Flow.TlsState);
            Assert.Equal(TlsStartProtocol.Direct, flow.Flow.TlsProtocol);
            Assert.Equal(clientPrefix.Length, flow.Flow.ClientTlsOffset);
            Assert.Equal(serverPrefix.Length, flow.Flow.ServerTlsOffset);
            Assert.Equal(Handshake.C2S, flow.Client.ToArray());
            Assert.Equal(Handshake.S2C, flow.Server.ToArray());
            TunnelInfo tunnel = Assert.IsType<TunnelInfo>(flow.Flow.Tunnel);
            Assert.Equal(kind, tunnel.Kind);
            Assert.Equal(TunnelStatus.Tls, tunnel.Status);
            Assert.Equal(target, tunnel.GetTarget());
            Assert.Equal(requested, tunnel.RequestedHost);
            Assert.Equal(source, tunnel.HasSource ? tunnel.Source.ToString() : null);

            // The captured endpoints stay the client and the proxy.
            Assert.Equal(Samples.Client.Port, flow.Flow.Client.Port);
            Assert.Equal(Samples.Server.Port, flow.Flow.Server.Port);
        }

        [Theory]
        [MemberData(nameof(Cases))]
        public void Tls_behind_the_tunnel_is_found_with_the_target(string name, byte[] clientPrefix, byte[] serverPrefix, TunnelKind kind, string target, string? requested, string? source)
        {
            _ = name;
            byte[] client = TunnelStreams.Concat(clientPrefix, Handshake.C2S);
            byte[] server = TunnelStreams.Concat(serverPrefix, Handshake.S2C);
            AssertTunnelled(Run(client, server), clientPrefix, serverPrefix, kind, target, requested, source);
        }

        [Theory]
        [MemberData(nameof(Cases))]
        public void A_one_byte_trickle_gives_the_same(string name, byte[] clientPrefix, byte[] serverPrefix, TunnelKind kind, string target, string? requested, string? source)
        {
            _ = name;
            byte[] client = TunnelStreams.Concat(clientPrefix, Handshake.C2S.AsSpan(0, 64).ToArray());
            byte[] server = TunnelStreams.Concat(serverPrefix, Handshake.S2C.AsSpan(0, 64).ToArray());
            RecordingConsumer.FlowRecord flow = Run(client, server, maxSegmentSize: 1);
            Assert.Equal(TlsStartState.Started, flow.Flow.TlsState);
            Assert.Equal(clientPrefix.Length, flow.Flow.ClientTlsOffset);
            Assert.Equal(serverPrefix.Length, flow.Flow.ServerTlsOffset);
            Assert.Equal(Handshake.C2S.AsSpan(0, 64).ToArray(), flow.Client.ToArray());
            Assert.Equal(kind, flow.Flow.Tunnel!.Kind);
            Assert.Equal(target, flow.Flow.Tunnel.GetTarget());
            Assert.Equal(requested, flow.Flow.Tunnel.RequestedHost);
            Assert.Equal(source, flow.Flow.Tunnel.HasSource ? flow.Flow.Tunnel.Source.ToString() : null);
        }

        [Theory]
        [MemberData(nameof(Cases))]
        public void A_split_at_every_byte_boundary_gives_the_same(string name, byte[] clientPrefix, byte[] serverPrefix, TunnelKind kind, string target, string? requested, string? source)
        {
            _ = name;
            byte[] client = TunnelStreams.Concat(clientPrefix, Handshake.C2S);
            byte[] server = TunnelStreams.Concat(serverPrefix, Handshake.S2C);
            for (int split = 0; split <= clientPrefix.Length + 6; split++)
            {
                AssertTunnelled(Run(client, server, split: split), clientPrefix, serverPrefix, kind, target, requested, source);
            }
        }

        [Fact]
        public void A_407_then_a_second_connect_with_credentials_opens_the_tunnel()
        {
            string body = "<html>auth</html>";
            byte[] first = TunnelStreams.Ascii("CONNECT tools.cisco.com:443 HTTP/1.1\r\nHost: tools.cisco.com:443\r\n\r\n");
            byte[] refusal = TunnelStreams.Ascii("HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm=\"p\"\r\nContent-Length: " + body.Length + "\r\n\r\n" + body);
            byte[] second = TunnelStreams.Ascii("CONNECT tools.cisco.com:443 HTTP/1.1\r\nHost: tools.cisco.com:443\r\nProxy-Authorization: Basic YWxpY2U6czNjcmV0\r\n\r\n");
            byte[] ok = TunnelStreams.Ascii("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.0 200 OK\r\n\r\n");
            byte[] capture = Samples.Capture(w =>
            {
                PcapTcpConnection c = w.OpenTcpConnection(Samples.Client, Samples.Server);
                c.Send(FlowDirection.ClientToServer, first);
                c.Send(FlowDirection.ServerToClient, refusal);
                c.Send(FlowDirection.ClientToServer, second);
                c.Send(FlowDirection.ServerToClient, ok);
                c.Send(FlowDirection.ClientToServer, Handshake.C2S);
                c.Send(FlowDirection.ServerToClient, Handshake.S2C);
                c.Close();
            });
            RecordingConsumer.FlowRecord flow = Assert.Single(Samples.Inspect(capture, out _).Flows);
            Assert.Equal(TlsStartState.Started, flow.Flow.TlsState);
            Assert.Equal(first.Length + second.Length, flow.Flow.ClientTlsOffset);
            Assert.Equal(refusal.Length + ok.Length, flow.Flow.ServerTlsOffset);
            Assert.Equal(Handshake.S2C, flow.Server.ToArray());
            Assert.Equal(200, flow.Flow.Tunnel!.ReplyCode);
            Assert.Equal(TunnelStatus.Tls, flow.Flow.Tunnel.Status);
        }

        [Fact]
        public void A_refused_connect_is_reported_refused_and_not_tls()
        {
            (byte[] client, _) = TunnelStreams.HttpConnect("blocked.example:443");
            RecordingConsumer.FlowRecord flow = Run(client, TunnelStreams.Ascii("HTTP/1.1 403 Forbidden\r\nConnection: close\r\n\r\n"));
            Assert.Equal(TlsStartState.NotTls, flow.Flow.TlsState);
            Assert.Equal(TunnelStatus.Refused, flow.Flow.Tunnel!.Status);
            Assert.Equal(403, flow.Flow.Tunnel.ReplyCode);
            Assert.Equal("blocked.example:443", flow.Flow.Tunnel.GetTarget());
        }

        [Fact]
        public void A_tunnel_to_a_non_tls_service_is_reported_as_such_not_as_an_error()
        {
            (byte[] connect, byte[] ok) = TunnelStreams.HttpConnect("mail.example:25");
            byte[] capture = Samples.Capture(w =>
            {
                PcapTcpConnection c = w.OpenTcpConnection(Samples.Client, Samples.Server);
                c.Send(FlowDirection.ClientToServer, connect);
                c.Send(FlowDirection.ServerToClient, ok);
                c.Send(FlowDirection.ServerToClient, TunnelStreams.Ascii("220 mail.example ESMTP\r\n"));
                c.Send(FlowDirection.ClientToServer, TunnelStreams.Ascii("EHLO client\r\n"));
                c.Close();
            });
            var inspector = new CaptureInspector(new RecordingConsumer());
            using var reader = CaptureReader.Open(new MemoryStream(capture));
            CaptureInspectionResult result = inspector.Inspect(reader);
            Assert.Equal(CaptureError.None, result.Error);
            Assert.Equal(1, result.Statistics.Tunnels);
            Assert.Equal(1, result.Statistics.TunnelsToNonTlsServices);
            Assert.Equal(0, result.Statistics.TlsFlows);

            RecordingConsumer.FlowRecord flow = Run(TunnelStreams.Concat(TunnelStreams.Socks5("h.example", null, 80).Client, TunnelStreams.Ascii("GET / HTTP/1.1\r\n\r\n")), TunnelStreams.Socks5("h.example", null, 80).Server);
            Assert.Equal(TlsStartState.NotTls, flow.Flow.TlsState);
            Assert.Equal(TunnelStatus.NotTls, flow.Flow.Tunnel!.Status);
            Assert.Equal(TunnelErrorCode.None, flow.Flow.Tunnel.Error.Code);
        }

        [Fact]
        public void A_socks5_rejection_and_a_failed_password_are_refusals()
        {
            (byte[] client, byte[] server) = TunnelStreams.Socks5("tools.cisco.com", null, 443, reply: 5);
            RecordingConsumer.FlowRecord refused = Run(TunnelStreams.Concat(client, Handshake.C2S), server);
            Assert.Equal(TunnelStatus.Refused, refused.Flow.Tunnel!.Status);
            Assert.Equal(5, refused.Flow.Tunnel.ReplyCode);
            Assert.Equal(TlsStartState.NotTls, refused.Flow.TlsState);

            (byte[] c2, _) = TunnelStreams.Socks5("tools.cisco.com", null, 443, password: true);
            RecordingConsumer.FlowRecord failed = Run(c2, new byte[] { 5, 2, 1, 1 });
            Assert.Equal(TunnelStatus.Refused, failed.Flow.Tunnel!.Status);
        }

        [Fact]
        public void A_malformed_socks5_reply_is_invalid_with_its_stream_offset()
        {
            (byte[] client, _) = TunnelStreams.Socks5("tools.cisco.com", null, 443);
            RecordingConsumer.FlowRecord flow = Run(client, new byte[] { 5, 0, 5, 0, 0, 9, 1, 2, 3, 4, 0, 0 });
            Assert.Equal(TunnelStatus.Invalid, flow.Flow.Tunnel!.Status);
            Assert.Equal(TunnelErrorCode.UnsupportedAddressType, flow.Flow.Tunnel.Error.Code);
            Assert.Equal(5, flow.Flow.Tunnel.Error.Offset);
            Assert.Equal(FlowDirection.ServerToClient, flow.Flow.Tunnel.ErrorDirection);
        }

        [Fact]
        public void A_client_first_dialogue_that_only_looks_like_a_tunnel_still_finds_starttls()
        {
            // IMAP tag "C1" starts like CONNECT: the tunnel reader lets go after two bytes and STARTTLS is found as before.
            byte[] capture = Samples.Capture(w =>
            {
                PcapTcpConnection c = w.OpenTcpConnection(Samples.Client, new IPEndPoint(Samples.Server.Address, 143));
                c.Send(FlowDirection.ClientToServer, TunnelStreams.Ascii("C1 STARTTLS\r\n"));
                c.Send(FlowDirection.ServerToClient, TunnelStreams.Ascii("C1 OK Begin TLS negotiation now\r\n"));
                c.Send(FlowDirection.ClientToServer, Handshake.C2S);
                c.Send(FlowDirection.ServerToClient, Handshake.S2C);
                c.Close();
            });
            RecordingConsumer.FlowRecord flow = Assert.Single(Samples.Inspect(capture, out _).Flows);
            Assert.Equal(TlsStartState.Started, flow.Flow.TlsState);
            Assert.Equal(TlsStartProtocol.Imap, flow.Flow.TlsProtocol);
            Assert.Null(flow.Flow.Tunnel);
            Assert.Equal(Handshake.C2S, flow.Client.ToArray());
        }

        private static readonly byte[][] Prefixes =
        {
            TunnelStreams.HttpConnect("tools.cisco.com:443").Client, TunnelStreams.HttpConnect("tools.cisco.com:443").Server,
            TunnelStreams.Socks4a("tools.cisco.com", 443).Client, TunnelStreams.Socks4a("tools.cisco.com", 443).Server,
            TunnelStreams.Socks5("tools.cisco.com", null, 443, password: true).Client, TunnelStreams.Socks5("tools.cisco.com", null, 443, password: true).Server,
            TunnelStreams.ProxyV2(OriginalClient, Frontend, "tools.cisco.com"), Array.Empty<byte>(),
            TunnelStreams.ProxyV1(OriginalClient6, Frontend6), Array.Empty<byte>(),
        };

        /// <summary>
        /// Bit flips and truncations of the tunnel bytes, in both directions, split at a random byte: the inspector never
        /// throws, keeps its call-order promises (the recording consumer checks them) and ends every flow decided.
        /// </summary>
        [FsCheck.Xunit.Property(MaxTest = 200)]
        public Property Corrupted_or_truncated_negotiations_never_throw()
        {
            Gen<(int, (int, byte)[], int, int)> gen =
                from which in Gen.Choose(0, (Prefixes.Length / 2) - 1)
                from flips in Gen.ArrayOf(Gen.Choose(0, 1000).Zip(ArbMap.Default.GeneratorFor<byte>()))
                from cut in Gen.Choose(0, 1000)
                from split in Gen.Choose(0, 200)
                select (which, flips, cut, split);
            return Prop.ForAll(Arb.From(gen), m =>
            {
                (int which, (int At, byte Value)[] flips, int cut, int split) = m;
                byte[] client = TunnelStreams.Concat(Prefixes[2 * which], Handshake.C2S);
                byte[] server = TunnelStreams.Concat(Prefixes[(2 * which) + 1], Handshake.S2C);
                int negotiation = Prefixes[2 * which].Length + Prefixes[(2 * which) + 1].Length;
                foreach ((int at, byte value) in flips)
                {
                    int i = at % Math.Max(1, negotiation);
                    if (i < Prefixes[2 * which].Length)
                    {
                        client[i] = value;
                    }
                    else if (i - Prefixes[2 * which].Length < server.Length)
                    {
                        server[i - Prefixes[2 * which].Length] = value;
                    }
                }

                client = client.AsSpan(0, Math.Min(client.Length, Prefixes[2 * which].Length + cut)).ToArray();
                RecordingConsumer.FlowRecord flow = Run(client, server, split: split);
                return flow.Ended && flow.Flow.TlsState != TlsStartState.Undetermined
                    && (flow.Flow.TlsState != TlsStartState.Started || flow.Flow.Tunnel is null || flow.Flow.Tunnel.Status == TunnelStatus.Tls);
            });
        }

        [Fact]
        public void Direct_tls_has_no_tunnel()
        {
            RecordingConsumer.FlowRecord flow = Run(Handshake.C2S, Handshake.S2C);
            Assert.Equal(TlsStartState.Started, flow.Flow.TlsState);
            Assert.Null(flow.Flow.Tunnel);
        }

        [Fact]
        public void A_negotiation_longer_than_the_limit_is_given_up_boundedly()
        {
            byte[] huge = TunnelStreams.Ascii("CONNECT a.example:443 HTTP/1.1\r\n" + string.Concat(Enumerable.Repeat("X-Pad: " + new string('a', 100) + "\r\n", 100)) + "\r\n");
            RecordingConsumer.FlowRecord flow = Run(huge, Array.Empty<byte>(), options: CaptureInspectorOptions.Default with { MaxPreTlsBytes = 4096 });
            Assert.Equal(TlsStartState.NotTls, flow.Flow.TlsState);
            Assert.Null(flow.Flow.Tunnel);
        }
    }
}
