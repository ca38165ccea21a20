using System;
using System.Collections.Generic;
using System.Text;
using Tsid.Tests.Support;
using Tsid.Tls;
using Xunit;
using static Tsid.Testing.TlsWire;

namespace Tsid.Tests.Tls
{
    public class ClientHelloTests
    {
        private static ClientHello ParseFixture(byte[] record)
        {
            Assert.True(ClientHello.TryParseRecord(record, out ClientHello hello, out TlsError error), error.ToString());
            return hello;
        }

        [Fact]
        public void OpenSSL_hello_with_SNI_and_ALPN_reads_every_field()
        {
            byte[] record = Fixture.Bytes("clienthello-sni-alpn.bin");
            ClientHello hello = ParseFixture(record);

            Assert.Equal(TlsProtocolVersion.Tls12, hello.LegacyVersion);
            Assert.Equal(record.AsSpan(11, 32).ToArray(), hello.Random.ToArray());
            Assert.Equal(32, hello.LegacySessionId.Length);
            Assert.True(hello.TryGetServerName(out ReadOnlySpan<byte> sni));
            Assert.Equal("tools.cisco.com", Encoding.ASCII.GetString(sni));
            Assert.True(hello.TryGetServerNames(out ServerNameList names));
            Assert.Equal(1, names.Count);
            foreach (ServerName name in names)
            {
                Assert.Equal(SniHostNameStatus.Valid, name.Status);
                Assert.True(name.IsHostName);
                Assert.Equal("tools.cisco.com", name.GetString());
            }

            Assert.True(hello.TryGetAlpn(out ProtocolNameList alpn));
            var protocols = new List<string>();
            foreach (ReadOnlySpan<byte> p in alpn)
            {
                protocols.Add(Encoding.ASCII.GetString(p));
            }

            Assert.Equal(new[] { "h2", "http/1.1" }, protocols);

            var types = new List<int>();
            foreach (TlsExtension e in hello.Extensions)
            {
                types.Add((int)e.Type);
            }

            Assert.Equal(new[] { 0, 11, 10, 35, 5, 16, 22, 23, 13, 43, 45, 51 }, types);
            Assert.Equal(12, hello.Extensions.Count);

            Assert.True(hello.TryGetSupportedVersions(out TlsUInt16List versions));
            Assert.Equal(new ushort[] { 0x0304, 0x0303 }, ToArray(versions));
            Assert.True(hello.TryGetKeyShares(out KeyShareList shares));
            foreach (KeyShareEntry share in shares)
            {
                Assert.Equal(TlsNamedGroup.X25519, share.Group);
                Assert.Equal(32, share.KeyExchange.Length);
            }

            Assert.True(hello.TryGetSupportedGroups(out TlsUInt16List groups));
            Assert.Equal((ushort)0x001d, groups[0]);
            Assert.True(hello.TryGetEcPointFormats(out ReadOnlySpan<byte> formats));
            Assert.Equal(new byte[] { 0, 1, 2 }, formats.ToArray());
            Assert.True(hello.TryGetPskKeyExchangeModes(out ReadOnlySpan<byte> modes));
            Assert.Equal(new byte[] { 1 }, modes.ToArray());
            Assert.True(hello.TryGetStatusRequestType(out byte statusType));
            Assert.Equal(1, statusType);
            Assert.True(hello.TryGetSessionTicket(out ReadOnlySpan<byte> ticket));
            Assert.Equal(0, ticket.Length);
            Assert.True(hello.TryGetSignatureAlgorithms(out TlsUInt16List schemes));
            Assert.Equal(20, schemes.Count);
            Assert.False(hello.ServerNameIsEchPublicName);
            Assert.False(hello.HasPreSharedKey);
        }

        [Fact]
        public void OpenSSL_TLS12_hello_without_SNI_has_no_server_name()
        {
            ClientHello hello = ParseFixture(Fixture.Bytes("clienthello-nosni-tls12.bin"));
            Assert.False(hello.HasServerName);
            Assert.False(hello.TryGetServerName(out _));
            Assert.False(hello.TryGetSupportedVersions(out _));
            Assert.True(hello.CipherSuites.Count > 0);
            Assert.Equal(TlsProtocolVersion.Tls12, hello.LegacyVersion);
        }

        [Fact]
        public void Every_server_name_entry_is_kept_in_order_with_its_status()
        {
            byte[] body = ClientHelloBody(new (int, byte[])[] { (0, ServerNameData("a.example", "10.0.0.1", "trailing.example.", "bad name", "::1")) });
            Assert.True(ClientHello.TryParse(body, out ClientHello hello, out TlsError error), error.ToString());
            Assert.True(hello.TryGetServerNames(out ServerNameList names));
            var got = new List<(string, SniHostNameStatus)>();
            foreach (ServerName n in names)
            {
                got.Add((n.GetString(), n.Status));
            }

            Assert.Equal(
                new[]
                {
                    ("a.example", SniHostNameStatus.Valid),
                    ("10.0.0.1", SniHostNameStatus.IPv4Literal),
                    ("trailing.example.", SniHostNameStatus.TrailingDot),
                    ("bad name", SniHostNameStatus.IllegalCharacter),
                    ("::1", SniHostNameStatus.IPv6Literal),
                },
                got);
        }

        [Theory]
        [InlineData("www.example.com", SniHostNameStatus.Valid)]
        [InlineData("_dmarc.example.com", SniHostNameStatus.Valid)]
        [InlineData("", SniHostNameStatus.Empty)]
        [InlineData("example.com.", SniHostNameStatus.TrailingDot)]
        [InlineData("192.0.2.1", SniHostNameStatus.IPv4Literal)]
        [InlineData("[2001:db8::1]", SniHostNameStatus.IPv6Literal)]
        [InlineData("exa mple.com", SniHostNameStatus.IllegalCharacter)]
        [InlineData("exa\0mple.com", SniHostNameStatus.IllegalCharacter)]
        [InlineData("exämple.com", SniHostNameStatus.IllegalCharacter)]
        [InlineData("a..b", SniHostNameStatus.EmptyLabel)]
        [InlineData(".a.b", SniHostNameStatus.EmptyLabel)]
        public void Host_names_are_classified(string name, SniHostNameStatus expected)
        {
            Assert.Equal(expected, SniHostName.Validate(Encoding.Latin1.GetBytes(name)));
        }

        [Fact]
        public void Long_labels_and_names_are_reported()
        {
            Assert.Equal(SniHostNameStatus.LabelTooLong, SniHostName.Validate(Encoding.ASCII.GetBytes(new string('a', 64) + ".com")));
            string longName = string.Join(".", new[] { new string('a', 60), new string('b', 60), new string('c', 60), new string('d', 60), new string('e', 60), "com" });
            Assert.Equal(SniHostNameStatus.TooLong, SniHostName.Validate(Encoding.ASCII.GetBytes(longName)));
        }

        [Fact]
        public void Duplicate_extension_is_an_error_at_the_second_one()
        {
            byte[] body = ClientHelloBody(new (int, byte[])[] { (0x0a0a, Array.Empty<byte>()), (0, ServerNameData("a.example")), (23, Array.Empty<byte>()), (0, ServerNameData("b.example")) });
            Assert.False(ClientHello.TryParse(body, out _, out TlsError error));
            Assert.Equal(TlsErrorCode.DuplicateExtension, error.Code);
            int second = body.Length - (4 + ServerNameData("b.example").Length);
            Assert.Equal(second, error.Offset);
        }

        [Theory]
        [InlineData(0xff01)]
        [InlineData(0x2a2a)]
        [InlineData(0xfe0d)]
        [InlineData(0x4469)]
        public void Duplicate_high_extension_types_are_found(int type)
        {
            byte[] data = type == 0xff01 ? new byte[] { 0 } : type == 0xfe0d ? new byte[] { 1 } : Array.Empty<byte>();
            var extensions = new List<(int, byte[])> { (type, data), (0x0a0a, Array.Empty<byte>()), (23, Array.Empty<byte>()), (0xfafa, new byte[] { 0 }), (type, data) };
            if (type == 0x2a2a)
            {
                extensions.RemoveAt(1);
            }

            byte[] body = ClientHelloBody(extensions);
            Assert.False(ClientHello.TryParse(body, out _, out TlsError error));
            Assert.Equal(new TlsError(TlsErrorCode.DuplicateExtension, body.Length - 4 - data.Length), error);
        }

        [Fact]
        public void Duplicate_among_hundreds_of_distinct_extensions_is_found_and_distinct_ones_pass()
        {
            var distinct = new List<(int, byte[])>();
            for (int t = 1000; t < 1600; t++)
            {
                distinct.Add((t, Array.Empty<byte>()));
            }

            Assert.True(ClientHello.TryParse(ClientHelloBody(distinct), out ClientHello ok, out TlsError none), none.ToString());
            Assert.Equal(600, ok.Extensions.Count);

            var withDup = new List<(int, byte[])>(distinct) { (1234, new byte[] { 1 }) };
            withDup.Add((2000, Array.Empty<byte>()));
            Assert.False(ClientHello.TryParse(ClientHelloBody(withDup), out _, out TlsError error));
            Assert.Equal(TlsErrorCode.DuplicateExtension, error.Code);
        }

        [Fact]
        public void GREASE_and_unknown_extensions_pass_through_untouched()
        {
            byte[] greaseData = { 1, 2, 3 };
            byte[] body = ClientHelloBody(new (int, byte[])[] { (0x1a1a, greaseData), (0x7777, new byte[] { 9 }), (0, ServerNameData("x.example")), (0xfafa, Array.Empty<byte>()) });
            Assert.True(ClientHello.TryParse(body, out ClientHello hello, out _));
            var seen = new List<(int, string, bool)>();
            foreach (TlsExtension e in hello.Extensions)
            {
                seen.Add(((int)e.Type, Convert.ToHexString(e.Data), e.IsGrease));
            }

            Assert.Equal(new[] { (0x1a1a, "010203", true), (0x7777, "09", false), (0, Convert.ToHexString(ServerNameData("x.example")), false), (0xfafa, string.Empty, true) }, seen);
        }

        [Fact]
        public void Outer_ECH_makes_the_server_name_the_public_name()
        {
            byte[] ech = Concat(new byte[] { 0 }, U16(1), U16(1), new byte[] { 0x42 }, Vector16(new byte[32]), Vector16(new byte[200]));
            byte[] body = ClientHelloBody(new (int, byte[])[] { (0, ServerNameData("public.example")), (0xfe0d, ech) });
            Assert.True(ClientHello.TryParse(body, out ClientHello hello, out _));
            Assert.True(hello.ServerNameIsEchPublicName);
            Assert.True(hello.TryGetEncryptedClientHello(out EncryptedClientHello e));
            Assert.True(e.IsOuter);
            Assert.Equal(0x42, e.ConfigId);
            Assert.Equal(1, e.KdfId);
            Assert.Equal(1, e.AeadId);
            Assert.Equal(32, e.EncLength);
            Assert.Equal(200, e.PayloadLength);

            byte[] inner = ClientHelloBody(new (int, byte[])[] { (0, ServerNameData("secret.example")), (0xfe0d, new byte[] { 1 }) });
            Assert.True(ClientHello.TryParse(inner, out ClientHello innerHello, out _));
            Assert.False(innerHello.ServerNameIsEchPublicName);
        }

        [Fact]
        public void Pre_shared_key_must_be_last()
        {
            byte[] psk = Concat(Vector16(Concat(Vector16(new byte[] { 1, 2, 3 }), new byte[4])), Vector16(Vector8(new byte[32])));
            Assert.True(ClientHello.TryParse(ClientHelloBody(new (int, byte[])[] { (42, Array.Empty<byte>()), (41, psk) }), out ClientHello hello, out _));
            Assert.True(hello.HasPreSharedKey);
            Assert.True(hello.HasEarlyData);
            Assert.False(ClientHello.TryParse(ClientHelloBody(new (int, byte[])[] { (41, psk), (23, Array.Empty<byte>()) }), out _, out TlsError error));
            Assert.Equal(TlsErrorCode.PreSharedKeyNotLast, error.Code);
        }

        [Fact]
        public void Typed_readers_for_the_remaining_extensions()
        {
            byte[] body = ClientHelloBody(new (int, byte[])[]
            {
                (28, U16(0x4001)),
                (27, U16List8(2, 1)),
                (21, new byte[100]),
                (0xff01, Vector8(Array.Empty<byte>())),
                (57, new byte[] { 1, 2 }),
                (51, Vector16(Concat(U16(0x11ec), Vector16(new byte[1216]), U16(0x001d), Vector16(new byte[32])))),
            });
            Assert.True(ClientHello.TryParse(body, out ClientHello hello, out TlsError error), error.ToString());
            Assert.True(hello.TryGetRecordSizeLimit(out ushort limit));
            Assert.Equal(0x4001, limit);
            Assert.True(hello.TryGetCompressCertificateAlgorithms(out TlsUInt16List algorithms));
            Assert.Equal(new ushort[] { 2, 1 }, ToArray(algorithms));
            Assert.True(hello.TryGetPaddingLength(out int padding));
            Assert.Equal(100, padding);
            Assert.True(hello.TryGetRenegotiationInfo(out ReadOnlySpan<byte> reneg));
            Assert.Equal(0, reneg.Length);
            Assert.True(hello.TryGetQuicTransportParameters(out ReadOnlySpan<byte> quic));
            Assert.Equal(2, quic.Length);
            Assert.True(hello.TryGetKeyShares(out KeyShareList shares));
            var got = new List<(TlsNamedGroup, int)>();
            foreach (KeyShareEntry s in shares)
            {
                got.Add((s.Group, s.KeyExchange.Length));
            }

            Assert.Equal(new[] { (TlsNamedGroup.X25519MLKEM768, 1216), (TlsNamedGroup.X25519, 32) }, got);
        }

        [Theory]
        [InlineData(0, "0003000000", TlsErrorCode.InvalidServerName)]
        [InlineData(16, "000100", TlsErrorCode.InvalidAlpn)]
        [InlineData(43, "03030403", TlsErrorCode.InvalidSupportedVersions)]
        [InlineData(10, "0001", TlsErrorCode.InvalidSupportedGroups)]
        [InlineData(13, "000300000000", TlsErrorCode.InvalidSignatureAlgorithms)]
        [InlineData(51, "0004001d0000", TlsErrorCode.InvalidKeyShare)]
        [InlineData(45, "00", TlsErrorCode.InvalidPskKeyExchangeModes)]
        [InlineData(42, "00", TlsErrorCode.InvalidEarlyData)]
        [InlineData(0xfe0d, "02", TlsErrorCode.InvalidEncryptedClientHello)]
        [InlineData(11, "0200", TlsErrorCode.InvalidEcPointFormats)]
        [InlineData(5, "", TlsErrorCode.InvalidStatusRequest)]
        [InlineData(0xff01, "0500", TlsErrorCode.InvalidRenegotiationInfo)]
        [InlineData(28, "0010", TlsErrorCode.InvalidRecordSizeLimit)]
        [InlineData(27, "0100", TlsErrorCode.InvalidCompressCertificate)]
        public void Malformed_known_extensions_are_specific_errors_at_their_data(int type, string hex, TlsErrorCode expected)
        {
            byte[] body = ClientHelloBody(new (int, byte[])[] { (23, Array.Empty<byte>()), (type, Convert.FromHexString(hex)) });
            Assert.False(ClientHello.TryParse(body, out _, out TlsError error));
            Assert.Equal(expected, error.Code);
            Assert.Equal(body.Length - hex.Length / 2, error.Offset);
        }

        [Fact]
        public void Fixed_fields_errors()
        {
            byte[] good = ClientHelloBody(null);
            Assert.True(ClientHello.TryParse(good, out ClientHello noExt, out _));
            Assert.False(noExt.HasExtensions);

            byte[] longSession = ClientHelloBody(null, sessionId: new byte[33]);
            Assert.False(ClientHello.TryParse(longSession, out _, out TlsError e1));
            Assert.Equal(new TlsError(TlsErrorCode.InvalidSessionId, 34), e1);

            byte[] noSuites = ClientHelloBody(null, suites: Array.Empty<int>());
            Assert.False(ClientHello.TryParse(noSuites, out _, out TlsError e2));
            Assert.Equal(TlsErrorCode.InvalidCipherSuites, e2.Code);

            byte[] trailing = Concat(ClientHelloBody(new (int, byte[])[] { (23, Array.Empty<byte>()) }), new byte[] { 0 });
            Assert.False(ClientHello.TryParse(trailing, out _, out TlsError e3));
            Assert.Equal(new TlsError(TlsErrorCode.TrailingData, trailing.Length - 1), e3);

            for (int cut = 0; cut < good.Length; cut++)
            {
                Assert.False(ClientHello.TryParse(good.AsSpan(0, cut), out _, out TlsError e4));
                Assert.Equal(TlsErrorCode.Truncated, e4.Code);
            }
        }

        private static ushort[] ToArray(TlsUInt16List list)
        {
            var values = new List<ushort>();
            foreach (ushort v in list)
            {
                values.Add(v);
            }

            return values.ToArray();
        }
    }
}
