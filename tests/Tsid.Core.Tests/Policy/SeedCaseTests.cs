using System;
using System.Linq;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using Tsid.Identity;
using Tsid.Policy;
using Tsid.Tests.Support;
using Tsid.Tls;
using Tsid.X509;
using Xunit;

namespace Tsid.Tests.Policy
{
    /// <summary>
    /// The seed case: Smart Licensing from the FMC (10.12.1.0/24) to tools.cisco.com, no SNI, a certificate whose
    /// first SAN is toos.cisco.com, and a Security-Intelligence block list containing toos.cisco.com.
    /// </summary>
    public class SeedCaseTests
    {
        // The certificate's dNSNames, read with X509Certificate2 (OpenSSL), the oracle for certificate fields.
        private static readonly string[] CertificateNames = ReadSans("cisco-nocn.der");

        private static string[] ReadSans(string fixture)
        {
            using var cert = X509CertificateLoader.LoadCertificate(Fixture.Bytes(fixture));
            var san = cert.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
            return san.EnumerateDnsNames().ToArray();
        }

        private static AccessPolicy SeedPolicy(MatchMode mode, DomainSet? allowList = null)
        {
            var builder = new PolicyBuilder()
                .Match(mode)
                .BlockList(DomainSet.Parse("toos.cisco.com\n"), "SI_BLOCK_CUSTOM");
            if (allowList != null)
            {
                builder.AllowList(allowList, "SI_DO_NOT_BLOCK");
            }

            return builder
                .Rule("ALLOW_FMC_ASA_SNT_CISCO", r => r.FromNetwork("10.12.1.0/24").ToHost("tools.cisco.com", Dialect.CiscoSecurityIntelligence).Allow())
                .Rule("ALLOW_ALL_CLIENTS_80_443", r => r.ToPort(80).ToPort(443).Allow())
                .Default(PolicyAction.Block)
                .Build();
        }

        private static readonly byte[] Leaf = Fixture.Bytes("cisco-nocn.der");
        private static readonly byte[] Fmc = IPAddress.Parse("10.12.1.20").GetAddressBytes();
        private static readonly byte[] Tools = IPAddress.Parse("72.163.4.38").GetAddressBytes();

        // No SNI: the presented names are the certificate's own, read from the parsed leaf (no string[]).
        private static ConnectionFacts Facts(string resolved, IdentitySource source)
        {
            Assert.True(Certificate.TryParse(Leaf, out Certificate leaf, out _));
            var evidence = new ServerIdentityEvidence { LeafCertificate = leaf };
            return new ConnectionFacts
            {
                ResolvedName = resolved,
                ResolvedSource = source,
                PresentedNames = evidence.PresentedNames,
                SourceAddress = Fmc,
                DestinationAddress = Tools,
                SourcePort = 50123,
                DestinationPort = 443,
                TlsVersion = TlsProtocolVersion.Tls12,
            };
        }

        [Fact]
        public void The_presented_names_are_the_certificates_dNSNames_as_OpenSSL_reads_them()
        {
            Assert.Equal(CertificateNames, Facts("toos.cisco.com", IdentitySource.FirstSubjectAltName).PresentedNames.ToArray());
        }

        [Fact]
        public void The_fixture_presents_toos_first_then_tools()
        {
            Assert.Equal("toos.cisco.com", CertificateNames[0]);
            Assert.Equal("tools.cisco.com", CertificateNames[1]);
        }

        [Fact]
        public void Firepower_resolution_is_blocked_by_Security_Intelligence()
        {
            // What Firepower resolves: the first SAN.
            ConnectionFacts facts = Facts("toos.cisco.com", IdentitySource.FirstSubjectAltName);
            PolicyDecision d = SeedPolicy(MatchMode.ResolvedIdentity).Evaluate(facts);
            Assert.Equal(PolicyAction.Block, d.Action);
            Assert.Equal(PolicyStage.SecurityIntelligence, d.Stage);
            Assert.Equal("SI_BLOCK_CUSTOM", d.RuleName);
            Assert.Equal("toos.cisco.com", d.GetMatchedName(facts));
            Assert.Equal("toos.cisco.com", d.GetMatchedPattern(facts));
        }

        [Fact]
        public void HintAware_resolution_is_allowed_by_the_FMC_rule()
        {
            // What HintAware resolves when the firewall saw the DNS answer for tools.cisco.com.
            ConnectionFacts facts = Facts("tools.cisco.com", IdentitySource.DnsHint);
            PolicyDecision d = SeedPolicy(MatchMode.ResolvedIdentity).Evaluate(facts);
            Assert.Equal(PolicyAction.Allow, d.Action);
            Assert.Equal(PolicyStage.Rule, d.Stage);
            Assert.Equal("ALLOW_FMC_ASA_SNT_CISCO", d.RuleName);
            Assert.Equal(0, d.RuleIndex);
            Assert.Equal("tools.cisco.com", d.GetMatchedName(facts));
            Assert.Equal("tools.cisco.com", d.GetMatchedPattern(facts));
        }

        [Fact]
        public void AnyPresentedName_lets_the_allow_rule_match_on_tools_although_toos_was_resolved()
        {
            AccessPolicy rulesOnly(MatchMode mode) => new PolicyBuilder()
                .Match(mode)
                .Rule("ALLOW_FMC_ASA_SNT_CISCO", r => r.FromNetwork("10.12.1.0/24").ToHost("tools.cisco.com", Dialect.CiscoSecurityIntelligence).Allow())
                .Default(PolicyAction.Block)
                .Build();

            ConnectionFacts facts = Facts("toos.cisco.com", IdentitySource.FirstSubjectAltName);
            PolicyDecision resolvedOnly = rulesOnly(MatchMode.ResolvedIdentity).Evaluate(facts);
            Assert.Equal(PolicyAction.Block, resolvedOnly.Action);
            Assert.Equal(PolicyStage.Default, resolvedOnly.Stage);

            PolicyDecision any = rulesOnly(MatchMode.AnyPresentedName).Evaluate(facts);
            Assert.Equal(PolicyAction.Allow, any.Action);
            Assert.Equal("ALLOW_FMC_ASA_SNT_CISCO", any.RuleName);
            Assert.Equal("tools.cisco.com", any.GetMatchedName(facts));
        }

        [Fact]
        public void AnyPresentedName_still_blocks_when_any_presented_name_is_on_the_block_list()
        {
            // Block side of AnyPresentedName: the certificate presents toos.cisco.com, which is listed, so the
            // connection is blocked whichever name was resolved.
            ConnectionFacts facts = Facts("tools.cisco.com", IdentitySource.DnsHint);
            PolicyDecision d = SeedPolicy(MatchMode.AnyPresentedName).Evaluate(facts);
            Assert.Equal(PolicyAction.Block, d.Action);
            Assert.Equal(PolicyStage.SecurityIntelligence, d.Stage);
            Assert.Equal("toos.cisco.com", d.GetMatchedName(facts));
        }

        [Fact]
        public void An_allow_list_entry_exempts_only_the_name_it_lists()
        {
            // tools.cisco.com on the Do-Not-Block list does not exempt toos.cisco.com ...
            PolicyDecision d1 = SeedPolicy(MatchMode.AnyPresentedName, DomainSet.Parse("tools.cisco.com")).Evaluate(Facts("tools.cisco.com", IdentitySource.DnsHint));
            Assert.Equal(PolicyAction.Block, d1.Action);

            // ... toos.cisco.com on it does, and the rules then decide.
            PolicyDecision d2 = SeedPolicy(MatchMode.AnyPresentedName, DomainSet.Parse("toos.cisco.com")).Evaluate(Facts("toos.cisco.com", IdentitySource.FirstSubjectAltName));
            Assert.Equal(PolicyAction.Allow, d2.Action);
            Assert.Equal("ALLOW_FMC_ASA_SNT_CISCO", d2.RuleName);
        }

        [Fact]
        public void The_explanation_names_the_list_and_every_rule_not_reached()
        {
            PolicyExplanation e = SeedPolicy(MatchMode.ResolvedIdentity).Explain(Facts("toos.cisco.com", IdentitySource.FirstSubjectAltName));
            Assert.Single(e.Steps);
            Assert.True(e.Steps[0].Matched);
            Assert.Contains("toos.cisco.com", e.Steps[0].Detail, StringComparison.Ordinal);
            Assert.Equal(new[] { "toos.cisco.com" }, e.NamesConsidered);

            PolicyExplanation allowed = SeedPolicy(MatchMode.ResolvedIdentity).Explain(Facts("tools.cisco.com", IdentitySource.DnsHint));
            Assert.Equal(2, allowed.Steps.Count);
            Assert.False(allowed.Steps[0].Matched);
            Assert.Equal("no name is on the list", allowed.Steps[0].Detail);
            Assert.True(allowed.Steps[1].Matched);
            Assert.Contains("ALLOW_FMC_ASA_SNT_CISCO", allowed.ToString(), StringComparison.Ordinal);
        }
    }
}
