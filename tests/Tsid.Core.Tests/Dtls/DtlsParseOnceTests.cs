using System;
using System.Collections.Generic;
using Tsid.Dtls;
using Tsid.Tls;
using Xunit;

namespace Tsid.Tests.Dtls
{
    /// <summary>Retransmitted flights are not parsed again, and a warm observer feeds a whole handshake without allocating.</summary>
    public class DtlsParseOnceTests
    {
        [Fact]
        public void Each_message_is_parsed_once_however_often_it_is_retransmitted()
        {
            List<(TlsDirection Direction, byte[] Data)> datagrams = DtlsRecording.Load(DtlsOpenSslRecordingTests.RecordingName);
            ParseCounters.Reset();
            using var o = new DtlsConnectionObserver();
            for (int round = 0; round < 3; round++)
            {
                foreach ((TlsDirection direction, byte[] data) in datagrams)
                {
                    o.Feed(direction, data);
                }
            }

            Assert.False(o.HasError, o.Error.ToString());
            Assert.Equal(2, ParseCounters.ClientHello); // the first hello and the one with the cookie
            Assert.Equal(1, ParseCounters.ServerHello);
            Assert.Equal(1, ParseCounters.CertificateMessage);
            Assert.True(o.RetransmittedFragmentCount >= 2 * 10, "retransmitted: " + o.RetransmittedFragmentCount);
        }

        [Fact]
        public void A_warm_observer_allocates_nothing_for_a_whole_handshake()
        {
            List<(TlsDirection Direction, byte[] Data)> datagrams = DtlsRecording.Load(DtlsOpenSslRecordingTests.RecordingName);
            using var o = new DtlsConnectionObserver();
            Run(o, datagrams);
            Run(o, datagrams);
            long before = GC.GetAllocatedBytesForCurrentThread();
            Run(o, datagrams);
            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.Equal(0, allocated);
            Assert.Equal(DtlsRecording.ServerName, o.GetServerNameString());
        }

        private static void Run(DtlsConnectionObserver o, List<(TlsDirection Direction, byte[] Data)> datagrams)
        {
            o.Reset();
            foreach ((TlsDirection direction, byte[] data) in datagrams)
            {
                o.Feed(direction, data);
            }

            Assert.True(o.Handshake.TryGetServerCertificates(out _));
        }
    }
}
