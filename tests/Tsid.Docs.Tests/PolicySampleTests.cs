using System;
using System.IO;
using System.Text;
using Tsid.Docs.Tests.Samples;
using Tsid.Docs.Tests.Support;
using Tsid.Identity;
using Tsid.Policy;
using Tsid.Tls;
using Xunit;

namespace Tsid.Docs.Tests
{
    /// <summary>Runs the blocks of docs/policy.md on the recorded seed case.</summary>
    [Collection(nameof(ConsoleCollection))]
    public class PolicySampleTests
    {
        private static readonly byte[] Fmc = { 10, 12, 1, 20 };
        private static readonly byte[] Outside = { 192, 0, 2, 7 };
        private static readonly byte[] Tools = { 72, 163, 4, 38 };

        [Fact]
        public void Connection_facts_block_the_seed_case_by_the_si_list()
        {
            AccessPolicy policy = PolicyText.Parse("""
                default allow
                list SI_BLOCK_CUSTOM
                  toos.cisco.com
                end
                blocklist SI_BLOCK_CUSTOM
                """);
            using TlsConnectionObserver observer = Fixture.Observe(Fixture.SeedRecording);

            (PolicyDecision decision, string? matched) = PolicySamples.ConnectionFactsSample(observer, policy, Tools, Fmc, 50001);

            Assert.Equal(PolicyAction.Block, decision.Action);
            Assert.Equal(PolicyStage.SecurityIntelligence, decision.Stage);
            Assert.Equal("toos.cisco.com", matched);
        }

        [Fact]
        public void Connection_facts_carry_the_addresses_and_ports_the_caller_adds()
        {
            AccessPolicy policy = PolicyText.Parse("""
                default block
                rule FMC_TO_TOOS allow
                  from 10.12.1.0/24
                  to 72.163.4.38/32
                  port 443
                  source first-subject-alt-name
                end
                """);
            using TlsConnectionObserver observer = Fixture.Observe(Fixture.SeedRecording);

            Assert.Equal("FMC_TO_TOOS", PolicySamples.ConnectionFactsSample(observer, policy, Tools, Fmc, 50001).Decision.RuleName);
            Assert.Equal(PolicyStage.Default, PolicySamples.ConnectionFactsSample(observer, policy, Tools, Outside, 50001).Decision.Stage);
            Assert.Equal(PolicyStage.Default, PolicySamples.ConnectionFactsSample(observer, policy, Outside, Fmc, 50001).Decision.Stage);
        }

        [Fact]
        public void Domain_sets_from_text_bytes_and_a_reader()
        {
            string text = "# a feed\ntracker.example\nnot a domain\n0.0.0.0 cdn.example localhost\n";
            (DomainSet set, DomainListReport report, DomainSet fromBytes, DomainSet fromReader, bool listed) =
                PolicySamples.DomainSets(text, Encoding.UTF8.GetBytes("a.example\n.b.example\n"), new StringReader("c.example"));

            Assert.True(listed); // ads.tracker.example is under tracker.example
            Assert.Equal(1, report.BadLines);
            Assert.Equal(1, report.Ignored);
            Assert.True(set.Contains("www.cdn.example".AsSpan()));
            Assert.False(set.Contains("xtracker.example".AsSpan()));
            Assert.True(fromBytes.Contains("www.a.example".AsSpan()));
            Assert.True(fromBytes.Contains("b.example".AsSpan()));
            Assert.True(fromReader.Contains("c.example".AsSpan()));
            Assert.False(fromReader.Contains("a.example".AsSpan()));
        }

        [Fact]
        public void Domain_set_strict_mode_throws_on_a_bad_line()
        {
            Assert.Throws<DomainListFormatException>(() =>
                PolicySamples.DomainSets("x.example\n", Encoding.UTF8.GetBytes("a.example\nnot a domain\n"), new StringReader("")));
        }

        [Fact]
        public void Building_a_policy_in_code_prints_the_decision_in_the_comment()
        {
            string[] lines = SampleRun.Output(Fixture.Directory, PolicySamples.BuildingAPolicy).Split('\n');

            Assert.Equal(DocsSamples.ShownInComment("Samples/PolicySamples.cs#BuildingAPolicy", "decision.ToString(in facts)"), lines[0]);
            Assert.Equal("Block by SecurityIntelligence 'SI_BLOCK_CUSTOM' (#1), name toos.cisco.com matched toos.cisco.com", lines[0]);
            string explanation = string.Join("\n", lines, 1, lines.Length - 1);
            Assert.Contains("SI_BLOCK_CUSTOM", explanation, StringComparison.Ordinal);
            Assert.Contains("toos.cisco.com", explanation, StringComparison.Ordinal);
        }

        [Fact]
        public void What_a_caller_needs_reads_the_seed_policy_file_of_the_page_with_its_list_file()
        {
            using var directory = new TemporaryDirectory();
            string path = directory.File("seed.policy");
            File.WriteAllText(path, SeedPolicyOfThePage());
            Directory.CreateDirectory(directory.File("feeds"));
            File.WriteAllText(directory.File(Path.Combine("feeds", "extra-block.txt")), "# extra\ntls-test.example\nnot a domain\n");
            using TlsConnectionObserver seed = Fixture.Observe(Fixture.SeedRecording);
            using TlsConnectionObserver sni = Fixture.Observe(Fixture.Tls12SniAlpn);

            // Firepower names the seed case toos.cisco.com: blocked by the custom list.
            var (d, matched, pattern, why) = Decide(path, seed, ServerIdentityPresets.Firepower, null);
            Assert.Equal(PolicyAction.Block, d.Action);
            Assert.Equal("SI_BLOCK_CUSTOM", d.RuleName);
            Assert.Equal("toos.cisco.com", matched);
            Assert.Equal("toos.cisco.com", pattern);
            Assert.Contains("SI_BLOCK_CUSTOM", why.ToString(), StringComparison.Ordinal);

            // HintAware names it tools.cisco.com; without a source address the FMC rule cannot hold, the port rule allows.
            (d, matched, _, _) = Decide(path, seed, ServerIdentityPresets.HintAware, new[] { "tools.cisco.com" });
            Assert.Equal(PolicyAction.Allow, d.Action);
            Assert.Equal("ALLOW_ALL_CLIENTS_80_443", d.RuleName);
            Assert.Null(matched);

            // The feed read through openList blocks the SNI of the other recording.
            (d, matched, _, _) = Decide(path, sni, ServerIdentityPresets.Firepower, null);
            Assert.Equal("SI_FEED", d.RuleName);
            Assert.Equal("tls-test.example", matched);
        }

        private static (PolicyDecision, string?, string?, PolicyExplanation) Decide(string path, TlsConnectionObserver observer, ServerIdentityResolver resolver, string[]? hints)
        {
            ServerIdentityEvidence evidence = ServerIdentityEvidence.FromHandshake(observer) with { DnsNames = hints, DestinationPort = 443 };
            Span<char> name = stackalloc char[ServerIdentityResolver.NameBufferLength];
            ServerIdentity identity = resolver.Resolve(in evidence, name);
            return PolicySamples.WhatACallerNeeds(path, observer, in identity, in evidence);
        }

        /// <summary>The policy file the page shows ("The seed's policy"), so that it too is known to parse.</summary>
        private static string SeedPolicyOfThePage()
        {
            string[] lines = File.ReadAllLines(Path.Combine(DocsSamples.RepositoryRoot, "docs", "policy.md"));
            int start = Array.IndexOf(lines, "# Seed case: FMC Smart Licensing to tools.cisco.com");
            Assert.True(start > 0 && lines[start - 1] == "```text", "docs/policy.md no longer shows the seed's policy");
            var text = new StringBuilder();
            for (int i = start; lines[i] != "```"; i++)
            {
                text.Append(lines[i]).Append('\n');
            }

            return text.ToString();
        }
    }
}
