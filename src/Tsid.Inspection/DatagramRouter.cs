using System;
using System.Buffers.Binary;
using Tsid.Capture;
using Tsid.Dtls;
using Tsid.Quic;

namespace Tsid.Inspection
{
    /// <summary>
    /// Tells <see cref="CaptureInspector"/> what a UDP datagram carries, by content and on any port: DTLS by the RFC 7983
    /// first-byte demultiplexing and a plausible record header (<see cref="DtlsRecord.IsLikelyDtls"/>), so STUN, TURN and
    /// RTP beside it on a WebRTC 5-tuple are left out; QUIC by its invariants (<see cref="QuicPacket.IsLikelyQuic"/>); anything else is other UDP. Also says which datagrams may open a
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

        /// <summary>The smallest datagram a client may send an Initial in (RFC 9000 14.1).</summary>
        public const int MinInitialDatagramLength = 1200;


        public static UdpPayloadKind Classify(ReadOnlySpan<byte> datagram, out UdpFlowOpening opening)
        {
            opening = UdpFlowOpening.None;
            if (DtlsRecord.IsLikelyDtls(datagram))
            {
                opening = DtlsOpening(datagram);
                return UdpPayloadKind.Dtls;
            }

            if (IsQuic(datagram, out opening))
            {
                return UdpPayloadKind.Quic;
            }

            return UdpPayloadKind.Other;
        }

        /// <summary>
        /// QUIC by its invariants (<see cref="QuicPacket.IsLikelyQuic"/>). A long header opens a flow when it is an Initial
        /// (<see cref="QuicPacket.TypeOf"/>: type 0 in v1 and the drafts, 1 in v2) or of a version not read here (the
        /// client speaks first whatever the version; the observer reports the version), in a datagram of at least
        /// <see cref="MinInitialDatagramLength"/> bytes; Version Negotiation (version 0) and short headers do not.
        /// </summary>
        private static bool IsQuic(ReadOnlySpan<byte> datagram, out UdpFlowOpening opening)
        {
            opening = UdpFlowOpening.None;
            if (!QuicPacket.IsLikelyQuic(datagram))
            {
                return false;
            }

            if ((datagram[0] & 0x80) == 0)
            {
                return true;
            }

            var version = new QuicVersion(BinaryPrimitives.ReadUInt32BigEndian(datagram.Slice(1)));
            bool initial = !version.IsNone && (!version.IsSupported || QuicPacket.TypeOf(datagram[0], version) == QuicPacketType.Initial);

            // A client pads every datagram carrying an Initial to 1200 bytes (RFC 9000 14.1): smaller ones do not open a
            // flow, which also keeps DNS queries and other short datagrams whose first byte looks like a long header out.
            opening = initial && datagram.Length >= MinInitialDatagramLength ? UdpFlowOpening.SenderIsClient : UdpFlowOpening.None;
            return true;
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
