using System;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Tsid.Identity;
using Tsid.Testing;
using Tsid.Tls;
using Xunit;

namespace Tsid.Tests.Testing
{
    /// <summary>TestEvidence on the seed case, and the recorder's real handshakes read back by the observer.</summary>
    public class TestEvidenceTests
    {
        private static CertificateBuilder CiscoLike() => new CertificateBuilder()
            .Subject(n => n.Country("US").StateOrProvince("California").Locality("San Jose").Organization("Cisco Systems Inc.").OrganizationalUnit("Cisco Smart Licensing"))
            .SubjectAltName(s => s.DnsNames("toos.cisco.com", "tools.cisco.com", "tools1.cisco.com"));

        [Fact]
        public void The_seed_case_resolves_as_firepower_and_hint_aware_do()
        {
            byte[] leaf = CiscoLike().ToDer();

            ServerIdentityRecord firepower = TestEvidence.FromCertificate(leaf).Resolve(ServerIdentityPresets.Firepower);
            Assert.Equal("toos.cisco.com", firepower.Name);
            Assert.Equal(IdentitySource.FirstSubjectAltName, firepower.Source);
            ServerIdentityRecord hinted = TestEvidence.FromCertificate(leaf, dnsNames: new[] { "tools.cisco.com" }).Resolve(ServerIdentityPresets.HintAware);
            Assert.Equal("tools.cisco.com", hinted.Name);
            Assert.Equal(IdentitySource.DnsHint, hinted.Source);
            Assert.Equal("www.example.com", TestEvidence.FromServerName("www.example.com").Resolve(ServerIdentityPresets.Firepower).Name);
        }

        [Fact]
        public void Use_hands_the_evidence_to_any_code_and_every_field_arrives()
        {
            var spec = new TestEvidence
            {
                Certificate = CiscoLike().ToDer(),
                ServerNameBytes = new byte[] { (byte)'a', (byte)'.', (byte)'b' },
                ServerNameCount = 2,
                EncryptedClientHello = true,
                CertificateChainLength = 3,
                DestinationAddress = new byte[] { 192, 0, 2, 1 },
                DestinationPort = 443,
                DnsNames = new[] { "d.example" },
                HttpHost = "h.example",
                ProxyTarget = "p.example:443",
                CachedIdentity = "c.example",
            };

            string seen = spec.Use((in ServerIdentityEvidence e) =>
                $"{System.Text.Encoding.ASCII.GetString(e.ServerName)} {e.ServerNameCount} {e.EncryptedClientHello} {e.HasLeafCertificate} {e.CertificateChainLength} " +
                $"{e.DestinationAddress[0]} {e.DestinationPort} {e.DnsNames[0]} {e.HttpHost.ToString()} {e.ProxyTarget.ToString()} {e.CachedIdentity.ToString()}");
            Assert.Equal("a.b 2 True True 3 192 443 d.example h.example p.example:443 c.example", seen);
            Assert.False(new TestEvidence().Use((in ServerIdentityEvidence e) => e.HasLeafCertificate || e.HasServerName));
            Assert.Throws<InvalidOperationException>(() => new TestEvidence { Certificate = new byte[] { 0x30, 0x01 } }.Resolve(ServerIdentityPresets.Firepower));
        }

        [Fact]
        public void A_recorded_tls12_handshake_to_a_built_certificate_is_the_seed_case_on_the_wire()
        {
            using ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            DateTimeOffset now = DateTimeOffset.UtcNow;
            byte[] der = CiscoLike().Validity(now.AddDays(-1), now.AddDays(30)).ExtendedKeyUsage(Oids.ServerAuth).SignWith(key).ToDer();
            using X509Certificate2 publicOnly = X509CertificateLoader.LoadCertificate(der);
            using X509Certificate2 withKey = publicOnly.CopyWithPrivateKey(key);
            var context = SslStreamCertificateContext.Create(withKey, new X509Certificate2Collection(), offline: true);

            (byte[] c2s, byte[] s2c) = HandshakeRecorder.Record(context, targetHost: string.Empty, SslProtocols.Tls12, new byte[] { 1, 2, 3 });

            using var observer = new TlsConnectionObserver();
            TlsWire.Feed(observer, TlsDirection.ClientToServer, TlsWire.Segments(c2s, 1));
            TlsWire.Feed(observer, TlsDirection.ServerToClient, TlsWire.Segments(s2c, 1));
            Assert.Null(observer.GetServerNameString());
            Assert.True(observer.TryGetServerCertificates(out CertificateMessage chain));
            Assert.True(chain.TryGetLeaf(out ReadOnlySpan<byte> leaf));
            Assert.Equal(der, leaf.ToArray());
            var evidence = ServerIdentityEvidence.FromHandshake(observer);
            Assert.Equal("toos.cisco.com", ServerIdentityPresets.Firepower.ResolveToRecord(in evidence).Name);
        }

        [Fact]
        public void A_recorded_tls13_handshake_carries_the_sni_and_hides_the_certificate()
        {
            using ECDsa key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            DateTimeOffset now = DateTimeOffset.UtcNow;
            byte[] der = new CertificateBuilder().Subject(n => n.CommonName("tls13.example")).Validity(now.AddDays(-1), now.AddDays(30)).SignWith(key).ToDer();
            using X509Certificate2 publicOnly = X509CertificateLoader.LoadCertificate(der);
            using X509Certificate2 withKey = publicOnly.CopyWithPrivateKey(key);
            var context = SslStreamCertificateContext.Create(withKey, new X509Certificate2Collection(), offline: true);

            HandshakeRecording recording = HandshakeRecorder.Record(context, "tls13.example", SslProtocols.Tls13);

            using var observer = new TlsConnectionObserver();
            observer.Feed(TlsDirection.ClientToServer, recording.ClientToServer);
            observer.Feed(TlsDirection.ServerToClient, recording.ServerToClient);
            Assert.Equal("tls13.example", observer.GetServerNameString());
            Assert.True(observer.TryGetServerHello(out ServerHello hello));
            Assert.True(hello.IsTls13);
            Assert.False(observer.TryGetServerCertificates(out _));
        }
    }
}
