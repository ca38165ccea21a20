using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using Tsid.Identity;
using Tsid.Inspection.Tests.Support;
using Tsid.Policy;
using Tsid.Tests.Support;
using Tsid.Tls;
using Xunit;

namespace Tsid.Inspection.Tests
{
    /// <summary>
    /// <see cref="IdentityAudit"/>: every connection resolved by two presets from the same evidence, only the differing ones
    /// reported, with both names, sources, diagnostics and (with a policy) both decisions; counted by server. On the
    /// project's recordings (the seed case among ordinary connections) and on third-party captures checked against tshark.
    /// </summary>
    public class IdentityAuditTests
    {
        private static readonly AccessPolicy SeedPolicy = new PolicyBuilder()
            .BlockList(DomainSet.Parse("toos.cisco.com\n"), "SI_BLOCK_CUSTOM")
            .Rule("ALLOW_FMC_ASA_SNT_CISCO", r => r.FromNetwork("10.12.1.0/24").ToHost("tools.cisco.com", Dialect.CiscoSecurityIntelligence).Allow())
            .Rule("ALLOW_H2", r => r.WithAlpn("h2").Allow())
            .Default(PolicyAction.Block)
            .Build();

        /// <summary>The seed case first, then three connections both presets name by their SNI.</summary>
        private static readonly byte[] SeedAmongOthers = Captures.Make(w =>
        {
            Captures.SeedCase(w, Captures.Client(1));
            Captures.Connection(w, Captures.Client(2), Captures.Tls12SniAlpn);
            Captures.Connection(w, Captures.Client(3), Captures.Tls13SniAlpn);
            Captures.Connection(w, Captures.Client(4), Captures.Tls12ClientCertificate);
        });

        [Fact]
        public void Only_the_seed_case_differs_with_both_names_sources_and_diagnostics()
        {
            var audit = new IdentityAudit(new InspectionOptions { Resolver = ServerIdentityPresets.Firepower });
            List<IdentityDifference> differences = Audit(audit, SeedAmongOthers, out IdentityAuditSummary summary);

            Assert.Same(ServerIdentityPresets.HintAware, audit.Against);
            Assert.Equal(4, summary.Inspection.Connections);
            IdentityDifference seed = Assert.Single(differences);
            Assert.Equal(1, seed.FlowId);
            Assert.Equal(IdentityDifferenceKinds.Name, seed.Kinds);
            Assert.Null(seed.ServerName);
            Assert.Equal(new[] { "tools.cisco.com" }, seed.DnsHints);
            Assert.Equal(TlsCertificateVisibility.Visible, seed.CertificateVisibility);
            Assert.Equal("toos.cisco.com", seed.Identity.Name);
            Assert.Equal(IdentitySource.FirstSubjectAltName, seed.Identity.Source);
            Assert.True((seed.Identity.Diagnostics & IdentityDiagnostics.NearDuplicateName) != 0);
            Assert.Equal("tools.cisco.com", seed.AgainstIdentity.Name);
            Assert.Equal(IdentitySource.DnsHint, seed.AgainstIdentity.Source);
            Assert.Equal(IdentityDiagnostics.None, seed.AgainstIdentity.Diagnostics & IdentityDiagnostics.NearDuplicateName);
            Assert.Null(seed.Decision);
            Assert.Null(seed.AgainstDecision);
            Assert.Equal(Captures.Client(1).ToString(), seed.Client.ToString());

            Assert.Equal(1, summary.Differences);
            Assert.Equal(1, summary.NameDifferences);
            Assert.Equal(0, summary.VerdictDifferences);
            IdentityAuditServerCount server = Assert.Single(summary.ByServer);
            Assert.Equal("198.51.100.38:443", server.Server.ToString());
            Assert.Equal(("toos.cisco.com", "tools.cisco.com", 1L, 1L, 0L), (server.Name, server.AgainstName, server.Connections, server.NameDifferences, server.VerdictDifferences));
        }

        [Fact]
        public void With_a_policy_both_identities_are_decided_and_the_changed_verdict_is_reported()
        {
            var audit = new IdentityAudit(new InspectionOptions { Resolver = ServerIdentityPresets.Firepower, Policy = SeedPolicy });
            List<IdentityDifference> differences = Audit(audit, SeedAmongOthers, out IdentityAuditSummary summary);

            IdentityDifference seed = Assert.Single(differences);
            Assert.Equal(IdentityDifferenceKinds.Name | IdentityDifferenceKinds.Verdict, seed.Kinds);
            Assert.True(seed.NamesDiffer && seed.VerdictsDiffer);
            Assert.Equal(PolicyAction.Block, seed.Decision!.Value.Action);
            Assert.Equal(PolicyStage.SecurityIntelligence, seed.Decision!.Value.Stage);
            Assert.Equal("SI_BLOCK_CUSTOM", seed.Decision!.Value.RuleName);
            Assert.Equal(PolicyAction.Allow, seed.AgainstDecision!.Value.Action);
            Assert.Equal("ALLOW_FMC_ASA_SNT_CISCO", seed.AgainstDecision!.Value.RuleName);
            Assert.Null(seed.DecisionExplanation);
            Assert.Null(seed.AgainstDecisionExplanation);
            Assert.Equal((1L, 1L, 1L), (summary.Differences, summary.NameDifferences, summary.VerdictDifferences));
            Assert.Equal(1, summary.ByServer[0].VerdictDifferences);
        }

        [Fact]
        public void The_second_decision_reads_the_same_handshake_facts()
        {
            // A rule on the negotiated ALPN decides TLS 1.2 with h2 under either identity: the facts the second evaluation
            // gets keep the handshake's ALPN, so an identical name gives an identical decision and nothing is reported.
            var audit = new IdentityAudit(new InspectionOptions { Resolver = ServerIdentityPresets.Firepower, Policy = SeedPolicy }, ServerIdentityPresets.Rfc6125);
            List<IdentityDifference> differences = Audit(audit, SeedAmongOthers, out IdentityAuditSummary summary);

            // Rfc6125 takes the first dNSName too (toos.cisco.com) and ignores the DNS hint: the presets agree everywhere.
            Assert.Empty(differences);
            Assert.Equal(4, summary.Inspection.Connections);
            Assert.Equal(new[] { KeyValuePair.Create(PolicyAction.Allow, 1L), KeyValuePair.Create(PolicyAction.Block, 3L) }, summary.Inspection.DecisionsByAction);
            Assert.Empty(summary.ByServer);
        }

        [Fact]
        public void Without_dns_hints_the_presets_agree_and_the_handler_is_never_called()
        {
            var audit = new IdentityAudit(new InspectionOptions { UseDnsHints = false, Policy = SeedPolicy });
            List<IdentityDifference> differences = Audit(audit, SeedAmongOthers, out IdentityAuditSummary summary);

            Assert.Empty(differences);
            Assert.Equal(0, summary.Differences);
            Assert.Equal(4, summary.Inspection.Connections);
        }

        [Fact]
        public void Explanations_are_built_for_both_presets_when_asked()
        {
            var audit = new IdentityAudit(new InspectionOptions { Policy = SeedPolicy, Explain = true });
            IdentityDifference seed = Assert.Single(Audit(audit, SeedAmongOthers, out _));

            Assert.NotNull(seed.Identity.Explanation);
            Assert.NotNull(seed.AgainstIdentity.Explanation);
            Assert.Contains(seed.AgainstIdentity.Explanation!.Candidates, c => c.ToString().Contains("tools.cisco.com", StringComparison.Ordinal));
            Assert.Equal(seed.Decision, seed.DecisionExplanation!.Decision);
            Assert.Equal(seed.AgainstDecision, seed.AgainstDecisionExplanation!.Decision);
        }

        [Fact]
        public void Each_message_and_each_leaf_is_parsed_once_for_both_presets()
        {
            const int connections = 3;
            byte[] capture = Captures.Make(w =>
            {
                for (int i = 0; i < connections; i++)
                {
                    Captures.SeedCase(w, Captures.Client(i));
                }
            });
            var audit = new IdentityAudit(new InspectionOptions { Policy = SeedPolicy });

            ParseCounters.Reset();
            List<IdentityDifference> differences = Audit(audit, capture, out _);

            // The second resolve reads the evidence the inspection built: ClientHello, ServerHello, Certificate, leaf once each.
            Assert.Equal(connections, differences.Count);
            Assert.Equal((connections, connections, connections, connections), (ParseCounters.ClientHello, ParseCounters.ServerHello, ParseCounters.CertificateMessage, ParseCounters.Certificate));
        }

        [Fact]
        public void Counting_by_server_merges_the_differences_of_several_captures()
        {
            var audit = new IdentityAudit();
            var all = new List<IdentityDifference>();
            all.AddRange(Audit(audit, SeedAmongOthers, out _));
            all.AddRange(Audit(audit, SeedAmongOthers, out _));
            byte[] other = Captures.Make(w =>
            {
                w.WriteDnsResponse(Captures.Resolver, Captures.Client(9), "tools.cisco.com", new[] { System.Net.IPAddress.Parse("192.0.2.9") });
                Captures.Connection(w, Captures.Client(9), Captures.Tls12NoSniCiscoChain3, new System.Net.IPEndPoint(System.Net.IPAddress.Parse("192.0.2.9"), 8443));
            });
            all.AddRange(Audit(audit, other, out _));

            IReadOnlyList<IdentityAuditServerCount> counts = IdentityAuditSummary.CountByServer(all);

            Assert.Equal(2, counts.Count);
            Assert.Equal(("198.51.100.38:443", 2L), (counts[0].Server.ToString(), counts[0].Connections));
            Assert.Equal(("192.0.2.9:8443", 1L), (counts[1].Server.ToString(), counts[1].Connections));
            Assert.Equal("tools.cisco.com", counts[1].AgainstName);
        }

        [Fact]
        public void Compare_on_a_callers_own_inspection_agrees_with_audit()
        {
            var options = new InspectionOptions { Policy = SeedPolicy };
            var audit = new IdentityAudit(options);
            var found = new List<IdentityDifference>();
            char[] name = new char[ServerIdentityResolver.NameBufferLength];
            new ConnectionInspector(options).Inspect(new MemoryStream(SeedAmongOthers), (in InspectedConnection c) =>
            {
                if (audit.Compare(in c, name) is { } d)
                {
                    found.Add(d);
                }
            });

            IdentityDifference seed = Assert.Single(found);
            Assert.Equal("tools.cisco.com", seed.AgainstIdentity.Name);
            Assert.Equal(PolicyAction.Allow, seed.AgainstDecision!.Value.Action);
        }

        /// <summary>
        /// Suricata-verify's 40-connection capture, Firepower against Squid (which prefers a certificate name covering the SNI
        /// to the SNI itself): every connection reported is one where tshark saw an SNI and a leaf; Firepower names tshark's
        /// SNI, Squid a wildcard among tshark's leaf names that covers it.
        /// </summary>
        [CorpusFact]
        public void On_a_corpus_capture_the_differences_agree_with_tsharks_sni_and_leaf_names()
        {
            const string capture = "suricata-verify/tls-subjectaltname__input.pcap";
            Dictionary<string, JsonElement> peers = PeerConnections(capture);
            var audit = new IdentityAudit(new InspectionOptions { Resolver = ServerIdentityPresets.Firepower }, ServerIdentityPresets.Squid);

            List<IdentityDifference> differences;
            IdentityAuditSummary summary;
            using (FileStream file = File.OpenRead(Corpus.PathOf(capture)))
            {
                differences = new List<IdentityDifference>();
                summary = audit.Audit(file, differences.Add);
            }

            Assert.Equal(peers.Count, summary.Inspection.Connections);
            Assert.NotEmpty(differences);
            foreach (IdentityDifference d in differences)
            {
                JsonElement peer = peers[d.Client + " " + d.Server];
                string sni = peer.GetProperty("sni").GetString()!;
                var leafNames = new List<string>();
                foreach (JsonElement n in peer.GetProperty("leaf").GetProperty("san_dns").EnumerateArray())
                {
                    leafNames.Add(n.GetString()!.ToLowerInvariant());
                }

                foreach (JsonElement n in peer.GetProperty("leaf").GetProperty("subject_cn").EnumerateArray())
                {
                    leafNames.Add(n.GetString()!.ToLowerInvariant());
                }

                Assert.Equal(sni, d.ServerName);
                Assert.Equal(sni, d.Identity.Name);
                Assert.Equal(IdentitySource.Sni, d.Identity.Source);
                string squid = d.AgainstIdentity.Name!;
                Assert.Contains(squid, leafNames);
                Assert.StartsWith("*.", squid, StringComparison.Ordinal);
                Assert.EndsWith(squid.Substring(1), sni, StringComparison.Ordinal);
                Assert.True((d.AgainstIdentity.Diagnostics & IdentityDiagnostics.WildcardName) != 0);
                Assert.Equal(SniCoverage.Covered, d.AgainstIdentity.CertificateCoversSni);
            }

            long total = 0;
            foreach (IdentityAuditServerCount count in summary.ByServer)
            {
                total += count.Connections;
            }

            Assert.Equal(differences.Count, total);
        }

        /// <summary>
        /// Suricata-verify's LDAP STARTTLS capture: no SNI, a leaf whose only name is the CN "LDAP SSL test" (tshark's subject_cn).
        /// Firepower keeps it, flagged as not a host name; HintAware skips it and names nothing.
        /// </summary>
        [CorpusFact]
        public void On_a_corpus_capture_a_cn_that_is_not_a_host_name_splits_the_presets()
        {
            const string capture = "suricata-verify/ldap-starttls__input.pcap";
            JsonElement peer = Assert.Single(PeerConnections(capture)).Value;
            using FileStream file = File.OpenRead(Corpus.PathOf(capture));
            var differences = new List<IdentityDifference>();
            new IdentityAudit().Audit(file, differences.Add);

            IdentityDifference d = Assert.Single(differences);
            Assert.False(peer.GetProperty("has_sni").GetBoolean());
            Assert.Null(d.ServerName);
            Assert.Equal(peer.GetProperty("leaf").GetProperty("subject_cn")[0].GetString()!, d.Identity.Name, ignoreCase: true);
            Assert.Equal(IdentitySource.SubjectCommonName, d.Identity.Source);
            Assert.True((d.Identity.Diagnostics & IdentityDiagnostics.NotAHostName) != 0);
            Assert.Null(d.AgainstIdentity.Name);
            Assert.True((d.AgainstIdentity.Diagnostics & IdentityDiagnostics.InvalidCandidatesSkipped) != 0);
        }

        private static List<IdentityDifference> Audit(IdentityAudit audit, byte[] capture, out IdentityAuditSummary summary)
        {
            var differences = new List<IdentityDifference>();
            summary = audit.Audit(new MemoryStream(capture), differences.Add);
            return differences;
        }

        /// <summary>The corpus summary's TCP connections by "client server".</summary>
        private static Dictionary<string, JsonElement> PeerConnections(string capture)
        {
            using JsonDocument expected = JsonDocument.Parse(File.ReadAllText(Corpus.PathOf(capture + ".expected.json")));
            var peers = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            foreach (JsonElement connection in expected.RootElement.GetProperty("summary").EnumerateArray())
            {
                if (connection.GetProperty("transport").GetString() == "tcp")
                {
                    peers[connection.GetProperty("client").GetString() + " " + connection.GetProperty("server").GetString()] = connection.Clone();
                }
            }

            return peers;
        }
    }
}
