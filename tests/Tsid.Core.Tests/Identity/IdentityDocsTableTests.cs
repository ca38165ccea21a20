using Tsid.Identity;
using Tsid.Tests.Support;
using Tsid.X509;
using Xunit;

namespace Tsid.Tests.Identity
{
    /// <summary>
    /// The preset table of docs/identity.md (a table, not code: the page's C# blocks are compiled and run by
    /// tests/Tsid.Docs.Tests).
    /// </summary>
    public class IdentityDocsTableTests
    {
        [Fact]
        public void The_seed_case_per_preset_is_as_the_docs_table_says()
        {
            byte[] der = Fixture.Bytes("cisco-nocn.der");
            Assert.True(Certificate.TryParse(der, out Certificate leaf, out _));
            var evidence = new ServerIdentityEvidence { LeafCertificate = leaf };
            var hinted = evidence with { DnsNames = new[] { "tools.cisco.com" } };
            var expected = new (string Preset, string? NoSni, string? WithHint)[]
            {
                ("firepower", "toos.cisco.com", "toos.cisco.com"),
                ("paloalto", null, null),
                ("fortigate", "toos.cisco.com", "toos.cisco.com"),
                ("fortigate-strict", "toos.cisco.com", "toos.cisco.com"),
                ("squid", "toos.cisco.com", "toos.cisco.com"),
                ("rfc6125", "toos.cisco.com", "toos.cisco.com"),
                ("hint-aware", "toos.cisco.com", "tools.cisco.com"),
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
