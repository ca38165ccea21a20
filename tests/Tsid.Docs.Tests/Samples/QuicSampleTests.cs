using System;
using Tsid.Tests.Quic;
using System.Collections.Generic;
using Xunit;

namespace Tsid.Docs.Tests.Samples
{
    /// <summary>Runs the block of docs/quic.md on the RFC 9001 Appendix A.2 client Initial and A.3 server Initial.</summary>
    public class QuicSampleTests
    {
        public const string Expected = "version=v1 sni=example.com initials=2 retry=False tls=Tls13 cipher=0x1301 group=X25519 certificate=EncryptedTls13 error=None";

        // RFC 9001 A.2 (client Initial, 1200 bytes) and A.3 (server Initial).
        private static readonly byte[] ClientInitial = QuicVectors.V1ClientInitial;

        private static readonly byte[] ServerInitial = QuicVectors.V1ServerInitial;

        [Fact]
        public void Describe_prints_what_the_docs_show_for_the_RFC_9001_Initials()
        {
            Assert.Equal(Expected, QuicSamples.CallDescribe(new List<(bool, byte[])> { (true, ClientInitial), (false, ServerInitial) }));
        }

        [Fact]
        public void Describe_reports_a_corrupt_Initial_at_its_offset()
        {
            byte[] corrupt = (byte[])ClientInitial.Clone();
            corrupt[600] ^= 0x01;
            Assert.Equal("version=v1 sni=(none) initials=0 retry=False certificate=Unknown error=AeadTagMismatch@0:0#0", QuicSamples.CallDescribe(new List<(bool, byte[])> { (true, corrupt) }));
        }
    }
}
