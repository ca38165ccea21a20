using System;
using Tsid.Testing;
using Tsid.Identity;
using Tsid.Policy;
using Tsid.Tests.Support;
using Tsid.X509;
using Xunit;
using static Tsid.Tests.Identity.IdentityTestSupport;

namespace Tsid.Tests.Identity
{
    /// <summary>The host a client names to its proxy (CONNECT, SOCKS, PROXY v2 authority) as identity evidence and as a policy fact.</summary>
    public class ProxyTargetTests
    {
        private static readonly byte[] CiscoNoCn = Fixture.Bytes("cisco-nocn.der");

        [Fact]
        public void HintAware_names_a_proxied_no_sni_connection_by_the_connect_target_and_Firepower_keeps_its_trap()
        {
            var spec = new TestEvidence { Certificate = CiscoNoCn, ProxyTarget = "tools.cisco.com:443" };
            ServerIdentityRecord hintAware = Resolve(ServerIdentityPresets.HintAware, spec);
            Assert.Equal("tools.cisco.com", hintAware.Name);
            Assert.Equal(IdentitySource.ProxyTargetHint, hintAware.Source);

            ServerIdentityRecord firepower = Resolve(ServerIdentityPresets.Firepower, spec);
            Assert.Equal("toos.cisco.com", firepower.Name);
            Assert.Equal(IdentitySource.FirstSubjectAltName, firepower.Source);
        }

        [Fact]
        public void The_proxy_target_comes_before_dns_and_http_host_hints_and_is_only_taken_when_covered()
        {
            ServerIdentityResolver resolver = new ServerIdentityResolverBuilder().HintCoveredByCertificate().Build();
            ServerIdentityRecord both = Resolve(resolver, new TestEvidence { Certificate = CiscoNoCn, ProxyTarget = "tools1.cisco.com:443", HttpHost = "tools.cisco.com", DnsNames = new[] { "toos.cisco.com" } });
            Assert.Equal("tools1.cisco.com", both.Name);
            Assert.Equal(IdentitySource.ProxyTargetHint, both.Source);

            // Not covered: not taken, the next hint is; the explanation says why.
            ServerIdentityRecord uncovered = Resolve(resolver, new TestEvidence { Certificate = CiscoNoCn, ProxyTarget = "evil.example:443", DnsNames = new[] { "tools.cisco.com" } });
            Assert.Equal("tools.cisco.com", uncovered.Name);
            Assert.Equal(IdentitySource.DnsHint, uncovered.Source);
            Assert.Contains(uncovered.Explanation!.Candidates, c => c.Source == IdentitySource.ProxyTargetHint && c.Verdict == CandidateVerdict.NotCovered);

            // A rule that looks at DNS names only ignores the proxy target.
            ServerIdentityResolver dnsOnly = new ServerIdentityResolverBuilder().HintCoveredByCertificate(IdentityHintKinds.DnsName).Build();
            Assert.Null(Resolve(dnsOnly, new TestEvidence { Certificate = CiscoNoCn, ProxyTarget = "tools.cisco.com:443" }).Name);

            // IPv6 literal targets lose their brackets and port.
            ServerIdentityResolver proxyOnly = new ServerIdentityResolverBuilder().HintCoveredByCertificate(IdentityHintKinds.ProxyTarget).Build();
            Assert.Null(Resolve(proxyOnly, new TestEvidence { Certificate = CiscoNoCn, ProxyTarget = "[2001:db8::1]:443" }).Name);
            Assert.Equal("tools.cisco.com", Resolve(proxyOnly, new TestEvidence { Certificate = CiscoNoCn, ProxyTarget = "TOOLS.cisco.com" }).Name);
        }

        [Fact]
        public void A_policy_matches_the_proxy_target_in_code_and_in_policy_text()
        {
            AccessPolicy text = PolicyText.Parse(
                "rule PROXIED_CISCO allow\n  proxy-target cisco-si cisco.com\nend\n" +
                "rule PROXIED_BLOCK block\n  proxy-target wildcard *.bad.example\nend\n" +
                "default allow\n");
            AccessPolicy code = new PolicyBuilder()
                .Rule("PROXIED_CISCO", r => r.ToProxyTarget("cisco.com", Dialect.CiscoSecurityIntelligence).Allow())
                .Rule("PROXIED_BLOCK", r => r.ToProxyTarget("*.bad.example", Dialect.Wildcard).Block())
                .Default(PolicyAction.Allow)
                .Build();
            foreach (AccessPolicy policy in new[] { text, code })
            {
                Assert.Equal("PROXIED_CISCO", policy.Evaluate(new ConnectionFacts { ProxyTarget = "tools.cisco.com:443", DestinationPort = 443 }).RuleName);
                PolicyDecision blocked = policy.Evaluate(new ConnectionFacts { ProxyTarget = "www.bad.example:8443" });
                Assert.Equal(PolicyAction.Block, blocked.Action);
                Assert.Equal("PROXIED_BLOCK", blocked.RuleName);

                // Not proxied: neither rule can match; the explanation names the missing fact.
                PolicyDecision direct = policy.Evaluate(new ConnectionFacts { ResolvedName = "tools.cisco.com" });
                Assert.Equal(PolicyStage.Default, direct.Stage);
                PolicyExplanation why = policy.Explain(new ConnectionFacts { ResolvedName = "tools.cisco.com" });
                Assert.Contains(why.Steps, s => s.Detail.Contains("proxy target none", StringComparison.Ordinal));
            }

            PolicyTextError error = Assert.Single(Assert.Throws<PolicyFormatException>(() => PolicyText.Parse("rule R allow\n  proxy-target cisco.com\nend\ndefault allow\n")).Errors);
            Assert.Equal(2, error.Line);
            Assert.Contains("proxy-target DIALECT PATTERN", error.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Facts_from_the_evidence_carry_the_proxy_target()
        {
            Assert.True(Certificate.TryParse(CiscoNoCn, out Certificate leaf, out _));
            var evidence = new ServerIdentityEvidence { LeafCertificate = leaf, ProxyTarget = "tools.cisco.com:443".AsSpan() };
            Span<char> name = stackalloc char[ServerIdentityResolver.NameBufferLength];
            ServerIdentity identity = ServerIdentityPresets.HintAware.Resolve(in evidence, name);
            ConnectionFacts facts = ConnectionFacts.From(in identity, in evidence);
            Assert.Equal("tools.cisco.com:443", facts.ProxyTarget.ToString());
            Assert.Equal("tools.cisco.com", facts.ResolvedName.ToString());
            Assert.Equal(IdentitySource.ProxyTargetHint, facts.ResolvedSource);
        }
    }
}
