using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using Tsid.Capture.Tests.Support;
using Tsid.Tests.Support;
using Xunit;

namespace Tsid.Capture.Tests
{
    public class DnsResponseReaderTests
    {
        [Fact]
        public void A_records_behind_a_cname_chain_map_to_the_queried_name_and_the_aliases()
        {
            byte[] message = PcapWriter.BuildDnsResponse(
                "Tools.Cisco.com",
                new[] { IPAddress.Parse("72.163.4.161"), IPAddress.Parse("72.163.4.162") },
                new[] { "tools.cisco.com.akadns.net", "origin-tools.cisco.com" },
                timeToLive: 77);
            var answers = new List<DnsAnswer>();

            DnsError error = DnsResponseReader.Read(message, 5, answers, out int offset);

            Assert.Equal(DnsError.None, error);
            Assert.Equal(-1, offset);
            Assert.Equal(2, answers.Count);
            Assert.Equal(IPAddress.Parse("72.163.4.161"), answers[0].Address.ToIPAddress());
            Assert.Equal(IPAddress.Parse("72.163.4.162"), answers[1].Address.ToIPAddress());
            Assert.All(answers, a => Assert.Equal(new[] { "tools.cisco.com", "tools.cisco.com.akadns.net", "origin-tools.cisco.com" }, a.Names));
            Assert.All(answers, a => Assert.Equal("tools.cisco.com", a.QueryName));
            Assert.All(answers, a => Assert.Equal(77u, a.TimeToLive));
            Assert.All(answers, a => Assert.Equal(5, a.TimestampNanoseconds));
        }

        [Fact]
        public void Aaaa_records_are_read()
        {
            byte[] message = PcapWriter.BuildDnsResponse("example.com", new[] { IPAddress.Parse("2001:db8::1") });
            var answers = new List<DnsAnswer>();
            Assert.Equal(DnsError.None, DnsResponseReader.Read(message, 0, answers, out _));
            DnsAnswer answer = Assert.Single(answers);
            Assert.True(answer.Address.IsIPv6);
            Assert.Equal("2001:db8::1", answer.Address.ToString());
            Assert.Equal(new[] { "example.com" }, answer.Names);
        }

        [Fact]
        public void A_query_is_not_a_response()
        {
            byte[] message = PcapWriter.BuildDnsResponse("example.com", new[] { IPAddress.Parse("192.0.2.1") });
            message[2] &= 0x7F; // clear QR
            var answers = new List<DnsAnswer>();
            Assert.Equal(DnsError.NotAResponse, DnsResponseReader.Read(message, 0, answers, out int offset));
            Assert.Equal(2, offset);
            Assert.Empty(answers);
        }

        [Fact]
        public void A_compression_pointer_loop_is_an_invalid_pointer_not_a_hang()
        {
            // Header, one question whose name is a pointer to itself (offset 12).
            byte[] message = { 0x12, 0x34, 0x81, 0x80, 0, 1, 0, 0, 0, 0, 0, 0, 0xC0, 12, 0, 1, 0, 1 };
            var answers = new List<DnsAnswer>();
            Assert.Equal(DnsError.InvalidPointer, DnsResponseReader.Read(message, 0, answers, out int offset));
            Assert.Equal(12, offset);

            // Two names pointing at each other: forward pointer is refused too.
            byte[] pair = { 0x12, 0x34, 0x81, 0x80, 0, 2, 0, 0, 0, 0, 0, 0, 0xC0, 18, 0, 1, 0, 1, 0xC0, 12, 0, 1, 0, 1 };
            Assert.Equal(DnsError.InvalidPointer, DnsResponseReader.Read(pair, 0, answers, out _));
        }

        [Fact]
        public void Truncated_message_keeps_the_answers_before_the_cut()
        {
            byte[] message = PcapWriter.BuildDnsResponse("example.com", new[] { IPAddress.Parse("192.0.2.1"), IPAddress.Parse("192.0.2.2") });
            byte[] cut = message.AsSpan(0, message.Length - 2).ToArray();
            var answers = new List<DnsAnswer>();
            Assert.Equal(DnsError.Truncated, DnsResponseReader.Read(cut, 0, answers, out int offset));
            Assert.True(offset > 12);
            Assert.Equal("192.0.2.1", Assert.Single(answers).Address.ToString());
        }

        [Fact]
        public void Names_longer_than_255_octets_are_refused()
        {
            var message = new List<byte> { 0x12, 0x34, 0x81, 0x80, 0, 1, 0, 0, 0, 0, 0, 0 };
            for (int i = 0; i < 5; i++)
            {
                message.Add(60);
                message.AddRange(Enumerable.Repeat((byte)'a', 60));
            }

            message.Add(0);
            message.AddRange(new byte[] { 0, 1, 0, 1 });
            Assert.Equal(DnsError.InvalidName, DnsResponseReader.Read(message.ToArray(), 0, new List<DnsAnswer>(), out _));
        }

        [Fact]
        public void Odd_octets_in_names_are_escaped_and_case_is_folded()
        {
            var message = new List<byte> { 0x12, 0x34, 0x81, 0x80, 0, 1, 0, 1, 0, 0, 0, 0, 3, (byte)'A', 0x00, (byte)'.', 3, (byte)'c', (byte)'O', (byte)'m', 0, 0, 1, 0, 1 };
            message.AddRange(new byte[] { 0xC0, 12, 0, 1, 0, 1, 0, 0, 0, 9, 0, 4, 192, 0, 2, 7 });
            var answers = new List<DnsAnswer>();
            Assert.Equal(DnsError.None, DnsResponseReader.Read(message.ToArray(), 0, answers, out _));
            Assert.Equal(@"a\000\046.com", Assert.Single(answers).QueryName);
        }

        [Fact]
        public void Dns_responses_in_a_capture_are_reported_in_capture_order_before_later_flows()
        {
            var resolver = new IPEndPoint(IPAddress.Parse("192.0.2.53"), 53);
            var stub = new IPEndPoint(Samples.Client.Address, 40000);
            byte[] capture = Samples.Capture(w =>
            {
                w.WriteDnsResponse(resolver, stub, "tools.cisco.com", new[] { Samples.Server.Address });
                w.WriteTcpConnection(Samples.Client, Samples.Server, Samples.TlsRecords(1, 200), Samples.TlsRecords(2, 900));
                w.WriteDnsResponse(new IPEndPoint(IPAddress.Parse("2001:db8::53"), 53), new IPEndPoint(IPAddress.Parse("2001:db8::10"), 40001), "v6.example", new[] { IPAddress.Parse("2001:db8::20") });
            });

            RecordingConsumer consumer = Samples.Inspect(capture, out CaptureInspectionResult result);

            Assert.Equal(CaptureError.None, result.Error);
            Assert.Equal(2, result.Statistics.DnsResponses);
            Assert.Equal(2, consumer.DnsAnswers.Count);
            Assert.StartsWith("dns 198.51.100.20 -> tools.cisco.com", consumer.Events[0], StringComparison.Ordinal);
            Assert.Equal("start 1", consumer.Events[1]);
            Assert.StartsWith("dns 2001:db8::20 -> v6.example", consumer.Events[^1], StringComparison.Ordinal);
        }

        [FsCheck.Xunit.Property(MaxTest = 300)]
        public Property Any_bytes_never_throw()
        {
            Arbitrary<byte[]> bytes = ArbMap.Default.ArbFor<byte[]>();
            return Prop.ForAll(bytes, message =>
            {
                var answers = new List<DnsAnswer>();
                DnsError error = DnsResponseReader.Read(message, 0, answers, out int offset);
                return error == DnsError.None ? offset == -1 : offset >= 0 && offset <= message.Length;
            });
        }

        [FsCheck.Xunit.Property(MaxTest = 200)]
        public Property Any_corruption_of_a_real_response_never_throws()
        {
            byte[] message = PcapWriter.BuildDnsResponse("www.example.com", new[] { IPAddress.Parse("192.0.2.1") }, new[] { "cdn.example.net" });
            Gen<(int, byte)> flip = Gen.Choose(0, message.Length - 1).Zip(ArbMap.Default.GeneratorFor<byte>());
            return Prop.ForAll(Arb.From(Gen.ListOf(flip)), flips =>
            {
                byte[] copy = (byte[])message.Clone();
                foreach ((int at, byte value) in flips)
                {
                    copy[at] = value;
                }

                DnsResponseReader.Read(copy, 0, new List<DnsAnswer>(), out _);
                return true;
            });
        }

        /// <summary>
        /// suricata-verify/tls-subjectaltname: the capture holds the client's DNS responses. For every TLS connection
        /// tshark saw with an SNI, if a DNS answer in the capture gave the server address, the SNI is among its names.
        /// </summary>
        [CorpusFact]
        public void Corpus_dns_answers_name_the_servers_the_client_then_connected_to()
        {
            string path = Corpus.PathOf("suricata-verify/tls-subjectaltname__input.pcap");
            using JsonDocument expected = JsonDocument.Parse(File.ReadAllText(path + ".expected.json"));
            using FileStream file = File.OpenRead(path);
            var consumer = new RecordingConsumer();
            CaptureInspectionResult result = CaptureInspector.Inspect(file, consumer);

            Assert.True(result.Statistics.DnsAnswers > 0);
            int checkedConnections = 0;
            foreach (JsonElement connection in expected.RootElement.GetProperty("summary").EnumerateArray())
            {
                if (connection.GetProperty("sni").ValueKind != JsonValueKind.String)
                {
                    continue;
                }

                string sni = connection.GetProperty("sni").GetString()!;
                string server = connection.GetProperty("server").GetString()!;
                IPAddress address = IPAddress.Parse(server.AsSpan(0, server.LastIndexOf(':')));
                List<DnsAnswer> hints = consumer.DnsAnswers.Where(a => a.Address.ToIPAddress().Equals(address)).ToList();
                if (hints.Count == 0)
                {
                    continue;
                }

                Assert.Contains(hints, h => h.Names.Contains(sni));
                checkedConnections++;
            }

            Assert.True(checkedConnections >= 5, $"only {checkedConnections} connections had a DNS answer");
        }
    }
}
