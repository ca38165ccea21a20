using System;
using Tsid.Identity;
using Tsid.Policy;
using Tsid.Tests.Support;
using Tsid.Tls;
using Tsid.X509;
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

            byte[] der = Fixture.Bytes("cisco-nocn.der");                 // the server's leaf; the ClientHello had no SNI
            Certificate.TryParse(der, out Certificate leaf, out _);
            var evidence = new ServerIdentityEvidence
            {
                LeafCertificate = leaf,
                DestinationAddress = new byte[] { 72, 163, 4, 38 },
                DestinationPort = 443,
            };
            Span<char> name = stackalloc char[ServerIdentityResolver.NameBufferLength];
            ServerIdentity identity = ServerIdentityPresets.Firepower.Resolve(in evidence, name);   // toos.cisco.com

            ConnectionFacts facts = ConnectionFacts.From(in identity, in evidence) with
            {
                SourceAddress = new byte[] { 10, 12, 1, 20 },
                TlsVersion = TlsProtocolVersion.Tls12,
            };
            PolicyDecision decision = policy.Evaluate(in facts);          // allocation-free
            Assert.Equal("Block by SecurityIntelligence 'SI_BLOCK_CUSTOM' (#1), name toos.cisco.com matched toos.cisco.com", decision.ToString(in facts));
            string explanation = policy.Explain(in facts).ToString();
            Assert.Contains("SI_BLOCK_CUSTOM", explanation, StringComparison.Ordinal);
        }
    }
}
