using System;
using Tsid.Tls;
using Xunit;
using W = Tsid.Tests.Dtls.DtlsTestWriter;

namespace Tsid.Tests.Dtls
{
    /// <summary>The DTLS mode of the one ClientHello walk (RFC 6347 4.2.1) and the HelloVerifyRequest parse.</summary>
    public class DtlsClientHelloTests
    {
        [Fact]
        public void The_DTLS_walk_reads_the_cookie_and_every_other_field_as_TLS_does()
        {
            byte[] tlsBody = DtlsFlights.TlsClientHelloBody;
            byte[] dtlsBody = W.ToDtlsClientHello(tlsBody, DtlsFlights.Cookie);
            Assert.True(ClientHello.TryParse(tlsBody, out ClientHello tls, out _));
            Assert.True(ClientHello.TryParse(dtlsBody, HandshakeProtocol.Dtls, out ClientHello dtls, out TlsError error), error.ToString());
            Assert.True(dtls.IsDtls);
            Assert.False(tls.IsDtls);
            Assert.True(tls.Cookie.IsEmpty);
            Assert.Equal(DtlsFlights.Cookie, dtls.Cookie.ToArray());
            Assert.Equal(TlsProtocolVersion.Dtls12, dtls.LegacyVersion);
            Assert.Equal(tls.Random.ToArray(), dtls.Random.ToArray());
            Assert.Equal(tls.LegacySessionId.ToArray(), dtls.LegacySessionId.ToArray());
            Assert.Equal(tls.CipherSuites.Count, dtls.CipherSuites.Count);
            Assert.Equal(tls.Extensions.Count, dtls.Extensions.Count);
            Assert.True(dtls.TryGetServerName(out ReadOnlySpan<byte> name));
            Assert.Equal("tls-test.example", System.Text.Encoding.ASCII.GetString(name));

            // QUIC and TLS hellos have no cookie: the DTLS body does not parse as TLS.
            Assert.False(ClientHello.TryParse(dtlsBody, HandshakeProtocol.Quic, out _, out _));
        }

        [Fact]
        public void A_truncated_cookie_is_reported_at_its_length_byte()
        {
            byte[] body = W.ToDtlsClientHello(DtlsFlights.TlsClientHelloBody, DtlsFlights.Cookie);
            int cookieAt = 2 + 32 + 1 + body[34];
            Assert.False(ClientHello.TryParse(body.AsSpan(0, cookieAt + 5), HandshakeProtocol.Dtls, out _, out TlsError error));
            Assert.Equal(new TlsError(TlsErrorCode.Truncated, cookieAt), error);
        }

        [Fact]
        public void HelloVerifyRequest_RFC6347_4_2_1()
        {
            byte[] body = W.HelloVerifyRequest(DtlsFlights.Cookie);
            Assert.True(HelloVerifyRequest.TryParse(body, out HelloVerifyRequest hvr, out _));
            Assert.Equal(TlsProtocolVersion.Dtls10, hvr.ServerVersion);
            Assert.Equal(DtlsFlights.Cookie, hvr.Cookie.ToArray());

            Assert.False(HelloVerifyRequest.TryParse(body.AsSpan(0, 1), out _, out TlsError e1));
            Assert.Equal(new TlsError(TlsErrorCode.Truncated, 1), e1);
            Assert.False(HelloVerifyRequest.TryParse(body.AsSpan(0, body.Length - 1), out _, out TlsError e2));
            Assert.Equal(new TlsError(TlsErrorCode.Truncated, 2), e2);
            Assert.False(HelloVerifyRequest.TryParse(W.Concat(body, new byte[] { 0 }), out _, out TlsError e3));
            Assert.Equal(new TlsError(TlsErrorCode.TrailingData, body.Length), e3);
            Assert.True(HelloVerifyRequest.TryParse(new byte[] { 0xfe, 0xfd, 0 }, out hvr, out _));
            Assert.True(hvr.Cookie.IsEmpty);
        }

        [Fact]
        public void A_TLS_observer_ignores_HelloVerifyRequest_and_a_DTLS_one_rejects_it_from_the_client()
        {
            byte[] message = W.Concat(new byte[] { 3, 0, 0, 19 }, W.HelloVerifyRequest(DtlsFlights.Cookie));
            using (var tls = new TlsConnectionObserver())
            {
                tls.FeedHandshake(TlsDirection.ServerToClient, 0, message);
                Assert.False(tls.HelloVerifyRequestSeen);
                Assert.False(tls.HasError);
            }

            using var dtls = new TlsConnectionObserver(null, HandshakeProtocol.Dtls);
            dtls.FeedHandshake(TlsDirection.ClientToServer, 0, message);
            Assert.Equal(new TlsError(TlsErrorCode.UnexpectedMessage, 0), dtls.ClientError);
        }

        [Theory]
        [InlineData(0xfeff, "Dtls10")]
        [InlineData(0xfefd, "Dtls12")]
        [InlineData(0xfefc, "Dtls13")]
        public void DTLS_versions_have_names(int wire, string name)
        {
            Assert.Equal(name, ((TlsProtocolVersion)wire).ToString());
        }

        [Fact]
        public void DTLS13_is_the_TLS13_handshake()
        {
            Assert.True(ServerHello.IsTls13Version(TlsProtocolVersion.Dtls13));
            Assert.False(ServerHello.IsTls13Version(TlsProtocolVersion.Dtls12));
        }
    }
}
