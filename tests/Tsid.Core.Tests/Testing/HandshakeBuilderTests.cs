using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text;
using Tsid.Testing;
using Tsid.Tls;
using Xunit;

namespace Tsid.Tests.Testing
{
    /// <summary>The hello builders against the library's parsers, and record/segment splitting through the observer.</summary>
    public class HandshakeBuilderTests
    {
        private static ClientHelloBuilder ChromeLike() => new ClientHelloBuilder()
            .SessionId(new byte[32])
            .CipherSuites(TlsGrease.Value(3), 0x1301, 0x1302, 0xc02b)
            .Extension(TlsGrease.Value(5), Array.Empty<byte>())
            .ServerName("www.example.com")
            .Alpn("h2", "http/1.1")
            .SupportedGroups(TlsGrease.Value(7), ClientHelloBuilder.X25519MLKEM768, ClientHelloBuilder.X25519)
            .SignatureAlgorithms(0x0403, 0x0804)
            .KeyShares((ClientHelloBuilder.X25519MLKEM768, ClientHelloBuilder.X25519MLKEM768KeyShareLength), (ClientHelloBuilder.X25519, 32))
            .SupportedVersions(TlsGrease.Value(9), 0x0304, 0x0303)
            .EncryptedClientHelloOuter(configId: 0x42, encLength: 32, payloadLength: 208)
            .Extension(TlsGrease.Value(11), new byte[] { 0 });

        [Fact]
        public void A_built_client_hello_parses_to_the_fields_it_was_built_with()
        {
            byte[] record = ChromeLike().ToRecord();

            Assert.True(ClientHello.TryParseRecord(record, out ClientHello hello, out TlsError error), error.ToString());
            Assert.Equal(32, hello.LegacySessionId.Length);
            Assert.Equal(new ushort[] { 0x3a3a, 0x1301, 0x1302, 0xc02b }, ToArray(hello.CipherSuites));
            Assert.True(hello.TryGetServerName(out ReadOnlySpan<byte> name));
            Assert.Equal("www.example.com", Encoding.ASCII.GetString(name));
            Assert.True(hello.TryGetAlpn(out ProtocolNameList alpn));
            var protocols = new List<string>();
            foreach (ReadOnlySpan<byte> p in alpn)
            {
                protocols.Add(Encoding.ASCII.GetString(p));
            }

            Assert.Equal(new[] { "h2", "http/1.1" }, protocols);
            Assert.True(hello.TryGetSupportedVersions(out TlsUInt16List versions));
            Assert.Equal(new ushort[] { 0x9a9a, 0x0304, 0x0303 }, ToArray(versions));
            Assert.True(hello.TryGetSupportedGroups(out TlsUInt16List groups));
            Assert.Equal(new ushort[] { 0x7a7a, 0x11ec, 0x001d }, ToArray(groups));
            Assert.True(hello.TryGetKeyShares(out KeyShareList shares));
            var sizes = new List<(ushort, int)>();
            foreach (KeyShareEntry share in shares)
            {
                sizes.Add(((ushort)share.Group, share.KeyExchange.Length));
            }

            Assert.Equal(new[] { ((ushort)0x11ec, 1216), ((ushort)0x001d, 32) }, sizes);
            Assert.True(hello.TryGetEncryptedClientHello(out EncryptedClientHello ech));
            Assert.True(ech.IsOuter);
            Assert.Equal(0x42, ech.ConfigId);
            Assert.Equal(32, ech.EncLength);
            Assert.Equal(208, ech.PayloadLength);
            Assert.Equal(1, ech.KdfId);
            Assert.True(TlsGrease.IsGrease(0x3a3a) && !TlsGrease.IsGrease(0x1301) && !TlsGrease.IsGrease(0x3a3b));
        }

        [Fact]
        public void A_client_hello_without_sni_and_one_with_odd_sni_bytes_are_written_as_asked()
        {
            Assert.True(ClientHello.TryParseRecord(new ClientHelloBuilder().Alpn("h2").ToRecord(), out ClientHello none, out _));
            Assert.False(none.TryGetServerName(out _));

            byte[] odd = Encoding.UTF8.GetBytes("bücher.example\0");
            Assert.True(ClientHello.TryParseRecord(new ClientHelloBuilder().ServerNameBytes(odd).ToRecord(), out ClientHello raw, out _));
            Assert.True(raw.TryGetServerName(out ReadOnlySpan<byte> sent)); // the bytes as sent: judging them is the resolver's business
            Assert.Equal(odd, sent.ToArray());
            Assert.True(raw.TryGetServerNames(out ServerNameList names));
            Assert.Equal(1, names.Count);
        }

        [Fact]
        public void A_server_hello_parses_to_its_fields()
        {
            byte[] body = new ServerHelloBuilder().CipherSuite(0x1301).SessionId(new byte[] { 1, 2, 3 }).SupportedVersion(0x0304).KeyShare(ClientHelloBuilder.X25519, 32).ToBody();

            Assert.True(ServerHello.TryParse(body, out ServerHello hello, out TlsError error), error.ToString());
            Assert.Equal(0x1301, hello.CipherSuite);
            Assert.Equal(new byte[] { 1, 2, 3 }, hello.LegacySessionIdEcho.ToArray());
            Assert.Equal(TlsProtocolVersion.Tls13, hello.NegotiatedVersion);
        }

        [Fact]
        public void Certificate_bodies_parse_in_the_tls12_and_tls13_forms()
        {
            byte[] leaf = new CertificateBuilder().Subject(n => n.CommonName("leaf.example")).ToDer();
            byte[] ca = new CertificateBuilder().Subject(n => n.CommonName("ca.example")).ToDer();

            Assert.True(CertificateMessage.TryParse(TlsWire.CertificateBody(leaf, ca), out CertificateMessage tls12, out _));
            Assert.Equal(2, tls12.Count);
            Assert.True(tls12.TryGetLeaf(out ReadOnlySpan<byte> leaf12));
            Assert.Equal(leaf, leaf12.ToArray());
            Assert.True(CertificateMessage.TryParseTls13(TlsWire.Certificate13Body(Array.Empty<byte>(), leaf, ca), out CertificateMessage tls13, out _));
            Assert.Equal(2, tls13.Count);
            Assert.True(tls13.TryGetLeaf(out ReadOnlySpan<byte> leaf13));
            Assert.Equal(leaf, leaf13.ToArray());
        }

        [Theory]
        [InlineData(new[] { 16384 }, new[] { 1 })]
        [InlineData(new[] { 1 }, new[] { 1500 })]
        [InlineData(new[] { 7, 300, 1 }, new[] { 3, 1, 64 })]
        [InlineData(new[] { 512 }, new[] { 100_000 })]
        public void Records_and_segments_of_any_size_reassemble_identically_through_the_observer(int[] recordSizes, int[] segmentSizes)
        {
            byte[] hello = ChromeLike().ToMessage();
            byte[] leaf = new CertificateBuilder().Subject(n => n.OrganizationalUnit("Cisco Smart Licensing")).SubjectAltName(s => s.DnsNames("toos.cisco.com", "tools.cisco.com")).ToDer();
            byte[] flight = TlsWire.Tls12ServerFlight(new ServerHelloBuilder().ToBody(), leaf);

            IReadOnlyList<byte[]> c2s = TlsWire.Segments(TlsWire.Records(TlsWire.HandshakeContentType, hello, recordSizes), segmentSizes);
            IReadOnlyList<byte[]> s2c = TlsWire.Segments(TlsWire.Records(TlsWire.HandshakeContentType, flight, recordSizes, 0x0303), segmentSizes);
            Assert.Equal(TlsWire.Records(TlsWire.HandshakeContentType, hello, recordSizes), Der.Concat(c2s));

            using var observer = new TlsConnectionObserver();
            Assert.NotEqual(OperationStatus.InvalidData, TlsWire.Feed(observer, TlsDirection.ClientToServer, c2s));
            Assert.NotEqual(OperationStatus.InvalidData, TlsWire.Feed(observer, TlsDirection.ServerToClient, s2c));

            Assert.True(observer.TryGetClientHello(out ClientHello parsed));
            Assert.Equal(hello.AsSpan(4).ToArray(), parsed.Encoded.ToArray());
            Assert.Equal("www.example.com", observer.GetServerNameString());
            Assert.True(observer.TryGetServerCertificates(out CertificateMessage chain));
            Assert.True(chain.TryGetLeaf(out ReadOnlySpan<byte> seen));
            Assert.Equal(leaf, seen.ToArray());
        }

        [Fact]
        public void Segments_cycle_through_the_sizes_and_keep_every_byte()
        {
            byte[] bytes = new byte[10];
            for (int i = 0; i < bytes.Length; i++)
            {
                bytes[i] = (byte)i;
            }

            IReadOnlyList<byte[]> pieces = TlsWire.Segments(bytes, new[] { 1, 3 });
            Assert.Equal(new[] { 1, 3, 1, 3, 1, 1 }, Array.ConvertAll(ToList(pieces), p => p.Length));
            Assert.Equal(bytes, Der.Concat(pieces));
            Assert.Throws<ArgumentOutOfRangeException>(() => TlsWire.Segments(bytes, 0));
        }

        private static byte[][] ToList(IReadOnlyList<byte[]> pieces)
        {
            var list = new byte[pieces.Count][];
            for (int i = 0; i < list.Length; i++)
            {
                list[i] = pieces[i];
            }

            return list;
        }

        private static ushort[] ToArray(TlsUInt16List list)
        {
            var values = new ushort[list.Count];
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = list[i];
            }

            return values;
        }
    }
}
