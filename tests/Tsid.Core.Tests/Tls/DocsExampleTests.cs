using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text;
using Tsid.Tests.Support;
using Tsid.Tls;
using Xunit;

namespace Tsid.Tests.Tls
{
    /// <summary>The examples of docs/tls.md, compiled and run (keep the two in step).</summary>
    public class DocsExampleTests
    {
        // docs/tls.md "Quick start"
        private static string Describe(IEnumerable<(bool FromClient, byte[] Bytes)> segments)
        {
            using var observer = new TlsConnectionObserver();
            foreach ((bool fromClient, byte[] bytes) in segments)
            {
                TlsDirection direction = fromClient ? TlsDirection.ClientToServer : TlsDirection.ServerToClient;
                OperationStatus status = observer.Feed(direction, bytes);
                if (status == OperationStatus.InvalidData)
                {
                    break; // observer.ClientError / ServerError say what and where
                }
            }

            var text = new StringBuilder();
            text.Append("sni=").Append(observer.GetServerNameString() ?? "(none)");
            text.Append(" version=").Append(observer.NegotiatedVersion);
            text.Append(" certificate=").Append(observer.ServerCertificateVisibility);
            if (observer.TryGetServerCertificates(out CertificateMessage chain))
            {
                text.Append(" chain=").Append(chain.Count);
                if (chain.TryGetLeaf(out ReadOnlySpan<byte> leafDer))
                {
                    text.Append(" leaf=").Append(leafDer.Length).Append(" bytes");
                }
            }

            for (int i = 0; i < Math.Min(observer.AlertCount, TlsConnectionObserver.MaxAlertsKept); i++)
            {
                text.Append(" alert=").Append(observer.GetAlert(i));
            }

            if (observer.HasError)
            {
                text.Append(" errors=").Append(observer.ClientError).Append('/').Append(observer.ServerError);
            }

            return text.ToString();
        }

        [Fact]
        public void Quick_start_describes_a_recorded_connection()
        {
            (byte[] c2s, byte[] s2c) = FixtureHandshakeTests.Load("tls12-sni-alpn");
            string described = Describe(new[] { (true, c2s), (false, s2c) });
            Assert.StartsWith("sni=tls-test.example version=Tls12 certificate=Visible chain=1 leaf=", described);
            Assert.DoesNotContain("errors", described);
        }

        [Fact]
        public void Reassembler_loop_of_the_docs()
        {
            // docs/tls.md "The reassembler"
            byte[] stream = Fixture.Bytes("Tls/tls13-sni-alpn.c2s.bin");
            using var reassembler = new TlsRecordLayer();
            string? sni = null;
            ReadOnlySpan<byte> data = stream;
            while (true)
            {
                OperationStatus status = reassembler.Read(data, out int consumed, out TlsFrame frame);
                data = data.Slice(consumed);
                if (status != OperationStatus.Done)
                {
                    break; // NeedMoreData: wait for the next segment; InvalidData: reassembler.Error
                }

                if (frame.Kind == TlsFrameKind.HandshakeMessage && frame.HandshakeType == TlsHandshakeType.ClientHello
                    && ClientHello.TryParse(frame.Body, out ClientHello hello, out TlsError error)
                    && hello.TryGetServerName(out ReadOnlySpan<byte> name))
                {
                    sni = Encoding.ASCII.GetString(name);
                }
            }

            Assert.Equal("tls-test.example", sni);
            Assert.True(reassembler.IsEncrypted);
        }
    }
}
