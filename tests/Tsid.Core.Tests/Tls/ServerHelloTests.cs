using System;
using System.Buffers;
using System.Text;
using Tsid.Tls;
using Xunit;
using static Tsid.Testing.TlsWire;

namespace Tsid.Tests.Tls
{
    public class ServerHelloTests
    {
        [Fact]
        public void TLS13_ServerHello_reports_the_selected_version_and_key_share()
        {
            byte[] body = ServerHelloBody(0x0303, 0x1302, new (int, byte[])[] { (51, Concat(U16(0x11ec), Vector16(new byte[1120]))), (43, U16(0x0304)) }, sessionId: new byte[32]);
            Assert.True(ServerHello.TryParse(body, out ServerHello hello, out _));
            Assert.Equal(TlsProtocolVersion.Tls12, hello.LegacyVersion);
            Assert.Equal(TlsProtocolVersion.Tls13, hello.SelectedVersion);
            Assert.Equal(TlsProtocolVersion.Tls13, hello.NegotiatedVersion);
            Assert.True(hello.IsTls13);
            Assert.False(hello.IsHelloRetryRequest);
            Assert.Equal(0x1302, hello.CipherSuite);
            Assert.Equal(32, hello.LegacySessionIdEcho.Length);
            Assert.Equal(TlsNamedGroup.X25519MLKEM768, hello.KeyShareGroup);
            Assert.Equal(2, hello.Extensions.Count);
        }

        [Fact]
        public void HelloRetryRequest_is_recognised_by_its_random()
        {
            byte[] hrr = ServerHelloBody(0x0303, 0x1301, new (int, byte[])[] { (43, U16(0x0304)), (51, U16(0x0017)) }, random: ServerHello.HelloRetryRequestRandom.ToArray());
            Assert.True(ServerHello.TryParse(hrr, out ServerHello hello, out _));
            Assert.True(hello.IsHelloRetryRequest);
            Assert.Equal(TlsNamedGroup.Secp256r1, hello.KeyShareGroup);
        }

        [Fact]
        public void TLS12_ServerHello_without_extensions_and_with_ALPN()
        {
            Assert.True(ServerHello.TryParse(ServerHelloBody(0x0301, 0x002f, null), out ServerHello plain, out _));
            Assert.Equal(TlsProtocolVersion.Tls10, plain.NegotiatedVersion);
            Assert.False(plain.HasExtensions);
            Assert.False(plain.IsTls13);

            Assert.True(ServerHello.TryParse(ServerHelloBody(0x0303, 0xc02f, new (int, byte[])[] { (16, AlpnData("h2")) }), out ServerHello alpn, out _));
            Assert.True(alpn.TryGetSelectedProtocol(out ReadOnlySpan<byte> protocol));
            Assert.Equal("h2", Encoding.ASCII.GetString(protocol));
        }

        [Fact]
        public void Draft_form_without_session_id_is_read()
        {
            // draft-ietf-tls-tls13-18: ProtocolVersion version (0x7f12); Random; CipherSuite; extensions.
            byte[] body = Concat(U16(0x7f12), new byte[32], U16(0x1301), Vector16(Concat(U16(51), Vector16(Concat(U16(0x001d), Vector16(new byte[32]))))));
            Assert.True(ServerHello.TryParse(body, out ServerHello hello, out TlsError error), error.ToString());
            Assert.True(hello.IsTls13);
            Assert.Equal((TlsProtocolVersion)0x7f12, hello.NegotiatedVersion);
            Assert.Equal(0x1301, hello.CipherSuite);
        }

        [Fact]
        public void Malformed_ServerHellos_are_errors()
        {
            byte[] dup = ServerHelloBody(0x0303, 0x1301, new (int, byte[])[] { (43, U16(0x0304)), (43, U16(0x0304)) });
            Assert.False(ServerHello.TryParse(dup, out _, out TlsError e1));
            Assert.Equal(TlsErrorCode.DuplicateExtension, e1.Code);
            byte[] badVersion = ServerHelloBody(0x0303, 0x1301, new (int, byte[])[] { (43, new byte[] { 2, 3, 4 }) });
            Assert.False(ServerHello.TryParse(badVersion, out _, out TlsError e2));
            Assert.Equal(TlsErrorCode.InvalidSupportedVersions, e2.Code);
            byte[] good = ServerHelloBody(0x0303, 0x1301, null);
            for (int cut = 0; cut < good.Length; cut++)
            {
                Assert.False(ServerHello.TryParse(good.AsSpan(0, cut), out _, out TlsError e3));
                Assert.Equal(TlsErrorCode.Truncated, e3.Code);
            }
        }

        [Fact]
        public void Observer_reads_a_synthetic_TLS12_flight_with_OCSP_stapling_and_a_certificate_request()
        {
            byte[] ocsp = Concat(new byte[] { 1 }, Vector24(new byte[] { 0x30, 0x03, 0x0a, 0x01, 0x00 }));
            byte[] flight = Concat(
                Handshake(2, ServerHelloBody(0x0303, 0xc02f, new (int, byte[])[] { (5, Array.Empty<byte>()) })),
                Handshake(11, CertificateBody(new byte[] { 0x30, 0x01, 0x00 }, new byte[] { 0x30, 0x02, 0x05, 0x00 })),
                Handshake(22, ocsp),
                Handshake(13, new byte[20]),
                Handshake(14, Array.Empty<byte>()));
            using var observer = new TlsConnectionObserver();
            Assert.Equal(OperationStatus.NeedMoreData, observer.Feed(TlsDirection.ClientToServer, Record(22, Handshake(1, ClientHelloBody(new (int, byte[])[] { (0, ServerNameData("ocsp.example")) })))));
            Assert.Equal(OperationStatus.NeedMoreData, observer.Feed(TlsDirection.ServerToClient, Records(22, flight, 7, 0x0303)));
            Assert.True(observer.CertificateStatusSeen);
            Assert.Equal(ocsp.Length, observer.CertificateStatusLength);
            Assert.True(observer.CertificateRequestSeen);
            Assert.True(observer.TryGetServerCertificates(out CertificateMessage chain));
            Assert.Equal(2, chain.Count);
            Assert.True(CertificateStatus.TryParse(ocsp, out CertificateStatus status, out _));
            Assert.Equal(1, status.StatusType);
            Assert.Equal(5, status.Response.Length);
            Assert.Equal(OperationStatus.Done, observer.Feed(TlsDirection.ServerToClient, Record(20, new byte[] { 1 }, 0x0303)));
            Assert.Equal(TlsCertificateVisibility.Visible, observer.ServerCertificateVisibility);
        }

        [Fact]
        public void Observer_reports_message_errors_with_stream_offsets_and_stops()
        {
            using var observer = new TlsConnectionObserver();
            byte[] body = ClientHelloBody(new (int, byte[])[] { (0, ServerNameData("a.example")), (0, ServerNameData("b.example")) });
            byte[] record = Record(22, Handshake(1, body));
            Assert.Equal(OperationStatus.InvalidData, observer.Feed(TlsDirection.ClientToServer, record));
            Assert.True(ClientHello.TryParse(body, out _, out TlsError direct) == false);
            Assert.Equal(new TlsError(TlsErrorCode.DuplicateExtension, 9 + direct.Offset), observer.ClientError);
            Assert.Equal(OperationStatus.InvalidData, observer.Feed(TlsDirection.ClientToServer, record));
            Assert.False(observer.ClientHelloSeen);

            using var wrongSide = new TlsConnectionObserver();
            Assert.Equal(OperationStatus.InvalidData, wrongSide.Feed(TlsDirection.ServerToClient, record));
            Assert.Equal(new TlsError(TlsErrorCode.UnexpectedMessage, 5), wrongSide.ServerError);
        }

        [Fact]
        public void Observer_flags_ECH_public_name()
        {
            byte[] ech = Concat(new byte[] { 0 }, U16(1), U16(1), new byte[] { 7 }, Vector16(new byte[32]), Vector16(new byte[144]));
            using var observer = new TlsConnectionObserver();
            observer.Feed(TlsDirection.ClientToServer, Record(22, Handshake(1, ClientHelloBody(new (int, byte[])[] { (0, ServerNameData("public.example")), (0xfe0d, ech) }))));
            Assert.True(observer.TryGetClientHello(out ClientHello hello));
            Assert.True(hello.ServerNameIsEchPublicName);
            Assert.Equal("public.example", observer.GetServerNameString());
        }
    }
}
