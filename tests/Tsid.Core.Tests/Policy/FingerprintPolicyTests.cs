using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using Tsid.Fingerprints;
using Tsid.Policy;
using Tsid.Tests.Fingerprints;
using Tsid.Tls;
using Xunit;

namespace Tsid.Tests.Policy
{
    public class FingerprintPolicyTests
    {
        private const string Chrome = "t13d1516h2_8daaf6152771_e5627efa2ab1";
        private const string OtherJa4 = "t12i800500_15c493246000_3eafcbe19126";
        private const string Ja3Hash = "bd9c99b3a0f752c3ab8b052a79e9de3e";

        private static ConnectionFacts Facts(string? ja4 = null, string? ja3 = null) => new ConnectionFacts
        {
            ResolvedName = "www.example.com",
            DestinationPort = 443,
            Ja4 = ja4,
            Ja3 = ja3,
        };

        [Theory]
        [InlineData(Chrome, true)]
        [InlineData("t13d*_8daaf6152771_*", true)]
        [InlineData("*_8daaf6152771_*", true)]
        [InlineData("t13d15*_*_*", true)]
        [InlineData("t13*h2_*_e5627efa2ab1", true)]
        [InlineData("t12d*_8daaf6152771_*", false)]
        [InlineData("t13d*_8daaf6152772_*", false)]
        [InlineData("T13D1516H2_8DAAF6152771_E5627EFA2AB1", false)] // a is case-sensitive (its ALPN characters are the client's)
        [InlineData("t13d1516h2_8DAAF6152771_E5627EFA2AB1", true)]  // the hash parts are compared in lower case
        public void JA4_patterns_match_part_by_part(string pattern, bool matches)
        {
            Assert.True(Ja4Pattern.TryParse(pattern, out Ja4Pattern? p, out string? error), error);
            Assert.Equal(matches, p!.Matches(Chrome));
            Assert.False(p.Matches(ReadOnlySpan<char>.Empty));
        }

        [Theory]
        [InlineData("t13d1516h2_8daaf6152771")]          // two parts
        [InlineData("t13d1516h2_8daaf6152771_e5627efa2ab")] // c too short, no '*'
        [InlineData("t13d1516h2_8daaf615277g_*")]        // not hex
        [InlineData("t13d1516h2x_*_*")]                  // a too long
        [InlineData("")]
        public void Invalid_JA4_patterns_are_refused(string pattern) => Assert.False(Ja4Pattern.TryParse(pattern, out _, out _));

        [Fact]
        public void A_ja4_rule_blocks_the_fingerprint_and_names_the_pattern_that_matched()
        {
            AccessPolicy policy = PolicyText.Parse("""
                rule CHROME_LIKE block tag=ja4
                  ja4 t13d*_8daaf6152771_*
                end
                default allow
                """);
            Assert.True(policy.UsesJa4);
            Assert.False(policy.UsesJa3);
            PolicyDecision d = policy.Evaluate(Facts(Chrome));
            Assert.Equal(PolicyAction.Block, d.Action);
            Assert.Equal("CHROME_LIKE", d.RuleName);
            Assert.Equal("t13d*_8daaf6152771_*", d.MatchedFingerprint);
            Assert.Null(d.MatchedFingerprintList);
            Assert.Equal(PolicyAction.Allow, policy.Evaluate(Facts(OtherJa4)).Action);
            Assert.Equal(PolicyAction.Allow, policy.Evaluate(Facts()).Action); // unknown JA4 never matches

            PolicyExplanation e = policy.Explain(Facts(Chrome));
            Assert.Contains("ja4 " + Chrome + " matched t13d*_8daaf6152771_*", e.Steps[0].Detail, StringComparison.Ordinal);
            Assert.Contains("no match", policy.Explain(Facts(OtherJa4)).Steps[0].ToString(), StringComparison.Ordinal);
            Assert.Contains("ja4 " + OtherJa4, policy.Explain(Facts(OtherJa4)).Steps[0].Detail, StringComparison.Ordinal);
        }

        [Fact]
        public void A_ja3_rule_matches_the_hash_in_any_case_and_ja4_and_ja3_are_alternatives()
        {
            AccessPolicy policy = new PolicyBuilder()
                .Rule("KNOWN", r => r.WithJa3(Ja3Hash.ToUpperInvariant()).WithJa4(Chrome).Block())
                .Default(PolicyAction.Allow)
                .Build();
            Assert.True(policy.UsesJa3 && policy.UsesJa4);
            Assert.Equal(Ja3Hash, policy.Evaluate(Facts(ja3: Ja3Hash)).MatchedFingerprint);
            Assert.Equal(Chrome, policy.Evaluate(Facts(ja4: Chrome)).MatchedFingerprint);
            Assert.Equal(PolicyAction.Allow, policy.Evaluate(Facts(OtherJa4, "00000000000000000000000000000000")).Action);
            Assert.Equal(PolicyAction.Block, policy.Evaluate(Facts(OtherJa4, Ja3Hash)).Action);
            Assert.Contains("ja3 " + Ja3Hash + " matched " + Ja3Hash, policy.Explain(Facts(ja3: Ja3Hash)).Steps[0].Detail, StringComparison.Ordinal);
        }

        [Fact]
        public void Fingerprint_conditions_are_AND_ed_with_the_other_kinds()
        {
            AccessPolicy policy = new PolicyBuilder()
                .Rule("FLEET_TO_API", r => r.WithJa4(Chrome).ToHost("api.example.com", Dialect.Exact).Allow())
                .Default(PolicyAction.Block)
                .Build();
            Assert.Equal(PolicyAction.Block, policy.Evaluate(Facts(Chrome)).Action); // www.example.com
            Assert.Equal(PolicyAction.Allow, policy.Evaluate(Facts(Chrome) with { ResolvedName = "api.example.com" }).Action);
            Assert.Equal(PolicyAction.Block, policy.Evaluate(Facts(OtherJa4) with { ResolvedName = "api.example.com" }).Action);
        }

        [Fact]
        public void Bad_fingerprints_are_reported_by_Build_with_every_other_problem()
        {
            var ex = Assert.Throws<PolicyValidationException>(() => new PolicyBuilder()
                .Rule("R", r => r.WithJa3("abc").WithJa4("t13d_x").Block())
                .Default(PolicyAction.Allow)
                .Build());
            Assert.Contains(ex.Problems, p => p.Contains("JA3 'abc'", StringComparison.Ordinal));
            Assert.Contains(ex.Problems, p => p.Contains("JA4 't13d_x'", StringComparison.Ordinal));
        }

        [Fact]
        public void A_rule_with_only_a_fingerprint_condition_is_not_a_catch_all()
        {
            AccessPolicy policy = new PolicyBuilder()
                .Rule("FP", r => r.WithJa4("*_*_*").Block())
                .Rule("AFTER", r => r.ToPort(443).Allow())
                .Default(PolicyAction.Allow)
                .Build();
            Assert.False(policy.Rules[0].IsCatchAll);
            Assert.Equal("AFTER", policy.Evaluate(Facts()).RuleName);
        }

        [Fact]
        public void A_fingerprint_list_file_holds_JA3_JA4_and_patterns_and_the_decision_names_list_and_entry()
        {
            var files = new Dictionary<string, string>
            {
                ["bad.txt"] = "# malware families\n" + Ja3Hash.ToUpperInvariant() + "   # family A\n\n" + OtherJa4 + "\n*_8daaf6152771_*\n",
            };
            AccessPolicy policy = PolicyText.Parse("""
                fingerprints BAD_CLIENTS file=bad.txt
                rule BLOCK_BAD block
                  fingerprint-list BAD_CLIENTS
                end
                default allow
                """, path => new StringReader(files[path]));
            Assert.True(policy.UsesJa3 && policy.UsesJa4);
            PolicyDecision d = policy.Evaluate(Facts(Chrome));
            Assert.Equal(PolicyAction.Block, d.Action);
            Assert.Equal("*_8daaf6152771_*", d.MatchedFingerprint);
            Assert.Equal("BAD_CLIENTS", d.MatchedFingerprintList);
            Assert.Equal(OtherJa4, policy.Evaluate(Facts(OtherJa4)).MatchedFingerprint);
            Assert.Equal(Ja3Hash, policy.Evaluate(Facts("t10i070600_c50f5591e341_ce66f3b797c1", Ja3Hash)).MatchedFingerprint);
            Assert.Equal(PolicyAction.Allow, policy.Evaluate(Facts("t10i070600_c50f5591e341_ce66f3b797c1", "0123456789abcdef0123456789abcdef")).Action);
            Assert.Contains("(list BAD_CLIENTS)", policy.Explain(Facts(Chrome)).Steps[0].Detail, StringComparison.Ordinal);
            Assert.Contains("fingerprint *_8daaf6152771_* (list BAD_CLIENTS)", d.ToString(Facts(Chrome)), StringComparison.Ordinal);
        }

        [Fact]
        public void A_bad_line_fails_a_strict_list_with_its_line_number_and_is_skipped_in_lenient_mode()
        {
            const string list = "t13d1516h2_8daaf6152771_e5627efa2ab1\nnot-a-fingerprint\n" + Ja3Hash + "\nt13d_8daaf6152771\n";
            var ex = Assert.Throws<PolicyFormatException>(() => PolicyText.Parse("fingerprints L file=l.txt\ndefault allow\n", _ => new StringReader(list)));
            Assert.Contains(ex.Errors, e => e.Message.Contains("line 2: neither a JA3 hash", StringComparison.Ordinal));
            Assert.Contains(ex.Errors, e => e.Message.Contains("line 4: a JA4 has three parts", StringComparison.Ordinal));

            FingerprintSet set = FingerprintSet.Load(new StringReader(list), DomainListMode.Lenient, out DomainListReport report);
            Assert.Equal(4, report.Lines);
            Assert.Equal(2, report.Entries);
            Assert.Equal(2, report.BadLines);
            Assert.Equal(new[] { 2, 4 }, report.Errors.Select(e => e.Line));
            Assert.Equal(2, set.Count);
            Assert.True(set.TryMatchJa4(Chrome, out string? entry) && entry == Chrome);
            Assert.Throws<DomainListFormatException>(() => FingerprintSet.Parse(list));
        }

        [Fact]
        public void An_inline_fingerprint_list_reports_bad_lines_at_their_policy_line()
        {
            var ex = Assert.Throws<PolicyFormatException>(() => PolicyText.Parse("fingerprints L\n" + Chrome + "\nbogus\nend\ndefault allow\n"));
            Assert.Contains(ex.Errors, e => e.Line == 3 && e.Message.Contains("fingerprint list 'L'", StringComparison.Ordinal));
            Assert.Throws<PolicyFormatException>(() => PolicyText.Parse("rule R block\n fingerprint-list NOPE\nend\ndefault allow\n"));
        }

        [Fact]
        public void The_docs_example_blocks_listed_clients_and_allows_the_fleet_to_its_API_only()
        {
            string doc = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "policy.md"));
            string section = doc.Substring(doc.IndexOf("## Client fingerprints", StringComparison.Ordinal));
            var blocks = System.Text.RegularExpressions.Regex.Matches(section, "```text\n(.*?)```", System.Text.RegularExpressions.RegexOptions.Singleline);
            string list = blocks[0].Groups[1].Value, policyText = blocks[1].Groups[1].Value;
            AccessPolicy policy = PolicyText.Parse(policyText, path => path == "bad-clients.txt" ? new StringReader(list) : throw new FileNotFoundException(path));

            var implant = Facts("t12i070600_c50f5591e341_ce66f3b797c1", "0123456789abcdef0123456789abcdef");
            PolicyDecision blocked = policy.Evaluate(in implant);
            Assert.Equal("BLOCK_KNOWN_IMPLANTS", blocked.RuleName);
            Assert.EndsWith(", fingerprint t12i*_c50f5591e341_* (list BAD_CLIENTS)", blocked.ToString(in implant), StringComparison.Ordinal);
            Assert.Contains("all conditions hold; ja4 t12i070600_c50f5591e341_ce66f3b797c1 matched t12i*_c50f5591e341_* (list BAD_CLIENTS)", policy.Explain(in implant).Steps[0].Detail, StringComparison.Ordinal);
            Assert.Equal("BLOCK_KNOWN_IMPLANTS", policy.Evaluate(Facts(OtherJa4, "e7d705a3286e19ea42f587b344ee6865")).RuleName);
            Assert.Equal("FLEET_ONLY_TO_API", policy.Evaluate(Facts(Chrome) with { ResolvedName = "api.example.com" }).RuleName);
            Assert.Equal(PolicyStage.Default, policy.Evaluate(Facts(Chrome)).Stage);

            var ex = Assert.Throws<PolicyFormatException>(() => PolicyText.Parse(policyText, _ => new StringReader(list + "bogus\n")));
            Assert.Contains(ex.Errors, e => e.Message.StartsWith("fingerprint list 'BAD_CLIENTS' (bad-clients.txt) line 5: neither a JA3 hash (32 hex digits) nor a JA4 (a_b_c) ('bogus')", StringComparison.Ordinal));
        }

        private static string RepositoryRoot()
        {
            string dir = AppContext.BaseDirectory;
            while (!File.Exists(Path.Combine(dir, "Tsid.Core.sln")))
            {
                dir = Path.GetDirectoryName(dir) ?? throw new InvalidOperationException("repository root not found");
            }

            return dir;
        }

        [Fact]
        public void Evaluating_with_fingerprints_allocates_nothing()
        {
            AccessPolicy policy = PolicyText.Parse("""
                fingerprints BAD
                bd9c99b3a0f752c3ab8b052a79e9de3e
                t12i*_15c493246000_*
                end
                rule A allow
                  ja4 t13d*_8daaf6152771_*
                end
                rule B block
                  fingerprint-list BAD
                end
                default allow
                """);
            ClientHello hello = FingerprintHellos.Parse(FingerprintHellos.SpecHello());
            Span<char> ja4 = stackalloc char[Ja4.Length];
            Span<char> ja3 = stackalloc char[Ja3.HashLength];
            Ja4.TryFormat(in hello, HandshakeProtocol.Tls, Ja4Form.Hashed, ja4, out _);
            Ja3.TryFormatHash(in hello, ja3, out _);
            var facts = new ConnectionFacts { ResolvedName = "x.example", Ja4 = ja4, Ja3 = ja3 };
            var other = new ConnectionFacts { ResolvedName = "x.example", Ja4 = OtherJa4, Ja3 = Ja3Hash };
            policy.Evaluate(in facts);
            policy.Evaluate(in other);
            long before = GC.GetAllocatedBytesForCurrentThread();
            PolicyDecision a = policy.Evaluate(in facts);
            PolicyDecision b = policy.Evaluate(in other);
            long evaluating = GC.GetAllocatedBytesForCurrentThread() - before;
            before = GC.GetAllocatedBytesForCurrentThread();
            Ja4.TryFormat(in hello, HandshakeProtocol.Tls, Ja4Form.Hashed, ja4, out _);
            Ja3.TryFormatHash(in hello, ja3, out _);
            long formatting = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Equal("A", a.RuleName);
            Assert.Equal("B", b.RuleName);
            Assert.Equal(0, evaluating);
#if TSID_NETSTANDARD_BUILD
            // netstandard2.0 has no span one-shot hash: each of the three hashes allocates a hash object and arrays the
            // size of its input (FingerprintText; docs/packaging.md), bounded by the hello.
            Assert.InRange(formatting, 1, 4096);
#else
            Assert.Equal(0, formatting);
#endif
        }
    }
}
