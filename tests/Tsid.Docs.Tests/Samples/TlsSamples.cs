#region Describe
using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text;
using Tsid.Tls;
#endregion

namespace Tsid.Docs.Tests.Samples
{
    /// <summary>The code of docs/tls.md, called by <see cref="TlsSampleTests"/>.</summary>
    internal static class TlsSamples
    {
        public static string CallDescribe(IEnumerable<(bool FromClient, byte[] Bytes)> segments) => Describe(segments);

        #region Describe
        static string Describe(IEnumerable<(bool FromClient, byte[] Bytes)> segments)
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
                    text.Append(" leaf=").Append(leafDer.Length).Append(" bytes"); // hand leafDer to Tsid.X509.Certificate.TryParse
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
        #endregion

        /// <summary>The record-layer loop over one segment: the SNI it found, whether the direction is encrypted now, and the bytes left.</summary>
        public static (string? Sni, bool Encrypted, int Left) RecordLayerLoop(byte[] segment)
        {
            #region RecordLayer
            string? sni = null;
            using var recordLayer = new TlsRecordLayer();
            ReadOnlySpan<byte> data = segment;            // the next bytes of this direction, any size
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
                    sni = Encoding.ASCII.GetString(name); // name is a view: copy it (here to a string) to keep it past the next Read
                }
            }
            #endregion

            return (sni, recordLayer.IsEncrypted, data.Length);
        }

        /// <summary>The offset entry of the handshake reassembler, fed frames of a handshake stream in the order given.</summary>
        public static (string? Sni, long NextOffset) ReassembleFrames(IEnumerable<(long Offset, byte[] Data)> frames)
        {
            #region Reassembler
            string? sni = null;
            using var reassembler = new HandshakeMessageReassembler();
            foreach ((long frameOffset, byte[] frameData) in frames)      // e.g. QUIC CRYPTO frames, in the order they came
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
            #endregion

            return (sni, reassembler.NextOffset);
        }
    }
}
