using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography.X509Certificates;
using Tsid.Dtls;
using Tsid.Tls;
using Xunit;

namespace Tsid.Tests.Dtls
{
    /// <summary>
    /// A DTLS 1.2 handshake recorded from OpenSSL with a 300-byte MTU, so the Certificate travels in several
    /// fragments: live when <c>openssl</c> is installed, and always from the committed recording made the same way
    /// (Fixtures/Dtls/README.md).
    /// </summary>
    public class DtlsOpenSslRecordingTests
    {
        public const string RecordingName = "openssl-dtls12-mtu300.datagrams";

        [Fact]
        public void Committed_recording()
        {
            Check(DtlsRecording.Load(RecordingName));
        }

        [Fact]
        public void Live_OpenSSL_handshake_through_a_recording_relay()
        {
            if (!DtlsRecording.OpenSslAvailable())
            {
                // Without openssl the committed recording (made this way) is the evidence: see Committed_recording.
                Check(DtlsRecording.Load(RecordingName));
                return;
            }

            List<(TlsDirection, byte[])> datagrams = DtlsRecording.RecordOpenSsl("-dtls1_2", 300);
            string? target = Environment.GetEnvironmentVariable("TSID_RECORD_DTLS_FIXTURES");
            if (!string.IsNullOrEmpty(target))
            {
                File.WriteAllBytes(Path.Combine(target, RecordingName), DtlsRecording.Encode(datagrams));
            }

            Check(datagrams);
        }

        private static void Check(List<(TlsDirection Direction, byte[] Data)> datagrams)
        {
            Assert.True(datagrams.Count >= 6, "datagrams: " + datagrams.Count);
            using var o = new DtlsConnectionObserver();
            foreach ((TlsDirection direction, byte[] data) in datagrams)
            {
                Assert.True(data.Length <= 300, "a datagram larger than the MTU");
                o.Feed(direction, data);
            }

            Assert.False(o.HasError, o.Error.ToString());
            Assert.False(o.Handshake.HasError, o.Handshake.ClientError + " / " + o.Handshake.ServerError);
            Assert.Equal(DtlsRecording.ServerName, o.GetServerNameString());
            Assert.True(o.HelloVerifyRequestSeen);
            Assert.True(o.HelloVerifyRequestCookieLength > 0);
            Assert.True(o.Handshake.TryGetClientHello(out ClientHello hello));
            Assert.Equal(o.HelloVerifyRequestCookieLength, hello.Cookie.Length);
            Assert.Equal(TlsProtocolVersion.Dtls12, o.Version);
            Assert.Equal(TlsCertificateVisibility.Visible, o.ServerCertificateVisibility);
            Assert.True(o.ClientEncrypted);
            Assert.True(o.ServerEncrypted);
            Assert.True(o.HandshakeFragmentCount > 8, "the small MTU should fragment the flight: " + o.HandshakeFragmentCount);

            Assert.True(o.Handshake.TryGetServerCertificates(out CertificateMessage chain));
            Assert.True(chain.TryGetLeaf(out ReadOnlySpan<byte> der));
            using X509Certificate2 expected = X509CertificateLoader.LoadCertificateFromFile(DtlsRecording.FixturePath("server.cert.pem"));
            Assert.Equal(expected.RawData, der.ToArray());
        }
    }
}
