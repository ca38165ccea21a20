using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Tsid.Fingerprints;
using Tsid.Policy;
using Tsid.Tls;
using Xunit;

namespace Tsid.Samples.AspNetCoreFingerprints.Tests
{
    /// <summary>Real HttpClient connections to the sample: what the endpoint reports equals what the client sent.</summary>
    public sealed class FingerprintEndpointTests
    {
        [Fact]
        public async Task Http2_with_sni_reports_the_sni_alpn_and_the_ja4_of_the_bytes_the_client_sent()
        {
            await using RunningApp app = await RunningApp.StartAsync();
            using HttpClient client = app.CreateClient(HttpVersion.Version20, out WireRecorder wire);

            FingerprintResponse response = await app.GetFingerprintAsync(client, "fingerprints.test");

            Assert.Equal("HTTP/2", response.Protocol);
            Assert.Equal("Parsed", response.Status);
            Assert.Equal("fingerprints.test", response.Sni);
            Assert.Equal(new[] { "h2" }, response.AlpnOffered);          // RequestVersionExact 2.0 offers h2 alone
            Assert.Equal("h2", response.AlpnNegotiated);

            // Independently: the ClientHello as the client wrote it (teed below TLS), fingerprinted by the library.
            Assert.Equal(1, wire.ConnectionCount);
            byte[] sent = wire.ClientBytes(0);
            Assert.True(ClientHello.TryParseRecord(sent, out ClientHello hello, out TlsError error), error.ToString());
            Assert.True(hello.TryGetServerName(out ReadOnlySpan<byte> sni));
            Assert.Equal("fingerprints.test", System.Text.Encoding.ASCII.GetString(sni));
            Assert.Equal(Ja4.GetString(in hello, HandshakeProtocol.Tls), response.Ja4);
            Assert.Equal(Ja3.GetHashString(in hello), response.Ja3);

            // And the JA4's clear part against what the client was configured to send: TLS 1.3 offered, SNI (d), ALPN h2.
            Assert.StartsWith("t13d", response.Ja4);
            Assert.Equal("h2", response.Ja4!.Substring(8, 2));
            Assert.Matches("^t13d[0-9]{4}h2_[0-9a-f]{12}_[0-9a-f]{12}$", response.Ja4);

            LogEntry line = Assert.Single(await app.Logs.WaitForClientHelloLinesAsync(1));
            Assert.Equal("Parsed", line["Status"]?.ToString());
            Assert.Equal("fingerprints.test", line["Sni"]);
            Assert.Equal(response.Ja4, line["Ja4"]);
            Assert.Equal(response.Ja3, line["Ja3"]);
            Assert.Equal("h2", line["Alpn"]);
            Assert.Equal("Allow", line["Verdict"]?.ToString());
            Assert.Equal(sent.Length >= 5 ? 5 + ((sent[3] << 8) | sent[4]) : -1, line["RecordLength"]);
        }

        [Fact]
        public async Task Http11_to_an_ip_literal_sends_no_sni_and_no_alpn_and_the_ja4_says_i_and_00()
        {
            await using RunningApp app = await RunningApp.StartAsync();
            using HttpClient client = app.CreateClient(HttpVersion.Version11, out WireRecorder wire);

            FingerprintResponse response = await app.GetFingerprintAsync(client, "127.0.0.1");

            Assert.Equal("HTTP/1.1", response.Protocol);
            Assert.Equal("Parsed", response.Status);
            Assert.Null(response.Sni);
            Assert.Empty(response.AlpnOffered);       // SocketsHttpHandler sends no ALPN for HTTP/1.1 only
            Assert.Null(response.AlpnNegotiated);

            byte[] sent = wire.ClientBytes(0);
            Assert.True(ClientHello.TryParseRecord(sent, out ClientHello hello, out TlsError error), error.ToString());
            Assert.False(hello.HasServerName);
            Assert.False(hello.TryGetAlpn(out _));
            Assert.Equal(Ja4.GetString(in hello, HandshakeProtocol.Tls), response.Ja4);
            Assert.StartsWith("t13i", response.Ja4);
            Assert.Equal("00", response.Ja4!.Substring(8, 2));

            LogEntry line = Assert.Single(await app.Logs.WaitForClientHelloLinesAsync(1));
            Assert.Null(line["Sni"]);
            Assert.Equal(string.Empty, line["Alpn"]);
            Assert.Equal(response.Ja4, line["Ja4"]);
        }

        [Fact]
        public async Task Http11_with_sni_and_alpn_http11_reports_h1_in_the_ja4()
        {
            await using RunningApp app = await RunningApp.StartAsync();
            using HttpClient client = app.CreateClient(HttpVersion.Version11, out WireRecorder wire, offerHttp11Alpn: true);

            // TLS by SslStream in the ConnectCallback (SNI fingerprints.test, ALPN http/1.1), HTTP/1.1 by HttpClient over it.
            FingerprintResponse response = await app.GetFingerprintAsync(client, "fingerprints.test", scheme: "http");

            Assert.Equal("HTTP/1.1", response.Protocol);
            Assert.Equal("fingerprints.test", response.Sni);
            Assert.Equal(new[] { "http/1.1" }, response.AlpnOffered);
            Assert.Equal("http/1.1", response.AlpnNegotiated);

            Assert.True(ClientHello.TryParseRecord(wire.ClientBytes(0), out ClientHello hello, out TlsError error), error.ToString());
            Assert.Equal(Ja4.GetString(in hello, HandshakeProtocol.Tls), response.Ja4);
            Assert.Equal(Ja3.GetHashString(in hello), response.Ja3);
            Assert.StartsWith("t13d", response.Ja4);
            Assert.Equal("h1", response.Ja4!.Substring(8, 2));
        }

        [Fact]
        public async Task Every_request_on_one_connection_reads_the_same_connection_feature()
        {
            await using RunningApp app = await RunningApp.StartAsync();
            using HttpClient client = app.CreateClient(HttpVersion.Version20, out WireRecorder wire, reuseConnections: true);

            FingerprintResponse first = await app.GetFingerprintAsync(client, "fingerprints.test");
            FingerprintResponse second = await app.GetFingerprintAsync(client, "fingerprints.test");

            Assert.Equal(1, wire.ConnectionCount);                 // one ClientHello ...
            Assert.Equal(first.Ja4, second.Ja4);                   // ... read by both requests (HTTP/2 streams)
            Assert.Equal("fingerprints.test", second.Sni);
            Assert.Single(await app.Logs.WaitForClientHelloLinesAsync(1));
        }
    }
}
