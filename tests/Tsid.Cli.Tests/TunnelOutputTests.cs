using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Text.Json;
using Tsid.Capture;
using Tsid.Capture.Tests.Support;
using Xunit;

namespace Tsid.Cli.Tests
{
    /// <summary>
    /// <c>tunnel</c> in the JSON Lines and the table's TUNNEL column, on docs/captures/tunnels.pcap: recorded handshakes behind
    /// CONNECT, SOCKS 5 and PROXY v1, and a CONNECT tunnel to SMTP. The committed file is checked to be what this test builds.
    /// </summary>
    public sealed class TunnelOutputTests
    {
        private static readonly DateTimeOffset Start = new(2026, 12, 1, 19, 21, 40, TimeSpan.Zero);

        /// <summary>The capture of docs/cli.md and docs/tunnels.md, deterministic (fixed times and sequence numbers).</summary>
        public static byte[] BuildCapture()
        {
            (byte[] Client, byte[] Server) Rec(string name)
            {
                string path = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Tls", name);
                return (File.ReadAllBytes(path + ".c2s.bin"), File.ReadAllBytes(path + ".s2c.bin"));
            }

            (byte[] cisco, byte[] ciscoServer) = Rec("tls12-nosni-cisco-chain3");
            (byte[] sni, byte[] sniServer) = Rec("tls12-sni-alpn");
            using var memory = new MemoryStream();
            using (var writer = new PcapWriter(memory, PcapWriterOptions.Default with { StartTime = Start, LeaveOpen = true }))
            {
                var httpProxy = new IPEndPoint(IPAddress.Parse("192.0.2.80"), 3128);
                (byte[] connect, byte[] ok) = TunnelStreams.HttpConnect("tools.cisco.com:443");
                writer.WriteTcpConnection(new IPEndPoint(IPAddress.Parse("10.12.1.20"), 50001), httpProxy, TunnelStreams.Concat(connect, cisco), TunnelStreams.Concat(ok, ciscoServer));

                (byte[] socks, byte[] socksOk) = TunnelStreams.Socks5("tools.cisco.com", null, 443);
                writer.WriteTcpConnection(new IPEndPoint(IPAddress.Parse("10.12.1.21"), 50002), new IPEndPoint(IPAddress.Parse("192.0.2.80"), 1080), TunnelStreams.Concat(socks, cisco), TunnelStreams.Concat(socksOk, ciscoServer));

                byte[] proxy = TunnelStreams.ProxyV1(new IPEndPoint(IPAddress.Parse("203.0.113.7"), 56324), new IPEndPoint(IPAddress.Parse("198.51.100.38"), 443));
                writer.WriteTcpConnection(new IPEndPoint(IPAddress.Parse("10.0.0.5"), 41000), new IPEndPoint(IPAddress.Parse("10.0.0.9"), 443), TunnelStreams.Concat(proxy, sni), sniServer);

                (byte[] smtp, byte[] smtpOk) = TunnelStreams.HttpConnect("mail.example:25");
                writer.WriteTcpConnection(new IPEndPoint(IPAddress.Parse("10.12.1.22"), 50003), httpProxy, TunnelStreams.Concat(smtp, TunnelStreams.Ascii("EHLO client\r\n")), TunnelStreams.Concat(smtpOk, TunnelStreams.Ascii("220 mail.example ESMTP\r\n")));
            }

            return memory.ToArray();
        }

        private static string RepositoryFile(string relative)
        {
            string? directory = AppContext.BaseDirectory;
            while (directory is not null && !File.Exists(Path.Combine(directory, "Tsid.Core.sln")))
            {
                directory = Path.GetDirectoryName(directory);
            }

            Assert.NotNull(directory);
            return Path.Combine(directory!, relative);
        }

        [Fact]
        public void The_committed_docs_capture_is_the_one_this_test_builds()
        {
            // To regenerate it after a change here: TSID_WRITE_DOCS_CAPTURE=1 dotnet test --filter TunnelOutputTests.
            if (Environment.GetEnvironmentVariable("TSID_WRITE_DOCS_CAPTURE") == "1")
            {
                File.WriteAllBytes(RepositoryFile(Path.Combine("docs", "captures", "tunnels.pcap")), BuildCapture());
            }

            Assert.Equal(BuildCapture(), File.ReadAllBytes(RepositoryFile(Path.Combine("docs", "captures", "tunnels.pcap"))));
        }

        [Fact]
        public void Json_lines_show_the_tunnel_with_its_kind_target_and_the_proxy_protocol_source()
        {
            string path = RepositoryFile(Path.Combine("docs", "captures", "tunnels.pcap"));
            TsidProcess.Result result = TsidProcess.Run("inspect", path, "--format", "json", "--preset", "hint-aware");
            Assert.Equal(0, result.ExitCode);
            List<JsonElement> lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
            Assert.Equal(3, lines.Count);

            JsonElement connect = lines.Single(l => l.GetProperty("client").GetString() == "10.12.1.20:50001");
            JsonElement tunnel = connect.GetProperty("tunnel");
            Assert.Equal(new[] { "kind", "target" }, tunnel.EnumerateObject().Select(p => p.Name));
            Assert.Equal("http_connect", tunnel.GetProperty("kind").GetString());
            Assert.Equal("tools.cisco.com:443", tunnel.GetProperty("target").GetString());
            Assert.Equal("192.0.2.80:3128", connect.GetProperty("server").GetString());
            Assert.Equal("tools.cisco.com", connect.GetProperty("identity").GetProperty("name").GetString());
            Assert.Equal("proxy_target_hint", connect.GetProperty("identity").GetProperty("source").GetString());

            JsonElement socks = lines.Single(l => l.GetProperty("client").GetString() == "10.12.1.21:50002").GetProperty("tunnel");
            Assert.Equal("socks5", socks.GetProperty("kind").GetString());
            Assert.Equal("tools.cisco.com:443", socks.GetProperty("target").GetString());

            JsonElement proxied = lines.Single(l => l.GetProperty("client").GetString() == "10.0.0.5:41000");
            JsonElement proxy = proxied.GetProperty("tunnel");
            Assert.Equal(new[] { "kind", "target", "source" }, proxy.EnumerateObject().Select(p => p.Name));
            Assert.Equal("proxy_v1", proxy.GetProperty("kind").GetString());
            Assert.Equal("198.51.100.38:443", proxy.GetProperty("target").GetString());
            Assert.Equal("203.0.113.7:56324", proxy.GetProperty("source").GetString());
            Assert.Equal("10.0.0.9:443", proxied.GetProperty("server").GetString());
            Assert.Contains("tunnels: 4", result.Stderr, StringComparison.Ordinal);
            Assert.Contains("1 to non-TLS services", result.Stderr, StringComparison.Ordinal);
        }

        [Fact]
        public void Direct_tls_has_a_null_tunnel_and_the_table_a_tunnel_column()
        {
            string path = RepositoryFile(Path.Combine("docs", "captures", "tunnels.pcap"));
            TsidProcess.Result table = TsidProcess.Run("inspect", path, "--preset", "hint-aware");
            Assert.Equal(0, table.ExitCode);
            string[] rows = table.Stdout.Split('\n');
            Assert.Contains("TUNNEL", rows[0], StringComparison.Ordinal);
            Assert.Contains(rows, r => r.StartsWith("10.12.1.20:50001", StringComparison.Ordinal) && r.Contains("http_connect tools.cisco.com:443", StringComparison.Ordinal));
            Assert.Contains(rows, r => r.StartsWith("10.0.0.5:41000", StringComparison.Ordinal) && r.Contains("proxy_v1 from 203.0.113.7:56324", StringComparison.Ordinal));

            string direct = Path.Combine(Path.GetTempPath(), "tsid-direct-" + Guid.NewGuid().ToString("N") + ".pcap");
            try
            {
                string fixtures = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Tls", "tls12-sni-alpn");
                using (FileStream file = File.Create(direct))
                using (var writer = new PcapWriter(file))
                {
                    writer.WriteTcpConnection(new IPEndPoint(IPAddress.Parse("10.12.1.30"), 50030), new IPEndPoint(IPAddress.Parse("198.51.100.38"), 443), File.ReadAllBytes(fixtures + ".c2s.bin"), File.ReadAllBytes(fixtures + ".s2c.bin"));
                }

                TsidProcess.Result json = TsidProcess.Run("inspect", direct, "--format", "json");
                Assert.Equal(JsonValueKind.Null, JsonDocument.Parse(json.Stdout.Trim()).RootElement.GetProperty("tunnel").ValueKind);
            }
            finally
            {
                File.Delete(direct);
            }
        }
    }
}
