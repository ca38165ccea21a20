using System;
using System.Collections.Generic;
using System.Security.Cryptography.X509Certificates;
using Tsid.Tests.Support;
using Tsid.Tls;
using Tsid.X509;
using Xunit;

namespace Tsid.Tests.Tls
{
    /// <summary>The committed recordings in Fixtures/Tls (see its README), read by the observer.</summary>
    public class FixtureHandshakeTests
    {
        internal static (byte[] ClientToServer, byte[] ServerToClient) Load(string name) =>
            (Fixture.Bytes("Tls/" + name + ".c2s.bin"), Fixture.Bytes("Tls/" + name + ".s2c.bin"));

        /// <summary>Client stream first, then the server's: enough for these (no HelloRetryRequest).</summary>
        internal static TlsConnectionObserver Observe(string name)
        {
            (byte[] c2s, byte[] s2c) = Load(name);
            return ObserverHarness.Feed(new[] { (true, c2s), (false, s2c) });
        }

        [Fact]
        public void Tls12_SNI_ALPN_recording()
        {
            using TlsConnectionObserver o = Observe("tls12-sni-alpn");
            ObservedConnection s = ObserverHarness.Summarize(o);
            Assert.Equal("None", s.ClientError);
            Assert.Equal("None", s.ServerError);
            Assert.Equal("tls-test.example", s.ServerName);
            Assert.Equal(new[] { "h2", "http/1.1" }, s.Alpn);
            Assert.Equal("h2", s.SelectedAlpn);
            Assert.Equal(TlsProtocolVersion.Tls12, s.NegotiatedVersion);
            Assert.Equal(TlsCertificateVisibility.Visible, s.Visibility);
            Assert.True(o.TryGetServerCertificates(out CertificateMessage chain));
            Assert.Equal(1, chain.Count);
            Assert.True(chain.TryGetLeaf(out ReadOnlySpan<byte> der));
            using X509Certificate2 oracle = X509CertificateLoader.LoadCertificate(der.ToArray());
            Assert.Equal("CN=tls-test.example", oracle.Subject);
            Assert.True(o.ClientEncrypted);
            Assert.True(o.ServerEncrypted);
        }

        [Fact]
        public void Tls13_recording_hides_the_certificate()
        {
            using TlsConnectionObserver o = Observe("tls13-sni-alpn");
            Assert.Equal("tls-test.example", o.GetServerNameString());
            Assert.Equal(TlsProtocolVersion.Tls13, o.NegotiatedVersion);
            Assert.Equal(TlsCertificateVisibility.EncryptedTls13, o.ServerCertificateVisibility);
            Assert.False(o.HasError);
            Assert.True(o.TryGetServerHello(out ServerHello hello));
            Assert.True(hello.IsTls13);
            Assert.False(hello.IsHelloRetryRequest);
            Assert.Equal(TlsNamedGroup.X25519, hello.KeyShareGroup);
        }

        [Fact]
        public void Client_certificate_recording()
        {
            using TlsConnectionObserver o = Observe("tls12-client-certificate");
            Assert.True(o.CertificateRequestSeen);
            Assert.True(o.TryGetClientCertificates(out CertificateMessage chain));
            Assert.True(chain.TryGetLeaf(out ReadOnlySpan<byte> der));
            using X509Certificate2 oracle = X509CertificateLoader.LoadCertificate(der.ToArray());
            Assert.Equal("CN=client.example", oracle.Subject);
        }

        [Fact]
        public void Cisco_like_chain_of_three_leaf_names_agree_with_X509Certificate2()
        {
            using TlsConnectionObserver o = Observe("tls12-nosni-cisco-chain3");
            Assert.Null(o.GetServerNameString());
            Assert.True(o.TryGetServerCertificates(out CertificateMessage chain));
            var subjects = new List<string>();
            foreach (ReadOnlySpan<byte> der in chain)
            {
                using X509Certificate2 oracle = X509CertificateLoader.LoadCertificate(der.ToArray());
                subjects.Add(oracle.Subject);
                Assert.True(Certificate.TryParse(der, out Certificate parsed, out X509Error error), error.ToString());
                Assert.Equal(oracle.SubjectName.Name.Replace(" S=", " ST="), parsed.Subject.ToRfc4514String().Replace(",", ", "));
            }

            Assert.Equal(3, subjects.Count);
            Assert.Contains("OU=Cisco Smart Licensing", subjects[0]);
            Assert.DoesNotContain("CN=", subjects[0]);
            Assert.Equal("CN=Test Issuing CA 2, O=Tsid Tests", subjects[1]);
            Assert.Equal("CN=Test Issuing CA 1, O=Tsid Tests", subjects[2]);
        }
    }
}
