#region CustomRule
using System;
using Tsid.Identity;
using Tsid.Testing;
using Tsid.X509;
using Xunit;
#endregion
#region Segments
using Tsid.Tls;
#endregion

// The code of docs/testing.md: a user's xunit tests, run here as they are (they are this project's tests too).
namespace Tsid.Docs.Tests.Samples
{
    #region CustomRule
    public class LicensingPinTests
    {
        // The rule under test: a certificate whose OU is "Cisco Smart Licensing" is the licensing server, whatever its SANs say.
        private static readonly ServerIdentityResolver Resolver = new ServerIdentityResolverBuilder()
            .Sni()
            .Rule("LicensingPin", (scoped in ServerIdentityEvidence e, ref ServerIdentityRuleContext c) =>
                e.HasLeafCertificate
                && e.LeafCertificate.Subject.TryGetFirst(AttributeType.OrganizationalUnitName, out DirectoryString ou)
                && ou.RawValue.SequenceEqual("Cisco Smart Licensing"u8)
                && c.TryAccept("tools.cisco.com".AsSpan(), IdentitySource.Custom))
            .FirstSubjectAltName()
            .Build();

        private static readonly byte[] Licensing = new CertificateBuilder()
            .Subject(n => n.Organization("Cisco Systems Inc.").OrganizationalUnit("Cisco Smart Licensing"))   // no CN
            .SubjectAltName(s => s.DnsNames("toos.cisco.com", "tools.cisco.com"))
            .ToDer();

        [Fact]
        public void The_pin_names_the_licensing_server_when_there_is_no_sni()
        {
            ServerIdentityRecord identity = TestEvidence.FromCertificate(Licensing).Resolve(Resolver);

            Assert.Equal("tools.cisco.com", identity.Name);
            Assert.Equal(IdentitySource.Custom, identity.Source);
        }

        [Fact]
        public void Sni_still_comes_first_and_other_certificates_fall_through()
        {
            Assert.Equal("api.example.com", TestEvidence.FromCertificate(Licensing, serverName: "api.example.com").Resolve(Resolver).Name);

            byte[] other = new CertificateBuilder()
                .Subject(n => n.OrganizationalUnit("Cisco Smart Licensing", DerStringType.BmpString))   // same text, other bytes
                .SubjectAltName(s => s.DnsNames("other.example"))
                .ToDer();
            Assert.Equal("other.example", TestEvidence.FromCertificate(other).Resolve(Resolver).Name);
        }
    }
    #endregion

    #region SeedCase
    public class SeedCaseTests
    {
        // The seed case: no SNI, a certificate with no CN whose first SAN is a typo of the name the client looked up.
        private static readonly byte[] CiscoLike = new CertificateBuilder()
            .Subject(n => n.Country("US").Organization("Cisco Systems Inc.").OrganizationalUnit("Cisco Smart Licensing"))
            .SubjectAltName(s => s.DnsNames("toos.cisco.com", "tools.cisco.com", "tools1.cisco.com"))
            .ToDer();

        [Fact]
        public void Firepower_names_the_connection_by_the_first_san()
        {
            ServerIdentityRecord identity = TestEvidence.FromCertificate(CiscoLike).Resolve(ServerIdentityPresets.Firepower);

            Assert.Equal("toos.cisco.com", identity.Name);
            Assert.Equal(IdentitySource.FirstSubjectAltName, identity.Source);
        }

        [Fact]
        public void Hint_aware_takes_the_san_the_dns_answer_asked_for()
        {
            var evidence = TestEvidence.FromCertificate(CiscoLike, dnsNames: new[] { "tools.cisco.com" });

            ServerIdentityRecord identity = evidence.Resolve(ServerIdentityPresets.HintAware);

            Assert.Equal("tools.cisco.com", identity.Name);
            Assert.Equal(IdentitySource.DnsHint, identity.Source);
        }
    }
    #endregion

    #region Segments
    public class ChunkingTests
    {
        [Fact]
        public void A_post_quantum_hello_in_one_byte_segments_still_names_the_server()
        {
            byte[] records = new ClientHelloBuilder()
                .CipherSuites(TlsGrease.Value(0), 0x1301, 0x1302)
                .ServerName("tools.cisco.com")
                .Alpn("h2", "http/1.1")
                .KeyShares((ClientHelloBuilder.X25519MLKEM768, ClientHelloBuilder.X25519MLKEM768KeyShareLength))
                .ToRecords(maxFragment: 512);                                       // three handshake records

            using var observer = new TlsConnectionObserver();
            foreach (byte[] segment in TlsWire.Segments(records, 1))                // then one byte per TCP segment
            {
                Assert.NotEqual(System.Buffers.OperationStatus.InvalidData, observer.Feed(TlsDirection.ClientToServer, segment));
            }

            Assert.Equal("tools.cisco.com", observer.GetServerNameString());
        }
    }
    #endregion

    /// <summary>The example of src/Tsid.Core.Testing/README.md.</summary>
    public class PackageReadmeSample
    {
        [Fact]
        public void The_readme_example_runs()
        {
            #region PackageReadme
            byte[] leaf = new CertificateBuilder()
                .Subject(n => n.OrganizationalUnit("Cisco Smart Licensing"))                 // no CN
                .SubjectAltName(s => s.DnsNames("toos.cisco.com", "tools.cisco.com"))
                .ToDer();                                                                   // real DER, dummy signature

            ServerIdentityRecord firepower = TestEvidence.FromCertificate(leaf).Resolve(ServerIdentityPresets.Firepower);
            Assert.Equal("toos.cisco.com", firepower.Name);

            ServerIdentityRecord hinted = TestEvidence.FromCertificate(leaf, dnsNames: new[] { "tools.cisco.com" })
                .Resolve(ServerIdentityPresets.HintAware);
            Assert.Equal("tools.cisco.com", hinted.Name);
            #endregion
        }
    }
}
