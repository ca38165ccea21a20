using System;
using Tsid.Testing;
using Tsid.Identity;
using Tsid.Tls;
using Xunit;

namespace Tsid.Tests.Tls
{
    /// <summary>The observer parses each message it keeps once, when it completes; getters rebuild views from the stored index.</summary>
    public class ParseOnceTests
    {
        [Theory]
        [InlineData("tls12-nosni-cisco-chain3", 1)]
        [InlineData("tls12-client-certificate", 2)]
        [InlineData("tls13-sni-alpn", 0)]
        public void One_parse_per_message_through_a_whole_observer_run_and_any_number_of_getter_calls(string recording, int certificateMessages)
        {
            (byte[] c2s, byte[] s2c) = FixtureHandshakeTests.Load(recording);
            ParseCounters.Reset();
            using TlsConnectionObserver observer = ObserverHarness.Feed(new[] { (true, c2s), (false, s2c) }, _ => 7);
            Assert.False(observer.HasError);
            Assert.Equal(1, ParseCounters.ClientHello);
            Assert.Equal(1, ParseCounters.ServerHello);
            Assert.Equal(certificateMessages, ParseCounters.CertificateMessage);

            int names = 0;
            for (int i = 0; i < 10; i++)
            {
                Assert.True(observer.TryGetClientHello(out ClientHello hello));
                hello.TryGetServerName(out _);
                if (hello.TryGetServerNames(out ServerNameList list))
                {
                    names += list.Count;
                }

                hello.TryGetAlpn(out _);
                hello.TryGetSupportedVersions(out _);
                Assert.True(observer.TryGetServerHello(out ServerHello serverHello));
                serverHello.TryGetSelectedProtocol(out _);
                if (observer.TryGetServerCertificates(out CertificateMessage chain))
                {
                    foreach (ReadOnlySpan<byte> der in chain)
                    {
                        Assert.False(der.IsEmpty);
                    }
                }

                observer.TryGetClientCertificates(out _);
                observer.GetServerNameString();
                ServerIdentityEvidence.FromHandshake(observer);
                ObserverHarness.Summarize(observer);
            }

            Assert.Equal(1, ParseCounters.ClientHello);
            Assert.Equal(1, ParseCounters.ServerHello);
            Assert.Equal(certificateMessages, ParseCounters.CertificateMessage);
            Assert.Equal(recording == "tls12-nosni-cisco-chain3" ? 0 : 10, names);
        }

        [Fact]
        public void A_second_ClientHello_after_HelloRetryRequest_is_one_more_parse_and_the_first_stays_kept()
        {
            byte[] hello1 = TlsWire.Handshake(1, TlsWire.ClientHelloBody(new (int, byte[])[] { (0, TlsWire.ServerNameData("first.example")) }));
            byte[] hello2 = TlsWire.Handshake(1, TlsWire.ClientHelloBody(new (int, byte[])[] { (0, TlsWire.ServerNameData("second.example")) }));
            byte[] hrr = TlsWire.Handshake(2, TlsWire.ServerHelloBody(0x0303, 0x1301, new (int, byte[])[] { (43, TlsWire.U16(0x0304)), (51, TlsWire.U16(0x001d)) }, random: ServerHello.HelloRetryRequestRandom.ToArray()));
            ParseCounters.Reset();
            using var observer = new TlsConnectionObserver();
            observer.Feed(TlsDirection.ClientToServer, TlsWire.Record(22, hello1));
            observer.Feed(TlsDirection.ServerToClient, TlsWire.Record(22, hrr, 0x0303));
            observer.Feed(TlsDirection.ServerToClient, TlsWire.Record(20, new byte[] { 1 }, 0x0303));
            observer.Feed(TlsDirection.ClientToServer, TlsWire.Concat(TlsWire.Record(20, new byte[] { 1 }, 0x0303), TlsWire.Record(22, hello2, 0x0303)));
            Assert.Equal(2, ParseCounters.ClientHello);
            Assert.Equal(2, observer.ClientHelloCount);
            Assert.True(observer.HelloRetryRequestSeen);
            Assert.False(observer.ServerEncrypted);
            Assert.Equal("first.example", observer.GetServerNameString());
            Assert.Equal(2, ParseCounters.ClientHello);
        }
    }
}
