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
        public void Record_layer_loop_of_the_docs()
        {
            // docs/tls.md "The record layer"
            byte[] stream = Fixture.Bytes("Tls/tls13-sni-alpn.c2s.bin");
            using var recordLayer = new TlsRecordLayer();
            string? sni = null;
            ReadOnlySpan<byte> data = stream;
            while (true)
            {
                OperationStatus status = recordLayer.Read(data, out int consumed, out TlsFrame frame);
                data = data.Slice(consumed);
                if (status != OperationStatus.Done)
                {
                    break; // NeedMoreData: wait for the next segment; InvalidData: recordLayer.Error
                }

                if (frame.Kind == TlsFrameKind.HandshakeMessage && frame.HandshakeType == TlsHandshakeType.ClientHello
                    && ClientHello.TryParse(frame.Body, out ClientHello hello, out TlsError error)
                    && hello.TryGetServerName(out ReadOnlySpan<byte> name))
                {
                    sni = Encoding.ASCII.GetString(name);
                }
            }

            Assert.Equal("tls-test.example", sni);
            Assert.True(recordLayer.IsEncrypted);
        }

        [Fact]
        public void Reassembler_offset_entry_of_the_docs()
        {
            // docs/tls.md "Handshake bytes from another transport": CRYPTO frames, last one first.
            byte[] handshake = HandshakeMessageReassemblerTests.PlaintextHandshakeBytes(Fixture.Bytes("Tls/tls13-sni-alpn.c2s.bin"));
            int half = handshake.Length / 2;
            var frames = new List<(long Offset, byte[] Data)>
            {
                (half, handshake.AsSpan(half).ToArray()),
                (0, handshake.AsSpan(0, half + 10).ToArray()),
            };

            string? sni = null;
            using var reassembler = new HandshakeMessageReassembler();
            foreach ((long frameOffset, byte[] frameData) in frames)
            {
                long offset = frameOffset;
                ReadOnlySpan<byte> data = frameData;
                while (true)
                {
                    OperationStatus status = reassembler.Read(offset, data, out int consumed, out HandshakeMessage message);
                    offset += consumed;
                    data = data.Slice(consumed);
                    if (status != OperationStatus.Done)
                    {
                        break; // NeedMoreData: all taken or held for later; InvalidData: reassembler.Error
                    }

                    if (message.Type == TlsHandshakeType.ClientHello && ClientHello.TryParse(message.Body, out ClientHello hello, out _)
                        && hello.TryGetServerName(out ReadOnlySpan<byte> name))
                    {
                        sni = Encoding.ASCII.GetString(name);
                    }
                }
            }

            Assert.Equal("tls-test.example", sni);
            Assert.Equal(handshake.Length, reassembler.NextOffset);
        }
    }
}
