using System;
using Tsid.Capture;
using Tsid.Dtls;

namespace Tsid.Inspection
{
    /// <summary>
    /// Tells <see cref="CaptureInspector"/> what a UDP datagram carries, by content and on any port: DTLS by the RFC 7983
    /// first-byte demultiplexing and a plausible record header (<see cref="DtlsRecord.IsLikelyDtls"/>), so STUN, TURN and
    /// RTP beside it on a WebRTC 5-tuple are left out; anything else is other UDP. Also says which datagrams may open a
    /// flow and who sent them, because UDP has no SYN to orient a flow by.
    /// </summary>
    internal static class DatagramRouter
    {
        // RFC 6347 4.1 / RFC 5246 6.2.1: content type 22 is handshake; RFC 6347 4.2.2: the handshake header follows the
        // 13-byte record header, its first byte the HandshakeType.
        private const byte ContentTypeHandshake = 22;
        private const byte ClientHello = 1;
        private const byte ServerHello = 2;
        private const byte HelloVerifyRequest = 3;
        private const byte Certificate = 11;

        public static UdpPayloadKind Classify(ReadOnlySpan<byte> datagram, out UdpFlowOpening opening)
        {
            opening = UdpFlowOpening.None;
            if (DtlsRecord.IsLikelyDtls(datagram))
            {
                opening = DtlsOpening(datagram);
                return UdpPayloadKind.Dtls;
            }

            return UdpPayloadKind.Other;
        }

        /// <summary>
        /// A plaintext handshake record of epoch 0 opens a flow: the ClientHello's sender is the client; a ServerHello,
        /// HelloVerifyRequest or Certificate shows the sender is the server (the client's flight was not captured).
        /// Encrypted records (a later epoch, or the DTLS 1.3 unified header) cannot open one: there is nothing to read.
        /// </summary>
        private static UdpFlowOpening DtlsOpening(ReadOnlySpan<byte> datagram)
        {
            if (datagram.Length <= DtlsRecord.HeaderLength || datagram[0] != ContentTypeHandshake || datagram[3] != 0 || datagram[4] != 0)
            {
                return UdpFlowOpening.None;
            }

            return datagram[DtlsRecord.HeaderLength] switch
            {
                ClientHello => UdpFlowOpening.SenderIsClient,
                ServerHello or HelloVerifyRequest or Certificate => UdpFlowOpening.SenderIsServer,
                _ => UdpFlowOpening.None,
            };
        }
    }
}
