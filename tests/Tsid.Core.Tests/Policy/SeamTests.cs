using System;
using System.Text;
using Tsid.Identity;
using Tsid.Policy;
using Tsid.Tests.Support;
using Tsid.Tls;
using Tsid.X509;
using Xunit;

namespace Tsid.Tests.Policy
{
    /// <summary>
    /// The identity → policy seam as a caller uses it: recorded handshake bytes (Fixtures/Tls) → observer → evidence →
    /// resolve → <see cref="ConnectionFacts.From(TlsConnectionObserver, in ServerIdentity, in ServerIdentityEvidence)"/> →
    /// evaluate, allocation-free; the identity stage; and the two ALPN facts.
    /// </summary>
    public class SeamTests
    {
        private const int ListSize = 100_000;

        private static readonly byte[] Client = { 10, 12, 1, 20 };
        private static readonly byte[] Server = { 72, 163, 4, 38 };
        private static readonly Lazy<AccessPolicy> Resolved = new(() => BigPolicy(MatchMode.ResolvedIdentity));
        private static readonly Lazy<AccessPolicy> AnyName = new(() => BigPolicy(MatchMode.AnyPresentedName));

        private static (byte[] ClientToServer, byte[] ServerToClient) Recording(string name) =>
            (Fixture.Bytes("Tls/" + name + ".c2s.bin"), Fixture.Bytes("Tls/" + name + ".s2c.bin"));

        /// <summary>Two 100,000-entry lists (the seed's toos.cisco.com on the block list) and 100 rules, the last for tls-test.example.</summary>
        private static AccessPolicy BigPolicy(MatchMode mode)
        {
            var block = new StringBuilder("toos.cisco.com\n");
            var allow = new StringBuilder();
            for (int i = 0; i < ListSize; i++)
            {
                block.Append("b").Append(i).Append(".blocked").Append(i % 97).Append(".example\n");
                allow.Append("a").Append(i).Append(".allowed").Append(i % 89).Append(".example\n");
            }

            var builder = new PolicyBuilder()
                .Match(mode)
                .BlockList(DomainSet.Parse(block.ToString()), "SI_FEED")
                .AllowList(DomainSet.Parse(allow.ToString()), "SI_DO_NOT_BLOCK");
            for (int i = 0; i < 99; i++)
            {
                int n = i;
                switch (i % 4)
                {
                    case 0:
                        builder.Rule("NET_" + n, r => r.FromNetwork("10." + (100 + n) + ".0.0/16").ToPort(443).Allow());
                        break;
                    case 1:
                        builder.Rule("APP_" + n, r => r.ToHost("app" + n + ".corp.example", Dialect.CiscoSecurityIntelligence).Allow());
                        break;
                    case 2:
                        builder.Rule("SVC_" + n, r => r.ToHost(".svc" + n + ".example.net", Dialect.SquidDstdomain).ToPort(443).WithAlpn("h2").Block());
                        break;
                    default:
                        builder.Rule("DST_" + n, r => r.ToNetwork("192.0." + n + ".0/24").WithTlsVersion(TlsProtocolVersion.Tls12).WithOfferedAlpn("h2").Allow());
                        break;
                }
            }

            return builder
                .Rule("ALLOW_TLS_TEST", r => r.FromNetwork("10.12.1.0/24").ToHost("tls-test.example", Dialect.Exact).Allow("tls-test"))
                .Default(PolicyAction.Block)
                .Build();
        }

        /// <summary>One connection through every stage; the observer is reused (reset) as a pool would.</summary>
        private static PolicyDecision Decide(TlsConnectionObserver observer, byte[] c2s, byte[] s2c, AccessPolicy policy, Span<char> name)
        {
            observer.Reset();
            observer.Feed(TlsDirection.ClientToServer, c2s);
            observer.Feed(TlsDirection.ServerToClient, s2c);
            ServerIdentityEvidence evidence = ServerIdentityEvidence.FromHandshake(observer) with { DestinationAddress = Server, DestinationPort = 443 };
            ServerIdentity identity = ServerIdentityPresets.Firepower.Resolve(in evidence, name);
            ConnectionFacts facts = ConnectionFacts.From(observer, in identity, in evidence) with { SourceAddress = Client, SourcePort = 50123 };
            return policy.Evaluate(in facts);
        }

        private static long AllocatedPerConnection(string recording, AccessPolicy policy, out PolicyDecision decision)
        {
            (byte[] c2s, byte[] s2c) = Recording(recording);
            using var observer = new TlsConnectionObserver();
            Span<char> name = stackalloc char[ServerIdentityResolver.NameBufferLength];
            decision = default;
            for (int i = 0; i < 3; i++)
            {
                decision = Decide(observer, c2s, s2c, policy, name);
            }

            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 20; i++)
            {
                decision = Decide(observer, c2s, s2c, policy, name);
            }

            return GC.GetAllocatedBytesForCurrentThread() - before;
        }

        [Theory]
        [InlineData(MatchMode.ResolvedIdentity)]
        [InlineData(MatchMode.AnyPresentedName)]
        public void Tls12_without_SNI_the_seed_case_from_bytes_to_decision_allocates_nothing(MatchMode mode)
        {
            AccessPolicy policy = mode == MatchMode.ResolvedIdentity ? Resolved.Value : AnyName.Value;
            long allocated = AllocatedPerConnection("tls12-nosni-cisco-chain3", policy, out PolicyDecision decision);
            Assert.Equal(PolicyAction.Block, decision.Action);
            Assert.Equal(PolicyStage.SecurityIntelligence, decision.Stage);
            Assert.Equal("SI_FEED", decision.RuleName);
            Assert.Equal(0, allocated);
        }

        [Theory]
        [InlineData(MatchMode.ResolvedIdentity)]
        [InlineData(MatchMode.AnyPresentedName)]
        public void Tls13_with_SNI_from_bytes_to_decision_allocates_nothing(MatchMode mode)
        {
            AccessPolicy policy = mode == MatchMode.ResolvedIdentity ? Resolved.Value : AnyName.Value;
            long allocated = AllocatedPerConnection("tls13-sni-alpn", policy, out PolicyDecision decision);
            Assert.Equal(PolicyAction.Allow, decision.Action);
            Assert.Equal(PolicyStage.Rule, decision.Stage);
            Assert.Equal(99, decision.RuleIndex);
            Assert.Equal("tls-test", decision.Tag);
            Assert.Equal(0, allocated);
        }

        [Fact]
        public void The_seed_decision_names_the_first_SAN_read_from_the_handshake()
        {
            (byte[] c2s, byte[] s2c) = Recording("tls12-nosni-cisco-chain3");
            using var observer = new TlsConnectionObserver();
            observer.Feed(TlsDirection.ClientToServer, c2s);
            observer.Feed(TlsDirection.ServerToClient, s2c);
            ServerIdentityEvidence evidence = ServerIdentityEvidence.FromHandshake(observer);
            Span<char> name = stackalloc char[ServerIdentityResolver.NameBufferLength];
            ServerIdentity identity = ServerIdentityPresets.Firepower.Resolve(in evidence, name);
            ConnectionFacts facts = ConnectionFacts.From(observer, in identity, in evidence);
            Assert.Equal("toos.cisco.com", facts.ResolvedName.ToString());
            Assert.Equal(IdentitySource.FirstSubjectAltName, facts.ResolvedSource);
            Assert.Equal(TlsProtocolVersion.Tls12, facts.TlsVersion);

            PolicyDecision anyName = AnyName.Value.Evaluate(in facts);
            Assert.Equal("toos.cisco.com", anyName.GetMatchedName(in facts));
            Assert.Equal(0, anyName.MatchedNameIndex);
            Assert.Equal("toos.cisco.com", anyName.GetMatchedPattern(in facts));
        }

        [Fact]
        public void A_presented_name_deep_in_a_large_certificate_is_never_dropped()
        {
            // big-100san.der presents 100 dNSNames, more than the evaluation's stack table holds: the table moves to pooled
            // arrays, so a block-listed name at the end is still found, and after warm-up nothing is allocated.
            Assert.True(Certificate.TryParse(Fixture.Bytes("big-100san.der"), out Certificate leaf, out _));
            var evidence = new ServerIdentityEvidence { LeafCertificate = leaf };
            string[] names = evidence.PresentedNames.ToArray();
            Assert.True(names.Length > NameTable.StackNames);
            string last = names[names.Length - 1];
            AccessPolicy policy = new PolicyBuilder()
                .Match(MatchMode.AnyPresentedName)
                .BlockList(DomainSet.Parse(last), "SI")
                .Default(PolicyAction.Allow)
                .Build();
            var facts = new ConnectionFacts { PresentedNames = evidence.PresentedNames };
            PolicyDecision decision = policy.Evaluate(in facts);
            Assert.Equal(PolicyStage.SecurityIntelligence, decision.Stage);
            Assert.Equal(last, decision.GetMatchedName(in facts));

            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 10; i++)
            {
                policy.Evaluate(in facts);
            }

            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        private static ServerIdentity RejectedByFortiGateStrict(Span<char> name, out ServerIdentityEvidence evidence)
        {
            Assert.True(Certificate.TryParse(Fixture.Bytes("cisco-nocn.der"), out Certificate leaf, out _));
            evidence = new ServerIdentityEvidence { ServerName = "www.example.com"u8, LeafCertificate = leaf };
            return ServerIdentityPresets.FortiGateStrict.Resolve(in evidence, name);
        }

        [Fact]
        public void A_rejected_identity_is_blocked_at_the_identity_stage_by_default_never_by_the_default_rule()
        {
            Span<char> name = stackalloc char[ServerIdentityResolver.NameBufferLength];
            ServerIdentity identity = RejectedByFortiGateStrict(name, out ServerIdentityEvidence evidence);
            Assert.True(identity.IsRejected);
            Assert.Equal(IdentityDiagnostics.SniCheckRejected, identity.RejectReason);

            // A default of Allow shows that the default action does not decide.
            AccessPolicy policy = new PolicyBuilder().Rule("ALLOW_443", r => r.ToPort(443).Allow()).Default(PolicyAction.Allow).Build();
            ConnectionFacts facts = ConnectionFacts.From(in identity, in evidence) with { DestinationPort = 443 };
            Assert.True(facts.IdentityRejected);
            PolicyDecision d = policy.Evaluate(in facts);
            Assert.Equal(PolicyAction.Block, d.Action);
            Assert.Equal(PolicyStage.Identity, d.Stage);
            Assert.Equal(IdentityDiagnostics.SniCheckRejected, d.IdentityRejectReason);
            Assert.Equal(-1, d.RuleIndex);
            Assert.Contains("SniCheckRejected", d.ToString(), StringComparison.Ordinal);

            PolicyExplanation e = policy.Explain(in facts);
            Assert.Equal(PolicyStage.Identity, Assert.Single(e.Steps).Stage);
            Assert.Equal(d.ToString(), e.Decision.ToString());
        }

        [Fact]
        public void The_identity_stage_action_is_configurable_in_code_and_in_policy_text()
        {
            Span<char> name = stackalloc char[ServerIdentityResolver.NameBufferLength];
            ServerIdentity identity = RejectedByFortiGateStrict(name, out ServerIdentityEvidence evidence);
            ConnectionFacts facts = ConnectionFacts.From(in identity, in evidence) with { DestinationPort = 443 };

            AccessPolicy allow = new PolicyBuilder().OnRejectedIdentity(PolicyAction.Allow, "lenient").Default(PolicyAction.Block).Build();
            PolicyDecision a = allow.Evaluate(in facts);
            Assert.Equal(PolicyAction.Allow, a.Action);
            Assert.Equal(PolicyStage.Identity, a.Stage);
            Assert.Equal("lenient", a.Tag);

            // Monitor records the rejection and lets the rules decide on the unnamed connection.
            AccessPolicy monitor = PolicyText.Parse("rejected-identity monitor\ndefault block\nrule R allow\n  port 443\nend\n");
            Assert.Equal(PolicyAction.Monitor, monitor.RejectedIdentityAction);
            PolicyDecision m = monitor.Evaluate(in facts);
            Assert.Equal(PolicyAction.Allow, m.Action);
            Assert.Equal(PolicyStage.Rule, m.Stage);
            Assert.Equal(1, m.MonitorCount);

            AccessPolicy text = PolicyText.Parse("rejected-identity allow tag=strict-off\ndefault block\n");
            Assert.Equal(PolicyAction.Allow, text.RejectedIdentityAction);
            Assert.Equal("strict-off", text.RejectedIdentityTag);
            Assert.Equal(PolicyAction.Block, new PolicyBuilder().Default(PolicyAction.Allow).Build().RejectedIdentityAction);
            Assert.Throws<PolicyFormatException>(() => PolicyText.Parse("rejected-identity maybe\ndefault block\n"));

            // A connection the resolver did not reject never reaches the identity stage.
            PolicyDecision plain = allow.Evaluate(new ConnectionFacts { ResolvedName = "tools.cisco.com" });
            Assert.Equal(PolicyStage.Default, plain.Stage);
        }

        private static ConnectionFacts FromRecording(TlsConnectionObserver observer, Span<char> name)
        {
            ServerIdentityEvidence evidence = ServerIdentityEvidence.FromHandshake(observer);
            ServerIdentity identity = ServerIdentityPresets.Firepower.Resolve(in evidence, name);
            return ConnectionFacts.From(observer, in identity, in evidence);
        }

        private static TlsConnectionObserver Observe(string recording)
        {
            (byte[] c2s, byte[] s2c) = Recording(recording);
            var observer = new TlsConnectionObserver();
            observer.Feed(TlsDirection.ClientToServer, c2s);
            observer.Feed(TlsDirection.ServerToClient, s2c);
            return observer;
        }

        [Fact]
        public void Tls12_ALPN_the_server_choice_is_the_negotiated_fact_and_the_client_list_the_offered_one()
        {
            using TlsConnectionObserver observer = Observe("tls12-sni-alpn");
            Span<char> name = stackalloc char[ServerIdentityResolver.NameBufferLength];
            ConnectionFacts facts = FromRecording(observer, name);
            Assert.Equal("h2", Encoding.ASCII.GetString(facts.AlpnNegotiated.ToArray()));
            Assert.Equal(2, facts.AlpnOffered.Count);

            AccessPolicy h2 = new PolicyBuilder().Rule("H2", r => r.WithAlpn("h2").Allow()).Default(PolicyAction.Block).Build();
            AccessPolicy http11 = new PolicyBuilder().Rule("HTTP11", r => r.WithAlpn("http/1.1").Allow()).Default(PolicyAction.Block).Build();
            AccessPolicy offered = new PolicyBuilder().Rule("OFFERED", r => r.WithOfferedAlpn("http/1.1").Allow()).Default(PolicyAction.Block).Build();
            Assert.Equal(PolicyAction.Allow, h2.Evaluate(in facts).Action);
            Assert.Equal(PolicyAction.Block, http11.Evaluate(in facts).Action); // offered second, not chosen
            Assert.Equal(PolicyAction.Allow, offered.Evaluate(in facts).Action);
        }

        [Fact]
        public void Tls13_ALPN_the_negotiated_protocol_is_unknown_so_a_first_offer_is_never_taken_for_it()
        {
            using TlsConnectionObserver observer = Observe("tls13-sni-alpn");
            Span<char> name = stackalloc char[ServerIdentityResolver.NameBufferLength];
            ConnectionFacts facts = FromRecording(observer, name);
            Assert.True(facts.AlpnNegotiated.IsEmpty);
            Assert.False(facts.AlpnOffered.Count == 0);
            string firstOffer = string.Empty;
            foreach (ReadOnlySpan<byte> protocol in facts.AlpnOffered)
            {
                firstOffer = Encoding.ASCII.GetString(protocol.ToArray());
                break;
            }

            // The old bug: the client's first offer passed for the negotiated protocol, so this rule matched.
            AccessPolicy negotiated = new PolicyBuilder().Rule("NEGOTIATED", r => r.WithAlpn(firstOffer).Allow()).Default(PolicyAction.Block).Build();
            PolicyExplanation why = negotiated.Explain(in facts);
            Assert.Equal(PolicyAction.Block, why.Decision.Action);
            Assert.Contains("negotiated ALPN unknown", why.Steps[0].Detail, StringComparison.Ordinal);

            AccessPolicy offered = PolicyText.Parse("default block\nrule OFFERED allow\n  alpn-offered " + firstOffer + "\nend\n");
            Assert.Equal(new[] { firstOffer }, offered.Rules[0].OfferedAlpn);
            Assert.Equal(PolicyAction.Allow, offered.Evaluate(in facts).Action);
        }
    }
}
