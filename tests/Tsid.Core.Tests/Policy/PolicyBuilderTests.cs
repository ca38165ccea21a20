using System;
using Tsid.Policy;
using Xunit;

namespace Tsid.Tests.Policy
{
    public class PolicyBuilderTests
    {
        [Fact]
        public void Build_lists_every_problem_in_one_exception()
        {
            var builder = new PolicyBuilder()
                .Rule("", r => r.ToPort(443).Allow())
                .Rule("BAD_CIDR", r => r.FromNetwork("10.12.1.0/33").Allow())
                .Rule("BAD_PATTERN", r => r.ToHost("example*.com", Dialect.CiscoSecurityIntelligence).Allow())
                .Rule("NO_ACTION", r => r.ToPort(443))
                .Rule("CATCH_ALL", r => r.Allow())
                .Rule("UNREACHABLE", r => r.ToPort(80).Block())
                .Rule("unreachable", r => r.ToPort(81).Block())
                .Rule("BAD_PORT", r => r.ToPort(70000).Block());
            var ex = Assert.Throws<PolicyValidationException>(() => builder.Build());
            Assert.Collection(
                ex.Problems,
                p => Assert.Contains("rule #1: the rule name is empty", p, StringComparison.Ordinal),
                p => Assert.Contains("'BAD_CIDR': source network '10.12.1.0/33'", p, StringComparison.Ordinal),
                p => Assert.Contains("'BAD_PATTERN': host pattern 'example*.com' is invalid in CiscoSecurityIntelligence", p, StringComparison.Ordinal),
                p => Assert.Contains("'NO_ACTION': no action", p, StringComparison.Ordinal),
                p => Assert.Contains("'UNREACHABLE': unreachable, because rule #5 'CATCH_ALL'", p, StringComparison.Ordinal),
                p => Assert.Contains("'unreachable': another rule has the same name", p, StringComparison.Ordinal),
                p => Assert.Contains("'unreachable': unreachable", p, StringComparison.Ordinal),
                p => Assert.Contains("'BAD_PORT': port range 70000-70000", p, StringComparison.Ordinal),
                p => Assert.Contains("no default action", p, StringComparison.Ordinal));
            Assert.Contains("9 problems", ex.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void A_monitor_catch_all_does_not_hide_later_rules()
        {
            AccessPolicy policy = new PolicyBuilder()
                .Rule("LOG_ALL", r => r.Monitor())
                .Rule("ALLOW_443", r => r.ToPort(443).Allow())
                .Default(PolicyAction.Block)
                .Build();
            Assert.Equal(2, policy.Rules.Count);
            Assert.True(policy.Rules[0].IsCatchAll);
        }

        [Fact]
        public void Monitor_is_not_a_default_and_categories_need_a_lookup()
        {
            var ex = Assert.Throws<PolicyValidationException>(() => new PolicyBuilder()
                .Rule("CAT", r => r.InCategory("News").Block())
                .Default(PolicyAction.Monitor)
                .Build());
            Assert.Equal(2, ex.Problems.Count);
        }

        [Fact]
        public void The_builder_is_single_use()
        {
            var builder = new PolicyBuilder().Default(PolicyAction.Allow);
            builder.Build();
            Assert.Throws<InvalidOperationException>(() => builder.Build());
            Assert.Throws<InvalidOperationException>(() => builder.Rule("X", r => r.Allow()));
            Assert.Throws<InvalidOperationException>(() => builder.Default(PolicyAction.Block));
        }

        [Fact]
        public void A_built_policy_exposes_its_rules()
        {
            AccessPolicy policy = new PolicyBuilder()
                .Rule("ALLOW_FMC_ASA_SNT_CISCO", r => r.FromNetwork("10.12.1.0/24").ToHost("tools.cisco.com", Dialect.CiscoSecurityIntelligence).Allow("fmc"))
                .Default(PolicyAction.Block)
                .Build();
            PolicyRule rule = Assert.Single(policy.Rules);
            Assert.Equal("ALLOW_FMC_ASA_SNT_CISCO", rule.Name);
            Assert.Equal("fmc", rule.Tag);
            Assert.Equal("10.12.1.0/24", Assert.Single(rule.SourceNetworks).ToString());
            Assert.Equal("tools.cisco.com", Assert.Single(rule.Hosts).Text);
            Assert.Equal(PolicyAction.Block, policy.DefaultAction);
        }
    }
}
