using System;
using System.Net;
using Tsid.Identity;
using Tsid.Policy;
using Tsid.Tls;
using Xunit;

namespace Tsid.Tests.Policy
{
    /// <summary>The C# example of docs/policy.md, "Building a policy in code", kept compiling and true.</summary>
    public class DocsExampleTests
    {
        [Fact]
        public void The_code_example_decides_as_documented()
        {
            AccessPolicy policy = new PolicyBuilder()
                .BlockList(DomainSet.Parse("toos.cisco.com\n"), "SI_BLOCK_CUSTOM")
                .Rule("ALLOW_FMC_ASA_SNT_CISCO", r => r.FromNetwork("10.12.1.0/24").ToHost("tools.cisco.com", Dialect.CiscoSecurityIntelligence).Allow())
                .Rule("ALLOW_ALL_CLIENTS_80_443", r => r.ToPort(80).ToPort(443).Allow())
                .Default(PolicyAction.Block)
                .Build();

            var facts = new ConnectionFacts
            {
                ResolvedName = "toos.cisco.com",
                ResolvedSource = IdentitySource.FirstSubjectAltName,
                PresentedNames = new[] { "toos.cisco.com", "tools.cisco.com", "tools1.cisco.com" },
                SourceAddress = IPAddress.Parse("10.12.1.20"),
                DestinationAddress = IPAddress.Parse("72.163.4.38"),
                DestinationPort = 443,
                TlsVersion = TlsProtocolVersion.Tls12,
            };

            PolicyDecision decision = policy.Evaluate(facts);
            Assert.Equal("Block by SecurityIntelligence 'SI_BLOCK_CUSTOM' (#1), name toos.cisco.com matched toos.cisco.com", decision.ToString());
            string explanation = policy.Explain(facts).ToString();
            Assert.Contains("SI_BLOCK_CUSTOM", explanation, StringComparison.Ordinal);
        }
    }
}
