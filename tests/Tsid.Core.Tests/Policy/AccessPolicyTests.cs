using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using Tsid.Identity;
using Tsid.Policy;
using Tsid.Tls;
using Xunit;

namespace Tsid.Tests.Policy
{
    public class AccessPolicyTests
    {
        private static readonly string[] Presented = { "www.example.com", "example.com", "cdn.example.net" };
        private static readonly byte[] Client = IPAddress.Parse("192.0.2.10").GetAddressBytes();
        private static readonly byte[] Server = IPAddress.Parse("2001:db8::443").GetAddressBytes();

        private static ConnectionFacts Base => new ConnectionFacts
        {
            ResolvedName = "www.example.com",
            ResolvedSource = IdentitySource.Sni,
            PresentedNames = PresentedNames.FromList(Presented),
            SourceAddress = Client,
            DestinationAddress = Server,
            SourcePort = 40000,
            DestinationPort = 443,
            TlsVersion = TlsProtocolVersion.Tls13,
            AlpnNegotiated = "h2"u8,
            CertificateCoversSni = SniCoverage.Covered,
        };

        private static PolicyDecision One(Action<RuleBuilder> rule, in ConnectionFacts facts, MatchMode mode = MatchMode.ResolvedIdentity) =>
            new PolicyBuilder().Match(mode).Rule("R", rule).Default(PolicyAction.Block, "default-tag").Build().Evaluate(facts);

        private static bool Hit(Action<RuleBuilder> rule) => One(rule, Base).Action == PolicyAction.Allow;

        [Fact]
        public void Each_condition_type_holds_or_fails_on_its_own_fact()
        {
            Assert.True(Hit(r => r.FromNetwork("192.0.2.0/24").Allow()));
            Assert.False(Hit(r => r.FromNetwork("198.51.100.0/24").Allow()));
            Assert.True(Hit(r => r.ToNetwork("2001:db8::/64").Allow()));
            Assert.False(Hit(r => r.ToNetwork("10.0.0.0/8").Allow()));
            Assert.True(Hit(r => r.ToPort(443).Allow()));
            Assert.True(Hit(r => r.ToPorts(400, 500).Allow()));
            Assert.False(Hit(r => r.ToPort(80).Allow()));
            Assert.True(Hit(r => r.WithTlsVersion(TlsProtocolVersion.Tls13).Allow()));
            Assert.False(Hit(r => r.WithTlsVersion(TlsProtocolVersion.Tls12).Allow()));
            Assert.True(Hit(r => r.WithAlpn("h2").Allow()));
            Assert.False(Hit(r => r.WithAlpn("http/1.1").Allow()));
            Assert.True(Hit(r => r.WithIdentitySource(IdentitySource.Sni).Allow()));
            Assert.False(Hit(r => r.WithIdentitySource(IdentitySource.SubjectCommonName).Allow()));
            Assert.True(Hit(r => r.WhenCertificateCoversSni(true).Allow()));
            Assert.False(Hit(r => r.WhenCertificateCoversSni(false).Allow()));
            Assert.True(Hit(r => r.ToHost("example.com", Dialect.CiscoSecurityIntelligence).Allow()));
            Assert.False(Hit(r => r.ToHost("example.com", Dialect.Exact).Allow()));
            Assert.True(Hit(r => r.ToHostIn(DomainSet.Parse("example.com"), "LIST").Allow()));
            Assert.False(Hit(r => r.ToHostIn(DomainSet.Parse("example.org"), "LIST").Allow()));
        }

        [Fact]
        public void Values_of_one_condition_are_alternatives_and_conditions_are_anded()
        {
            Assert.True(Hit(r => r.ToPort(80).ToPort(443).Allow()));
            Assert.True(Hit(r => r.ToHost("nope.example", Dialect.Exact).ToHost("www.example.com", Dialect.Exact).Allow()));
            Assert.True(Hit(r => r.ToPort(443).WithAlpn("h2").FromNetwork("192.0.2.0/24").Allow()));
            Assert.False(Hit(r => r.ToPort(443).WithAlpn("h2").FromNetwork("198.51.100.0/24").Allow()));
        }

        [Fact]
        public void Unknown_facts_never_satisfy_a_condition_on_them()
        {
            var unknown = new ConnectionFacts { ResolvedName = "www.example.com" };
            Assert.Equal(PolicyAction.Block, One(r => r.ToPort(443).Allow(), unknown).Action);
            Assert.Equal(PolicyAction.Block, One(r => r.FromNetwork("0.0.0.0/0").Allow(), unknown).Action);
            Assert.Equal(PolicyAction.Block, One(r => r.WhenCertificateCoversSni(false).Allow(), unknown).Action);
            Assert.Equal(PolicyAction.Block, One(r => r.WithAlpn("h2").Allow(), unknown).Action);
            Assert.Equal(PolicyAction.Block, One(r => r.ToHost("example.com", Dialect.CiscoSecurityIntelligence).Allow(), new ConnectionFacts()).Action);
        }

        [Fact]
        public void Categories_come_from_the_callers_lookup()
        {
            var map = new CategoryMap(new[] { new KeyValuePair<string, DomainSet>("News", DomainSet.Parse("example.com")) });
            AccessPolicy policy = new PolicyBuilder()
                .Categories(map)
                .Rule("BLOCK_NEWS", r => r.InCategory("news").Block("news"))
                .Default(PolicyAction.Allow)
                .Build();
            PolicyDecision d = policy.Evaluate(Base);
            Assert.Equal(PolicyAction.Block, d.Action);
            Assert.Equal("news", d.Tag);
            Assert.Equal(PolicyAction.Allow, policy.Evaluate(new ConnectionFacts { ResolvedName = "example.org" }).Action);
        }

        [Fact]
        public void The_first_matching_rule_wins()
        {
            AccessPolicy policy = new PolicyBuilder()
                .Rule("BLOCK_EXAMPLE", r => r.ToHost("example.com", Dialect.CiscoSecurityIntelligence).Block("t1"))
                .Rule("ALLOW_WWW", r => r.ToHost("www.example.com", Dialect.Exact).Allow("t2"))
                .Default(PolicyAction.Allow)
                .Build();
            PolicyDecision d = policy.Evaluate(Base);
            Assert.Equal(PolicyAction.Block, d.Action);
            Assert.Equal("BLOCK_EXAMPLE", d.RuleName);
            Assert.Equal("t1", d.Tag);
            Assert.Equal("example.com", d.GetMatchedPattern(Base));

            AccessPolicy reversed = new PolicyBuilder()
                .Rule("ALLOW_WWW", r => r.ToHost("www.example.com", Dialect.Exact).Allow("t2"))
                .Rule("BLOCK_EXAMPLE", r => r.ToHost("example.com", Dialect.CiscoSecurityIntelligence).Block("t1"))
                .Default(PolicyAction.Block)
                .Build();
            Assert.Equal(PolicyAction.Allow, reversed.Evaluate(Base).Action);
            Assert.Equal(0, reversed.Evaluate(Base).RuleIndex);
        }

        [Fact]
        public void Security_intelligence_comes_before_every_rule_and_allow_lists_only_exempt()
        {
            AccessPolicy policy = new PolicyBuilder()
                .BlockList(DomainSet.Parse("example.com"), "FEED")
                .Rule("ALLOW_ALL", r => r.ToPort(443).Allow())
                .Default(PolicyAction.Block)
                .Build();
            PolicyDecision d = policy.Evaluate(Base);
            Assert.Equal(PolicyStage.SecurityIntelligence, d.Stage);
            Assert.Equal("FEED", d.RuleName);
            Assert.Equal("example.com", d.GetMatchedPattern(Base));

            // The allow list exempts www.example.com; the rules decide, not the allow list.
            AccessPolicy exempted = new PolicyBuilder()
                .BlockList(DomainSet.Parse("example.com"), "FEED")
                .AllowList(DomainSet.Parse("www.example.com"), "DNB")
                .Rule("BLOCK_443", r => r.ToPort(443).Block())
                .Default(PolicyAction.Allow)
                .Build();
            PolicyDecision e = exempted.Evaluate(Base);
            Assert.Equal(PolicyStage.Rule, e.Stage);
            Assert.Equal("BLOCK_443", e.RuleName);
            Assert.Contains("exempt by allow list 'DNB'", exempted.Explain(Base).Steps[0].Detail, StringComparison.Ordinal);
        }

        [Fact]
        public void Monitor_records_and_evaluation_continues()
        {
            AccessPolicy policy = new PolicyBuilder()
                .BlockList(DomainSet.Parse("example.com"), "WATCH", PolicyAction.Monitor)
                .Rule("MON", r => r.ToPort(443).Monitor())
                .Rule("ALLOW", r => r.ToPort(443).Allow())
                .Default(PolicyAction.Block)
                .Build();
            PolicyDecision d = policy.Evaluate(Base);
            Assert.Equal(PolicyAction.Allow, d.Action);
            Assert.Equal("ALLOW", d.RuleName);
            Assert.Equal(2, d.MonitorCount);
            Assert.Equal("WATCH", d.FirstMonitorName);
        }

        [Fact]
        public void AnyPresentedName_widens_host_conditions_to_every_presented_name()
        {
            Action<RuleBuilder> rule = r => r.ToHost("cdn.example.net", Dialect.Exact).Allow();
            Assert.Equal(PolicyAction.Block, One(rule, Base, MatchMode.ResolvedIdentity).Action);
            PolicyDecision d = One(rule, Base, MatchMode.AnyPresentedName);
            Assert.Equal(PolicyAction.Allow, d.Action);
            Assert.Equal("cdn.example.net", d.GetMatchedName(Base));
        }

        [Fact]
        public void The_default_action_carries_its_tag()
        {
            PolicyDecision d = One(r => r.ToPort(1).Allow(), Base);
            Assert.Equal(PolicyStage.Default, d.Stage);
            Assert.Equal(-1, d.RuleIndex);
            Assert.Null(d.RuleName);
            Assert.Equal("default-tag", d.Tag);
        }

        [Fact]
        public void The_explanation_lists_every_rule_consulted_and_why_it_did_not_match()
        {
            AccessPolicy policy = new PolicyBuilder()
                .Rule("PORT", r => r.ToPort(8443).Allow())
                .Rule("NET", r => r.FromNetwork("10.0.0.0/8").Allow())
                .Rule("HOST", r => r.ToHost(".example.org", Dialect.SquidDstdomain).Allow())
                .Rule("TLS", r => r.WithTlsVersion(TlsProtocolVersion.Tls12).Allow())
                .Rule("HIT", r => r.ToHost("example.com", Dialect.ChromeUrlBlocklist).Block())
                .Rule("NEVER_REACHED", r => r.ToPort(443).Allow())
                .Default(PolicyAction.Allow)
                .Build();
            PolicyExplanation e = policy.Explain(Base);
            Assert.Equal(new[] { "PORT", "NET", "HOST", "TLS", "HIT" }, e.Steps.Select(s => s.Name));
            Assert.Contains("port 443", e.Steps[0].Detail, StringComparison.Ordinal);
            Assert.Contains("192.0.2.10", e.Steps[1].Detail, StringComparison.Ordinal);
            Assert.Contains("SquidDstdomain:.example.org", e.Steps[2].Detail, StringComparison.Ordinal);
            Assert.Contains("Tls13", e.Steps[3].Detail, StringComparison.Ordinal);
            Assert.True(e.Steps[4].Matched);
            Assert.Equal(policy.Evaluate(Base).ToString(), e.Decision.ToString());
        }

        [Fact]
        public void Evaluation_allocates_nothing()
        {
            AccessPolicy policy = new PolicyBuilder()
                .Match(MatchMode.AnyPresentedName)
                .BlockList(DomainSet.Parse("blocked.example"), "SI")
                .AllowList(DomainSet.Parse("fine.example"), "DNB")
                .Rule("A", r => r.FromNetwork("10.0.0.0/8").ToHost("*.example.org", Dialect.Wildcard).Allow())
                .Rule("B", r => r.ToNetwork("2001:db8::/32").ToHost("example.net", Dialect.ChromeUrlBlocklist).WithAlpn("h2").Block())
                .Rule("C", r => r.ToHost("cdn.example.net", Dialect.Exact).Allow())
                .Default(PolicyAction.Block)
                .Build();
            ConnectionFacts facts = Base;
            policy.Evaluate(facts);
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 100; i++)
            {
                policy.Evaluate(facts);
            }

            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        }
    }
}
