using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using FsCheck;
using FsCheck.Fluent;
using Tsid.Testing;
using Tsid.Identity;
using Tsid.Tests.Support;
using static Tsid.Tests.Identity.IdentityTestSupport;

namespace Tsid.Tests.Identity
{
    /// <summary>
    /// Properties over random evidence (a pool of real and generated certificates, SNIs, hints, addresses) and random rule
    /// lists. Scenarios are drawn from a generated seed so a failure reports the seed that reproduces it.
    /// </summary>
    public class ServerIdentityPropertyTests
    {
        private static readonly byte[][] Certificates =
        {
            Fixture.Bytes("cisco-nocn.der"),
            Fixture.Bytes("cisco-cn.der"),
            Fixture.Bytes("small-ec.der"),
            Fixture.Bytes("big-100san.der"),
            MakeCertificate(Subject(b => b.AddOrganizationalUnitName("Cisco Smart Licensing"))),
            MakeCertificate(Subject(b => b.AddOrganizationalUnitName("legacy.example.net"))),
            MakeCertificate(new X500DistinguishedName(""), addresses: new[] { IPAddress.Parse("10.42.0.243") }),
            MakeCertificate(Cn("*.example.com"), dnsNames: new[] { "*.example.com", "example.com" }),
            MakeCertificate(Subject(b => { b.AddCommonName("first.example.com"); b.AddCommonName("second.example.com"); })),
            MakeCertificate(new X500DistinguishedName("")),
            MakeCertificate(Cn("Bücher.example"), dnsNames: new[] { "xn--bcher-kva.example" }, emails: new[] { "a@example.com" }),
            MakeCertificate(Cn("LDAP SSL test")),
        };

        private static readonly string?[] Snis = { null, "tools.cisco.com", "toos.cisco.com", "www.example.com", "example.com", "10.42.0.243", "a.b.example.com", "bad name", "Bücher.example", "localhost", "TOOLS.cisco.com." };

        private static readonly string[] Hints = { "tools.cisco.com", "www.example.com", "evil.example.org", "edge.example.net", "*.example.com", "not a name" };

        private static readonly byte[]?[] Addresses = { null, new byte[] { 192, 0, 2, 1 }, IPAddress.Parse("2001:db8::1").GetAddressBytes() };

        private static readonly Func<ServerIdentityResolverBuilder, ServerIdentityResolverBuilder>[] RuleAdders =
        {
            b => b.Sni(),
            b => b.SubjectCommonName(),
            b => b.SubjectCommonName(onlyWhenNoDnsSubjectAltName: true),
            b => b.FirstSubjectAltName(),
            b => b.HintCoveredByCertificate(),
            b => b.HintCoveredByCertificate(IdentityHintKinds.DnsName),
            b => b.SniCoveredByCertificate(),
            b => b.SniCoveredByCertificate(CommonNameFallback.Always, SniMismatchAction.Reject, acceptWithoutCertificate: true),
            b => b.AnyCertificateName(),
            b => b.OrganizationalUnit(),
            b => b.DestinationAddress(),
        };

        private static Arbitrary<int> Seeds => Arb.From(Gen.Choose(0, int.MaxValue));

        private static TestEvidence RandomEvidence(Random random) => new TestEvidence
        {
            Certificate = random.Next(4) == 0 ? null : Certificates[random.Next(Certificates.Length)],
            ServerName = Snis[random.Next(Snis.Length)],
            EncryptedClientHello = random.Next(6) == 0,
            ServerNameCount = random.Next(8) == 0 ? 2 : 0,
            DestinationAddress = Addresses[random.Next(Addresses.Length)],
            DnsNames = Enumerable.Range(0, random.Next(3)).Select(_ => Hints[random.Next(Hints.Length)]).ToArray(),
            HttpHost = random.Next(3) == 0 ? Hints[random.Next(Hints.Length)] + ":443" : null,
            CachedIdentity = random.Next(4) == 0 ? Hints[random.Next(Hints.Length)] : null,
        };

        private static int[] RandomRuleOrder(Random random)
        {
            int count = 1 + random.Next(RuleAdders.Length);
            return Enumerable.Range(0, RuleAdders.Length).OrderBy(_ => random.Next()).Take(count).ToArray();
        }

        private static ServerIdentityResolver Build(IEnumerable<int> rules, InvalidNameHandling invalidNames)
        {
            ServerIdentityResolverBuilder builder = new ServerIdentityResolverBuilder().WithInvalidNames(invalidNames);
            foreach (int rule in rules)
            {
                builder = RuleAdders[rule](builder);
            }

            return builder.Build();
        }

        /// <summary>Every name the evidence could yield, read with the BCL (not our parser), in both normal and kept-verbatim forms.</summary>
        private static HashSet<string> CandidateNames(TestEvidence spec)
        {
            var raw = new List<string>();
            if (spec.ServerName is not null)
            {
                raw.Add(spec.ServerName);
            }

            raw.AddRange(spec.DnsNames ?? Array.Empty<string>());
            if (spec.HttpHost is not null)
            {
                raw.Add(spec.HttpHost[..spec.HttpHost.LastIndexOf(':')]);
            }

            if (spec.CachedIdentity is not null)
            {
                raw.Add(spec.CachedIdentity);
            }

            if (spec.DestinationAddress is not null)
            {
                raw.Add(new IPAddress(spec.DestinationAddress).ToString());
            }

            if (spec.Certificate is not null)
            {
                using X509Certificate2 certificate = X509CertificateLoader.LoadCertificate(spec.Certificate);
                foreach (X500RelativeDistinguishedName rdn in certificate.SubjectName.EnumerateRelativeDistinguishedNames())
                {
                    if (rdn.GetSingleElementType().Value is "2.5.4.3" or "2.5.4.11")
                    {
                        raw.Add(rdn.GetSingleElementValue()!);
                    }
                }

                foreach (X509Extension extension in certificate.Extensions)
                {
                    if (extension is X509SubjectAlternativeNameExtension san)
                    {
                        raw.AddRange(san.EnumerateDnsNames());
                    }
                }
            }

            var names = new HashSet<string>(StringComparer.Ordinal);
            foreach (string name in raw)
            {
                names.Add(name.ToLowerInvariant());
                if (Tsid.Identity.HostName.TryNormalize(name, out string? normal))
                {
                    names.Add(normal);
                }
            }

            return names;
        }

        [FsCheck.Xunit.Property(MaxTest = 200)]
        public Property The_result_is_one_of_the_candidates_or_none()
        {
            return Prop.ForAll(Seeds, seed =>
            {
                var random = new Random(seed);
                TestEvidence spec = RandomEvidence(random);
                ServerIdentityResolver resolver = Build(RandomRuleOrder(random), random.Next(2) == 0 ? InvalidNameHandling.Skip : InvalidNameHandling.KeepFlagged);
                ServerIdentityRecord result = Resolve(resolver, spec, explain: random.Next(2) == 0);
                bool ok = result.Name is null
                    ? result.Source == IdentitySource.None
                    : result.Source != IdentitySource.None && CandidateNames(spec).Contains(result.Name);
                return ok.Label($"seed {seed}: {result.Name} from {result.RuleName} not among the candidates");
            });
        }

        [FsCheck.Xunit.Property(MaxTest = 150)]
        public Property Reordering_rules_changes_only_which_rule_wins()
        {
            return Prop.ForAll(Seeds, seed =>
            {
                var random = new Random(seed);
                TestEvidence spec = RandomEvidence(random);
                InvalidNameHandling invalidNames = random.Next(2) == 0 ? InvalidNameHandling.Skip : InvalidNameHandling.KeepFlagged;
                int[] order = RandomRuleOrder(random);
                ServerIdentityRecord combined = Resolve(Build(order, invalidNames), spec, explain: false);

                // The combined answer is exactly the answer of the first rule, on its own, that decides.
                ServerIdentityRecord? expected = null;
                int expectedIndex = -1;
                for (int i = 0; i < order.Length; i++)
                {
                    ServerIdentityRecord alone = Resolve(Build(new[] { order[i] }, invalidNames), spec, explain: false);
                    if (alone.RuleIndex == 0)
                    {
                        expected = alone;
                        expectedIndex = i;
                        break;
                    }
                }

                bool ok = expected is null
                    ? combined.RuleIndex == -1 && combined.Name is null
                    : combined.RuleIndex == expectedIndex && combined.Name == expected.Name && combined.Source == expected.Source
                        && combined.CertificateCoversSni == expected.CertificateCoversSni;
                return ok.Label($"seed {seed}: combined {combined.Name}/{combined.RuleName}, first deciding alone {expected?.Name}/{expected?.RuleName}");
            });
        }

        [FsCheck.Xunit.Property(MaxTest = 200)]
        public Property The_builder_never_yields_a_resolver_that_throws()
        {
            var steps = new Func<ServerIdentityResolverBuilder, Random, ServerIdentityResolverBuilder>[]
            {
                (b, r) => RuleAdders[r.Next(RuleAdders.Length)](b),
                (b, r) => b.Sni(),
                (b, r) => b.HintCoveredByCertificate((IdentityHintKinds)r.Next(0, 10)),
                (b, r) => b.WithInvalidNames((InvalidNameHandling)r.Next(2)),
                (b, r) => b.WithEchPublicName((EchPublicNameHandling)r.Next(2)),
                (b, r) => b.WithIdnHandling((IdnHandling)r.Next(2)),
                (b, r) => b.WithMatchOptions((HostNameMatchOptions)r.Next(2)),
                (b, r) => b.Rule("custom" + r.Next(3).ToString(System.Globalization.CultureInfo.InvariantCulture), (scoped in ServerIdentityEvidence e, ref ServerIdentityRuleContext c) => c.TryAccept(e.ServerName, IdentitySource.Custom)),
                (b, r) => b.WithName(r.Next(2) == 0 ? "" : "named"),
            };
            return Prop.ForAll(Seeds, seed =>
            {
                var random = new Random(seed);
                ServerIdentityResolverBuilder builder = new ServerIdentityResolverBuilder();
                int count = random.Next(0, 8);
                for (int i = 0; i < count; i++)
                {
                    builder = steps[random.Next(steps.Length)](builder, random);
                }

                ServerIdentityResolver resolver;
                try
                {
                    resolver = builder.Build();
                }
                catch (ServerIdentityBuilderException error)
                {
                    return (error.Problems.Count > 0).Label($"seed {seed}: an exception without problems");
                }

                for (int i = 0; i < 5; i++)
                {
                    Resolve(resolver, RandomEvidence(random), explain: random.Next(2) == 0);
                }

                return true.ToProperty();
            });
        }
    }
}
