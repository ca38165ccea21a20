using System;
using System.Buffers;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using FsCheck;
using FsCheck.Fluent;
using Tsid.Capture.Tests.Support;
using Xunit;

namespace Tsid.Capture.Tests
{
    /// <summary>The tunnel readers one message at a time: every prefix needs more data, malformed bytes give a code and an offset, nothing throws.</summary>
    public class TunnelReaderTests
    {
        private delegate OperationStatus Reader(ReadOnlySpan<byte> input, out int consumed, out TunnelError error);

        private static readonly IPEndPoint Source = new(IPAddress.Parse("203.0.113.7"), 56324);
        private static readonly IPEndPoint Destination = new(IPAddress.Parse("198.51.100.20"), 443);

        private static readonly (string Name, byte[] Message, Reader Read)[] Valid =
        {
            ("connect request", TunnelStreams.HttpConnect("tools.cisco.com:443").Client, ConnectRequest),
            ("connect response", TunnelStreams.Ascii("HTTP/1.1 200 Connection established\r\nVia: 1.1 proxy\r\n\r\n"), ConnectResponse),
            ("socks4 request", TunnelStreams.Socks4(IPAddress.Parse("192.0.2.1"), 443).Client, Socks4Request),
            ("socks4a request", TunnelStreams.Socks4a("tools.cisco.com", 443).Client, Socks4Request),
            ("socks4 reply", new byte[] { 0, 90, 1, 187, 192, 0, 2, 1 }, Socks4Reply),
            ("socks5 greeting", new byte[] { 5, 2, 0, 2 }, Socks5Greeting),
            ("rfc1929 request", new byte[] { 1, 3, (byte)'b', (byte)'o', (byte)'b', 2, (byte)'p', (byte)'w' }, UserPassword),
            ("socks5 request domain", TunnelStreams.Socks5("tools.cisco.com", null, 443).Client.Skip(3).ToArray(), Socks5Request),
            ("socks5 request ipv6", TunnelStreams.Socks5(null, IPAddress.Parse("2001:db8::1"), 443).Client.Skip(3).ToArray(), Socks5Request),
            ("socks5 reply", TunnelStreams.Socks5("x.example", null, 443).Server.Skip(2).ToArray(), Socks5Reply),
            ("proxy v1", TunnelStreams.ProxyV1(Source, Destination), Proxy),
            ("proxy v1 unknown", TunnelStreams.Ascii("PROXY UNKNOWN ffff:f...f:ffff ffff:f...f:ffff 65535 65535\r\n"), Proxy),
            ("proxy v2", TunnelStreams.ProxyV2(Source, Destination, "tools.cisco.com"), Proxy),
        };

        public static IEnumerable<object[]> ValidNames() => Valid.Select(v => new object[] { v.Name });

        private static OperationStatus ConnectRequest(ReadOnlySpan<byte> input, out int consumed, out TunnelError error) =>
            HttpConnectReader.ReadRequest(input, out _, out _, out consumed, out error);

        private static OperationStatus ConnectResponse(ReadOnlySpan<byte> input, out int consumed, out TunnelError error) =>
            HttpConnectReader.ReadResponse(input, out _, out _, out consumed, out error);

        private static OperationStatus Socks4Request(ReadOnlySpan<byte> input, out int consumed, out TunnelError error) =>
            SocksReader.ReadSocks4Request(input, out _, out consumed, out error);

        private static OperationStatus Socks4Reply(ReadOnlySpan<byte> input, out int consumed, out TunnelError error) =>
            SocksReader.ReadSocks4Reply(input, out _, out consumed, out error);

        private static OperationStatus Socks5Greeting(ReadOnlySpan<byte> input, out int consumed, out TunnelError error) =>
            SocksReader.ReadSocks5Greeting(input, out _, out consumed, out error);

        private static OperationStatus UserPassword(ReadOnlySpan<byte> input, out int consumed, out TunnelError error) =>
            SocksReader.ReadUsernamePasswordRequest(input, out _, out consumed, out error);

        private static OperationStatus Socks5Request(ReadOnlySpan<byte> input, out int consumed, out TunnelError error) =>
            SocksReader.ReadSocks5Request(input, out _, out consumed, out error);

        private static OperationStatus Socks5Reply(ReadOnlySpan<byte> input, out int consumed, out TunnelError error) =>
            SocksReader.ReadSocks5Reply(input, out _, out consumed, out error);

        private static OperationStatus Proxy(ReadOnlySpan<byte> input, out int consumed, out TunnelError error) =>
            ProxyProtocolReader.Read(input, out _, out consumed, out error);

        [Theory]
        [MemberData(nameof(ValidNames))]
        public void Every_prefix_needs_more_data_and_the_whole_is_done_with_trailing_bytes_left(string name)
        {
            (_, byte[] message, Reader read) = Valid.Single(v => v.Name == name);
            for (int n = 0; n < message.Length; n++)
            {
                Assert.Equal(OperationStatus.NeedMoreData, read(message.AsSpan(0, n), out _, out _));
            }

            byte[] withTls = TunnelStreams.Concat(message, new byte[] { 0x16, 0x03, 0x01, 0x02, 0x00 });
            Assert.Equal(OperationStatus.Done, read(withTls, out int consumed, out TunnelError error));
            Assert.Equal(message.Length, consumed);
            Assert.False(error.IsError);
        }

        [Fact]
        public void Connect_request_fields_are_read()
        {
            byte[] request = TunnelStreams.Ascii("CONNECT [2001:db8::1]:8443 HTTP/1.0\nProxy-Authorization: Basic eA==\n\n");
            Assert.Equal(OperationStatus.Done, HttpConnectReader.ReadRequest(request, out ReadOnlySpan<byte> host, out ushort port, out int consumed, out _));
            Assert.Equal("2001:db8::1", System.Text.Encoding.ASCII.GetString(host));
            Assert.Equal(8443, port);
            Assert.Equal(request.Length, consumed);

            byte[] response = TunnelStreams.Ascii("HTTP/1.1 407 Proxy Authentication Required\r\nContent-Length: 12\r\n\r\n");
            Assert.Equal(OperationStatus.Done, HttpConnectReader.ReadResponse(response, out int code, out long length, out _, out _));
            Assert.Equal(407, code);
            Assert.Equal(12, length);
        }

        [Theory]
        [InlineData("GET / HTTP/1.1\r\n\r\n", TunnelErrorCode.NotThisFormat, 0)]
        [InlineData("connect a:1 HTTP/1.1\r\n\r\n", TunnelErrorCode.NotThisFormat, 0)]
        [InlineData("CONNECT a.example HTTP/1.1\r\n\r\n", TunnelErrorCode.MalformedAuthority, 17)]
        [InlineData("CONNECT a.example:0 HTTP/1.1\r\n\r\n", TunnelErrorCode.MalformedAuthority, 18)]
        [InlineData("CONNECT a.example:70000 HTTP/1.1\r\n\r\n", TunnelErrorCode.MalformedAuthority, 18)]
        [InlineData("CONNECT a/b:443 HTTP/1.1\r\n\r\n", TunnelErrorCode.MalformedAuthority, 9)]
        [InlineData("CONNECT a:443 HTTP/2.0\r\n\r\n", TunnelErrorCode.MalformedStartLine, 14)]
        [InlineData("CONNECT a:443 HTTP/1.2\r\n\r\n", TunnelErrorCode.UnsupportedHttpVersion, 21)]
        [InlineData("CONNECT a:443\r\n\r\n", TunnelErrorCode.MalformedStartLine, 13)]
        [InlineData("CONNECT a:443 HTTP/1.1\r\nNoColon\r\n\r\n", TunnelErrorCode.MalformedHeader, 24)]
        [InlineData("CONNECT a:443 HTTP/1.1\r\nBad Name: x\r\n\r\n", TunnelErrorCode.MalformedHeader, 27)]
        public void Malformed_connect_requests_give_a_code_and_an_offset(string text, TunnelErrorCode code, int offset)
        {
            Assert.Equal(OperationStatus.InvalidData, HttpConnectReader.ReadRequest(TunnelStreams.Ascii(text), out _, out _, out _, out TunnelError error));
            Assert.Equal(code, error.Code);
            Assert.Equal(offset, error.Offset);
        }

        [Theory]
        [InlineData("HTTP/1.1 2000 OK\r\n\r\n", TunnelErrorCode.MalformedStartLine, 8)]
        [InlineData("HTTP/1.1 200 OK\r\nContent-Length: x\r\n\r\n", TunnelErrorCode.MalformedHeader, 32)]
        [InlineData("SSH-2.0-OpenSSH\r\n", TunnelErrorCode.MalformedStartLine, 0)]
        public void Malformed_connect_responses_give_a_code_and_an_offset(string text, TunnelErrorCode code, int offset)
        {
            Assert.Equal(OperationStatus.InvalidData, HttpConnectReader.ReadResponse(TunnelStreams.Ascii(text), out _, out _, out _, out TunnelError error));
            Assert.Equal(code, error.Code);
            Assert.Equal(offset, error.Offset);
        }

        [Fact]
        public void A_head_without_its_end_stops_at_the_limit()
        {
            byte[] head = TunnelStreams.Ascii("CONNECT a:443 HTTP/1.1\r\nX: " + new string('a', HttpConnectReader.MaxHeadBytes));
            Assert.Equal(OperationStatus.InvalidData, HttpConnectReader.ReadRequest(head, out _, out _, out _, out TunnelError error));
            Assert.Equal(TunnelErrorCode.HeadTooLong, error.Code);
            Assert.Equal(HttpConnectReader.MaxHeadBytes, error.Offset);
        }

        [Theory]
        [InlineData(new byte[] { 4, 9, 1, 187, 1, 2, 3, 4, 0 }, TunnelErrorCode.UnsupportedCommand, 1)]
        [InlineData(new byte[] { 4, 1, 1, 187, 0, 0, 0, 1, 0, 0 }, TunnelErrorCode.BadFieldLength, 9)]
        public void Malformed_socks4_requests_give_a_code_and_an_offset(byte[] input, TunnelErrorCode code, int offset)
        {
            Assert.Equal(OperationStatus.InvalidData, SocksReader.ReadSocks4Request(input, out _, out _, out TunnelError error));
            Assert.Equal(code, error.Code);
            Assert.Equal(offset, error.Offset);
        }

        [Fact]
        public void A_socks4_user_id_longer_than_the_cap_is_invalid()
        {
            byte[] input = new byte[8 + SocksReader.MaxSocks4FieldLength + 10];
            input[0] = 4;
            input[1] = 1;
            input.AsSpan(8).Fill((byte)'u');
            Assert.Equal(OperationStatus.InvalidData, SocksReader.ReadSocks4Request(input, out _, out _, out TunnelError error));
            Assert.Equal(TunnelErrorCode.BadFieldLength, error.Code);
            Assert.Equal(8 + SocksReader.MaxSocks4FieldLength, error.Offset);
        }

        [Theory]
        [InlineData(new byte[] { 5, 0 }, TunnelErrorCode.NoMethods, 1)]
        public void Malformed_socks5_greetings_give_a_code_and_an_offset(byte[] input, TunnelErrorCode code, int offset)
        {
            Assert.Equal(OperationStatus.InvalidData, SocksReader.ReadSocks5Greeting(input, out _, out _, out TunnelError error));
            Assert.Equal(code, error.Code);
            Assert.Equal(offset, error.Offset);
        }

        [Theory]
        [InlineData(new byte[] { 4, 1, 0, 1 }, TunnelErrorCode.UnsupportedVersion, 0)]
        [InlineData(new byte[] { 5, 1, 1, 1 }, TunnelErrorCode.ReservedNotZero, 2)]
        [InlineData(new byte[] { 5, 1, 0, 2 }, TunnelErrorCode.UnsupportedAddressType, 3)]
        [InlineData(new byte[] { 5, 1, 0, 3, 0 }, TunnelErrorCode.BadFieldLength, 4)]
        [InlineData(new byte[] { 5, 7, 0, 1, 1, 2, 3, 4, 0, 1 }, TunnelErrorCode.UnsupportedCommand, 1)]
        public void Malformed_socks5_requests_give_a_code_and_an_offset(byte[] input, TunnelErrorCode code, int offset)
        {
            Assert.Equal(OperationStatus.InvalidData, SocksReader.ReadSocks5Request(input, out _, out _, out TunnelError error));
            Assert.Equal(code, error.Code);
            Assert.Equal(offset, error.Offset);
        }

        [Fact]
        public void Socks5_request_fields_are_read()
        {
            byte[] input = TunnelStreams.Socks5(null, IPAddress.Parse("2001:db8::44"), 8443).Client.Skip(3).ToArray();
            Assert.Equal(OperationStatus.Done, SocksReader.ReadSocks5Request(input, out SocksRequest request, out _, out _));
            Assert.Equal(SocksAddressType.IPv6, request.AddressType);
            Assert.Equal(IPAddress.Parse("2001:db8::44").GetAddressBytes(), request.Address.ToArray());
            Assert.Equal(8443, request.Port);
            Assert.Equal(SocksReader.CommandConnect, request.Command);
        }

        [Theory]
        [InlineData("PROXY TCP5 1.2.3.4 5.6.7.8 1 2\r\n", TunnelErrorCode.MalformedProxyLine, 6)]
        [InlineData("PROXY TCP4 1.2.3.256 5.6.7.8 1 2\r\n", TunnelErrorCode.MalformedProxyLine, 11)]
        [InlineData("PROXY TCP4 1.2.3.4 5.6.7 1 2\r\n", TunnelErrorCode.MalformedProxyLine, 19)]
        [InlineData("PROXY TCP4 1.2.3.4 5.6.7.8 01 2\r\n", TunnelErrorCode.MalformedProxyLine, 27)]
        [InlineData("PROXY TCP4 1.2.3.4 5.6.7.8 1 2 3\r\n", TunnelErrorCode.MalformedProxyLine, 29)]
        [InlineData("PROXY TCP6 1.2.3.4 ::1 1 2\r\n", TunnelErrorCode.MalformedProxyLine, 11)]
        [InlineData("PROXY TCP4 1.2.3.4 5.6.7.8 1 2\n", TunnelErrorCode.MalformedProxyLine, 30)]
        [InlineData("PROXI TCP4", TunnelErrorCode.NotThisFormat, 4)]
        public void Malformed_proxy_v1_lines_give_a_code_and_an_offset(string text, TunnelErrorCode code, int offset)
        {
            Assert.Equal(OperationStatus.InvalidData, ProxyProtocolReader.Read(TunnelStreams.Ascii(text), out _, out _, out TunnelError error));
            Assert.Equal(code, error.Code);
            Assert.Equal(offset, error.Offset);
        }

        [Fact]
        public void A_proxy_v1_line_is_at_most_107_bytes()
        {
            byte[] line = TunnelStreams.Ascii("PROXY UNKNOWN " + new string('x', 100) + "\r\n");
            Assert.Equal(OperationStatus.InvalidData, ProxyProtocolReader.Read(line, out _, out _, out TunnelError error));
            Assert.Equal(TunnelErrorCode.ProxyLineTooLong, error.Code);
            Assert.Equal(ProxyProtocolReader.MaxV1LineLength, error.Offset);
        }

        [Fact]
        public void Proxy_v2_fields_are_read()
        {
            byte[] header = TunnelStreams.ProxyV2(Source, Destination, "tools.cisco.com");
            Assert.Equal(OperationStatus.Done, ProxyProtocolReader.Read(header, out ProxyHeader parsed, out int consumed, out _));
            Assert.Equal(header.Length, consumed);
            Assert.Equal(2, parsed.Version);
            Assert.True(parsed.HasAddresses);
            Assert.Equal("203.0.113.7:56324", parsed.Source.ToString());
            Assert.Equal("198.51.100.20:443", parsed.Destination.ToString());
            Assert.Equal("tools.cisco.com", System.Text.Encoding.ASCII.GetString(parsed.Authority));

            byte[] local = TunnelStreams.ProxyV2(Source, Destination, null, local: true);
            Assert.Equal(OperationStatus.Done, ProxyProtocolReader.Read(local, out ProxyHeader health, out _, out _));
            Assert.True(health.IsLocal);
            Assert.False(health.HasAddresses);
        }

        [Fact]
        public void Malformed_proxy_v2_headers_give_a_code_and_an_offset()
        {
            byte[] header = TunnelStreams.ProxyV2(Source, Destination, "tools.cisco.com");

            byte[] version = (byte[])header.Clone();
            version[12] = 0x31;
            AssertProxyError(version, TunnelErrorCode.UnsupportedProxyVersion, 12);

            byte[] shortBlock = (byte[])header.Clone();
            shortBlock[14] = 0;
            shortBlock[15] = 8;
            AssertProxyError(shortBlock, TunnelErrorCode.AddressBlockTooShort, 14);

            byte[] tlv = (byte[])header.Clone();
            tlv[16 + 12 + 2] = 0xFF; // the AUTHORITY TLV's length_lo: runs past the header
            AssertProxyError(tlv, TunnelErrorCode.MalformedTlv, 16 + 12 + 1);

            byte[] huge = (byte[])header.Clone();
            huge[14] = 0x20;
            AssertProxyError(huge, TunnelErrorCode.ProxyHeaderTooLong, 14);

            byte[] signature = (byte[])header.Clone();
            signature[7] = (byte)'q';
            AssertProxyError(signature, TunnelErrorCode.NotThisFormat, 7);
        }

        private static void AssertProxyError(byte[] input, TunnelErrorCode code, int offset)
        {
            Assert.Equal(OperationStatus.InvalidData, ProxyProtocolReader.Read(input, out _, out _, out TunnelError error));
            Assert.Equal(code, error.Code);
            Assert.Equal(offset, error.Offset);
        }

        private static Arbitrary<(int Which, (int At, byte Value)[] Flips, int Cut)> Mutations() =>
            Arb.From(
                from which in Gen.Choose(0, Valid.Length - 1)
                from flips in Gen.ArrayOf(Gen.Choose(0, 4096).Zip(ArbMap.Default.GeneratorFor<byte>()))
                from cut in Gen.Choose(0, 4096)
                select (which, flips, cut));

        [FsCheck.Xunit.Property(MaxTest = 1000)]
        public Property Bit_flips_and_truncations_never_throw_and_keep_the_promises() =>
            Prop.ForAll(Mutations(), m =>
            {
                (_, byte[] message, Reader read) = Valid[m.Which];
                byte[] copy = (byte[])message.Clone();
                foreach ((int at, byte value) in m.Flips)
                {
                    copy[at % copy.Length] = value;
                }

                int cut = m.Cut % (copy.Length + 1);
                OperationStatus status = read(copy.AsSpan(0, cut), out int consumed, out TunnelError error);
                bool ok = status switch
                {
                    OperationStatus.Done => consumed > 0 && consumed <= cut && !error.IsError,
                    OperationStatus.InvalidData => error.IsError && error.Offset >= 0 && error.Offset <= Math.Max(cut, ProxyProtocolReader.MaxV2HeaderLength),
                    _ => status == OperationStatus.NeedMoreData,
                };

                // The promise: invalid data stays invalid with more bytes after it.
                if (status == OperationStatus.InvalidData)
                {
                    byte[] longer = TunnelStreams.Concat(copy.AsSpan(0, cut).ToArray(), new byte[64]);
                    ok &= read(longer, out _, out _) == OperationStatus.InvalidData;
                }

                // Unmutated truncations need more data.
                if (m.Flips.Length == 0 && cut < message.Length)
                {
                    ok &= status == OperationStatus.NeedMoreData;
                }

                return ok;
            });
    }
}
