using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using Tsid.Capture;
using Tsid.Identity;
using Tsid.Inspection.Tests.Support;
using Tsid.Policy;
using Tsid.Tls;
using Xunit;

namespace Tsid.Inspection.Tests
{
    /// <summary>One result per TLS connection, with the facts each stage knows, on captures of real handshakes.</summary>
    public class ConnectionInspectorTests
    {
        private static readonly AccessPolicy SeedPolicy = new PolicyBuilder()
            .Rule("ALLOW_FMC_ASA_SNT_CISCO", r => r.FromNetwork("10.12.1.0/24").ToHost("tools.cisco.com", Dialect.CiscoSecurityIntelligence).Allow())
            .Rule("ALLOW_H2", r => r.WithAlpn("h2").Allow())
            .Default(PolicyAction.Block)
            .Build();

        private static readonly byte[] FourRecordings = Captures.Make(w =>
        {
            Captures.SeedCase(w, Captures.Client(1));
            Captures.Connection(w, Captures.Client(2), Captures.Tls12SniAlpn);
            Captures.Connection(w, Captures.Client(3), Captures.Tls13SniAlpn);
            Captures.Connection(w, Captures.Client(4), Captures.Tls12ClientCertificate);
        });

        [Fact]
        public void Each_connection_is_reported_once_with_endpoints_flow_ids_and_first_packet_times()
        {
            List<ConnectionRecord> records = Captures.Records(FourRecordings, null, out InspectionSummary summary);

            Assert.Equal(CaptureError.None, summary.Capture.Error);
            Assert.Equal(4, summary.Connections);
            Assert.Equal(4, records.Count);
            for (int i = 0; i < 4; i++)
            {
                Assert.Equal(Captures.Client(i + 1).ToString(), records[i].Client.ToString());
                Assert.Equal("198.51.100.38:443", records[i].Server.ToString());
                Assert.Equal(i + 1, records[i].FlowId);
            }

            // The DNS answer is the first packet (10 µs per packet): the first connection's SYN is the second.
            Assert.Equal(Captures.Start.AddTicks(100), records[0].FirstPacketTime);
            Assert.True(records[1].FirstPacketNanoseconds > records[0].FirstPacketNanoseconds);
        }

        [Fact]
        public void Handshake_facts_keep_offered_and_negotiated_alpn_apart()
        {
            List<ConnectionRecord> records = Captures.Records(FourRecordings, null, out _);
            ConnectionRecord tls12 = records[1];
            ConnectionRecord tls13 = records[2];

            Assert.Equal("tls-test.example", tls12.ServerName);
            Assert.Equal(new[] { "h2", "http/1.1" }, tls12.AlpnOffered);
            Assert.Equal("h2", tls12.AlpnNegotiated);
            Assert.Equal(TlsProtocolVersion.Tls12, tls12.Version);
            Assert.Contains(TlsProtocolVersion.Tls12, tls12.VersionsOffered);
            Assert.DoesNotContain(TlsProtocolVersion.Tls13, tls12.VersionsOffered);
            Assert.NotEqual(0, tls12.CipherSuite);
            Assert.Equal(TlsCertificateVisibility.Visible, tls12.CertificateVisibility);

            // TLS 1.3: the server's choice travels encrypted, so nothing is negotiated as far as an observer knows.
            Assert.Equal(new[] { "http/1.1" }, tls13.AlpnOffered);
            Assert.Null(tls13.AlpnNegotiated);
            Assert.Equal(TlsProtocolVersion.Tls13, tls13.Version);
            Assert.Contains(TlsProtocolVersion.Tls13, tls13.VersionsOffered);
            Assert.Equal(TlsCertificateVisibility.EncryptedTls13, tls13.CertificateVisibility);
            Assert.Empty(tls13.Certificates);
        }

        [Fact]
        public void The_policy_sees_only_the_negotiated_alpn()
        {
            List<ConnectionRecord> records = Captures.Records(FourRecordings, new InspectionOptions { Policy = SeedPolicy }, out InspectionSummary summary);

            // TLS 1.2 chose h2: allowed by ALLOW_H2. TLS 1.3 offered only http/1.1 and hides the choice; a client that offers
            // h2 first must not pass for one that negotiated it either.
            Assert.Equal("ALLOW_H2", records[1].Decision!.Value.RuleName);
            Assert.Equal(PolicyAction.Block, records[2].Decision!.Value.Action);
            Assert.Equal(PolicyStage.Default, records[2].Decision!.Value.Stage);
            Assert.Equal(PolicyAction.Block, records[0].Decision!.Value.Action);
            Assert.Equal(PolicyAction.Block, records[3].Decision!.Value.Action);
            Assert.Equal(new[] { KeyValuePair.Create(PolicyAction.Allow, 1L), KeyValuePair.Create(PolicyAction.Block, 3L) }, summary.DecisionsByAction);
        }

        [Fact]
        public void The_chain_identity_and_dns_hints_of_the_seed_case()
        {
            var options = new InspectionOptions { Resolver = ServerIdentityPresets.HintAware, Policy = SeedPolicy };
            ConnectionRecord seed = Captures.Records(FourRecordings, options, out _)[0];

            Assert.Null(seed.ServerName);
            Assert.Equal(3, seed.Certificates.Count);
            Assert.Equal("toos.cisco.com", seed.Certificates[0].SubjectAltNameDnsNames[0]);
            Assert.Empty(seed.Certificates[0].SubjectCommonNames);
            Assert.Equal(new[] { "tools.cisco.com" }, seed.DnsHints);
            Assert.Equal("tools.cisco.com", seed.Identity.Name);
            Assert.Equal(IdentitySource.DnsHint, seed.Identity.Source);
            Assert.Equal("ALLOW_FMC_ASA_SNT_CISCO", seed.Decision!.Value.RuleName);
            Assert.Null(seed.Identity.Explanation);
            Assert.Null(seed.DecisionExplanation);
        }

        [Fact]
        public void Without_dns_hints_firepower_takes_the_first_san()
        {
            var options = new InspectionOptions { Resolver = ServerIdentityPresets.HintAware, UseDnsHints = false };
            ConnectionRecord seed = Captures.Records(FourRecordings, options, out _)[0];

            Assert.Empty(seed.DnsHints);
            Assert.Equal("toos.cisco.com", seed.Identity.Name);
            Assert.Equal(IdentitySource.FirstSubjectAltName, seed.Identity.Source);
        }

        [Fact]
        public void Explanations_are_built_only_when_asked_for()
        {
            var options = new InspectionOptions { Resolver = ServerIdentityPresets.HintAware, Policy = SeedPolicy, Explain = true };
            ConnectionRecord seed = Captures.Records(FourRecordings, options, out _)[0];

            Assert.NotNull(seed.Identity.Explanation);
            Assert.NotEmpty(seed.Identity.Explanation!.Candidates);
            Assert.NotNull(seed.DecisionExplanation);
            Assert.Equal(seed.Decision!.Value.RuleName, seed.DecisionExplanation!.Decision.RuleName);
        }

        [Fact]
        public void A_connection_cut_by_the_capture_reports_its_gap_from_the_tls_start()
        {
            (byte[] c2s, byte[] s2c) = Captures.Recording(Captures.Tls12SniAlpn);
            byte[] capture = Captures.Make(w =>
            {
                PcapTcpConnection connection = w.OpenTcpConnection(Captures.Client(1), Captures.Server);
                connection.Send(FlowDirection.ClientToServer, c2s);
                // The server's first 100 bytes are never captured; the client acknowledges them.
                connection.WriteSegment(FlowDirection.ServerToClient, 100, s2c.AsSpan(100, 200));
                connection.Advance(FlowDirection.ServerToClient, s2c.Length);
                connection.Close();
            });

            ConnectionRecord record = Assert.Single(Captures.Records(capture, null, out InspectionSummary summary));

            ConnectionError gap = Assert.Single(record.Errors);
            Assert.True(gap.IsGap);
            Assert.Equal(FlowDirection.ServerToClient, gap.Direction);
            Assert.Equal(0, gap.Offset);
            Assert.Equal(1, summary.WithErrors);
            Assert.Equal("tls-test.example", record.ServerName);
        }

        [Fact]
        public void A_parse_error_is_reported_with_its_direction_code_and_offset()
        {
            (byte[] c2s, byte[] s2c) = Captures.Recording(Captures.Tls12SniAlpn);
            byte[] corrupt = (byte[])c2s.Clone();
            corrupt[5] = 0x02; // the first handshake message claims to be a ServerHello, sent by the client
            byte[] capture = Captures.Make(w => w.WriteTcpConnection(Captures.Client(1), Captures.Server, corrupt, s2c));

            ConnectionRecord record = Assert.Single(Captures.Records(capture, null, out _));

            ConnectionError error = Assert.Single(record.Errors, e => e.Direction == FlowDirection.ClientToServer);
            Assert.False(error.IsGap);
            Assert.Equal(TlsErrorCode.UnexpectedMessage, error.Code);
            Assert.Equal(5, error.Offset);
        }

        [Fact]
        public void The_worker_thread_reports_the_same_connections_in_the_same_order()
        {
            byte[] capture = Captures.Make(w =>
            {
                string[] recordings = { Captures.Tls12NoSniCiscoChain3, Captures.Tls12SniAlpn, Captures.Tls13SniAlpn, Captures.Tls12ClientCertificate };
                for (int i = 0; i < 300; i++)
                {
                    if (i % 7 == 0)
                    {
                        w.WriteDnsResponse(Captures.Resolver, Captures.Client(i), "tools.cisco.com", new[] { Captures.Server.Address });
                    }

                    Captures.Connection(w, Captures.Client(i), recordings[i % recordings.Length]);
                }
            });
            var options = new InspectionOptions { Resolver = ServerIdentityPresets.HintAware, Policy = SeedPolicy };

            List<string> one = Describe(Captures.Records(capture, options, out InspectionSummary oneSummary));
            List<string> two = Describe(Captures.Records(capture, options with { UseWorkerThread = true }, out InspectionSummary twoSummary));

            Assert.Equal(300, one.Count);
            Assert.Equal(one, two);
            Assert.Equal(oneSummary.IdentitiesBySource, twoSummary.IdentitiesBySource);
            Assert.Equal(oneSummary.DecisionsByAction, twoSummary.DecisionsByAction);
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void An_exception_in_the_handler_stops_the_inspection_and_comes_out(bool workerThread)
        {
            byte[] capture = Captures.Make(w =>
            {
                for (int i = 0; i < 100; i++)
                {
                    Captures.Connection(w, Captures.Client(i), Captures.Tls12SniAlpn);
                }
            });
            int calls = 0;
            var inspector = new ConnectionInspector(new InspectionOptions { UseWorkerThread = workerThread });

            var thrown = Assert.Throws<InvalidOperationException>(() => inspector.Inspect(new MemoryStream(capture), (in InspectedConnection c) =>
            {
                if (++calls == 3)
                {
                    throw new InvalidOperationException("handler failed");
                }
            }));

            Assert.Equal("handler failed", thrown.Message);
            Assert.Equal(3, calls);
        }

        [Fact]
        public void Views_are_read_without_formatting_anything()
        {
            var names = new StringBuilder();
            int chains = 0;
            new ConnectionInspector().Inspect(new MemoryStream(FourRecordings), (in InspectedConnection c) =>
            {
                names.Append(c.Identity.Name).Append(' ');
                if (c.HasLeafCertificate)
                {
                    chains += c.Certificates.Count;
                    Assert.True(c.LeafCertificate.Encoded.Length > 0);
                }

                Assert.Equal(c.Evidence.ServerName.Length, c.ServerName.Length);
            });

            Assert.Equal("toos.cisco.com tls-test.example tls-test.example tls-test.example ", names.ToString());
            Assert.Equal(3 + 1 + 1, chains);
        }

        [Fact]
        public void A_file_that_is_not_a_capture_reports_no_connection_and_the_error()
        {
            int calls = 0;
            InspectionSummary summary = new ConnectionInspector().Inspect(new MemoryStream(Encoding.ASCII.GetBytes("not a capture at all")), (in InspectedConnection c) => calls++);

            Assert.Equal(CaptureError.NotACapture, summary.Capture.Error);
            Assert.Equal(0, calls);
            Assert.Equal(0, summary.Connections);
        }

        [Fact]
        public void Options_with_impossible_limits_are_refused()
        {
            Assert.Throws<ArgumentOutOfRangeException>(() => new ConnectionInspector(new InspectionOptions { MaxDnsHintAddresses = 0 }));
            Assert.Throws<ArgumentException>(() => new ConnectionInspector(new InspectionOptions { Resolver = null! }));
        }

        private static List<string> Describe(List<ConnectionRecord> records)
        {
            var lines = new List<string>();
            foreach (ConnectionRecord r in records)
            {
                lines.Add($"{r.FlowId} {r.Client} {r.ServerName} {r.Version} {r.Certificates.Count} {string.Join(",", r.DnsHints)} {r.Identity.Name} {r.Identity.Source} {r.Decision}");
            }

            return lines;
        }
    }
}
