using System.Collections.Generic;
using System.Net;
using Tsid.Capture;
using Tsid.Capture.Tests.Support;
using Tsid.Identity;
using Tsid.Inspection.Tests.Support;
using Tsid.Policy;
using Xunit;

namespace Tsid.Inspection.Tests
{
    /// <summary>The recorded no-SNI Cisco-like handshake behind tunnels: the target feeds the resolver, PROXY's client feeds the policy.</summary>
    public class TunnelInspectionTests
    {
        private static readonly IPEndPoint Proxy = new(IPAddress.Parse("192.0.2.80"), 3128);
        private static readonly IPEndPoint OriginalClient = new(IPAddress.Parse("203.0.113.7"), 56324);

        private static byte[] Tunnelled(byte[] clientPrefix, byte[] serverPrefix, IPEndPoint server)
        {
            (byte[] c2s, byte[] s2c) = Captures.Recording(Captures.Tls12NoSniCiscoChain3);
            return Captures.Make(w => w.WriteTcpConnection(Captures.Client(1), server, TunnelStreams.Concat(clientPrefix, c2s), TunnelStreams.Concat(serverPrefix, s2c)));
        }

        [Fact]
        public void HintAware_names_the_connect_target_and_Firepower_still_the_first_san()
        {
            (byte[] connect, byte[] ok) = TunnelStreams.HttpConnect("tools.cisco.com:443");
            byte[] capture = Tunnelled(connect, ok, Proxy);

            ConnectionRecord hintAware = Assert.Single(Captures.Records(capture, new InspectionOptions { Resolver = ServerIdentityPresets.HintAware }, out InspectionSummary summary));
            Assert.Equal("tools.cisco.com", hintAware.Identity.Name);
            Assert.Equal(IdentitySource.ProxyTargetHint, hintAware.Identity.Source);
            Assert.Null(hintAware.ServerName);
            Assert.Equal(3, hintAware.Certificates.Count);
            Assert.Equal(TunnelKind.HttpConnect, hintAware.Tunnel!.Kind);
            Assert.Equal("tools.cisco.com:443", hintAware.Tunnel.GetTarget());
            Assert.Equal("192.0.2.80:3128", hintAware.Server.ToString());
            Assert.Equal(Captures.Client(1).ToString(), hintAware.Client.ToString());
            Assert.Empty(hintAware.Errors);
            Assert.Equal(1, summary.Capture.Statistics.Tunnels);

            ConnectionRecord firepower = Assert.Single(Captures.Records(capture, new InspectionOptions { Resolver = ServerIdentityPresets.Firepower }, out _));
            Assert.Equal("toos.cisco.com", firepower.Identity.Name);
            Assert.Equal(IdentitySource.FirstSubjectAltName, firepower.Identity.Source);
        }

        [Fact]
        public void The_proxy_protocol_client_is_the_policy_source_and_the_proxy_target_a_policy_fact()
        {
            AccessPolicy policy = new PolicyBuilder()
                .Rule("FROM_ORIGINAL_CLIENT", r => r.FromNetwork("203.0.113.0/24").ToProxyTarget("tools.cisco.com", Dialect.Exact).Allow())
                .Default(PolicyAction.Block)
                .Build();
            IPEndPoint frontend = new(IPAddress.Parse("198.51.100.38"), 443);
            byte[] capture = Tunnelled(TunnelStreams.ProxyV2(OriginalClient, frontend, "tools.cisco.com"), System.Array.Empty<byte>(), Captures.Server);

            var seen = new List<string>();
            new ConnectionInspector(new InspectionOptions { Resolver = ServerIdentityPresets.HintAware, Policy = policy }).Inspect(
                new System.IO.MemoryStream(capture),
                (in InspectedConnection c) =>
                {
                    seen.Add(new IPAddress(c.Facts.SourceAddress).ToString() + ":" + c.Facts.SourcePort);
                    Assert.Equal("tools.cisco.com", c.Facts.ProxyTarget.ToString());
                    Assert.Equal(PolicyAction.Allow, c.Decision.Action);
                    Assert.Equal("FROM_ORIGINAL_CLIENT", c.Decision.RuleName);
                    Assert.Equal("tools.cisco.com", c.Identity.GetName());
                    Assert.Equal(TunnelKind.ProxyV2, c.Tunnel!.Kind);
                    Assert.Equal("203.0.113.7:56324", c.Tunnel.Source.ToString());
                    Assert.Equal("198.51.100.38:443", c.Tunnel.GetTarget());
                    Assert.Equal(Captures.Client(1).ToString(), c.Client.ToString());
                });
            Assert.Equal(new[] { "203.0.113.7:56324" }, seen);
        }

        [Fact]
        public void Without_a_tunnel_the_record_has_none_and_the_source_is_the_captured_client()
        {
            byte[] capture = Captures.Make(w => Captures.Connection(w, Captures.Client(2), Captures.Tls12SniAlpn));
            ConnectionRecord record = Assert.Single(Captures.Records(capture, null, out _));
            Assert.Null(record.Tunnel);
        }
    }
}
