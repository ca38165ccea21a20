using System;
using System.Linq;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Tsid.Tls;
using Tsid.X509;
using Xunit;

namespace Tsid.Tests.Tls
{
    /// <summary>Real handshakes recorded from SslStream client and server (see <see cref="RecordedHandshake"/>).</summary>
    public class RecordedHandshakeTests
    {
        private static string Sha(X509Certificate2 cert) => Convert.ToHexString(SHA256.HashData(cert.RawData)).ToLowerInvariant();

        private static ObservedConnection Observe(RecordedHandshake recording) => ObserverHarness.Summarize(ObserverHarness.Feed(recording.Writes));

        [Fact]
        public void Tls12_with_SNI_and_ALPN()
        {
            RecordedHandshake r = RecordedHandshake.Run(new RecordedHandshake.Options
            {
                ClientProtocols = SslProtocols.Tls12,
                ServerProtocols = SslProtocols.Tls12,
                TargetHost = "tls-test.example",
                ClientAlpn = new[] { "h2", "http/1.1" },
                ServerAlpn = new[] { "h2" },
            });
            Assert.Null(r.Failure);
            Assert.Equal(SslProtocols.Tls12, r.NegotiatedProtocol);
            ObservedConnection o = Observe(r);

            Assert.Equal("None", o.ClientError);
            Assert.Equal("None", o.ServerError);
            Assert.Equal(1, o.ClientHelloCount);
            Assert.Equal("tls-test.example", o.ServerName);
            Assert.Equal(new[] { "tls-test.example" }, o.ServerNames);
            Assert.Equal(new[] { "h2", "http/1.1" }, o.Alpn);
            Assert.Equal("h2", o.SelectedAlpn);
            Assert.Equal(r.NegotiatedAlpn, o.SelectedAlpn);
            Assert.True(o.ServerHelloSeen);
            Assert.Equal(TlsProtocolVersion.Tls12, o.NegotiatedVersion);
            Assert.Equal(TlsCertificateVisibility.Visible, o.Visibility);
            Assert.Equal(new[] { Sha(Certificates.Server) }, o.ServerChain);
            Assert.False(o.ClientCertificateSeen);
            Assert.Equal(2, o.ChangeCipherSpecCount);
            Assert.True(o.SkippedMessageCount >= 3, "ServerKeyExchange, ServerHelloDone and ClientKeyExchange are counted");
            Assert.Contains(0, o.ExtensionTypes);
            Assert.Contains(16, o.ExtensionTypes);
            Assert.Empty(o.Alerts);
            Assert.False(o.EchPublicName);
            RecordedFixtures.WriteIfAsked("tls12-sni-alpn", r);
        }

        [Fact]
        public void Tls13_certificate_is_reported_as_not_visible()
        {
            RecordedHandshake r = RecordedHandshake.Run(new RecordedHandshake.Options
            {
                ClientProtocols = SslProtocols.Tls13,
                ServerProtocols = SslProtocols.Tls13,
                TargetHost = "tls-test.example",
                ClientAlpn = new[] { "http/1.1" },
                ServerAlpn = new[] { "http/1.1" },
            });
            Assert.Null(r.Failure);
            Assert.Equal(SslProtocols.Tls13, r.NegotiatedProtocol);
            TlsConnectionObserver observer = ObserverHarness.Feed(r.Writes);
            ObservedConnection o = ObserverHarness.Summarize(observer);

            Assert.Equal("None", o.ClientError);
            Assert.Equal("None", o.ServerError);
            Assert.Equal("tls-test.example", o.ServerName);
            Assert.Equal(new[] { "http/1.1" }, o.Alpn);
            Assert.Contains(0x0304, o.SupportedVersions);
            Assert.Equal(TlsProtocolVersion.Tls13, o.NegotiatedVersion);
            Assert.Equal(TlsCertificateVisibility.EncryptedTls13, o.Visibility);
            Assert.Empty(o.ServerChain);
            Assert.Null(o.SelectedAlpn); // in TLS 1.3 the choice is in the encrypted EncryptedExtensions
            Assert.True(observer.ServerEncrypted);
            Assert.True(observer.ClientEncrypted);
            Assert.False(observer.TryGetServerCertificates(out _));
            RecordedFixtures.WriteIfAsked("tls13-sni-alpn", r);
        }

        [Fact]
        public void Tls12_without_SNI_to_the_Cisco_like_server()
        {
            RecordedHandshake r = RecordedHandshake.Run(new RecordedHandshake.Options
            {
                ClientProtocols = SslProtocols.Tls12,
                ServerProtocols = SslProtocols.Tls12,
                ServerCertificate = Certificates.CiscoLike,
            });
            Assert.Null(r.Failure);
            TlsConnectionObserver observer = ObserverHarness.Feed(r.Writes);
            ObservedConnection o = ObserverHarness.Summarize(observer);

            Assert.Null(o.ServerName);
            Assert.Empty(o.ServerNames);
            Assert.DoesNotContain(0, o.ExtensionTypes);
            Assert.Equal(TlsCertificateVisibility.Visible, o.Visibility);
            Assert.Equal(new[] { Sha(Certificates.CiscoLike) }, o.ServerChain);

            // The leaf handed to the X.509 parser: no CN, SAN dNSNames in the fixture's order (oracle: X509Certificate2).
            Assert.True(observer.TryGetServerCertificates(out CertificateMessage chain));
            Assert.True(chain.TryGetLeaf(out ReadOnlySpan<byte> leafDer));
            Assert.True(Certificate.TryParse(leafDer, out Certificate leaf, out X509Error error), error.ToString());
            foreach (AttributeTypeAndValue unused in leaf.Subject.EnumerateAttributes(AttributeType.CommonName))
            {
                Assert.Fail("the Cisco-like certificate has no CN");
            }

            Assert.True(leaf.TryGetSubjectAltName(out SubjectAltName san));
            var names = new System.Collections.Generic.List<string>();
            foreach (GeneralName name in san)
            {
                names.Add(System.Text.Encoding.ASCII.GetString(name.Value));
            }

            var oracle = new X509SubjectAlternativeNameExtension(Certificates.CiscoLike.Extensions["2.5.29.17"]!.RawData).EnumerateDnsNames().ToList();
            Assert.Equal(oracle, names);
            Assert.Equal("toos.cisco.com", names[0]);
            Assert.Equal("tools.cisco.com", names[1]);
        }

        [Fact]
        public void Tls12_client_certificate_is_visible()
        {
            RecordedHandshake r = RecordedHandshake.Run(new RecordedHandshake.Options
            {
                ClientProtocols = SslProtocols.Tls12,
                ServerProtocols = SslProtocols.Tls12,
                TargetHost = "tls-test.example",
                ClientCertificate = Certificates.Client,
            });
            Assert.Null(r.Failure);
            ObservedConnection o = Observe(r);
            Assert.Equal("None", o.ClientError);
            Assert.True(o.CertificateRequestSeen);
            Assert.True(o.ClientCertificateSeen);
            Assert.Equal(new[] { Sha(Certificates.Client) }, o.ClientChain);
            Assert.Equal(new[] { Sha(Certificates.Server) }, o.ServerChain);
            RecordedFixtures.WriteIfAsked("tls12-client-certificate", r);
        }

        [Fact]
        public void Tls13_client_certificate_is_encrypted()
        {
            RecordedHandshake r = RecordedHandshake.Run(new RecordedHandshake.Options
            {
                ClientProtocols = SslProtocols.Tls13,
                ServerProtocols = SslProtocols.Tls13,
                TargetHost = "tls-test.example",
                ClientCertificate = Certificates.Client,
            });
            Assert.Null(r.Failure);
            ObservedConnection o = Observe(r);
            Assert.Equal("None", o.ClientError);
            Assert.Equal("None", o.ServerError);
            Assert.False(o.ClientCertificateSeen);
            Assert.False(o.CertificateRequestSeen);
            Assert.Equal(TlsCertificateVisibility.EncryptedTls13, o.Visibility);
        }

        [Fact]
        public void Version_mismatch_alert_is_reported()
        {
            RecordedHandshake r = RecordedHandshake.Run(new RecordedHandshake.Options
            {
                ClientProtocols = SslProtocols.Tls13,
                ServerProtocols = SslProtocols.Tls12,
                TargetHost = "tls-test.example",
            });
            Assert.NotNull(r.Failure);
            ObservedConnection o = Observe(r);
            Assert.Equal("None", o.ClientError);
            Assert.Equal("None", o.ServerError);
            Assert.Equal(1, o.ClientHelloCount);
            Assert.False(o.ServerHelloSeen);
            Assert.Equal(new[] { "ServerToClient Fatal ProtocolVersion" }, o.Alerts);
            Assert.Equal(TlsCertificateVisibility.Unknown, o.Visibility);
        }

        [Theory]
        [InlineData(SslProtocols.Tls12)]
        [InlineData(SslProtocols.Tls13)]
        public void Byte_at_a_time_and_one_shot_agree(SslProtocols protocol)
        {
            RecordedHandshake r = RecordedHandshake.Run(new RecordedHandshake.Options
            {
                ClientProtocols = protocol,
                ServerProtocols = protocol,
                TargetHost = "tls-test.example",
                ClientAlpn = new[] { "h2" },
                ServerAlpn = new[] { "h2" },
            });
            string oneShot = Observe(r).Text;
            string byByte = ObserverHarness.Summarize(ObserverHarness.Feed(r.Writes, _ => 1)).Text;
            Assert.Equal(oneShot, byByte);
        }

        [Fact]
        public void Tls12_chain_of_three_comes_out_leaf_first()
        {
            (X509Certificate2 leaf, X509Certificate2Collection intermediates) = Certificates.CiscoChain;
            RecordedHandshake r = RecordedHandshake.Run(new RecordedHandshake.Options
            {
                ClientProtocols = SslProtocols.Tls12,
                ServerProtocols = SslProtocols.Tls12,
                ServerCertificate = leaf,
                ServerIntermediates = intermediates,
            });
            Assert.Null(r.Failure);
            ObservedConnection o = Observe(r);
            Assert.Equal(new[] { Sha(leaf), Sha(intermediates[0]), Sha(intermediates[1]) }, o.ServerChain);
            RecordedFixtures.WriteIfAsked("tls12-nosni-cisco-chain3", r);
        }
    }
}
