using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Text.Json;
using Tsid.Capture;
using Tsid.Tests.Support;
using Xunit;

namespace Tsid.Cli.Tests
{
    /// <summary>
    /// The transport fields of docs/cli.md on every record: <c>transport</c> (<c>tcp</c>/<c>udp</c>), <c>protocol</c>
    /// (<c>tls</c>/<c>dtls</c>/<c>quic</c>) and <c>quic_version</c> (null unless QUIC); and the table's PROTOCOL column.
    /// </summary>
    public sealed class TransportFieldTests : IDisposable
    {
        private static readonly IPEndPoint Client = new(IPAddress.Parse("10.12.1.20"), 50001);
        private static readonly IPEndPoint TlsServer = new(IPAddress.Parse("198.51.100.38"), 443);
        private static readonly IPEndPoint DtlsServer = new(IPAddress.Parse("198.51.100.39"), 4433);

        private readonly string _directory = Path.Combine(Path.GetTempPath(), "tsid-transport-" + Guid.NewGuid().ToString("N"));

        public TransportFieldTests() => Directory.CreateDirectory(_directory);

        public void Dispose() => Directory.Delete(_directory, recursive: true);

        [Fact]
        public void Json_lines_name_the_transport_and_protocol_of_tls_and_dtls_connections()
        {
            string capture = WriteCapture();

            TsidProcess.Result result = TsidProcess.Run("inspect", capture, "--format", "json");

            Assert.Equal(0, result.ExitCode);
            var lines = new List<JsonElement>();
            foreach (string line in result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                lines.Add(JsonDocument.Parse(line).RootElement.Clone());
            }

            Assert.Equal(2, lines.Count);
            JsonElement tls = lines.Find(l => l.GetProperty("server").GetString() == "198.51.100.38:443");
            JsonElement dtls = lines.Find(l => l.GetProperty("server").GetString() == "198.51.100.39:4433");
            Assert.Equal("tcp", tls.GetProperty("transport").GetString());
            Assert.Equal("tls", tls.GetProperty("protocol").GetString());
            Assert.Equal(JsonValueKind.Null, tls.GetProperty("quic_version").ValueKind);
            Assert.Equal("TLS 1.2", tls.GetProperty("tls_version").GetString());

            Assert.Equal("udp", dtls.GetProperty("transport").GetString());
            Assert.Equal("dtls", dtls.GetProperty("protocol").GetString());
            Assert.Equal(JsonValueKind.Null, dtls.GetProperty("quic_version").ValueKind);
            Assert.Equal("DTLS 1.2", dtls.GetProperty("tls_version").GetString());
            Assert.Equal("tls-test.example", dtls.GetProperty("sni").GetString());
            Assert.Equal("10.12.1.20:50001", dtls.GetProperty("client").GetString());
            Assert.True(dtls.GetProperty("certificate_visible").GetBoolean());
            Assert.Equal(1, dtls.GetProperty("flow").GetInt64());
            Assert.Equal(0, dtls.GetProperty("errors").GetArrayLength());

            // The fields sit together after tls_start, in this order, on every record.
            foreach (JsonElement line in lines)
            {
                var names = new List<string>();
                foreach (JsonProperty property in line.EnumerateObject())
                {
                    names.Add(property.Name);
                }

                int start = names.IndexOf("tls_start");
                Assert.Equal(new[] { "transport", "protocol", "quic_version" }, names.GetRange(start + 1, 3));
            }

            Assert.Contains("1 UDP (QUIC and DTLS)", result.Stderr, StringComparison.Ordinal);
        }

        [Theory]
        [InlineData(0x00000001u, "v1")]
        [InlineData(0x6b3343cfu, "v2")]
        [InlineData(0xff00001du, "0xff00001d")]
        [InlineData(0x1a2a3a4au, "0x1a2a3a4a")]
        [InlineData(0x00000000u, null)]
        public void Quic_versions_are_spelled_v1_v2_or_their_wire_value(uint version, string? expected) =>
            Assert.Equal(expected, Tsid.Cli.Output.Naming.QuicVersion(version));

        [Fact]
        public void A_quic_record_carries_its_version()
        {
            string path = Path.Combine(_directory, "quic.pcap");
            byte[] initial = new byte[1200];
            initial[0] = 0xC3;            // long header, fixed bit, Initial (RFC 9000 17.2.2)
            initial[4] = 1;               // version 1
            initial[5] = 8;               // DCID length
            initial[14] = 0;              // SCID length
            using (FileStream file = File.Create(path))
            using (var writer = new PcapWriter(file))
            {
                writer.WriteUdp(Client, new IPEndPoint(TlsServer.Address, 443), initial);
            }

            TsidProcess.Result result = TsidProcess.Run("inspect", path, "--format", "json");

            using JsonDocument line = JsonDocument.Parse(result.Stdout.Trim());
            Assert.Equal("udp", line.RootElement.GetProperty("transport").GetString());
            Assert.Equal("quic", line.RootElement.GetProperty("protocol").GetString());
            Assert.Equal("v1", line.RootElement.GetProperty("quic_version").GetString());
        }

        [Fact]
        public void The_table_shows_the_protocol()
        {
            string capture = WriteCapture();

            TsidProcess.Result result = TsidProcess.Run("inspect", capture);

            Assert.Equal(0, result.ExitCode);
            string[] lines = result.Stdout.Split('\n');
            Assert.StartsWith("CLIENT", lines[0], StringComparison.Ordinal);
            Assert.Contains(" PROTOCOL ", lines[0], StringComparison.Ordinal);
            string dtls = Array.Find(lines, l => l.Contains("198.51.100.39:4433", StringComparison.Ordinal))!;
            string tls = Array.Find(lines, l => l.Contains("198.51.100.38:443", StringComparison.Ordinal))!;
            Assert.Matches(@"198\.51\.100\.39:4433\s+dtls\s+-\s+DTLS 1\.2\s+tls-test\.example", dtls);
            Assert.Matches(@"198\.51\.100\.38:443\s+tls\s+-\s+TLS 1\.2\s+tls-test\.example", tls);
        }

        [Fact]
        public void A_damaged_dtls_record_is_an_error_of_the_dtls_layer_with_its_datagram_and_offset()
        {
            string path = Path.Combine(_directory, "damaged.pcap");
            byte[] c2s = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Tls", "tls12-sni-alpn.c2s.bin"));
            List<byte[]> flight = DtlsFlights.FromTls(c2s);
            byte[] damaged = (byte[])flight[0].Clone();
            damaged[24] += 1; // fragment_length (RFC 6347 4.2.2) one byte longer than the record holds
            using (FileStream file = File.Create(path))
            using (var writer = new PcapWriter(file))
            {
                writer.WriteUdp(Client, DtlsServer, damaged);
            }

            TsidProcess.Result result = TsidProcess.Run("inspect", path, "--format", "json");

            using JsonDocument line = JsonDocument.Parse(result.Stdout.Trim());
            JsonElement error = Assert.Single(line.RootElement.GetProperty("errors").EnumerateArray());
            Assert.Equal("client", error.GetProperty("direction").GetString());
            Assert.Equal("dtls", error.GetProperty("layer").GetString());
            Assert.Equal(0, error.GetProperty("datagram").GetInt64());
            Assert.False(string.IsNullOrEmpty(error.GetProperty("error").GetString()));
            Assert.True(error.GetProperty("offset").GetInt32() is >= 13 and < 25, result.Stdout);
            Assert.Contains("1 with errors", result.Stderr, StringComparison.Ordinal);
        }

        /// <summary>The TLS 1.2 recording with SNI once over TCP and once as DTLS 1.2 datagrams.</summary>
        private string WriteCapture()
        {
            string path = Path.Combine(_directory, "transports.pcap");
            string fixtures = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Tls", "tls12-sni-alpn");
            byte[] c2s = File.ReadAllBytes(fixtures + ".c2s.bin");
            byte[] s2c = File.ReadAllBytes(fixtures + ".s2c.bin");
            using (FileStream file = File.Create(path))
            using (var writer = new PcapWriter(file))
            {
                writer.WriteTcpConnection(Client, TlsServer, c2s, s2c);
                foreach (byte[] datagram in DtlsFlights.FromTls(c2s))
                {
                    writer.WriteUdp(Client, DtlsServer, datagram);
                }

                foreach (byte[] datagram in DtlsFlights.FromTls(s2c))
                {
                    writer.WriteUdp(DtlsServer, Client, datagram);
                }
            }

            return path;
        }
    }
}
