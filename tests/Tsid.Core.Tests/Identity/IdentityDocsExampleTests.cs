using System;
using System.IO;
using Tsid.Identity;
using Tsid.Tests.Support;
using Tsid.X509;
using Xunit;

namespace Tsid.Tests.Identity
{
    /// <summary>The code and the outputs shown in docs/identity.md, kept honest.</summary>
    public class IdentityDocsExampleTests
    {
        [Fact]
        public void The_quick_start_prints_what_the_docs_say()
        {
            var output = new StringWriter();

            // ---- docs/identity.md, "Quick start" ----
            byte[] der = Fixture.Bytes("cisco-nocn.der");
            if (!Certificate.TryParse(der, out Certificate leaf, out X509Error error))
            {
                throw new InvalidDataException(error.ToString());
            }

            var evidence = new ServerIdentityEvidence { LeafCertificate = leaf };   // the ClientHello had no SNI

            Span<char> buffer = stackalloc char[ServerIdentityResolver.NameBufferLength];
            ServerIdentity identity = ServerIdentityPresets.Firepower.Resolve(in evidence, buffer);
            output.WriteLine($"{identity.Name.ToString()} via {identity.Source} ({identity.Diagnostics})");

            var withHint = evidence with { DnsNames = new[] { "tools.cisco.com" } };
            ServerIdentityRecord better = ServerIdentityPresets.HintAware.ResolveToRecord(in withHint);
            output.WriteLine($"{better.Name} via {better.Source}");

            ServerIdentityRecord explained = ServerIdentityPresets.Firepower.ResolveToRecord(in evidence, explain: true);
            output.Write(explained.Explanation);
            // ---- end ----

            string expected = string.Join(Environment.NewLine,
                "toos.cisco.com via FirstSubjectAltName (NearDuplicateName)",
                "tools.cisco.com via DnsHint",
                "resolver Firepower",
                "  Sni: Missing Sni - (no SNI in the ClientHello)",
                "  SubjectCommonName: Missing SubjectCommonName - (no commonName in the subject)",
                "  FirstSubjectAltName: Taken FirstSubjectAltName \"toos.cisco.com\" (taken)",
                "  OrganizationalUnit: NotConsulted None - (an earlier rule decided)",
                "  near-duplicate of \"tools.cisco.com\"",
                string.Empty);
            Assert.Equal(expected, output.ToString());
        }

        [Fact]
        public void A_custom_rule_class_from_the_docs_works()
        {
            ServerIdentityResolver resolver = new ServerIdentityResolverBuilder()
                .Sni()
                .Rule(new InternalSuffixRule("corp.example"))
                .SubjectCommonName()
                .Build();
            byte[] der = Fixture.Bytes("cisco-cn.der");
            Assert.True(Certificate.TryParse(der, out Certificate leaf, out _));
            var evidence = new ServerIdentityEvidence { LeafCertificate = leaf, DnsNames = new[] { "printer7" } };
            ServerIdentityRecord result = resolver.ResolveToRecord(in evidence);
            Assert.Equal("printer7.corp.example", result.Name);
            Assert.Equal("InternalSuffix", result.RuleName);

            var noHint = new ServerIdentityEvidence { LeafCertificate = leaf };
            Assert.Equal("tools.cisco.com", resolver.ResolveToRecord(in noHint).Name);
        }

        // ---- docs/identity.md, "Writing a rule" ----
        /// <summary>Names a server from a single-label DNS name the caller resolved, qualified with the company suffix.</summary>
        public sealed class InternalSuffixRule : IServerIdentityRule
        {
            private readonly string _suffix;

            public InternalSuffixRule(string suffix) => _suffix = suffix;

            public string Name => "InternalSuffix";

            public bool TryResolve(scoped in ServerIdentityEvidence evidence, ref ServerIdentityRuleContext context)
            {
                Span<char> qualified = stackalloc char[Tsid.Identity.HostName.MaxLength];
                foreach (string name in evidence.DnsNames)
                {
                    int length = name.Length + 1 + _suffix.Length;
                    if (name.IndexOf('.') < 0 && length <= Tsid.Identity.HostName.MaxLength)
                    {
                        name.AsSpan().CopyTo(qualified);
                        qualified[name.Length] = '.';
                        _suffix.AsSpan().CopyTo(qualified.Slice(name.Length + 1));
                        if (context.TryAccept(qualified.Slice(0, length), IdentitySource.Custom))
                        {
                            return true;
                        }
                    }
                    else
                    {
                        context.Note(name.AsSpan(), IdentitySource.Custom, CandidateVerdict.Ignored, "already qualified");
                    }
                }

                return false;
            }
        }

        // ---- end ----

        [Fact]
        public void The_seed_case_per_preset_is_as_the_docs_table_says()
        {
            byte[] der = Fixture.Bytes("cisco-nocn.der");
            Assert.True(Certificate.TryParse(der, out Certificate leaf, out _));
            var evidence = new ServerIdentityEvidence { LeafCertificate = leaf };
            var hinted = evidence with { DnsNames = new[] { "tools.cisco.com" } };
            var expected = new (string Preset, string? NoSni, string? WithHint)[]
            {
                ("Firepower", "toos.cisco.com", "toos.cisco.com"),
                ("PaloAlto", null, null),
                ("FortiGate", "toos.cisco.com", "toos.cisco.com"),
                ("FortiGateStrict", "toos.cisco.com", "toos.cisco.com"),
                ("Squid", "toos.cisco.com", "toos.cisco.com"),
                ("Rfc6125", "toos.cisco.com", "toos.cisco.com"),
                ("HintAware", "toos.cisco.com", "tools.cisco.com"),
            };
            foreach (var (preset, noSni, withHint) in expected)
            {
                Assert.True(ServerIdentityPresets.TryGet(preset, out ServerIdentityResolver? resolver));
                Assert.Equal(noSni, resolver.ResolveToRecord(in evidence).Name);
                Assert.Equal(withHint, resolver.ResolveToRecord(in hinted).Name);
            }
        }
    }
}
