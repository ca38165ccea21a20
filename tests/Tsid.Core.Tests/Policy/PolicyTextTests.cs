using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Text.RegularExpressions;
using Tsid.Identity;
using Tsid.Policy;
using Tsid.Tls;
using Xunit;

namespace Tsid.Tests.Policy
{
    public class PolicyTextTests
    {
        /// <summary>The seed policy exactly as docs/policy.md shows it (the first ```text block under "Policy files").</summary>
        internal static string DocsExample()
        {
            string dir = AppContext.BaseDirectory;
            while (!File.Exists(Path.Combine(dir, "Tsid.Core.sln")))
            {
                dir = Path.GetDirectoryName(dir) ?? throw new InvalidOperationException("repository root not found");
            }

            string doc = File.ReadAllText(Path.Combine(dir, "docs", "policy.md"));
            int section = doc.IndexOf("## Policy files", StringComparison.Ordinal);
            Match m = Regex.Match(doc.Substring(section), "```text\n(.*?)```", RegexOptions.Singleline);
            Assert.True(m.Success, "docs/policy.md has no policy example");
            return m.Groups[1].Value;
        }

        private static readonly string[] SmartNames = { "toos.cisco.com", "tools.cisco.com", "tools1.cisco.com" };

        private static ConnectionFacts Smart(string resolved, IdentitySource source) => new ConnectionFacts
        {
            ResolvedName = resolved,
            ResolvedSource = source,
            PresentedNames = PresentedNames.FromList(SmartNames),
            SourceAddress = new byte[] { 10, 12, 1, 20 },
            DestinationAddress = new byte[] { 72, 163, 4, 38 },
            DestinationPort = 443,
            TlsVersion = TlsProtocolVersion.Tls12,
        };

        [Fact]
        public void The_docs_example_reproduces_the_seed_case()
        {
            var files = new Dictionary<string, string> { ["feeds/extra-block.txt"] = "# extra feed\n0.0.0.0 malware.example\n" };
            AccessPolicy policy = PolicyText.Parse(DocsExample(), path => new StringReader(files[path]));
            Assert.Equal(new[] { "ALLOW_FMC_ASA_SNT_CISCO", "ALLOW_ALL_CLIENTS_80_443" }, policy.Rules.Select(r => r.Name));
            Assert.Equal(PolicyAction.Block, policy.DefaultAction);

            PolicyDecision firepower = policy.Evaluate(Smart("toos.cisco.com", IdentitySource.FirstSubjectAltName));
            Assert.Equal(PolicyAction.Block, firepower.Action);
            Assert.Equal(PolicyStage.SecurityIntelligence, firepower.Stage);
            Assert.Equal("SI_BLOCK_CUSTOM", firepower.RuleName);

            PolicyDecision hintAware = policy.Evaluate(Smart("tools.cisco.com", IdentitySource.DnsHint));
            Assert.Equal(PolicyAction.Allow, hintAware.Action);
            Assert.Equal("ALLOW_FMC_ASA_SNT_CISCO", hintAware.RuleName);

            PolicyDecision feed = policy.Evaluate(new ConnectionFacts { ResolvedName = "cdn.malware.example", DestinationPort = 443 });
            Assert.Equal("SI_FEED", feed.RuleName);
        }

        [Fact]
        public void Every_statement_and_condition_is_read()
        {
            const string text = @"
match any-presented-name
default allow tag=fallthrough
list WATCH
  watched.example
end
list GOOD
  good.example
end
blocklist WATCH monitor
allowlist GOOD
rule R1 block tag=old-tls
  tls ssl3 1.0 1.1
end
rule R2 allow
  from 192.0.2.0/24 2001:db8::/32
  to 198.51.100.0/24
  port 443 8000-8443
  host chrome example.com
  host squid .example.org
  host-list GOOD
  alpn h2 http/1.1
  source sni dns-hint
  covers-sni yes
end
rule R3 monitor
  category news
end
";
            var categories = new CategoryMap(new[] { new KeyValuePair<string, DomainSet>("news", DomainSet.Parse("news.example")) });
            AccessPolicy p = PolicyText.Parse(text, null, categories);
            Assert.Equal(MatchMode.AnyPresentedName, p.Mode);
            Assert.Equal("fallthrough", p.DefaultTag);
            Assert.Equal(PolicyAction.Monitor, p.BlockLists[0].Action);
            Assert.Equal("GOOD", p.AllowLists[0].Name);
            PolicyRule r1 = p.Rules[0];
            Assert.Equal(new[] { TlsProtocolVersion.Ssl30, TlsProtocolVersion.Tls10, TlsProtocolVersion.Tls11 }, r1.TlsVersions);
            Assert.Equal("old-tls", r1.Tag);
            PolicyRule r2 = p.Rules[1];
            Assert.Equal(2, r2.SourceNetworks.Count);
            Assert.Single(r2.DestinationNetworks);
            Assert.Equal(new[] { "443", "8000-8443" }, r2.DestinationPorts.Select(x => x.ToString()));
            Assert.Equal(new[] { Dialect.ChromeUrlBlocklist, Dialect.SquidDstdomain }, r2.Hosts.Select(h => h.Dialect));
            Assert.Equal("GOOD", Assert.Single(r2.HostSets).Name);
            Assert.Equal(new[] { "h2", "http/1.1" }, r2.Alpn);
            Assert.Equal(new[] { IdentitySource.Sni, IdentitySource.DnsHint }, r2.IdentitySources);
            Assert.Equal(SniCoverage.Covered, r2.CertificateCoversSni);
            Assert.Equal("news", Assert.Single(p.Rules[2].Categories));

            PolicyDecision d = p.Evaluate(new ConnectionFacts { ResolvedName = "www.news.example", TlsVersion = TlsProtocolVersion.Tls13 });
            Assert.Equal(PolicyAction.Allow, d.Action);
            Assert.Equal(1, d.MonitorCount);
        }

        [Fact]
        public void Errors_are_listed_with_line_numbers()
        {
            const string text = "match sometimes\n"          // 1
                + "default maybe\n"                           // 2
                + "list L\n"                                  // 3
                + "  ok.example\n"                            // 4
                + "  bad entry here\n"                        // 5
                + "end\n"                                     // 6
                + "blocklist NOPE\n"                          // 7
                + "rule R allow\n"                            // 8
                + "  port 0\n"                                // 9
                + "  host klingon example.com\n"              // 10
                + "  colour blue\n"                           // 11
                + "end\n"                                     // 12
                + "frobnicate\n";                             // 13
            var ex = Assert.Throws<PolicyFormatException>(() => PolicyText.Parse(text));
            Assert.Equal(new[] { 1, 2, 5, 7, 9, 10, 11, 13 }, ex.Errors.Select(e => e.Line));
            Assert.Contains("line 5", ex.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Validation_problems_point_at_the_rule_line()
        {
            const string text = "default block\n"
                + "rule ANY allow\n"
                + "end\n"
                + "rule LATER block\n"
                + "  from 10.0.0.1/8\n"
                + "end\n";
            var ex = Assert.Throws<PolicyFormatException>(() => PolicyText.Parse(text));
            Assert.All(ex.Errors, e => Assert.Equal(4, e.Line));
            Assert.Contains(ex.Errors, e => e.Message.Contains("host bits", StringComparison.Ordinal));
        }

        [Fact]
        public void Unclosed_blocks_and_file_lists_without_an_opener_are_errors()
        {
            Assert.Contains("no 'end'", Assert.Throws<PolicyFormatException>(() => PolicyText.Parse("default block\nrule R allow\n  port 443\n")).Message, StringComparison.Ordinal);
            Assert.Contains("cannot open files", Assert.Throws<PolicyFormatException>(() => PolicyText.Parse("default block\nlist L file=x.txt\n")).Message, StringComparison.Ordinal);
            var ex = Assert.Throws<PolicyFormatException>(() => PolicyText.Parse("default block\nlist L file=x.txt\n", _ => new StringReader("good.example\nbad/entry\n")));
            Assert.Contains("line 2", ex.Errors[0].Message, StringComparison.Ordinal);
        }
    }
}
