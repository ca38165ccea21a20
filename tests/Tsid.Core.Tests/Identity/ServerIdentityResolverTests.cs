using System;
using System.Linq;
using System.Net;
using Tsid.Testing;
using Tsid.Identity;
using Tsid.Tests.Support;
using Xunit;
using static Tsid.Tests.Identity.IdentityTestSupport;

namespace Tsid.Tests.Identity
{
    public class ServerIdentityResolverTests
    {
        private static readonly byte[] CiscoNoCn = Fixture.Bytes("cisco-nocn.der");
        private static readonly byte[] CiscoCn = Fixture.Bytes("cisco-cn.der");

        // The seed case: no SNI, a certificate without CN whose first dNSName is toos.cisco.com.
        [Fact]
        public void Firepower_names_the_Smart_Licensing_server_toos_from_the_first_SAN_and_flags_the_near_duplicate()
        {
            ServerIdentityRecord result = Resolve(ServerIdentityPresets.Firepower, new TestEvidence { Certificate = CiscoNoCn });
            Assert.Equal("toos.cisco.com", result.Name);
            Assert.Equal(IdentitySource.FirstSubjectAltName, result.Source);
            Assert.Equal("FirstSubjectAltName", result.RuleName);
            Assert.Equal(2, result.RuleIndex);
            Assert.True((result.Diagnostics & IdentityDiagnostics.NearDuplicateName) != 0);
            Assert.Equal(new[] { "tools.cisco.com" }, result.Explanation!.NearDuplicates);
            Assert.Equal(SniCoverage.Unknown, result.CertificateCoversSni);

            var candidates = result.Explanation.Candidates;
            Assert.Contains(candidates, c => c.RuleName == "Sni" && c.Verdict == CandidateVerdict.Missing);
            Assert.Contains(candidates, c => c.RuleName == "SubjectCommonName" && c.Verdict == CandidateVerdict.Missing);
            Assert.Contains(candidates, c => c.Verdict == CandidateVerdict.Taken && c.Value == "toos.cisco.com");
            Assert.Contains(candidates, c => c.RuleName == "OrganizationalUnit" && c.Verdict == CandidateVerdict.NotConsulted);
        }

        [Fact]
        public void HintAware_with_the_DNS_answer_for_tools_names_it_tools()
        {
            ServerIdentityRecord result = Resolve(ServerIdentityPresets.HintAware, new TestEvidence { Certificate = CiscoNoCn, DnsNames = new[] { "tools.cisco.com" } });
            Assert.Equal("tools.cisco.com", result.Name);
            Assert.Equal(IdentitySource.DnsHint, result.Source);
            Assert.Equal("HintCoveredByCertificate", result.RuleName);
            Assert.Equal(IdentityDiagnostics.None, result.Diagnostics & IdentityDiagnostics.NearDuplicateName);
        }

        [Fact]
        public void HintAware_ignores_a_hint_the_certificate_does_not_cover()
        {
            ServerIdentityRecord result = Resolve(ServerIdentityPresets.HintAware, new TestEvidence { Certificate = CiscoNoCn, DnsNames = new[] { "evil.example.com", "TOOLS.cisco.com." } });
            Assert.Equal("tools.cisco.com", result.Name);
            Assert.Contains(result.Explanation!.Candidates, c => c.Value == "evil.example.com" && c.Verdict == CandidateVerdict.NotCovered);

            ServerIdentityRecord uncovered = Resolve(ServerIdentityPresets.HintAware, new TestEvidence { Certificate = CiscoNoCn, DnsNames = new[] { "evil.example.com" } });
            Assert.Equal("toos.cisco.com", uncovered.Name);
            Assert.Equal(IdentitySource.FirstSubjectAltName, uncovered.Source);
        }

        [Fact]
        public void With_SNI_tools_every_SNI_first_preset_says_tools_and_the_certificate_covers_it()
        {
            foreach (ServerIdentityResolver resolver in new[] { ServerIdentityPresets.Firepower, ServerIdentityPresets.PaloAlto, ServerIdentityPresets.FortiGate, ServerIdentityPresets.HintAware, ServerIdentityPresets.Rfc6125 })
            {
                ServerIdentityRecord result = Resolve(resolver, new TestEvidence { Certificate = CiscoNoCn, ServerName = "tools.cisco.com" });
                Assert.Equal("tools.cisco.com", result.Name);
                Assert.Equal(IdentitySource.Sni, result.Source);
                Assert.Equal(SniCoverage.Covered, result.CertificateCoversSni);
            }

            ServerIdentityRecord squid = Resolve(ServerIdentityPresets.Squid, new TestEvidence { Certificate = CiscoNoCn, ServerName = "tools.cisco.com" });
            Assert.Equal("tools.cisco.com", squid.Name);
            Assert.Equal(IdentitySource.SubjectAltName, squid.Source);
        }

        [Fact]
        public void Presented_names_list_SNI_CNs_and_dNSNames_once_each_normalised()
        {
            Assert.True(Tsid.X509.Certificate.TryParse(CiscoCn, out Tsid.X509.Certificate leaf, out _));
            var evidence = new ServerIdentityEvidence { LeafCertificate = leaf, ServerName = "TOOLS.cisco.com."u8 };
            string[] names = evidence.PresentedNames.ToArray();
            Assert.Equal("tools.cisco.com", names[0]);
            Assert.Equal("toos.cisco.com", names[1]);
            Assert.Equal(15, names.Length);
            Assert.Equal(names.Length, names.Distinct().Count());

            var bare = new ServerIdentityEvidence();
            Assert.Empty(bare.PresentedNames.ToArray());
            Assert.True(bare.PresentedNames.IsEmpty);
        }

        [Fact]
        public void Coverage_is_covered_not_covered_or_unknown()
        {
            Assert.Equal(SniCoverage.Covered, Resolve(ServerIdentityPresets.Firepower, new TestEvidence { Certificate = CiscoNoCn, ServerName = "tools.cisco.com" }).CertificateCoversSni);
            Assert.Equal(SniCoverage.NotCovered, Resolve(ServerIdentityPresets.Firepower, new TestEvidence { Certificate = CiscoNoCn, ServerName = "www.example.com" }).CertificateCoversSni);
            Assert.Equal(SniCoverage.Unknown, Resolve(ServerIdentityPresets.Firepower, new TestEvidence { Certificate = CiscoNoCn }).CertificateCoversSni);
        }

        [Fact]
        public void The_CN_variant_makes_Firepower_pick_the_CN()
        {
            ServerIdentityRecord result = Resolve(ServerIdentityPresets.Firepower, new TestEvidence { Certificate = CiscoCn });
            Assert.Equal("tools.cisco.com", result.Name);
            Assert.Equal(IdentitySource.SubjectCommonName, result.Source);
            Assert.Equal("SubjectCommonName", result.RuleName);
        }

        [Fact]
        public void Resolving_without_explanation_allocates_nothing_and_explains_nothing()
        {
            ServerIdentityResolver resolver = ServerIdentityPresets.Firepower;
            Assert.True(Tsid.X509.Certificate.TryParse(CiscoNoCn, out Tsid.X509.Certificate leaf, out _));
            var evidence = new ServerIdentityEvidence { LeafCertificate = leaf };
            Span<char> buffer = stackalloc char[ServerIdentityResolver.NameBufferLength];
            resolver.Resolve(in evidence, buffer);
            long before = GC.GetAllocatedBytesForCurrentThread();
            ServerIdentity identity = resolver.Resolve(in evidence, buffer);
            long after = GC.GetAllocatedBytesForCurrentThread();
            Assert.Equal(0, after - before);
            Assert.True(identity.Name.SequenceEqual("toos.cisco.com".AsSpan()));
            Assert.Null(identity.Explanation);
        }

        [Fact]
        public void A_short_name_buffer_is_caller_misuse()
        {
            Assert.Throws<ArgumentException>(ResolveWithSmallBuffer);
        }

        private static void ResolveWithSmallBuffer()
        {
            var evidence = new ServerIdentityEvidence();
            Span<char> small = stackalloc char[10];
            ServerIdentityPresets.Firepower.Resolve(in evidence, small);
        }

        [Fact]
        public void OU_only_certificate_is_named_by_the_OU_rule()
        {
            byte[] hostOu = MakeCertificate(Subject(b => { b.AddOrganizationName("Example"); b.AddOrganizationalUnitName("Legacy.Example.NET"); }));
            ServerIdentityRecord result = Resolve(ServerIdentityPresets.HintAware, new TestEvidence { Certificate = hostOu });
            Assert.Equal("legacy.example.net", result.Name);
            Assert.Equal(IdentitySource.OrganizationalUnit, result.Source);

            byte[] textOu = MakeCertificate(Subject(b => b.AddOrganizationalUnitName("Cisco Smart Licensing")));
            ServerIdentityRecord firepower = Resolve(ServerIdentityPresets.Firepower, new TestEvidence { Certificate = textOu });
            Assert.Equal("cisco smart licensing", firepower.Name);
            Assert.True((firepower.Diagnostics & IdentityDiagnostics.NotAHostName) != 0);

            ServerIdentityRecord hintAware = Resolve(ServerIdentityPresets.HintAware, new TestEvidence { Certificate = textOu });
            Assert.Null(hintAware.Name);
            Assert.Equal(IdentitySource.None, hintAware.Source);
            Assert.True((hintAware.Diagnostics & IdentityDiagnostics.InvalidCandidatesSkipped) != 0);
            Assert.Contains(hintAware.Explanation!.Candidates, c => c.RuleName == "OrganizationalUnit" && c.Verdict == CandidateVerdict.Invalid);
        }

        [Fact]
        public void IP_only_SAN_gives_no_dNSName_but_covers_an_IP_literal_SNI()
        {
            byte[] certificate = MakeCertificate(new System.Security.Cryptography.X509Certificates.X500DistinguishedName(""), addresses: new[] { IPAddress.Parse("10.42.0.243"), IPAddress.Parse("2001:db8::1") });
            ServerIdentityRecord none = Resolve(ServerIdentityPresets.Rfc6125, new TestEvidence { Certificate = certificate });
            Assert.Null(none.Name);
            Assert.Contains(none.Explanation!.Candidates, c => c.RuleName == "FirstSubjectAltName" && c.Verdict == CandidateVerdict.Ignored && c.Detail.Contains("IPAddress"));

            ServerIdentityRecord ipSni = Resolve(ServerIdentityPresets.Rfc6125, new TestEvidence { Certificate = certificate, ServerName = "10.42.0.243" });
            Assert.Equal("10.42.0.243", ipSni.Name);
            Assert.Equal(SniCoverage.Covered, ipSni.CertificateCoversSni);
            Assert.True((ipSni.Diagnostics & IdentityDiagnostics.IPLiteral) != 0);

            ServerIdentityRecord v6 = Resolve(ServerIdentityPresets.Rfc6125, new TestEvidence { Certificate = certificate, ServerName = "2001:DB8:0::1" });
            Assert.Equal(SniCoverage.Covered, v6.CertificateCoversSni);
            Assert.Equal("2001:db8:0::1", v6.Name);

            ServerIdentityRecord other = Resolve(ServerIdentityPresets.Rfc6125, new TestEvidence { Certificate = certificate, ServerName = "10.42.0.244" });
            Assert.Equal(SniCoverage.NotCovered, other.CertificateCoversSni);
        }

        [Fact]
        public void Wildcard_SAN_is_kept_and_marked_and_covers_the_SNI()
        {
            byte[] certificate = MakeCertificate(Cn("*.Example.com"), dnsNames: new[] { "*.example.com", "example.com" });
            ServerIdentityRecord firepower = Resolve(ServerIdentityPresets.Firepower, new TestEvidence { Certificate = certificate });
            Assert.Equal("*.example.com", firepower.Name);
            Assert.True((firepower.Diagnostics & IdentityDiagnostics.WildcardName) != 0);
            Assert.True((firepower.NameFlags & HostNameFlags.Wildcard) != 0);

            ServerIdentityRecord sni = Resolve(ServerIdentityPresets.Rfc6125, new TestEvidence { Certificate = certificate, ServerName = "www.example.com" });
            Assert.Equal("www.example.com", sni.Name);
            Assert.Equal(SniCoverage.Covered, sni.CertificateCoversSni);

            ServerIdentityRecord squid = Resolve(ServerIdentityPresets.Squid, new TestEvidence { Certificate = certificate, ServerName = "www.example.com" });
            Assert.Equal("*.example.com", squid.Name);
            Assert.Equal(IdentitySource.SubjectAltName, squid.Source);

            ServerIdentityRecord deep = Resolve(ServerIdentityPresets.Rfc6125, new TestEvidence { Certificate = certificate, ServerName = "a.b.example.com" });
            Assert.Equal(SniCoverage.NotCovered, deep.CertificateCoversSni);
            Assert.Equal("*.example.com", deep.Name);
            Assert.Equal(IdentitySource.FirstSubjectAltName, deep.Source);
        }

        [Fact]
        public void Several_CNs_use_the_first_in_DER_order_like_OpenSSL()
        {
            var subject = Subject(b => { b.AddCommonName("first.example.com"); b.AddOrganizationName("Org"); b.AddCommonName("second.example.com"); });

            // The oracle: the BCL's reading of the DER (EnumerateRelativeDistinguishedNames(reversed: false) is DER order).
            string firstInDer = subject.EnumerateRelativeDistinguishedNames(reversed: false)
                .First(rdn => rdn.GetSingleElementType().Value == "2.5.4.3").GetSingleElementValue()!;

            byte[] certificate = MakeCertificate(subject);
            ServerIdentityRecord result = Resolve(ServerIdentityPresets.PaloAlto, new TestEvidence { Certificate = certificate });
            Assert.Equal(firstInDer, result.Name);
            Assert.True((result.Diagnostics & IdentityDiagnostics.SeveralCommonNames) != 0);
            Assert.Contains(result.Explanation!.Candidates, c => c.Verdict == CandidateVerdict.Ignored && c.Detail.Contains("first CN"));
        }

        [Fact]
        public void Empty_subject_and_no_SAN_resolves_to_nothing_or_to_the_address()
        {
            byte[] certificate = MakeCertificate(new System.Security.Cryptography.X509Certificates.X500DistinguishedName(""));
            foreach (ServerIdentityResolver preset in ServerIdentityPresets.All)
            {
                ServerIdentityRecord result = Resolve(preset, new TestEvidence { Certificate = certificate });
                Assert.Null(result.Name);
                Assert.Equal(-1, result.RuleIndex);
            }

            ServerIdentityResolver withAddress = new ServerIdentityResolverBuilder().Sni().SubjectCommonName().DestinationAddress().Build();
            ServerIdentityRecord address = Resolve(withAddress, new TestEvidence { Certificate = certificate, DestinationAddress = new byte[] { 192, 0, 2, 7 } });
            Assert.Equal("192.0.2.7", address.Name);
            Assert.Equal(IdentitySource.DestinationAddress, address.Source);
        }

        [Fact]
        public void TLS13_without_a_certificate_falls_back_to_SNI_or_the_address()
        {
            ServerIdentityResolver resolver = new ServerIdentityResolverBuilder().Sni().SubjectCommonName().FirstSubjectAltName().DestinationAddress().Build();
            ServerIdentityRecord sni = Resolve(resolver, new TestEvidence { ServerName = "tls13.crypto.mozilla.org", DestinationAddress = new byte[] { 1, 2, 3, 4 } });
            Assert.Equal("tls13.crypto.mozilla.org", sni.Name);
            Assert.Equal(SniCoverage.Unknown, sni.CertificateCoversSni);

            byte[] v6 = IPAddress.Parse("2001:db8::10").GetAddressBytes();
            ServerIdentityRecord address = Resolve(resolver, new TestEvidence { DestinationAddress = v6 });
            Assert.Equal("2001:db8::10", address.Name);
            Assert.Equal(IdentitySource.DestinationAddress, address.Source);

            Assert.Null(Resolve(ServerIdentityPresets.Firepower, new TestEvidence()).Name);
            Assert.Equal("localhost", Resolve(ServerIdentityPresets.Rfc6125, new TestEvidence { ServerName = "localhost" }).Name);
            Assert.Equal("localhost", Resolve(ServerIdentityPresets.Squid, new TestEvidence { ServerName = "localhost" }).Name);
            Assert.Equal("localhost", Resolve(ServerIdentityPresets.FortiGateStrict, new TestEvidence { ServerName = "localhost" }).Name);
        }

        [Fact]
        public void ECH_outer_SNI_is_reported_as_the_public_name_or_ignored()
        {
            var spec = new TestEvidence { ServerName = "public.example.net", EncryptedClientHello = true, DestinationAddress = new byte[] { 192, 0, 2, 1 } };
            ServerIdentityRecord reported = Resolve(ServerIdentityPresets.Firepower, spec);
            Assert.Equal("public.example.net", reported.Name);
            Assert.Equal(IdentitySource.EchPublicName, reported.Source);
            Assert.True((reported.Diagnostics & IdentityDiagnostics.EchPublicName) != 0);

            ServerIdentityResolver ignoring = new ServerIdentityResolverBuilder().WithEchPublicName(EchPublicNameHandling.Ignore).Sni().DestinationAddress().Build();
            ServerIdentityRecord ignored = Resolve(ignoring, spec);
            Assert.Equal("192.0.2.1", ignored.Name);
            Assert.Contains(ignored.Explanation!.Candidates, c => c.Source == IdentitySource.EchPublicName && c.Verdict == CandidateVerdict.Ignored);
        }

        [Fact]
        public void An_IP_literal_SNI_is_taken_and_flagged()
        {
            ServerIdentityRecord result = Resolve(ServerIdentityPresets.Firepower, new TestEvidence { ServerName = "10.42.0.243" });
            Assert.Equal("10.42.0.243", result.Name);
            Assert.Equal(IdentitySource.Sni, result.Source);
            Assert.True((result.Diagnostics & IdentityDiagnostics.IPLiteral) != 0);
            Assert.True((result.NameFlags & HostNameFlags.IPv4Literal) != 0);
        }

        [Fact]
        public void A_malformed_SNI_is_skipped_under_Skip_and_the_next_rule_decides()
        {
            byte[] certificate = MakeCertificate(Cn("www.example.org"));
            ServerIdentityRecord result = Resolve(ServerIdentityPresets.HintAware, new TestEvidence { Certificate = certificate, ServerNameBytes = new byte[] { (byte)'a', 0, (byte)'b' } });
            Assert.Equal("www.example.org", result.Name);
            Assert.True((result.Diagnostics & IdentityDiagnostics.InvalidCandidatesSkipped) != 0);

            // Even vendor presets that keep odd names never keep one with a control character.
            ServerIdentityRecord firepower = Resolve(ServerIdentityPresets.Firepower, new TestEvidence { Certificate = certificate, ServerNameBytes = new byte[] { (byte)'a', 0, (byte)'b' } });
            Assert.Equal("www.example.org", firepower.Name);
        }

        [Fact]
        public void Several_host_names_in_the_ClientHello_are_flagged()
        {
            ServerIdentityRecord result = Resolve(ServerIdentityPresets.PaloAlto, new TestEvidence { ServerName = "a.example.com", ServerNameCount = 2 });
            Assert.Equal("a.example.com", result.Name);
            Assert.True((result.Diagnostics & IdentityDiagnostics.SeveralServerNames) != 0);
        }

        [Fact]
        public void Unicode_CN_becomes_an_A_label()
        {
            byte[] certificate = MakeCertificate(Cn("Bücher.example"));
            ServerIdentityRecord result = Resolve(ServerIdentityPresets.PaloAlto, new TestEvidence { Certificate = certificate });
            Assert.Equal("xn--bcher-kva.example", result.Name);
            Assert.True((result.Diagnostics & IdentityDiagnostics.IdnConverted) != 0);
            Assert.True((result.Diagnostics & IdentityDiagnostics.IdnName) != 0);

            ServerIdentityResolver rejecting = new ServerIdentityResolverBuilder().WithIdnHandling(IdnHandling.Reject).SubjectCommonName().Build();
            Assert.Null(Resolve(rejecting, new TestEvidence { Certificate = certificate }).Name);
        }

        [Fact]
        public void FortiGate_enable_uses_the_CN_on_a_mismatch_and_strict_rejects()
        {
            byte[] certificate = MakeCertificate(Cn("cn.example.com"), dnsNames: new[] { "san.example.com" });

            ServerIdentityRecord match = Resolve(ServerIdentityPresets.FortiGate, new TestEvidence { Certificate = certificate, ServerName = "san.example.com" });
            Assert.Equal("san.example.com", match.Name);
            Assert.Equal(IdentitySource.Sni, match.Source);

            // FortiGate checks the SNI against "the CN or SAN fields": a CN match counts although SANs exist.
            ServerIdentityRecord cnMatch = Resolve(ServerIdentityPresets.FortiGateStrict, new TestEvidence { Certificate = certificate, ServerName = "cn.example.com" });
            Assert.Equal("cn.example.com", cnMatch.Name);
            Assert.Equal(IdentitySource.Sni, cnMatch.Source);
            Assert.Equal(SniCoverage.NotCovered, cnMatch.CertificateCoversSni);

            ServerIdentityRecord mismatch = Resolve(ServerIdentityPresets.FortiGate, new TestEvidence { Certificate = certificate, ServerName = "other.example.com" });
            Assert.Equal("cn.example.com", mismatch.Name);
            Assert.Equal(IdentitySource.SubjectCommonName, mismatch.Source);
            Assert.Equal(SniCoverage.NotCovered, mismatch.CertificateCoversSni);

            ServerIdentityRecord strict = Resolve(ServerIdentityPresets.FortiGateStrict, new TestEvidence { Certificate = certificate, ServerName = "other.example.com" });
            Assert.Null(strict.Name);
            Assert.True((strict.Diagnostics & IdentityDiagnostics.SniCheckRejected) != 0);
            Assert.Equal(0, strict.RuleIndex);
            Assert.Contains(strict.Explanation!.Candidates, c => c.Verdict == CandidateVerdict.Rejected);

            ServerIdentityRecord noSni = Resolve(ServerIdentityPresets.FortiGateStrict, new TestEvidence { Certificate = certificate });
            Assert.Equal("cn.example.com", noSni.Name);

            ServerIdentityRecord disabled = Resolve(ServerIdentityPresets.ForFortiGate(FortiGateSniCheck.Disable), new TestEvidence { Certificate = certificate, ServerName = "other.example.com" });
            Assert.Equal("other.example.com", disabled.Name);
        }

        [Fact]
        public void Rfc6125_ignores_the_CN_when_dNSNames_exist()
        {
            byte[] certificate = MakeCertificate(Cn("cn.example.com"), dnsNames: new[] { "san.example.com" });
            ServerIdentityRecord result = Resolve(ServerIdentityPresets.Rfc6125, new TestEvidence { Certificate = certificate, ServerName = "cn.example.com" });
            Assert.Equal("san.example.com", result.Name);
            Assert.Equal(SniCoverage.NotCovered, result.CertificateCoversSni);

            byte[] cnOnly = MakeCertificate(Cn("cn.example.com"));
            ServerIdentityRecord fallback = Resolve(ServerIdentityPresets.Rfc6125, new TestEvidence { Certificate = cnOnly, ServerName = "cn.example.com" });
            Assert.Equal("cn.example.com", fallback.Name);
            Assert.Equal(SniCoverage.Covered, fallback.CertificateCoversSni);
        }

        [Fact]
        public void Hints_of_every_kind_are_recognised_and_ports_dropped()
        {
            byte[] certificate = MakeCertificate(Cn("edge.example.net"), dnsNames: new[] { "*.example.net" });
            ServerIdentityResolver resolver = new ServerIdentityResolverBuilder().HintCoveredByCertificate().Build();
            ServerIdentityRecord host = Resolve(resolver, new TestEvidence { Certificate = certificate, HttpHost = "API.example.net:8443", DnsNames = new[] { "www.example.net" } });
            Assert.Equal("api.example.net", host.Name);
            Assert.Equal(IdentitySource.HttpHostHint, host.Source);

            ServerIdentityRecord cached = Resolve(resolver, new TestEvidence { Certificate = certificate, CachedIdentity = "cdn.example.net" });
            Assert.Equal(IdentitySource.CachedIdentityHint, cached.Source);

            ServerIdentityResolver dnsOnly = new ServerIdentityResolverBuilder().HintCoveredByCertificate(IdentityHintKinds.DnsName).Build();
            ServerIdentityRecord dns = Resolve(dnsOnly, new TestEvidence { Certificate = certificate, HttpHost = "api.example.net", DnsNames = new[] { "www.example.net" } });
            Assert.Equal("www.example.net", dns.Name);
            Assert.Equal(IdentitySource.DnsHint, dns.Source);

            Assert.Null(Resolve(resolver, new TestEvidence { Certificate = certificate, HttpHost = "*.example.net" }).Name);
        }

        [Fact]
        public void A_custom_delegate_rule_takes_part_like_any_other()
        {
            ServerIdentityResolver resolver = new ServerIdentityResolverBuilder()
                .Rule("PortName", (scoped in ServerIdentityEvidence evidence, ref ServerIdentityRuleContext context) =>
                    evidence.DestinationPort == 8883 && context.TryAccept("mqtt.internal".AsSpan(), IdentitySource.Custom))
                .Sni()
                .Build();
            ServerIdentityRecord other = Resolve(resolver, new TestEvidence { ServerName = "x.example.com" });
            Assert.Equal("x.example.com", other.Name);
            Assert.Equal("Sni", other.RuleName);

            ServerIdentityRecord custom = ResolveWithPort(resolver, 8883);
            Assert.Equal("mqtt.internal", custom.Name);
            Assert.Equal(IdentitySource.Custom, custom.Source);
            Assert.Equal("PortName", custom.RuleName);
        }

        private static ServerIdentityRecord ResolveWithPort(ServerIdentityResolver resolver, ushort port)
        {
            var evidence = new ServerIdentityEvidence { DestinationPort = port, ServerName = "x.example.com"u8 };
            return resolver.ResolveToRecord(in evidence, explain: true);
        }
    }
}
