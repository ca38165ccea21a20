#region Describe
using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text;
using Tsid.Dtls;
using Tsid.Tls;
using Tsid.X509;
#endregion

namespace Tsid.Docs.Tests.Samples
{
    /// <summary>The code of docs/dtls.md, called by <see cref="DtlsSampleTests"/>.</summary>
    internal static class DtlsSamples
    {
        public static string CallDescribe(IEnumerable<(bool FromClient, byte[] Datagram)> datagrams) => Describe(datagrams);

        #region Describe
        static string Describe(IEnumerable<(bool FromClient, byte[] Datagram)> datagrams)
        {
            using var observer = new DtlsConnectionObserver();
            int other = 0;
            foreach ((bool fromClient, byte[] datagram) in datagrams)
            {
                // RFC 7983: on a WebRTC port STUN, TURN channels, RTP/RTCP and DTLS share the 5-tuple.
                if (DtlsRecord.Classify(datagram) != DatagramKind.Dtls)
                {
                    other++; // hand it to a STUN or RTP reader instead
                    continue;
                }

                TlsDirection direction = fromClient ? TlsDirection.ClientToServer : TlsDirection.ServerToClient;
                if (observer.Feed(direction, datagram) == OperationStatus.InvalidData)
                {
                    break; // observer.Error: code, datagram, offset
                }
            }

            TlsConnectionObserver handshake = observer.Handshake; // the TLS view: one reassembler, one set of parsers
            var text = new StringBuilder();
            text.Append("sni=").Append(observer.GetServerNameString() ?? "(none)");
            text.Append(" version=").Append(observer.Version);
            text.Append(" hello_verify=").Append(observer.HelloVerifyRequestSeen);
            if (handshake.TryGetClientHello(out ClientHello hello))
            {
                text.Append(" cookie=").Append(hello.Cookie.Length); // the hello that continued the handshake
            }

            text.Append(" certificate=").Append(observer.ServerCertificateVisibility);
            if (handshake.TryGetServerCertificates(out CertificateMessage chain) && chain.TryGetLeaf(out ReadOnlySpan<byte> der)
                && Certificate.TryParse(der, out Certificate leaf, out _))
            {
                foreach (AttributeTypeAndValue cn in leaf.Subject.EnumerateAttributes(AttributeType.CommonName))
                {
                    text.Append(" leaf_cn=").Append(cn.Value.GetString());
                }
            }

            text.Append(" fragments=").Append(observer.HandshakeFragmentCount);
            text.Append(" encrypted_records=").Append(observer.EncryptedRecordCount);
            text.Append(" other_datagrams=").Append(other);
            if (observer.HasError)
            {
                text.Append(" error=").Append(observer.Error);
            }

            return text.ToString();
        }
        #endregion
    }
}
