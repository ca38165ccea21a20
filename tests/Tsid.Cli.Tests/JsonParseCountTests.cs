using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Text;
using System.Text.Json;
using Tsid.Capture;
using Tsid.Cli.Output;
using Tsid.Identity;
using Tsid.Inspection;
using Tsid.Tls;
using Xunit;

namespace Tsid.Cli.Tests
{
    /// <summary>
    /// Parse-once through <c>tsid inspect --format json</c>, in process: the inspector feeds <see cref="JsonLinesWriter"/> on the
    /// test thread, and <see cref="ParseCounters"/> counts. The leaf's certificate object is written from the leaf the resolver
    /// parsed; the other printed certificates are parsed once each when first printed (then copied from the writer's cache).
    /// </summary>
    public class JsonParseCountTests
    {
        private static readonly IPEndPoint Server = new(IPAddress.Parse("198.51.100.38"), 443);

        private static readonly string[] Connections =
        {
            "tls12-nosni-cisco-chain3", "tls12-nosni-cisco-chain3", "tls12-sni-alpn", "tls13-sni-alpn", "tls12-nosni-cisco-chain3",
        };

        [Fact]
        public void Json_lines_parse_each_leaf_once_and_each_other_printed_certificate_once_on_first_sight()
        {
            byte[] capture = Capture();
            var output = new MemoryStream();
            JsonEncodedText file = JsonLinesWriter.Encode("parse-count.pcap");
            JsonEncodedText preset = JsonLinesWriter.Encode("firepower");
            var inspector = new ConnectionInspector(new InspectionOptions { Resolver = ServerIdentityPresets.Firepower });

            ParseCounters.Reset();
            using (var writer = new JsonLinesWriter(output))
            {
                inspector.Inspect(new MemoryStream(capture), (in InspectedConnection c) => writer.WriteConnection(file, preset, in c));
            }

            Assert.Equal(Connections.Length, ParseCounters.ClientHello);
            Assert.Equal(Connections.Length, ParseCounters.ServerHello);
            Assert.Equal(4, ParseCounters.CertificateMessage);

            // Four visible leaves (three chains of three, one self-signed), parsed by the evidence alone; the chain's two CA
            // certificates parsed when first printed. Formatting the leaf again from its DER would make it 4 more.
            Assert.Equal(4 + 2, ParseCounters.Certificate);

            List<JsonElement> lines = Lines(output.ToArray());
            Assert.Equal(Connections.Length, lines.Count);
            JsonElement chain = lines[0].GetProperty("certificates");
            Assert.Equal(3, chain.GetArrayLength());
            Assert.Equal("toos.cisco.com", chain[0].GetProperty("san_dns")[0].GetString());
            Assert.Equal(chain.GetRawText(), lines[4].GetProperty("certificates").GetRawText());
            Assert.Equal(1, lines[2].GetProperty("certificates").GetArrayLength());
            Assert.Equal(0, lines[3].GetProperty("certificates").GetArrayLength());
        }

        [Fact]
        public void The_leaf_object_written_from_the_parsed_leaf_is_the_one_its_DER_gives()
        {
            byte[] capture = Capture();
            var fromView = new List<string>();
            var fromDer = new List<string>();
            using var writer = new JsonLinesWriter(Stream.Null);
            new ConnectionInspector().Inspect(new MemoryStream(capture), (in InspectedConnection c) =>
            {
                if (!c.HasLeafCertificate)
                {
                    return;
                }

                Assert.True(c.Certificates.TryGetLeaf(out ReadOnlySpan<byte> der));
                fromView.Add(Encoding.UTF8.GetString(new CertificateJsonCache().GetOrRender(c.LeafCertificate, writer)));
                fromDer.Add(Encoding.UTF8.GetString(new CertificateJsonCache().GetOrRender(der, writer)));
            });

            Assert.Equal(4, fromView.Count);
            Assert.Equal(fromDer, fromView);
            Assert.Contains("\"sha256\":", fromView[0], StringComparison.Ordinal);
        }

        private static byte[] Capture()
        {
            using var memory = new MemoryStream();
            using (var pcap = new PcapWriter(memory, PcapWriterOptions.Default with { LeaveOpen = true }))
            {
                for (int i = 0; i < Connections.Length; i++)
                {
                    string recording = Path.Combine(AppContext.BaseDirectory, "Fixtures", "Tls", Connections[i]);
                    pcap.WriteTcpConnection(new IPEndPoint(IPAddress.Parse("10.12.1.20"), 50000 + i), Server, File.ReadAllBytes(recording + ".c2s.bin"), File.ReadAllBytes(recording + ".s2c.bin"));
                }
            }

            return memory.ToArray();
        }

        private static List<JsonElement> Lines(byte[] output)
        {
            var lines = new List<JsonElement>();
            foreach (string line in Encoding.UTF8.GetString(output).Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                lines.Add(JsonDocument.Parse(line).RootElement.Clone());
            }

            return lines;
        }
    }
}
