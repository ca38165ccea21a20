using System;
using System.Collections.Generic;
using Tsid.Dtls;
using Tsid.Tests.Support;
using Tsid.Tls;
using M = Tsid.Tests.Dtls.DtlsTestWriter.Message;

namespace Tsid.Tests.Dtls
{
    /// <summary>
    /// A DTLS 1.2 handshake built from the project's recorded TLS messages (a ClientHello with SNI
    /// <c>tls-test.example</c>; a server flight with a chain of three): ClientHello, HelloVerifyRequest, ClientHello
    /// with the cookie, ServerHello, Certificate, ServerKeyExchange, ServerHelloDone.
    /// </summary>
    internal static class DtlsFlights
    {
        public static readonly byte[] Cookie = { 0xc0, 0x0c, 0x1e, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d };

        public static byte[] TlsClientHelloBody => DtlsTestWriter.TlsMessages(Fixture.Bytes("Tls/tls12-sni-alpn.c2s.bin"))[0].Body;

        public static List<(TlsHandshakeType Type, byte[] Body)> TlsServerMessages()
        {
            var all = DtlsTestWriter.TlsMessages(Fixture.Bytes("Tls/tls12-nosni-cisco-chain3.s2c.bin"));
            int done = all.FindIndex(m => m.Type == TlsHandshakeType.ServerHelloDone);
            return all.GetRange(0, done + 1);
        }

        public static byte[] CertificateBody => TlsServerMessages().Find(m => m.Type == TlsHandshakeType.Certificate).Body;

        public static M FirstClientHello => new(TlsHandshakeType.ClientHello, 0, DtlsTestWriter.ToDtlsClientHello(TlsClientHelloBody, Array.Empty<byte>()));

        public static M SecondClientHello => new(TlsHandshakeType.ClientHello, 1, DtlsTestWriter.ToDtlsClientHello(TlsClientHelloBody, Cookie));

        public static M Verify => new(TlsHandshakeType.HelloVerifyRequest, 0, DtlsTestWriter.HelloVerifyRequest(Cookie));

        /// <summary>The server's flight from ServerHello, message_seq 1… (after the HelloVerifyRequest) or from <paramref name="firstSeq"/>.</summary>
        public static List<M> ServerFlight(int firstSeq = 1)
        {
            var list = new List<M>();
            int seq = firstSeq;
            foreach ((TlsHandshakeType type, byte[] body) in TlsServerMessages())
            {
                list.Add(new M(type, seq++, body));
            }

            return list;
        }

        /// <summary>Feeds a whole handshake, each message unfragmented, one record per datagram.</summary>
        public static DtlsConnectionObserver FeedUnfragmented()
        {
            var o = new DtlsConnectionObserver();
            Feed(o, TlsDirection.ClientToServer, DtlsTestWriter.Unfragmented(new[] { FirstClientHello }));
            Feed(o, TlsDirection.ServerToClient, DtlsTestWriter.Unfragmented(new[] { Verify }));
            Feed(o, TlsDirection.ClientToServer, DtlsTestWriter.Unfragmented(new[] { SecondClientHello }));
            Feed(o, TlsDirection.ServerToClient, DtlsTestWriter.Unfragmented(ServerFlight()));
            return o;
        }

        public static void Feed(DtlsConnectionObserver o, TlsDirection direction, IEnumerable<byte[]> datagrams)
        {
            foreach (byte[] d in datagrams)
            {
                o.Feed(direction, d);
            }
        }

        /// <summary>The leaf DER the observer kept, or null.</summary>
        public static byte[]? Leaf(DtlsConnectionObserver o) =>
            o.Handshake.TryGetServerCertificates(out CertificateMessage chain) && chain.TryGetLeaf(out ReadOnlySpan<byte> der) ? der.ToArray() : null;

        /// <summary>The ClientHello body the observer kept, or null.</summary>
        public static byte[]? Hello(DtlsConnectionObserver o) =>
            o.Handshake.TryGetClientHello(out ClientHello hello) ? hello.Encoded.ToArray() : null;
    }
}
