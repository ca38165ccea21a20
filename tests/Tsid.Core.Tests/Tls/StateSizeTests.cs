using System;
using Tsid.Tests.Support;
using Tsid.Tls;
using Xunit;

namespace Tsid.Tests.Tls
{
    /// <summary>The per-connection state sizes docs/tls.md promises (heap bytes, not time).</summary>
    public class StateSizeTests
    {
        [Fact]
        public void A_record_layer_with_its_reassembler_is_under_256_bytes_and_an_observer_about_1_KB()
        {
            // The shared default limits are created once per process; do not count them.
            GC.KeepAlive(TlsHandshakeLimits.Default);
            long before = GC.GetAllocatedBytesForCurrentThread();
            var reassembler = new TlsRecordLayer();
            long reassemblerBytes = GC.GetAllocatedBytesForCurrentThread() - before;
            before = GC.GetAllocatedBytesForCurrentThread();
            var observer = new TlsConnectionObserver();
            long observerBytes = GC.GetAllocatedBytesForCurrentThread() - before;
            GC.KeepAlive(reassembler);
            GC.KeepAlive(observer);
            Assert.InRange(reassemblerBytes, 1, 256);
            Assert.InRange(observerBytes, 1, 1200);
        }

        [Fact]
        public void A_reused_observer_allocates_nothing_per_connection()
        {
            (byte[] c2s, byte[] s2c) = FixtureHandshakeTests.Load("tls12-nosni-cisco-chain3");
            using var observer = new TlsConnectionObserver();
            for (int warm = 0; warm < 3; warm++)
            {
                observer.Reset();
                observer.Feed(TlsDirection.ClientToServer, c2s);
                observer.Feed(TlsDirection.ServerToClient, s2c);
            }

            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 20; i++)
            {
                observer.Reset();
                observer.Feed(TlsDirection.ClientToServer, c2s);
                observer.Feed(TlsDirection.ServerToClient, s2c);
                observer.TryGetServerCertificates(out _);
            }

            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
            Assert.Equal(TlsCertificateVisibility.Visible, observer.ServerCertificateVisibility);
        }
    }
}
