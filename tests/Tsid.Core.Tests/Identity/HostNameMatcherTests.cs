using System;
using System.Text;
using Tsid.Identity;
using Xunit;

namespace Tsid.Tests.Identity
{
    public class HostNameMatcherTests
    {
        [Theory]
        [InlineData("tools.cisco.com", "tools.cisco.com", NameMatchResult.Match)]
        [InlineData("TOOLS.Cisco.com", "tools.cisco.COM", NameMatchResult.Match)]
        [InlineData("tools.cisco.com.", "tools.cisco.com", NameMatchResult.Match)]
        [InlineData("tools.cisco.com", "tools.cisco.com.", NameMatchResult.Match)]
        [InlineData("toos.cisco.com", "tools.cisco.com", NameMatchResult.NoMatch)]
        [InlineData("*.cisco.com", "tools.cisco.com", NameMatchResult.Match)]
        [InlineData("*.cisco.com", "a.b.cisco.com", NameMatchResult.NoMatch)]
        [InlineData("*.cisco.com", "cisco.com", NameMatchResult.NoMatch)]
        [InlineData("*.com", "cisco.com", NameMatchResult.NoMatch)]
        [InlineData("*", "localhost", NameMatchResult.NoMatch)]
        [InlineData("*.example.com", "xn--bcher-kva.example.com", NameMatchResult.Match)]
        [InlineData("f*.example.com", "foo.example.com", NameMatchResult.NoMatch)]
        [InlineData("a.*.example.com", "a.b.example.com", NameMatchResult.InvalidInput)]
        [InlineData("*.*.example.com", "a.b.example.com", NameMatchResult.InvalidInput)]
        [InlineData("tools.cisco.com", "*.cisco.com", NameMatchResult.InvalidInput)]
        [InlineData("tools cisco", "tools.cisco.com", NameMatchResult.InvalidInput)]
        [InlineData("tools.cisco.com", "", NameMatchResult.InvalidInput)]
        [InlineData("tools..cisco.com", "tools.cisco.com", NameMatchResult.InvalidInput)]
        [InlineData("10.42.0.243", "10.42.0.243", NameMatchResult.NoMatch)]
        [InlineData("*.0.243", "10.42.0.243", NameMatchResult.NoMatch)]
        public void Rfc6125_host_matching(string presented, string reference, NameMatchResult expected)
        {
            Assert.Equal(expected, HostNameMatcher.Match(presented.AsSpan(), reference.AsSpan()));
            Assert.Equal(expected, HostNameMatcher.Match(Encoding.ASCII.GetBytes(presented), Encoding.ASCII.GetBytes(reference)));
            Assert.Equal(expected, HostNameMatcher.Match(Encoding.ASCII.GetBytes(presented), reference.AsSpan()));
        }

        [Theory]
        [InlineData("f*.example.com", "foo.example.com", NameMatchResult.Match)]
        [InlineData("*oo.example.com", "foo.example.com", NameMatchResult.Match)]
        [InlineData("b*z.example.com", "buzz.example.com", NameMatchResult.Match)]
        [InlineData("b*z.example.com", "bar.example.com", NameMatchResult.NoMatch)]
        [InlineData("foo*.example.com", "fo.example.com", NameMatchResult.NoMatch)]
        [InlineData("x*.example.com", "xn--bcher-kva.example.com", NameMatchResult.NoMatch)]
        [InlineData("*.example.com", "foo.example.com", NameMatchResult.Match)]
        public void Partial_label_wildcards_only_by_option(string presented, string reference, NameMatchResult expected)
        {
            Assert.Equal(expected, HostNameMatcher.Match(presented.AsSpan(), reference.AsSpan(), HostNameMatchOptions.AllowPartialLabelWildcards));
        }

        [Fact]
        public void Non_ascii_bytes_are_invalid_input()
        {
            Assert.Equal(NameMatchResult.InvalidInput, HostNameMatcher.Match(Encoding.UTF8.GetBytes("bücher.de"), Encoding.ASCII.GetBytes("bucher.de")));
        }

        [Theory]
        [InlineData(new byte[] { 10, 42, 0, 243 }, "10.42.0.243", NameMatchResult.Match)]
        [InlineData(new byte[] { 10, 42, 0, 243 }, "10.42.0.244", NameMatchResult.NoMatch)]
        [InlineData(new byte[] { 10, 42, 0, 243 }, "010.42.0.243", NameMatchResult.InvalidInput)]
        [InlineData(new byte[] { 10, 42, 0, 243 }, "10.42.0", NameMatchResult.InvalidInput)]
        [InlineData(new byte[] { 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 }, "2001:db8::1", NameMatchResult.Match)]
        [InlineData(new byte[] { 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 }, "2001:DB8:0:0:0:0:0:1", NameMatchResult.Match)]
        [InlineData(new byte[] { 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1 }, "2001:db8::2", NameMatchResult.NoMatch)]
        [InlineData(new byte[] { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 1, 2, 3, 4 }, "::ffff:1.2.3.4", NameMatchResult.Match)]
        [InlineData(new byte[] { 1, 2, 3 }, "1.2.3.4", NameMatchResult.InvalidInput)]
        [InlineData(new byte[] { 10, 42, 0, 243 }, "2001:db8::1:", NameMatchResult.InvalidInput)]
        public void IP_address_matching(byte[] presented, string reference, NameMatchResult expected)
        {
            Assert.Equal(expected, HostNameMatcher.MatchIPAddress(presented, reference.AsSpan()));
        }

        [Theory]
        [InlineData("2001:db8::1", "2001:db8::1")]
        [InlineData("2001:0db8:0000:0000:0000:0000:0000:0001", "2001:db8::1")]
        [InlineData("::", "::")]
        [InlineData("::1", "::1")]
        [InlineData("1::", "1::")]
        [InlineData("2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1")]
        [InlineData("2001:0:0:1:0:0:0:1", "2001:0:0:1::1")]
        [InlineData("2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1")]
        [InlineData("::ffff:192.0.2.1", "::ffff:192.0.2.1")]
        [InlineData("192.0.2.1", "192.0.2.1")]
        public void Addresses_format_as_RFC5952_text_like_IPAddress(string input, string expected)
        {
            Span<byte> address = stackalloc byte[16];
            int length = IPAddressText.TryParse(input.AsSpan(), address);
            Assert.NotEqual(0, length);
            Assert.Equal(System.Net.IPAddress.Parse(input).GetAddressBytes(), address.Slice(0, length).ToArray());
            Span<char> text = stackalloc char[IPAddressText.MaxLength];
            Assert.True(IPAddressText.TryFormat(address.Slice(0, length), text, out int written));
            Assert.Equal(expected, text.Slice(0, written).ToString());
            Assert.Equal(System.Net.IPAddress.Parse(input).ToString(), expected);
        }
    }
}
