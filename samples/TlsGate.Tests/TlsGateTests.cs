using System;
using System.Diagnostics;
using System.IO;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Tsid.Samples.TlsGate.Tests.Support;
using Xunit;

namespace Tsid.Samples.TlsGate.Tests
{
    /// <summary>
    /// The gateway on loopback with real SslStream clients and servers, the sample's own gate.policy (the seed's policy) and
    /// its log lines: the seed case under two presets, TLS 1.3 by SNI, chunking, a post-quantum-sized hello, and the bounds.
    /// </summary>
    public class TlsGateTests
    {
        private const int Timeout = 30_000;

        private static string? Str(JsonElement e, string a, string? b = null)
        {
            JsonElement v = e.GetProperty(a);
            if (b is not null)
            {
                v = v.GetProperty(b);
            }

            return v.ValueKind == JsonValueKind.Null ? null : v.GetString();
        }

        /// <summary>Waits (bounded) for a condition another thread makes true: the upstream counts its accept after the gateway's connect returns.</summary>
        private static async Task<bool> Eventually(Func<bool> condition)
        {
            var clock = Stopwatch.StartNew();
            while (!condition() && clock.Elapsed < TimeSpan.FromSeconds(10))
            {
                await Task.Delay(10);
            }

            return condition();
        }

        [Fact(Timeout = Timeout)]
        public async Task Tls12_without_SNI_to_the_Cisco_certificate_is_blocked_under_Firepower_before_the_client_finishes()
        {
            await using var upstream = new UpstreamServer(SslProtocols.Tls12);
            await using Gateway gate = await Gateway.StartAsync(upstream.Port, o => o.Preset = "firepower");

            Exception e = await Assert.ThrowsAnyAsync<Exception>(() => gate.RoundTripAsync(string.Empty, SslProtocols.Tls12));
            Assert.True(e is AuthenticationException or IOException, e.ToString());

            JsonElement line = await gate.Log.NextAsync();
            Assert.Null(Str(line, "sni"));
            Assert.Equal("TLS 1.2", Str(line, "tls_version"));
            Assert.True(line.GetProperty("certificate_visible").GetBoolean());
            Assert.Equal("toos.cisco.com", Str(line, "identity", "name"));
            Assert.Equal("first_subject_alt_name", Str(line, "identity", "source"));
            Assert.Equal("firepower", Str(line, "identity", "preset"));
            Assert.Equal("block", Str(line, "verdict", "action"));
            Assert.Equal("security_intelligence", Str(line, "verdict", "stage"));
            Assert.Equal("SI_BLOCK_CUSTOM", Str(line, "verdict", "rule"));
            Assert.Equal("blocked", Str(line, "gate", "outcome"));
            Assert.Equal("server_certificate", Str(line, "gate", "decided_at"));

            // The upstream was reached (there is no name before its certificate), but its handshake never completed: the
            // client never saw the server's flight, so it never sent its Finished, let alone data.
            Assert.True(await Eventually(() => upstream.Accepted == 1));
            Assert.Equal(0, upstream.Handshakes);
        }

        [Fact(Timeout = Timeout)]
        public async Task Tls12_without_SNI_is_allowed_under_HintAware_when_the_gateway_knows_the_upstream_as_tools_cisco_com()
        {
            await using var upstream = new UpstreamServer(SslProtocols.Tls12);
            await using Gateway gate = await Gateway.StartAsync(upstream.Port, o =>
            {
                o.Preset = "hint-aware";
                o.UpstreamDnsName = "tools.cisco.com";
            });

            Assert.Equal("ping", await gate.RoundTripAsync(string.Empty, SslProtocols.Tls12));

            JsonElement line = await gate.Log.NextAsync();
            Assert.Null(Str(line, "sni"));
            Assert.Equal("tools.cisco.com", line.GetProperty("dns_hints")[0].GetString());
            Assert.Equal("tools.cisco.com", Str(line, "identity", "name"));
            Assert.Equal("dns_hint", Str(line, "identity", "source"));
            Assert.Equal("allow", Str(line, "verdict", "action"));
            Assert.Equal("ALLOW_FMC_ASA_SNT_CISCO", Str(line, "verdict", "rule"));
            Assert.Equal("smart-licensing", Str(line, "verdict", "tag"));
            Assert.Equal("relayed", Str(line, "gate", "outcome"));
            Assert.Equal("server_certificate", Str(line, "gate", "decided_at"));
            Assert.True(line.GetProperty("gate").GetProperty("server_bytes").GetInt64() > 300);
            Assert.Equal(1, upstream.Handshakes);
        }

        [Fact(Timeout = Timeout)]
        public async Task Tls13_with_an_allowed_SNI_is_relayed_and_decided_at_the_ServerHello()
        {
            await using var upstream = new UpstreamServer(SslProtocols.Tls13);
            await using Gateway gate = await Gateway.StartAsync(upstream.Port);

            Assert.Equal("hello through the gate", await gate.RoundTripAsync("tools.cisco.com", SslProtocols.Tls13, message: "hello through the gate"));

            JsonElement line = await gate.Log.NextAsync();
            Assert.Equal("tools.cisco.com", Str(line, "sni"));
            Assert.Equal("TLS 1.3", Str(line, "tls_version"));
            Assert.False(line.GetProperty("certificate_visible").GetBoolean());
            Assert.Equal("encrypted_tls13", Str(line, "certificate_visibility"));
            Assert.Equal("sni", Str(line, "identity", "source"));
            Assert.Equal("allow", Str(line, "verdict", "action"));
            Assert.Equal("tools.cisco.com", Str(line, "verdict", "matched_name"));
            Assert.Equal("server_hello", Str(line, "gate", "decided_at"));
            Assert.Equal("relayed", Str(line, "gate", "outcome"));
            Assert.StartsWith("t13d", Str(line, "ja4"));
        }

        [Fact(Timeout = Timeout)]
        public async Task Tls13_with_a_blocked_SNI_is_closed_on_the_ClientHello_without_reaching_the_upstream()
        {
            await using var upstream = new UpstreamServer(SslProtocols.Tls13);
            await using Gateway gate = await Gateway.StartAsync(upstream.Port);

            Exception e = await Assert.ThrowsAnyAsync<Exception>(() => gate.RoundTripAsync("toos.cisco.com", SslProtocols.Tls13));
            Assert.True(e is AuthenticationException or IOException, e.ToString());

            JsonElement line = await gate.Log.NextAsync();
            Assert.Equal("toos.cisco.com", Str(line, "sni"));
            Assert.Null(Str(line, "tls_version"));
            Assert.Equal("block", Str(line, "verdict", "action"));
            Assert.Equal("SI_BLOCK_CUSTOM", Str(line, "verdict", "rule"));
            Assert.Equal("client_hello", Str(line, "gate", "decided_at"));
            Assert.Equal(0, line.GetProperty("gate").GetProperty("server_bytes").GetInt64());
            Assert.Equal(0, upstream.Accepted);
        }

        [Fact(Timeout = Timeout)]
        public async Task Without_the_early_verdict_a_blocked_TLS13_SNI_is_decided_at_the_ServerHello_and_nothing_of_the_server_is_relayed()
        {
            await using var upstream = new UpstreamServer(SslProtocols.Tls13);
            await using Gateway gate = await Gateway.StartAsync(upstream.Port, o => o.DecideOnClientHello = false);

            (byte[] received, bool closed) = await gate.RawAsync(RawClientHello.PostQuantum("toos.cisco.com"), TimeSpan.FromSeconds(10));

            Assert.True(closed);
            Assert.Equal(new byte[] { 0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 49 }, received);
            JsonElement line = await gate.Log.NextAsync();
            Assert.Equal("blocked", Str(line, "gate", "outcome"));
            Assert.Equal("server_hello", Str(line, "gate", "decided_at"));
            Assert.Equal("TLS 1.3", Str(line, "tls_version"));
            Assert.True(line.GetProperty("gate").GetProperty("server_bytes").GetInt64() > 90);
            Assert.True(await Eventually(() => upstream.Accepted == 1));
        }

        [Fact(Timeout = Timeout)]
        public async Task A_ClientHello_written_one_byte_at_a_time_is_read_and_relayed_unchanged()
        {
            await using var upstream = new UpstreamServer(SslProtocols.Tls13);
            await using Gateway gate = await Gateway.StartAsync(upstream.Port);
            OneByteWriteStream? wrapper = null;

            Assert.Equal("ping", await gate.RoundTripAsync("tools.cisco.com", SslProtocols.Tls13, s => wrapper = new OneByteWriteStream(s)));

            JsonElement line = await gate.Log.NextAsync();
            Assert.Equal("tools.cisco.com", Str(line, "sni"));
            Assert.Equal("relayed", Str(line, "gate", "outcome"));
            int helloBytes = line.GetProperty("gate").GetProperty("client_hello_bytes").GetInt32();
            Assert.True(helloBytes > 100, helloBytes.ToString());
            Assert.True(wrapper!.Writes >= helloBytes);
            Assert.Equal(1, upstream.Handshakes);
        }

        [Fact(Timeout = Timeout)]
        public async Task A_post_quantum_sized_ClientHello_is_read_and_the_upstream_answers_through_the_gate()
        {
            // The platform's OpenSSL 3.0 offers no X25519MLKEM768, so the test writes the hello itself.
            await using var upstream = new UpstreamServer(SslProtocols.Tls13);
            await using Gateway gate = await Gateway.StartAsync(upstream.Port);
            byte[] hello = RawClientHello.PostQuantum("tools.cisco.com");
            Assert.True(hello.Length > RawClientHello.MlKemShareLength + 150, hello.Length.ToString());

            (byte[] received, _) = await gate.RawAsync(hello, TimeSpan.FromSeconds(15), enough: 91, send: async socket =>
            {
                // Two TCP segments split inside the ML-KEM share.
                await socket.SendAsync(hello.AsMemory(0, 700), SocketFlags.None);
                await Task.Delay(50);
                await socket.SendAsync(hello.AsMemory(700), SocketFlags.None);
            });

            // The server's TLS 1.3 ServerHello (handshake record, type 2), relayed once the verdict allowed it.
            Assert.True(received.Length >= 91, received.Length.ToString());
            Assert.Equal(0x16, received[0]);
            Assert.Equal(0x02, received[5]);

            JsonElement line = await gate.Log.NextAsync();
            Assert.Equal("tools.cisco.com", Str(line, "sni"));
            Assert.Equal("h2", line.GetProperty("alpn")[0].GetString());
            Assert.Equal("TLS 1.3", Str(line, "tls_version"));
            Assert.Equal("allow", Str(line, "verdict", "action"));
            Assert.Equal(hello.Length, line.GetProperty("gate").GetProperty("client_hello_bytes").GetInt32());
        }

        [Fact(Timeout = Timeout)]
        public async Task A_post_quantum_sized_ClientHello_with_a_blocked_SNI_gets_an_access_denied_alert_and_nothing_else()
        {
            await using var upstream = new UpstreamServer(SslProtocols.Tls13);
            await using Gateway gate = await Gateway.StartAsync(upstream.Port);

            (byte[] received, bool closed) = await gate.RawAsync(RawClientHello.PostQuantum("toos.cisco.com"), TimeSpan.FromSeconds(10));

            Assert.True(closed);
            Assert.Equal(new byte[] { 0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 49 }, received);   // fatal access_denied (RFC 8446 6.2)
            JsonElement line = await gate.Log.NextAsync();
            Assert.Equal("blocked", Str(line, "gate", "outcome"));
            Assert.Equal(0, upstream.Accepted);
        }

        [Fact(Timeout = Timeout)]
        public async Task A_HelloRetryRequest_is_relayed_at_once_so_the_handshake_does_not_stall_on_the_held_flight()
        {
            // Only the ML-KEM share: the upstream (no ML-KEM) asks for x25519 with a HelloRetryRequest, which names nothing
            // and must reach the client before the server can go on.
            await using var upstream = new UpstreamServer(SslProtocols.Tls13);
            await using Gateway gate = await Gateway.StartAsync(upstream.Port);

            (byte[] received, bool closed) = await gate.RawAsync(RawClientHello.PostQuantum("tools.cisco.com", x25519Share: false), TimeSpan.FromSeconds(15), enough: 5 + 4 + 2 + 32);
            JsonElement line = await gate.Log.NextAsync();

            // RFC 8446 4.1.3: a HelloRetryRequest is a ServerHello whose random is SHA-256("HelloRetryRequest").
            byte[] hrrRandom = Convert.FromHexString("CF21AD74E59A6111BE1D8C021E65B891C2A211167ABB8C5E079E09E2C8A8339C");
            Assert.False(closed);
            Assert.True(received.Length >= 43, received.Length + " " + line.ToString());
            Assert.Equal(0x16, received[0]);
            Assert.Equal(0x02, received[5]);
            Assert.Equal(hrrRandom, received.AsSpan(11, 32).ToArray());

            // The client went away after the HRR, before the real ServerHello: only the early (SNI) verdict was made.
            Assert.Equal("tools.cisco.com", Str(line, "sni"));
            Assert.Equal("client_hello", Str(line, "gate", "decided_at"));
            Assert.True(Str(line, "gate", "outcome") is "client_closed" or "upstream_closed", line.ToString());
            Assert.True(line.GetProperty("gate").GetProperty("server_bytes").GetInt64() >= received.Length);
        }

        [Fact(Timeout = Timeout)]
        public async Task A_client_that_never_finishes_its_hello_is_closed_at_the_handshake_timeout_and_logged()
        {
            await using var upstream = new UpstreamServer(SslProtocols.Tls13);
            await using Gateway gate = await Gateway.StartAsync(upstream.Port, o => o.HandshakeTimeout = TimeSpan.FromMilliseconds(500));
            byte[] partial = RawClientHello.PostQuantum("tools.cisco.com").AsSpan(0, 300).ToArray();

            var clock = Stopwatch.StartNew();
            (byte[] received, bool closed) = await gate.RawAsync(partial, TimeSpan.FromSeconds(10));

            Assert.True(closed);
            Assert.Empty(received);
            Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(400), TimeSpan.FromSeconds(8));
            JsonElement line = await gate.Log.NextAsync();
            Assert.Equal("handshake_timeout", Str(line, "gate", "outcome"));
            Assert.Null(Str(line, "gate", "decided_at"));
            Assert.Equal(300, line.GetProperty("gate").GetProperty("client_hello_bytes").GetInt32());
            Assert.Equal(JsonValueKind.Null, line.GetProperty("verdict").ValueKind);
            Assert.Equal(0, upstream.Accepted);
        }

        [Fact(Timeout = Timeout)]
        public async Task A_hello_larger_than_the_buffer_cap_is_closed_without_buffering_more()
        {
            await using var upstream = new UpstreamServer(SslProtocols.Tls13);
            await using Gateway gate = await Gateway.StartAsync(upstream.Port, o => o.MaxClientHelloBytes = 1024);

            // The post-quantum hello is ~1.4 KB: over this gateway's cap.
            (byte[] received, bool closed) = await gate.RawAsync(RawClientHello.PostQuantum("tools.cisco.com"), TimeSpan.FromSeconds(10));

            Assert.True(closed);
            Assert.Empty(received);
            JsonElement line = await gate.Log.NextAsync();
            Assert.Equal("client_hello_too_large", Str(line, "gate", "outcome"));
            Assert.Null(Str(line, "sni"));
            Assert.Equal(0, upstream.Accepted);
        }

        [Fact(Timeout = Timeout)]
        public async Task A_client_that_is_not_TLS_is_closed_cleanly_and_logged_with_the_parse_error()
        {
            await using var upstream = new UpstreamServer(SslProtocols.Tls13);
            await using Gateway gate = await Gateway.StartAsync(upstream.Port);

            var clock = Stopwatch.StartNew();
            (byte[] received, bool closed) = await gate.RawAsync(Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nHost: tools.cisco.com\r\n\r\n"), TimeSpan.FromSeconds(10));

            Assert.True(closed);
            Assert.Empty(received);
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5));
            JsonElement line = await gate.Log.NextAsync();
            Assert.Equal("not_tls", Str(line, "gate", "outcome"));
            JsonElement error = line.GetProperty("errors")[0];
            Assert.Equal("client", error.GetProperty("direction").GetString());
            Assert.Equal(0, error.GetProperty("offset").GetInt64());
            Assert.False(string.IsNullOrEmpty(error.GetProperty("error").GetString()));
            Assert.Equal(0, upstream.Accepted);
        }

        [Fact(Timeout = Timeout)]
        public async Task An_unreachable_upstream_closes_the_client_after_its_hello_and_is_logged()
        {
            // A port nothing listens on any more: the connect is refused.
            var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
            listener.Start();
            int closedPort = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            await using Gateway gate = await Gateway.StartAsync(closedPort);

            (byte[] received, bool closed) = await gate.RawAsync(RawClientHello.PostQuantum("tools.cisco.com"), TimeSpan.FromSeconds(10));

            Assert.True(closed);
            Assert.Empty(received);
            JsonElement line = await gate.Log.NextAsync();
            Assert.Equal("upstream_unreachable", Str(line, "gate", "outcome"));
            Assert.Equal("allow", Str(line, "verdict", "action"));
            Assert.Equal(0, line.GetProperty("gate").GetProperty("client_bytes").GetInt64());
        }

        [Fact(Timeout = Timeout)]
        public async Task A_connection_over_the_concurrency_cap_is_closed_at_once_and_logged()
        {
            await using var upstream = new UpstreamServer(SslProtocols.Tls13);
            await using Gateway gate = await Gateway.StartAsync(upstream.Port, o =>
            {
                o.MaxConcurrentConnections = 1;
                o.HandshakeTimeout = TimeSpan.FromSeconds(3);
            });
            byte[] partial = RawClientHello.PostQuantum("tools.cisco.com").AsSpan(0, 10).ToArray();

            // The first connection holds the only slot until its handshake timeout.
            Task<(byte[], bool)> holder = gate.RawAsync(partial, TimeSpan.FromSeconds(10));
            Assert.True(await Eventually(() => gate.Instance.ActiveConnections == 1));
            (byte[] received, bool closed) = await gate.RawAsync(partial, TimeSpan.FromSeconds(2));

            Assert.True(closed);
            Assert.Empty(received);
            JsonElement first = await gate.Log.NextAsync();
            Assert.Equal("over_capacity", Str(first, "gate", "outcome"));
            await holder;
            JsonElement second = await gate.Log.NextAsync();
            Assert.Equal("handshake_timeout", Str(second, "gate", "outcome"));
        }
    }
}
