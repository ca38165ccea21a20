using System;
using System.Collections.Generic;
using System.Linq;
using Tsid.Fingerprints;
using Tsid.Tls;
using Xunit;
using static Tsid.Tests.Fingerprints.FingerprintHellos;
using static Tsid.Testing.TlsWire;

namespace Tsid.Tests.Fingerprints
{
    public class Ja4Tests
    {
        [Fact]
        public void The_JA4_md_example_gives_the_four_outputs_the_specification_shows()
        {
            ClientHello hello = Parse(SpecHello());
            Assert.Equal("t13d1516h2_8daaf6152771_e5627efa2ab1", Ja4.GetString(in hello, HandshakeProtocol.Tls));
            Assert.Equal("t13d1516h2_acb858a92679_18f69afefd3d", Ja4.GetString(in hello, HandshakeProtocol.Tls, Ja4Form.HashedOriginal));
            Assert.Equal(
                "t13d1516h2_002f,0035,009c,009d,1301,1302,1303,c013,c014,c02b,c02c,c02f,c030,cca8,cca9_0005,000a,000b,000d,0012,0015,0017,001b,0023,002b,002d,0033,4469,ff01_0403,0804,0401,0503,0805,0501,0806,0601",
                Ja4.GetString(in hello, HandshakeProtocol.Tls, Ja4Form.Raw));
            Assert.Equal(
                "t13d1516h2_1301,1302,1303,c02b,c02f,c02c,c030,cca9,cca8,c013,c014,009c,009d,002f,0035_001b,0000,0033,0010,4469,0017,002d,000d,0005,0023,0012,002b,ff01,000b,000a,0015_0403,0804,0401,0503,0805,0501,0806,0601",
                Ja4.GetString(in hello, HandshakeProtocol.Tls, Ja4Form.RawOriginal));
        }

        [Theory]
        [InlineData(HandshakeProtocol.Tls, 't')]
        [InlineData(HandshakeProtocol.Quic, 'q')]
        [InlineData(HandshakeProtocol.Dtls, 'd')]
        public void The_carrier_is_the_first_character(HandshakeProtocol protocol, char expected)
        {
            ClientHello hello = Parse(SpecHello());
            Assert.Equal(expected + "13d1516h2_8daaf6152771_e5627efa2ab1", Ja4.GetString(in hello, protocol));
        }

        [Fact]
        public void GREASE_in_signature_algorithms_supported_versions_ciphers_and_extensions_is_ignored()
        {
            var extensions = SpecExtensions(
                schemes: new[] { 0x0a0a }.Concat(SpecSchemes).Append(0xfafa).ToArray(),
                versions: new[] { 0x3a3a, 0x0304, 0x0303 });
            extensions.Insert(0, (0x2a2a, Array.Empty<byte>()));
            extensions.Add((0x9a9a, new byte[] { 0 }));
            byte[] body = ClientHelloBody(extensions, suites: new[] { 0x4a4a }.Concat(SpecCiphers).ToArray());
            ClientHello hello = Parse(body);
            Assert.Equal("t13d1516h2_8daaf6152771_e5627efa2ab1", Ja4.GetString(in hello, HandshakeProtocol.Tls));
            Assert.Equal("t13d1516h2_acb858a92679_18f69afefd3d", Ja4.GetString(in hello, HandshakeProtocol.Tls, Ja4Form.HashedOriginal));
        }

        [Fact]
        public void Only_GREASE_in_supported_versions_falls_back_to_legacy_version()
        {
            byte[] body = ClientHelloBody(new List<(int, byte[])> { (0x002b, U16List8(0x1a1a)) }, legacyVersion: 0x0301);
            ClientHello hello = Parse(body);
            Assert.StartsWith("t10i0201", Ja4.GetString(in hello, HandshakeProtocol.Tls), StringComparison.Ordinal);
        }

        [Theory]
        [InlineData(new byte[] { 0x68, 0x32 }, "h2")]
        [InlineData(new byte[] { 0x68, 0x74, 0x74, 0x70, 0x2f, 0x31, 0x2e, 0x31 }, "h1")]
        [InlineData(new byte[] { 0x68 }, "hh")]                   // one character: first and last
        [InlineData(new byte[] { 0xab }, "ab")]                   // JA4.md: 0xAB → "ab"
        [InlineData(new byte[] { 0xab, 0xcd }, "ad")]             // 0xAB 0xCD → "ad"
        [InlineData(new byte[] { 0x30, 0xab }, "3b")]             // 0x30 0xAB → "3b"
        [InlineData(new byte[] { 0x30, 0x31, 0xab, 0xcd }, "3d")] // 0x30 0x31 0xAB 0xCD → "3d"
        [InlineData(new byte[] { 0x30, 0xab, 0xcd, 0x31 }, "01")] // 0x30 0xAB 0xCD 0x31 → "01"
        [InlineData(new byte[] { 0x2a, 0x68, 0x32 }, "22")]       // '*' first: hex "2a6832" → "22"
        public void ALPN_characters_follow_the_specification(byte[] protocol, string expected)
        {
            var extensions = new List<(int, byte[])> { (0x0010, Vector16(Vector8(protocol))) };
            ClientHello hello = Parse(ClientHelloBody(extensions));
            Assert.Equal(expected, Ja4.GetString(in hello, HandshakeProtocol.Tls).Substring(8, 2));
            Assert.Equal(ReferenceJa4(ClientHelloBody(extensions)), Ja4.GetString(in hello, HandshakeProtocol.Tls));
        }

        [Fact]
        public void No_ALPN_gives_00()
        {
            ClientHello hello = Parse(ClientHelloBody(new List<(int, byte[])> { (0x0017, Array.Empty<byte>()) }));
            Assert.Equal("t12i020100", Ja4.GetString(in hello, HandshakeProtocol.Tls).Substring(0, 10));
        }

        [Fact]
        public void No_extensions_at_all_gives_twelve_zeros_for_c()
        {
            byte[] body = ClientHelloBody(null, legacyVersion: 0x0301, suites: new[] { 0x002f, 0x0035 });
            ClientHello hello = Parse(body);
            Assert.False(hello.HasExtensions);
            Assert.Equal("t10i020000_" + Sha12("002f,0035") + "_000000000000", Ja4.GetString(in hello, HandshakeProtocol.Tls));
            Assert.Equal("t10i020000_002f,0035_", Ja4.GetString(in hello, HandshakeProtocol.Tls, Ja4Form.Raw));
        }

        [Fact]
        public void Only_SNI_and_ALPN_leave_c_empty_in_the_sorted_forms_but_not_in_the_original_ones()
        {
            var extensions = new List<(int, byte[])> { (0x0000, ServerNameData("a.example")), (0x0010, AlpnData("h2")) };
            ClientHello hello = Parse(ClientHelloBody(extensions));
            Assert.EndsWith("_000000000000", Ja4.GetString(in hello, HandshakeProtocol.Tls), StringComparison.Ordinal);
            Assert.EndsWith("_" + Sha12("0000,0010"), Ja4.GetString(in hello, HandshakeProtocol.Tls, Ja4Form.HashedOriginal), StringComparison.Ordinal);
        }

        [Fact]
        public void No_signature_algorithms_ends_c_without_an_underscore()
        {
            var extensions = SpecExtensions().Where(e => e.Type != 0x000d).ToList();
            ClientHello hello = Parse(ClientHelloBody(extensions, suites: SpecCiphers));
            string raw = Ja4.GetString(in hello, HandshakeProtocol.Tls, Ja4Form.Raw);
            Assert.EndsWith("_0005,000a,000b,0012,0015,0017,001b,0023,002b,002d,0033,4469,ff01", raw, StringComparison.Ordinal);
            Assert.Equal("t13d1515h2_8daaf6152771_" + Sha12("0005,000a,000b,0012,0015,0017,001b,0023,002b,002d,0033,4469,ff01"), Ja4.GetString(in hello, HandshakeProtocol.Tls));
        }

        [Theory]
        [InlineData(100)]
        [InlineData(300)] // past the stack buffer: the pooled path
        public void More_than_99_ciphers_count_as_99_and_all_are_hashed(int count)
        {
            int[] suites = Enumerable.Range(0, count).Select(i => 0x1000 + (i * 7 % count)).ToArray();
            byte[] body = ClientHelloBody(new List<(int, byte[])> { (0x000d, U16List16(0x0403)) }, suites: suites);
            ClientHello hello = Parse(body);
            string ja4 = Ja4.GetString(in hello, HandshakeProtocol.Tls);
            Assert.StartsWith("t12i9901", ja4, StringComparison.Ordinal);
            Assert.Equal(ReferenceJa4(body), ja4);
            Assert.Equal(ReferenceJa4(body, raw: true), Ja4.GetString(in hello, HandshakeProtocol.Tls, Ja4Form.Raw));
            Assert.Equal(ReferenceJa4(body, raw: true, original: true), Ja4.GetString(in hello, HandshakeProtocol.Tls, Ja4Form.RawOriginal));
        }

        [Fact]
        public void A_destination_too_short_is_refused_and_the_lengths_are_exact()
        {
            ClientHello hello = Parse(SpecHello());
            Assert.False(Ja4.TryFormat(in hello, HandshakeProtocol.Tls, Ja4Form.Hashed, new char[Ja4.Length - 1], out int written));
            Assert.Equal(0, written);
            foreach (Ja4Form form in Enum.GetValues<Ja4Form>())
            {
                int length = Ja4.GetLength(in hello, form);
                Assert.False(Ja4.TryFormat(in hello, HandshakeProtocol.Tls, form, new char[length - 1], out _));
                Assert.True(Ja4.TryFormat(in hello, HandshakeProtocol.Tls, form, new char[length + 5], out written));
                Assert.Equal(length, written);
            }
        }

        [Theory]
        [InlineData(0x0304, "13")]
        [InlineData(0x0300, "s3")]
        [InlineData(0x0002, "s2")]
        [InlineData(0xfeff, "d1")]
        [InlineData(0xfefd, "d2")]
        [InlineData(0xfefc, "d3")]
        [InlineData(0x7f17, "00")] // a TLS 1.3 draft is not in JA4.md's table
        public void Version_codes_follow_the_table(int version, string code) => Assert.Equal(code, Ja4.VersionCode((TlsProtocolVersion)version));

        [Fact]
        public void Among_DTLS_versions_the_newest_is_chosen()
        {
            byte[] body = ClientHelloBody(new List<(int, byte[])> { (0x002b, U16List8(0xfefc, 0xfefd)) }, legacyVersion: 0xfefd);
            ClientHello hello = Parse(body);
            Assert.StartsWith("dd3i", Ja4.GetString(in hello, HandshakeProtocol.Dtls), StringComparison.Ordinal);
        }

        [Fact]
        public void A_TLS_1_3_hello_carried_in_QUIC_CRYPTO_frames_gets_q_from_the_observer()
        {
            // The handshake bytes a QUIC transport hands over (RFC 9001 4: CRYPTO frames, no TLS records), in two pieces.
            var extensions = SpecExtensions();
            extensions.Insert(3, (0x0039, new byte[] { 0x01, 0x02, 0x40, 0x64 })); // quic_transport_parameters
            byte[] message = Handshake(1, ClientHelloBody(extensions, suites: new[] { 0x1301, 0x1302, 0x1303 }));
            using var observer = new TlsConnectionObserver(null, HandshakeProtocol.Quic);
            observer.FeedHandshake(TlsDirection.ClientToServer, 0, message.AsSpan(0, 100));
            observer.FeedHandshake(TlsDirection.ClientToServer, 100, message.AsSpan(100));
            Assert.True(observer.TryGetClientHello(out ClientHello hello));
            string ja4 = Ja4.GetString(in hello, observer.Protocol);
            Assert.StartsWith("q13d0317h2_", ja4, StringComparison.Ordinal);
            Assert.Equal(Sha12("1301,1302,1303"), ja4.Substring(11, 12));
            Assert.Contains(",0039,", Ja4.GetString(in hello, observer.Protocol, Ja4Form.Raw), StringComparison.Ordinal);
        }

        [Fact]
        public void An_SSLv2_compatible_hello_has_no_ClientHello_view_and_so_no_fingerprint()
        {
            byte[] v2 = Concat(new byte[] { 1, 3, 1 }, U16(3), U16(0), U16(16), new byte[] { 0, 0, 0x2f }, new byte[16]);
            byte[] stream = Concat(new[] { (byte)(0x80 | (v2.Length >> 8)), (byte)v2.Length }, v2);
            using var observer = new TlsConnectionObserver();
            observer.Feed(TlsDirection.ClientToServer, stream);
            Assert.True(observer.IsSslV2ClientHello);
            Assert.False(observer.TryGetClientHello(out _));
        }
    }
}
