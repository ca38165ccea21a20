using Tsid.Tls;
using Xunit;

namespace Tsid.Tests.Tls
{
    public class TlsProtocolVersionTests
    {
        [Theory]
        [InlineData(TlsProtocolVersion.Ssl30, 0x0300)]
        [InlineData(TlsProtocolVersion.Tls10, 0x0301)]
        [InlineData(TlsProtocolVersion.Tls11, 0x0302)]
        [InlineData(TlsProtocolVersion.Tls12, 0x0303)]
        [InlineData(TlsProtocolVersion.Tls13, 0x0304)]
        public void Members_carry_their_RFC_wire_values(TlsProtocolVersion version, int wire)
        {
            Assert.Equal(wire, (int)version);
        }
    }
}
