#region Describe
using System.Buffers;
using System.Collections.Generic;
using System.Text;
using Tsid.Quic;
using Tsid.Tls;
#endregion

namespace Tsid.Docs.Tests.Samples
{
    /// <summary>The code of docs/quic.md, called by <see cref="QuicSampleTests"/>.</summary>
    internal static class QuicSamples
    {
        public static string CallDescribe(IEnumerable<(bool FromClient, byte[] Datagram)> datagrams) => Describe(datagrams);

        #region Describe
        static string Describe(IEnumerable<(bool FromClient, byte[] Datagram)> datagrams)
        {
            if (!QuicConnectionObserver.DecryptionSupported)
            {
                return "QUIC Initial decryption needs .NET 8 or later"; // netstandard2.0 build of the library
            }

            using var observer = new QuicConnectionObserver();
            foreach ((bool fromClient, byte[] datagram) in datagrams)
            {
                // Demultiplex by content (RFC 8999 invariants), not by port.
                if (!QuicPacket.IsLikelyQuic(datagram))
                {
                    continue;
                }

                TlsDirection direction = fromClient ? TlsDirection.ClientToServer : TlsDirection.ServerToClient;
                if (observer.Feed(direction, datagram) == OperationStatus.InvalidData && observer.Error.Code != QuicErrorCode.AeadTagMismatch)
                {
                    break; // observer.Error: code, datagram, offset, packet
                }
            }

            TlsConnectionObserver handshake = observer.Handshake; // the same reassembler and parsers as TLS over TCP
            var text = new StringBuilder();
            text.Append("version=").Append(observer.Version); // v1, v2, draft-29 or 0x…
            text.Append(" sni=").Append(observer.GetServerNameString() ?? "(none)");
            text.Append(" initials=").Append(observer.InitialPacketCount);
            text.Append(" retry=").Append(observer.RetrySeen);
            if (handshake.TryGetServerHello(out ServerHello hello))
            {
                text.Append(" tls=").Append(hello.NegotiatedVersion);
                text.Append(" cipher=0x").Append(hello.CipherSuite.ToString("x4"));
                text.Append(" group=").Append(hello.KeyShareGroup);
            }

            text.Append(" certificate=").Append(observer.ServerCertificateVisibility); // EncryptedTls13: in Handshake packets
            text.Append(" error=").Append(observer.Error);
            return text.ToString();
        }
        #endregion
    }
}
