using System.Net;
using Tsid.Policy;
using Xunit;

namespace Tsid.Tests.Policy
{
    public class IpNetworkTests
    {
        [Theory]
        [InlineData("10.12.1.0/24", "10.12.1.7", true)]
        [InlineData("10.12.1.0/24", "10.12.2.7", false)]
        [InlineData("10.12.1.0/24", "::ffff:10.12.1.9", true)]
        [InlineData("10.12.1.5", "10.12.1.5", true)]
        [InlineData("10.12.1.5", "10.12.1.6", false)]
        [InlineData("0.0.0.0/0", "192.0.2.1", true)]
        [InlineData("0.0.0.0/0", "2001:db8::1", false)]
        [InlineData("2001:db8::/32", "2001:db8:1::1", true)]
        [InlineData("2001:db8::/32", "2001:db9::1", false)]
        [InlineData("2001:db8:0:0:8000::/65", "2001:db8::8000:0:0:1", true)]
        [InlineData("2001:db8:0:0:8000::/65", "2001:db8::1", false)]
        [InlineData("::/0", "::1", true)]
        public void Contains(string cidr, string address, bool expected) =>
            Assert.Equal(expected, IpNetwork.Parse(cidr).Contains(IPAddress.Parse(address)));

        [Theory]
        [InlineData("10.12.1.0/33")]
        [InlineData("10.12.1.1/24")]
        [InlineData("10.12.1/24")]
        [InlineData("banana")]
        [InlineData("10.0.0.0/-1")]
        [InlineData("fe80::1%eth0/64")]
        [InlineData("")]
        public void Bad_networks_are_rejected_with_a_reason(string cidr)
        {
            Assert.False(IpNetwork.TryParse(cidr, out _, out string? error));
            Assert.False(string.IsNullOrEmpty(error));
        }

        [Fact]
        public void Round_trips_through_text()
        {
            Assert.Equal("10.12.1.0/24", IpNetwork.Parse("10.12.1.0/24").ToString());
            Assert.Equal("2001:db8::/32", IpNetwork.Parse("2001:db8::/32").ToString());
            Assert.False(IpNetwork.Parse("10.0.0.0/8").Contains(null));
        }

        [Theory]
        [InlineData("443", 443, 443)]
        [InlineData("8000-8443", 8000, 8443)]
        public void Port_ranges_parse(string text, int first, int last)
        {
            Assert.True(PortRange.TryParse(text, out PortRange r));
            Assert.Equal(first, r.First);
            Assert.Equal(last, r.Last);
            Assert.True(r.Contains(first) && r.Contains(last) && !r.Contains(last + 1) && !r.Contains(first - 1));
        }

        [Theory]
        [InlineData("0")]
        [InlineData("65536")]
        [InlineData("9-1")]
        [InlineData("x")]
        public void Bad_port_ranges_are_rejected(string text) => Assert.False(PortRange.TryParse(text, out _));
    }
}
