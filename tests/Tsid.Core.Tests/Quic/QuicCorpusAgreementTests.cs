using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using Tsid.Quic;
using Tsid.Tests.Dtls;
using Tsid.Tests.Support;
using Tsid.Tls;
using Xunit;
using Xunit.Abstractions;

namespace Tsid.Tests.Quic
{
    /// <summary>
    /// The QUIC capture of the corpus (wireshark's quic-fragmented-handshakes: 17 connections, drafts and v1, ClientHellos
    /// split over several Initials, Retry/HelloRetryRequest) against its peer-made expected values (tshark): every
    /// connection's SNI and ClientHello from our own Initial decryption; the one connection with a server: its ServerHello.
    /// </summary>
    public class QuicCorpusAgreementTests
    {
        private readonly ITestOutputHelper _output;

        public QuicCorpusAgreementTests(ITestOutputHelper output) => _output = output;

        [CorpusFact]
        public void Every_connection_agrees_with_tshark()
        {
            const string capture = "wireshark/quic-fragmented-handshakes.pcapng.gz";
            using JsonDocument expected = JsonDocument.Parse(File.ReadAllText(Corpus.PathOf("wireshark/quic-fragmented-handshakes.pcapng") + ".expected.json"));
            JsonElement summary = expected.RootElement.GetProperty("summary");
            List<PcapUdpExtractor.Flow> flows = PcapUdpExtractor.Read(Corpus.PathOf(capture));
            Assert.Equal(summary.GetArrayLength(), flows.Count);
            Assert.Equal(17, flows.Count);

            int agreed = 0;
            var versions = new SortedSet<string>(StringComparer.Ordinal);
            for (int i = 0; i < flows.Count; i++)
            {
                JsonElement want = summary[i];
                PcapUdpExtractor.Flow flow = flows[i];
                Assert.Equal(want.GetProperty("client").GetString(), flow.Client);
                using var o = new QuicConnectionObserver();
                foreach ((bool fromClient, _, byte[] data) in flow.Datagrams)
                {
                    Assert.True(QuicPacket.IsLikelyQuic(data));
                    o.Feed(fromClient ? TlsDirection.ClientToServer : TlsDirection.ServerToClient, data);
                }

#if TSID_NETSTANDARD_BUILD
                // netstandard2.0 (docs/quic.md): every connection's first Initial is DecryptionNotSupported, nothing is read.
                Assert.Equal(QuicErrorCode.DecryptionNotSupported, o.Error.Code);
                Assert.False(o.Handshake.ClientHelloSeen);
                Assert.Null(o.GetServerNameString());
                Assert.True(want.GetProperty("client_hello_seen").GetBoolean() || want.GetProperty("sni").ValueKind != JsonValueKind.String);
                versions.Add(o.Version.ToString());
#else
                Assert.False(o.HasError, flow.Client + ": " + o.Error.ToString());
                Assert.Equal(0, o.DecryptFailures);
                Assert.Equal(want.GetProperty("client_hello_seen").GetBoolean(), o.Handshake.ClientHelloSeen);
                string? sni = want.GetProperty("sni").ValueKind == JsonValueKind.String ? want.GetProperty("sni").GetString() : null;
                Assert.Equal(sni, o.GetServerNameString());
                Assert.Equal(want.GetProperty("client_hello_count").GetInt32(), o.Handshake.ClientHelloCount);
                versions.Add(o.Version.ToString());
                _output.WriteLine($"{flow.Client} {o.Version} sni={o.GetServerNameString()} datagrams={o.DatagramCount} initials={o.InitialPacketCount} crypto_frames={o.CryptoFrameCount} handshake_packets={o.HandshakePacketCount} retry={o.RetrySeen}/{o.RetryFollowed} hrr={o.Handshake.HelloRetryRequestSeen} server_hello={o.Handshake.ServerHelloSeen}");
                if (o.Handshake.ServerHelloSeen)
                {
                    Assert.Equal(TlsProtocolVersion.Tls13, o.Handshake.NegotiatedVersion);
                    Assert.Equal(TlsCertificateVisibility.EncryptedTls13, o.ServerCertificateVisibility);
                }
#endif

                agreed++;
            }

            Assert.Equal(17, agreed);
            Assert.Contains("v1", versions);
        }
    }
}
