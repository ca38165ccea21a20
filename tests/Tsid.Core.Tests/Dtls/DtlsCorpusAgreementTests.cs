using System;
using System.IO;
using System.Security.Cryptography;
using System.Text.Json;
using Tsid.Dtls;
using Tsid.Tests.Support;
using Tsid.Tls;
using Tsid.X509;
using Xunit;

namespace Tsid.Tests.Dtls
{
    /// <summary>
    /// Every DTLS capture of the corpus against its peer-made expected values (tshark, python-cryptography; see each
    /// <c>*.expected.json</c>): SNI, version, certificate visibility, the leaf's SHA-256, the chain length and CN.
    /// </summary>
    public class DtlsCorpusAgreementTests
    {
        [CorpusTheory]
        [InlineData("zeek/dtls1_2.pcap", 20)]
        [InlineData("wireshark/snakeoil-dtls.pcap", 0)]
        [InlineData("wireshark/dtls12-aes128ccm8.pcap", 16)]
        [InlineData("wireshark/dtls12-aes128ccm8-dsb.pcapng", 16)]
        [InlineData("wireshark/udt-dtls.pcapng.gz", 20)]
        public void Agrees_with_the_peer(string capture, int cookieLength)
        {
            string path = Corpus.PathOf(capture);
            string expectedPath = Corpus.PathOf(capture.EndsWith(".gz", StringComparison.Ordinal) ? capture.Substring(0, capture.Length - 3) : capture) + ".expected.json";
            using JsonDocument expected = JsonDocument.Parse(File.ReadAllText(expectedPath));
            JsonElement summary = expected.RootElement.GetProperty("summary")[0];

            var flows = PcapUdpExtractor.Read(path);
            PcapUdpExtractor.Flow flow = Assert.Single(flows);
            Assert.Equal(summary.GetProperty("client").GetString(), flow.Client);
            Assert.Equal(summary.GetProperty("server").GetString(), flow.Server);

            using var o = new DtlsConnectionObserver();
            foreach ((bool fromClient, _, byte[] data) in flow.Datagrams)
            {
                Assert.True(DtlsRecord.IsLikelyDtls(data));
                o.Feed(fromClient ? TlsDirection.ClientToServer : TlsDirection.ServerToClient, data);
            }

            Assert.False(o.HasError, o.Error.ToString());
            Assert.False(o.Handshake.HasError);
            Assert.Equal(summary.GetProperty("client_hello_seen").GetBoolean(), o.Handshake.ClientHelloSeen);
            Assert.Equal(summary.GetProperty("sni").GetString(), o.GetServerNameString());
            Assert.True(o.HelloVerifyRequestSeen);
            Assert.Equal(cookieLength, o.HelloVerifyRequestCookieLength);
            Assert.True(o.Handshake.TryGetClientHello(out ClientHello hello));
            Assert.Equal(cookieLength, hello.Cookie.Length);
            Assert.Equal(0, o.PendingFragmentCount);

            string version = summary.GetProperty("negotiated_version_tshark").GetString()!;
            TlsProtocolVersion want = version switch
            {
                "DTLSv1.2" => TlsProtocolVersion.Dtls12,
                "DTLSv1.0" => TlsProtocolVersion.Dtls10,
                _ => (TlsProtocolVersion)Convert.ToUInt16(version, 16),
            };
            Assert.Equal(want, o.Version);

            bool visible = summary.GetProperty("server_certificate_visible").GetBoolean();
            Assert.Equal(visible, o.ServerCertificateVisibility == TlsCertificateVisibility.Visible);
            if (!visible)
            {
                Assert.Equal(TlsCertificateVisibility.NotSent, o.ServerCertificateVisibility);
                return;
            }

            JsonElement leaf = summary.GetProperty("leaf");
            Assert.True(o.Handshake.TryGetServerCertificates(out CertificateMessage chain));
            Assert.Equal(summary.GetProperty("chain_length").GetInt32(), chain.Count);
            Assert.True(chain.TryGetLeaf(out ReadOnlySpan<byte> der));
            Assert.Equal(leaf.GetProperty("sha256").GetString(), Convert.ToHexString(SHA256.HashData(der)).ToLowerInvariant());
            Assert.True(Certificate.TryParse(der, out Certificate certificate, out _));
            var cns = new System.Collections.Generic.List<string>();
            foreach (AttributeTypeAndValue cn in certificate.Subject.EnumerateAttributes(AttributeType.CommonName))
            {
                cns.Add(System.Text.Encoding.UTF8.GetString(cn.Value.RawValue));
            }

            var want_cns = new System.Collections.Generic.List<string>();
            foreach (JsonElement cn in leaf.GetProperty("subject_cn").EnumerateArray())
            {
                want_cns.Add(cn.GetString()!);
            }

            Assert.Equal(want_cns, cns);
        }
    }
}
