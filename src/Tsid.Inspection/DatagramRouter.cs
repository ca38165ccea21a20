using System;
using System.Buffers.Binary;
using Tsid.Capture;
using Tsid.Dtls;

namespace Tsid.Inspection
{
    /// <summary>
    /// Tells <see cref="CaptureInspector"/> what a UDP datagram carries, by content and on any port: DTLS by the RFC 7983
    /// first-byte demultiplexing and a plausible record header (<see cref="DtlsRecord.IsLikelyDtls"/>), so STUN, TURN and
    /// RTP beside it on a WebRTC 5-tuple are left out; QUIC by its long or short header; anything else is other UDP. Also says which datagrams may open a
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

        // RFC 9000 15 and RFC 9369 3.1.
        private const uint QuicVersion1 = 0x00000001;
        private const uint QuicVersion2 = 0x6b3343cf;

        public static UdpPayloadKind Classify(ReadOnlySpan<byte> datagram, out UdpFlowOpening opening)
        {
            opening = UdpFlowOpening.None;
            if (DtlsRecord.IsLikelyDtls(datagram))
            {
                opening = DtlsOpening(datagram);
                return UdpPayloadKind.Dtls;
            }

            if (IsLikelyQuic(datagram, out opening))
            {
                return UdpPayloadKind.Quic;
            }

            return UdpPayloadKind.Other;
        }

        /// <summary>The version of a QUIC long header (RFC 8999 5.1: bytes 1-4), or 0 for a short header or too short a datagram.</summary>
        public static uint QuicLongHeaderVersion(ReadOnlySpan<byte> datagram) =>
            datagram.Length >= 5 && (datagram[0] & 0x80) != 0 ? BinaryPrimitives.ReadUInt32BigEndian(datagram.Slice(1)) : 0;

        /// <summary>
        /// The seam to <c>Tsid.Quic.QuicPacket.IsLikelyQuic</c>, which takes its place when the QUIC transport is merged:
        /// the QUIC invariants (RFC 8999 5) plus the fixed bit (RFC 9000 17.2). A long header opens a flow when it is an
        /// Initial (RFC 9000 17.2.2: type 0 in v1 and the drafts; RFC 9369 3.2: type 1 in v2) or of a version this
        /// router does not know (the client speaks first whatever the version), in a datagram of at least
        /// <see cref="MinInitialDatagramLength"/> bytes; Version Negotiation (version 0) and short headers do not.
        /// </summary>
        private static bool IsLikelyQuic(ReadOnlySpan<byte> datagram, out UdpFlowOpening opening)
        {
            opening = UdpFlowOpening.None;
            if (datagram.IsEmpty || (datagram[0] & 0x40) == 0)
            {
                return false;
            }

            if ((datagram[0] & 0x80) == 0)
            {
                // A short header: 1 + a connection ID the endpoints chose + at least 4 bytes of protected payload, and
                // more (RFC 9000 17.3: the sample for header protection needs 20 bytes after the packet number offset).
                return datagram.Length >= 21;
            }

            // Long header: first byte, version(4), DCID length(1) ≤ 20 in v1 (any up to 255 by the invariants), DCID,
            // SCID length(1), SCID.
            if (datagram.Length < 7)
            {
                return false;
            }

            uint version = BinaryPrimitives.ReadUInt32BigEndian(datagram.Slice(1));
            int dcid = datagram[5];
            if (6 + dcid >= datagram.Length || 7 + dcid + datagram[6 + dcid] > datagram.Length)
            {
                return false;
            }

            if (version == 0)
            {
                return true;
            }

            int type = (datagram[0] >> 4) & 3;
            bool initial = version switch
            {
                QuicVersion1 => type == 0,
                QuicVersion2 => type == 1,
                _ when (version & 0xffffff00) == 0xff000000 => type == 0,
                _ => true,
            };
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
