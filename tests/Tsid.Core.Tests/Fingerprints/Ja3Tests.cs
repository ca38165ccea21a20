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
    public class Ja3Tests
    {
        [Fact]
        public void The_spec_hello_gives_the_string_of_its_fields_in_wire_order_and_its_MD5()
        {
            ClientHello hello = Parse(SpecHello());
            const string expected = "771,4865-4866-4867-49195-49199-49196-49200-52393-52392-49171-49172-156-157-47-53,27-0-51-16-17513-23-45-13-5-35-18-43-65281-11-10-21,29-23-24,0";
            Assert.Equal(expected, Ja3.GetString(in hello));
            Assert.Equal(Md5Hex(expected), Ja3.GetHashString(in hello));
            Assert.Equal(expected.Length, Ja3.GetStringLength(in hello));
        }

        [Fact]
        public void GREASE_is_removed_from_ciphers_extensions_and_groups()
        {
            var extensions = new List<(int, byte[])> { (0x0a0a, Array.Empty<byte>()), (0x000a, U16List16(0x2a2a, 0x001d)), (0x000b, Vector8(new byte[] { 0, 1 })), (0xfafa, new byte[] { 0 }) };
            ClientHello hello = Parse(ClientHelloBody(extensions, suites: new[] { 0x3a3a, 0x1301 }));
            Assert.Equal("771,4865,10-11,29,0-1", Ja3.GetString(in hello));
        }

        [Fact]
        public void Empty_fields_are_kept()
        {
            ClientHello hello = Parse(ClientHelloBody(null, legacyVersion: 0x0301, suites: new[] { 0x0004, 0x0005 }));
            Assert.Equal("769,4-5,,,", Ja3.GetString(in hello));
            hello = Parse(ClientHelloBody(new List<(int, byte[])> { (0x0017, Array.Empty<byte>()) }));
            Assert.Equal("771,4865-49199,23,,", Ja3.GetString(in hello));
        }

        [Fact]
        public void A_long_string_takes_the_pooled_path_and_agrees_with_the_reference()
        {
            int[] suites = Enumerable.Range(0x0100, 400).ToArray(); // ~2.4 K characters of text
            byte[] body = ClientHelloBody(SpecExtensions(), suites: suites);
            ClientHello hello = Parse(body);
            string reference = ReferenceJa3String(body);
            Assert.True(reference.Length > 1024);
            Assert.Equal(reference, Ja3.GetString(in hello));
            Assert.Equal(Md5Hex(reference), Ja3.GetHashString(in hello));
            Assert.False(Ja3.TryFormatString(in hello, new char[reference.Length - 1], out _));
            Assert.False(Ja3.TryFormatHash(in hello, new char[Ja3.HashLength - 1], out _));
        }

        [Fact]
        public void JA3S_is_version_cipher_and_extensions_of_the_ServerHello()
        {
            byte[] body = ServerHelloBody(0x0303, 0xc02f, new List<(int, byte[])> { (0xff01, new byte[] { 0 }), (0x0000, Array.Empty<byte>()), (0x000b, Vector8(new byte[] { 0 })), (0x0010, AlpnData("h2")), (0x0017, Array.Empty<byte>()) });
            Assert.True(ServerHello.TryParse(body, out ServerHello hello, out _));
            // suricata-verify tls-ja3s expects exactly this string for such a ServerHello.
            Assert.Equal("771,49199,65281-0-11-16-23", Ja3S.GetString(in hello));
            Assert.Equal("5d79edf64e03689ff559a54e9d9487bc", Ja3S.GetHashString(in hello));
        }

        [Fact]
        public void JA3S_of_a_ServerHello_without_extensions_ends_with_a_comma()
        {
            Assert.True(ServerHello.TryParse(ServerHelloBody(0x0301, 0x002f, null), out ServerHello hello, out _));
            Assert.Equal("769,47,", Ja3S.GetString(in hello));
        }
    }
}
