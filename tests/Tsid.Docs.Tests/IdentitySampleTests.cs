using System;
using Tsid.Docs.Tests.Samples;
using Tsid.Docs.Tests.Support;
using Tsid.Identity;
using Tsid.Policy;
using Tsid.Tls;
using Tsid.X509;
using Xunit;

namespace Tsid.Docs.Tests
{
    /// <summary>Runs the blocks of docs/identity.md.</summary>
    [Collection(nameof(ConsoleCollection))]
    public class IdentitySampleTests
    {
        private static readonly byte[] CiscoNoCn = Fixture.Bytes("cisco-nocn.der");
        private static readonly byte[] CiscoCn = Fixture.Bytes("cisco-cn.der");
        private static readonly byte[] SmallEc = Fixture.Bytes("small-ec.der");

        [Fact]
        public void Quick_start_prints_the_output_the_page_shows()
        {
            string output = SampleRun.Output(Fixture.Directory, IdentitySamples.QuickStart);
            Assert.Equal(DocsSamples.ShownOutput("docs/identity.md", "Samples/IdentitySamples.cs#QuickStart"), output);
            Assert.StartsWith("toos.cisco.com via FirstSubjectAltName (NearDuplicateName)\ntools.cisco.com via DnsHint\n", output);
        }

        [Fact]
        public void The_built_resolver_has_the_rules_in_the_order_of_the_calls()
        {
            ServerIdentityResolver resolver = IdentitySamples.BuildingAResolver();
            Assert.Equal("Edge", resolver.Name);
            Assert.Equal(
                new[] { "Sni", "HintCoveredByCertificate", "SubjectCommonName", "FirstSubjectAltName", "DestinationAddress" },
                Array.ConvertAll(ToArray(resolver), r => r.Name));
        }

        [Fact]
        public void The_built_resolver_decides_by_the_first_rule_that_has_a_name()
        {
            ServerIdentityResolver resolver = IdentitySamples.BuildingAResolver();
            Assert.Equal("www.example.com (Sni)", Resolve(resolver, SmallEc, sni: "www.example.com"));
            Assert.Equal("tools.cisco.com (DnsHint)", Resolve(resolver, CiscoNoCn, dnsNames: new[] { "tools.cisco.com" }));
            Assert.Equal("tools.cisco.com (SubjectCommonName)", Resolve(resolver, CiscoCn));
            Assert.Equal("toos.cisco.com (FirstSubjectAltName)", Resolve(resolver, CiscoNoCn));
            Assert.Equal("192.0.2.1 (DestinationAddress)", Resolve(resolver, null, address: new byte[] { 192, 0, 2, 1 }));
        }

        [Fact]
        public void The_internal_suffix_rule_qualifies_a_single_label_dns_name()
        {
            ServerIdentityResolver resolver = IdentitySamples.WithInternalSuffixRule();
            Assert.Equal("files.corp.example (Custom)", Resolve(resolver, CiscoCn, dnsNames: new[] { "files" }));
            Assert.Equal("www.example.com (Sni)", Resolve(resolver, SmallEc, sni: "www.example.com", dnsNames: new[] { "files" }));
        }

        [Fact]
        public void The_internal_suffix_rule_passes_over_a_qualified_name_and_notes_why()
        {
            ServerIdentityResolver resolver = IdentitySamples.WithInternalSuffixRule();
            Certificate.TryParse(CiscoCn, out Certificate leaf, out _);
            var evidence = new ServerIdentityEvidence { LeafCertificate = leaf, DnsNames = new[] { "files.corp.example" } };

            ServerIdentityRecord record = resolver.ResolveToRecord(in evidence, explain: true);

            Assert.Equal("tools.cisco.com", record.Name);
            Assert.Equal(IdentitySource.SubjectCommonName, record.Source);
            Assert.Contains("already qualified", record.Explanation!.ToString(), StringComparison.Ordinal);
        }

        [Fact]
        public void The_lambda_rule_names_mqtt_connections_by_port()
        {
            ServerIdentityResolver resolver = IdentitySamples.WithLambdaRule();
            Assert.Equal("mqtt.internal (Custom)", Resolve(resolver, CiscoCn, port: 8883));
            Assert.Equal("tools.cisco.com (SubjectCommonName)", Resolve(resolver, CiscoCn, port: 443));
        }

        [Fact]
        public void The_policy_seam_blocks_the_seed_case_by_its_si_list()
        {
            using TlsConnectionObserver observer = Fixture.Observe(Fixture.SeedRecording);
            PolicyDecision decision = IdentityPolicySeamSamples.Decide(observer, ServerIdentityPresets.Firepower, SeamPolicy);
            Assert.Equal(PolicyAction.Block, decision.Action);
            Assert.Equal(PolicyStage.SecurityIntelligence, decision.Stage);
            Assert.Equal("SI_BLOCK_CUSTOM", decision.RuleName);
        }

        [Fact]
        public void The_policy_seam_passes_the_negotiated_version_and_alpn()
        {
            using TlsConnectionObserver tls12 = Fixture.Observe(Fixture.Tls12SniAlpn);
            PolicyDecision allowed = IdentityPolicySeamSamples.Decide(tls12, ServerIdentityPresets.Firepower, SeamPolicy);
            Assert.Equal(PolicyAction.Allow, allowed.Action);
            Assert.Equal("H2_TLS12", allowed.RuleName);

            // Under TLS 1.3 the server's ALPN choice is encrypted: the rule cannot hold, the default decides.
            using TlsConnectionObserver tls13 = Fixture.Observe(Fixture.Tls13SniAlpn);
            PolicyDecision other = IdentityPolicySeamSamples.Decide(tls13, ServerIdentityPresets.Firepower, SeamPolicy);
            Assert.Equal(PolicyStage.Default, other.Stage);
            Assert.Equal(PolicyAction.Block, other.Action);
        }

        private static AccessPolicy SeamPolicy => PolicyText.Parse("""
            default block
            list SI_BLOCK_CUSTOM
              toos.cisco.com
            end
            blocklist SI_BLOCK_CUSTOM
            rule H2_TLS12 allow
              host exact tls-test.example
              tls 1.2
              alpn h2
            end
            """);

        private static string Resolve(ServerIdentityResolver resolver, byte[]? leafDer, string? sni = null, string[]? dnsNames = null, byte[]? address = null, ushort port = 0)
        {
            var evidence = new ServerIdentityEvidence
            {
                ServerName = sni is null ? default : System.Text.Encoding.ASCII.GetBytes(sni),
                DnsNames = dnsNames,
                DestinationAddress = address,
                DestinationPort = port,
            };
            if (leafDer is not null)
            {
                Assert.True(Certificate.TryParse(leafDer, out Certificate leaf, out _));
                evidence = evidence with { LeafCertificate = leaf };
            }

            Span<char> buffer = stackalloc char[ServerIdentityResolver.NameBufferLength];
            return resolver.Resolve(in evidence, buffer).ToString();
        }

        private static IServerIdentityRule[] ToArray(ServerIdentityResolver resolver)
        {
            var rules = new IServerIdentityRule[resolver.Rules.Count];
            for (int i = 0; i < rules.Length; i++)
            {
                rules[i] = resolver.Rules[i];
            }

            return rules;
        }
    }
}
