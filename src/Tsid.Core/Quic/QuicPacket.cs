using System;

namespace Tsid.Quic
{
    /// <summary>What a datagram's first bytes say about QUIC, before any state: for demultiplexing UDP by content.</summary>
    public static class QuicPacket
    {
        /// <summary>
        /// The shortest short-header packet worth the name: first byte, at least 4 bytes of packet number allowance and
        /// the 16-byte header-protection sample (RFC 9001 5.4.2), so 21 bytes.
        /// </summary>
        public const int MinShortHeaderLength = 21;

        /// <summary>
        /// True when <paramref name="datagram"/> keeps the QUIC invariants (RFC 8999 5): a long header (bit 0x80) with
        /// Version, both connection-ID lengths and IDs inside the datagram (Version 0 is Version Negotiation; any other
        /// version also needs the fixed bit 0x40, RFC 9000 17.2), or a short header with the fixed bit (RFC 9000 17.3)
        /// and at least <see cref="MinShortHeaderLength"/> bytes. Content only: no port is assumed.
        /// </summary>
        /// <param name="datagram">A UDP payload.</param>
        /// <returns>True when it may be QUIC.</returns>
        public static bool IsLikelyQuic(ReadOnlySpan<byte> datagram)
        {
            if (datagram.IsEmpty)
            {
                return false;
            }

            byte first = datagram[0];
            if ((first & 0x80) == 0)
            {
                return (first & 0x40) != 0 && datagram.Length >= MinShortHeaderLength;
            }

            // RFC 8999 5.1: first byte, Version (32), DCID Length (8), DCID (0..2040), SCID Length (8), SCID (0..2040).
            if (datagram.Length < 7)
            {
                return false;
            }

            uint version = ((uint)datagram[1] << 24) | ((uint)datagram[2] << 16) | ((uint)datagram[3] << 8) | datagram[4];
            int dcid = datagram[5];
            if (6 + dcid >= datagram.Length || 7 + dcid + datagram[6 + dcid] > datagram.Length)
            {
                return false;
            }

            if (version == 0)
            {
                // RFC 9000 17.2.1: a non-empty list of 32-bit versions follows.
                int rest = datagram.Length - (7 + dcid + datagram[6 + dcid]);
                return rest > 0 && rest % 4 == 0;
            }

            return (first & 0x40) != 0;
        }

        /// <summary>
        /// The long-header packet type of <paramref name="firstByte"/> in <paramref name="version"/>'s numbering:
        /// v1 and drafts (RFC 9000 17.2) Initial 0, 0-RTT 1, Handshake 2, Retry 3; v2 (RFC 9369 3.2) Initial 1, 0-RTT 2,
        /// Handshake 3, Retry 0. Version 0 is Version Negotiation; a short header is 1-RTT.
        /// </summary>
        /// <param name="firstByte">The packet's first byte (the type bits are not header-protected).</param>
        /// <param name="version">The packet's Version field.</param>
        /// <returns>The type.</returns>
        public static QuicPacketType TypeOf(byte firstByte, QuicVersion version)
        {
            if ((firstByte & 0x80) == 0)
            {
                return QuicPacketType.OneRtt;
            }

            if (version.IsNone)
            {
                return QuicPacketType.VersionNegotiation;
            }

            int bits = (firstByte >> 4) & 0x03;
            if (version.UsesV2PacketTypes)
            {
                bits = (bits + 3) & 0x03;
            }

            return bits switch
            {
                0 => QuicPacketType.Initial,
                1 => QuicPacketType.ZeroRtt,
                2 => QuicPacketType.Handshake,
                _ => QuicPacketType.Retry,
            };
        }
    }
}
