using System;
using Tsid.Identity;
using Xunit;

namespace Tsid.Tests.Identity
{
    public class ServerIdentityBuilderTests
    {
        [Fact]
        public void The_builder_reads_in_rule_order()
        {
            ServerIdentityResolver resolver = new ServerIdentityResolverBuilder().WithName("Mine")
                .Sni().SubjectCommonName().FirstSubjectAltName().OrganizationalUnit().DestinationAddress()
                .Build();
            Assert.Equal(new[] { "Sni", "SubjectCommonName", "FirstSubjectAltName", "OrganizationalUnit", "DestinationAddress" }, ToNames(resolver));
            Assert.Equal("Mine", resolver.Name);
            Assert.Equal("Mine: Sni -> SubjectCommonName -> FirstSubjectAltName -> OrganizationalUnit -> DestinationAddress", resolver.ToString());
        }

        [Fact]
        public void Build_lists_every_problem_in_one_exception()
        {
            var builder = new ServerIdentityResolverBuilder()
                .Sni().Sni()
                .HintCoveredByCertificate(IdentityHintKinds.None)
                .WithInvalidNames(InvalidNameHandling.Skip).WithInvalidNames(InvalidNameHandling.KeepFlagged)
                .WithEchPublicName(EchPublicNameHandling.Ignore).WithEchPublicName(EchPublicNameHandling.Report);
            var error = Assert.Throws<ServerIdentityBuilderException>(() => builder.Build());
            Assert.Equal(4, error.Problems.Count);
            Assert.Contains(error.Problems, p => p.Contains("added twice"));
            Assert.Contains(error.Problems, p => p.Contains("hint kind"));
            Assert.Contains(error.Problems, p => p.Contains("Contradictory invalid-name handling"));
            Assert.Contains(error.Problems, p => p.Contains("Contradictory ECH"));
        }

        [Fact]
        public void No_rules_is_an_error()
        {
            var error = Assert.Throws<ServerIdentityBuilderException>(() => new ServerIdentityResolverBuilder().Build());
            Assert.Single(error.Problems);
        }

        [Fact]
        public void Setting_an_option_twice_to_the_same_value_is_fine()
        {
            ServerIdentityResolver resolver = new ServerIdentityResolverBuilder()
                .WithMatchOptions(HostNameMatchOptions.AllowPartialLabelWildcards).WithMatchOptions(HostNameMatchOptions.AllowPartialLabelWildcards)
                .Sni().Build();
            Assert.Equal(HostNameMatchOptions.AllowPartialLabelWildcards, resolver.Options.MatchOptions);
        }

        [Fact]
        public void Duplicate_custom_rule_names_are_caught_ignoring_case()
        {
            var error = Assert.Throws<ServerIdentityBuilderException>(() => new ServerIdentityResolverBuilder()
                .Rule(new DelegateIdentityRule("mine", (scoped in ServerIdentityEvidence e, ref ServerIdentityRuleContext c) => false))
                .Rule(new DelegateIdentityRule("MINE", (scoped in ServerIdentityEvidence e, ref ServerIdentityRuleContext c) => false))
                .Build());
            Assert.Contains("added twice", error.Message);
        }

        [Fact]
        public void The_builder_is_single_use()
        {
            var builder = new ServerIdentityResolverBuilder().Sni();
            builder.Build();
            Assert.Throws<InvalidOperationException>(() => builder.SubjectCommonName());
            Assert.Throws<InvalidOperationException>(() => builder.Build());
        }

        [Fact]
        public void Presets_are_findable_by_name_and_have_the_documented_orders()
        {
            Assert.True(ServerIdentityPresets.TryGet("firepower", out ServerIdentityResolver? firepower));
            Assert.Same(ServerIdentityPresets.Firepower, firepower);
            Assert.False(ServerIdentityPresets.TryGet("nope", out _));
            Assert.Equal(new[] { "Sni", "SubjectCommonName", "FirstSubjectAltName", "OrganizationalUnit" }, ToNames(ServerIdentityPresets.Firepower));
            Assert.Equal(new[] { "Sni", "SubjectCommonName" }, ToNames(ServerIdentityPresets.PaloAlto));
            Assert.Equal(new[] { "AnyCertificateName", "Sni" }, ToNames(ServerIdentityPresets.Squid));
            Assert.Equal(new[] { "Sni", "HintCoveredByCertificate", "SubjectCommonName", "FirstSubjectAltName", "OrganizationalUnit" }, ToNames(ServerIdentityPresets.HintAware));
            Assert.Equal(new[] { "SniCoveredByCertificate(WhenNoDnsSubjectAltName, Continue)", "FirstSubjectAltName", "SubjectCommonName(WhenNoDnsSubjectAltName)", "Sni" }, ToNames(ServerIdentityPresets.Rfc6125));
            Assert.Equal(new[] { "Sni", "SubjectCommonName", "FirstSubjectAltName" }, ToNames(ServerIdentityPresets.FortiGateNoSniCheck));
            Assert.Equal(8, ServerIdentityPresets.All.Count);
        }

        [Theory]
        [InlineData("hint-aware", "hint-aware")]
        [InlineData("HintAware", "hint-aware")]
        [InlineData("hintaware", "hint-aware")]
        [InlineData("HINT_AWARE", "hint-aware")]
        [InlineData("fortigate-strict", "fortigate-strict")]
        [InlineData("FortiGateStrict", "fortigate-strict")]
        [InlineData("fortigatestrict", "fortigate-strict")]
        [InlineData("fortigate-no-sni-check", "fortigate-no-sni-check")]
        [InlineData("FortiGateNoSniCheck", "fortigate-no-sni-check")]
        [InlineData("Firepower", "firepower")]
        [InlineData("PaloAlto", "paloalto")]
        [InlineData("palo-alto", "paloalto")]
        [InlineData("RFC6125", "rfc6125")]
        public void Presets_are_found_by_the_tools_kebab_case_names_and_the_earlier_spellings(string given, string canonical)
        {
            Assert.True(ServerIdentityPresets.TryGet(given, out ServerIdentityResolver? resolver));
            Assert.Equal(canonical, resolver!.Name);
        }

        [Theory]
        [InlineData("")]
        [InlineData("-")]
        [InlineData("hint")]
        [InlineData("hint-aware-x")]
        [InlineData("fortigate-")]
        [InlineData("fortigatex")]
        [InlineData("checkpoint")]
        public void Names_that_are_not_presets_are_not_found(string given)
        {
            Assert.False(ServerIdentityPresets.TryGet(given, out ServerIdentityResolver? resolver));
            Assert.Null(resolver);
        }

        [Fact]
        public void Every_preset_name_is_canonical_and_listed_once()
        {
            Assert.Equal(new[] { "firepower", "paloalto", "fortigate", "fortigate-strict", "fortigate-no-sni-check", "squid", "rfc6125", "hint-aware" }, ServerIdentityPresets.Names);
            for (int i = 0; i < ServerIdentityPresets.All.Count; i++)
            {
                Assert.Equal(ServerIdentityPresets.All[i].Name, ServerIdentityPresets.Names[i]);
                Assert.Matches("^[a-z0-9]+(-[a-z0-9]+)*$", ServerIdentityPresets.Names[i]);
            }
        }

        private static string[] ToNames(ServerIdentityResolver resolver)
        {
            var names = new string[resolver.Rules.Count];
            for (int i = 0; i < names.Length; i++)
            {
                names[i] = resolver.Rules[i].Name;
            }

            return names;
        }
    }
}
