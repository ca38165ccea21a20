using System;
using System.Buffers.Binary;

namespace Tsid.Capture
{
    /// <summary>
    /// Decodes a captured frame (link layer → IPv4/IPv6 → TCP/UDP) into a <see cref="DecodedPacket"/> view. Never
    /// throws and never reads outside the frame; allocates nothing.
    /// </summary>
    public static class PacketDecoder
    {
        /// <summary>IANA protocol number of TCP.</summary>
        public const byte ProtocolTcp = 6;

        /// <summary>IANA protocol number of UDP.</summary>
        public const byte ProtocolUdp = 17;

        /// <summary>The most stacked VLAN tags (802.1Q / 802.1ad) read before giving up.</summary>
        public const int MaxVlanTags = 4;

        /// <summary>The most IPv6 extension headers followed before the packet is called malformed.</summary>
        public const int MaxIPv6ExtensionHeaders = 8;

        private const ushort EtherTypeIPv4 = 0x0800;
        private const ushort EtherTypeIPv6 = 0x86DD;
        private const ushort EtherTypeVlan = 0x8100;   // IEEE 802.1Q
        private const ushort EtherTypeQinQ = 0x88A8;   // IEEE 802.1ad
        private const ushort EtherTypeQinQOld = 0x9100; // pre-standard QinQ

        /// <summary>True when frames of <paramref name="linkType"/> can be decoded.</summary>
        public static bool IsSupported(LinkType linkType) => linkType switch
        {
            LinkType.Null or LinkType.Ethernet or LinkType.Raw or LinkType.Loop or LinkType.LinuxSll
                or LinkType.LinuxSll2 or LinkType.IPv4 or LinkType.IPv6 => true,
            _ => false,
        };

        /// <summary>Decodes <paramref name="frame"/>, captured on an interface of type <paramref name="linkType"/>.</summary>
        public static PacketDecodeStatus Decode(LinkType linkType, ReadOnlySpan<byte> frame, out DecodedPacket packet)
        {
            packet = default;
            packet.ErrorOffset = -1;
            int offset;
            ushort etherType;
            switch (linkType)
            {
                case LinkType.Ethernet:
                    // dst(6) src(6) type(2), then optional 802.1Q/802.1ad tags of TPID(2) TCI(2) each.
                    if (frame.Length < 14)
                    {
                        return Fail(ref packet, PacketDecodeStatus.Truncated, 0);
                    }

                    etherType = BinaryPrimitives.ReadUInt16BigEndian(frame.Slice(12));
                    offset = 14;
                    for (int tags = 0; etherType == EtherTypeVlan || etherType == EtherTypeQinQ || etherType == EtherTypeQinQOld; tags++)
                    {
                        if (tags == MaxVlanTags)
                        {
                            return Fail(ref packet, PacketDecodeStatus.Malformed, offset - 2);
                        }

                        if (frame.Length < offset + 4)
                        {
                            return Fail(ref packet, PacketDecodeStatus.Truncated, offset);
                        }

                        etherType = BinaryPrimitives.ReadUInt16BigEndian(frame.Slice(offset + 2));
                        offset += 4;
                    }

                    break;

                case LinkType.LinuxSll:
                    // packet_type(2) arphrd(2) addr_len(2) addr(8) protocol(2)
                    if (frame.Length < 16)
                    {
                        return Fail(ref packet, PacketDecodeStatus.Truncated, 0);
                    }

                    etherType = BinaryPrimitives.ReadUInt16BigEndian(frame.Slice(14));
                    offset = 16;
                    break;

                case LinkType.LinuxSll2:
                    // protocol(2) reserved(2) if_index(4) arphrd(2) packet_type(1) addr_len(1) addr(8)
                    if (frame.Length < 20)
                    {
                        return Fail(ref packet, PacketDecodeStatus.Truncated, 0);
                    }

                    etherType = BinaryPrimitives.ReadUInt16BigEndian(frame);
                    offset = 20;
                    break;

                case LinkType.Null:
                case LinkType.Loop:
                    {
                        // A 4-byte address family: host byte order for NULL (either, so both are tried), big-endian for LOOP.
                        if (frame.Length < 4)
                        {
                            return Fail(ref packet, PacketDecodeStatus.Truncated, 0);
                        }

                        uint family = BinaryPrimitives.ReadUInt32BigEndian(frame);
                        if (linkType == LinkType.Null && (family & 0xFFFF) == 0)
                        {
                            family = BinaryPrimitives.ReadUInt32LittleEndian(frame);
                        }

                        offset = 4;
                        etherType = family switch
                        {
                            2 => EtherTypeIPv4,                        // AF_INET everywhere
                            10 or 24 or 28 or 30 => EtherTypeIPv6,     // AF_INET6: Linux, NetBSD/OpenBSD, FreeBSD, Darwin
                            _ => 0,
                        };
                        break;
                    }

                case LinkType.Raw:
                    if (frame.Length < 1)
                    {
                        return Fail(ref packet, PacketDecodeStatus.Truncated, 0);
                    }

                    offset = 0;
                    etherType = (frame[0] >> 4) switch
                    {
                        4 => EtherTypeIPv4,
                        6 => EtherTypeIPv6,
                        _ => 0,
                    };
                    if (etherType == 0)
                    {
                        return Fail(ref packet, PacketDecodeStatus.Malformed, 0);
                    }

                    break;

                case LinkType.IPv4:
                    offset = 0;
                    etherType = EtherTypeIPv4;
                    break;

                case LinkType.IPv6:
                    offset = 0;
                    etherType = EtherTypeIPv6;
                    break;

                default:
                    packet.Status = PacketDecodeStatus.UnsupportedLinkType;
                    return packet.Status;
            }

            if (etherType == EtherTypeIPv4)
            {
                return DecodeIPv4(frame, offset, ref packet);
            }

            if (etherType == EtherTypeIPv6)
            {
                return DecodeIPv6(frame, offset, ref packet);
            }

            packet.Status = PacketDecodeStatus.NotIP;
            return packet.Status;
        }

        private static PacketDecodeStatus DecodeIPv4(ReadOnlySpan<byte> frame, int offset, ref DecodedPacket packet)
        {
            // RFC 791 3.1: version/IHL(1) TOS(1) total_length(2) id(2) flags/fragment_offset(2) TTL(1) protocol(1) checksum(2) src(4) dst(4) options
            if (frame.Length < offset + 20)
            {
                return Fail(ref packet, PacketDecodeStatus.Truncated, offset);
            }

            ReadOnlySpan<byte> ip = frame.Slice(offset);
            int version = ip[0] >> 4;
            int headerLength = (ip[0] & 0x0F) * 4;
            int totalLength = BinaryPrimitives.ReadUInt16BigEndian(ip.Slice(2));
            if (version != 4 || headerLength < 20 || totalLength < headerLength)
            {
                return Fail(ref packet, PacketDecodeStatus.Malformed, offset);
            }

            if (ip.Length < headerLength)
            {
                return Fail(ref packet, PacketDecodeStatus.Truncated, offset);
            }

            packet.Source = PacketAddress.FromBytes(ip.Slice(12, 4));
            packet.Destination = PacketAddress.FromBytes(ip.Slice(16, 4));
            packet.Protocol = ip[9];

            // More-fragments set or a non-zero fragment offset: a fragment (counted and skipped, not reassembled).
            ushort fragment = BinaryPrimitives.ReadUInt16BigEndian(ip.Slice(6));
            if ((fragment & 0x3FFF) != 0)
            {
                packet.Status = PacketDecodeStatus.Fragment;
                return packet.Status;
            }

            // Trim Ethernet padding: the IP total length is the truth; a shorter capture leaves bytes missing.
            int captured = Math.Min(ip.Length, totalLength);
            int missing = totalLength - captured;
            return DecodeTransport(frame, offset + headerLength, captured - headerLength, missing, ref packet);
        }

        private static PacketDecodeStatus DecodeIPv6(ReadOnlySpan<byte> frame, int offset, ref DecodedPacket packet)
        {
            // RFC 8200 3: version/class/flow(4) payload_length(2) next_header(1) hop_limit(1) src(16) dst(16)
            if (frame.Length < offset + 40)
            {
                return Fail(ref packet, PacketDecodeStatus.Truncated, offset);
            }

            ReadOnlySpan<byte> ip = frame.Slice(offset);
            if ((ip[0] >> 4) != 6)
            {
                return Fail(ref packet, PacketDecodeStatus.Malformed, offset);
            }

            packet.Source = PacketAddress.FromBytes(ip.Slice(8, 16));
            packet.Destination = PacketAddress.FromBytes(ip.Slice(24, 16));
            int payloadLength = BinaryPrimitives.ReadUInt16BigEndian(ip.Slice(4));
            int available = ip.Length - 40;

            // A zero payload length means a jumbogram (RFC 2675); the captured bytes are all there is.
            int declared = payloadLength == 0 ? available : payloadLength;
            int captured = Math.Min(available, declared);
            int missing = declared - captured;
            byte next = ip[6];
            int position = offset + 40;
            int end = position + captured;
            for (int count = 0; ; count++)
            {
                switch (next)
                {
                    case 0:  // Hop-by-Hop Options (RFC 8200 4.3)
                    case 43: // Routing (4.4)
                    case 60: // Destination Options (4.6)
                    case 135: // Mobility (RFC 6275)
                    case 139: // HIP (RFC 7401)
                    case 140: // Shim6 (RFC 5533)
                    case 51: // Authentication Header (RFC 4302): length in 4-octet units minus 2
                    case 44: // Fragment (4.5)
                        {
                            if (count == MaxIPv6ExtensionHeaders)
                            {
                                return Fail(ref packet, PacketDecodeStatus.Malformed, position);
                            }

                            if (end - position < 8)
                            {
                                return Fail(ref packet, PacketDecodeStatus.Truncated, position);
                            }

                            if (next == 44)
                            {
                                // Fragment header: next(1) reserved(1) offset/flags(2) id(4). Any fragment is skipped.
                                packet.Protocol = frame[position];
                                packet.Status = PacketDecodeStatus.Fragment;
                                return packet.Status;
                            }

                            int length = next == 51 ? (frame[position + 1] + 2) * 4 : (frame[position + 1] + 1) * 8;
                            if (end - position < length)
                            {
                                return Fail(ref packet, PacketDecodeStatus.Truncated, position);
                            }

                            next = frame[position];
                            position += length;
                            continue;
                        }
                }

                break;
            }

            packet.Protocol = next;
            return DecodeTransport(frame, position, end - position, missing, ref packet);
        }

        private static PacketDecodeStatus DecodeTransport(ReadOnlySpan<byte> frame, int offset, int length, int missing, ref DecodedPacket packet)
        {
            ReadOnlySpan<byte> segment = frame.Slice(offset, length);
            if (packet.Protocol == ProtocolTcp)
            {
                // RFC 9293 3.1: src(2) dst(2) seq(4) ack(4) data_offset/flags(2) window(2) checksum(2) urgent(2) options
                if (segment.Length < 20)
                {
                    return Fail(ref packet, PacketDecodeStatus.Truncated, offset);
                }

                int headerLength = (segment[12] >> 4) * 4;
                if (headerLength < 20)
                {
                    return Fail(ref packet, PacketDecodeStatus.Malformed, offset);
                }

                if (segment.Length < headerLength)
                {
                    return Fail(ref packet, PacketDecodeStatus.Truncated, offset);
                }

                packet.SourcePort = BinaryPrimitives.ReadUInt16BigEndian(segment);
                packet.DestinationPort = BinaryPrimitives.ReadUInt16BigEndian(segment.Slice(2));
                packet.SequenceNumber = BinaryPrimitives.ReadUInt32BigEndian(segment.Slice(4));
                packet.AcknowledgmentNumber = BinaryPrimitives.ReadUInt32BigEndian(segment.Slice(8));
                packet.Flags = (TcpFlags)segment[13];
                packet.Payload = segment.Slice(headerLength);
                packet.MissingPayloadLength = missing;
                packet.Status = PacketDecodeStatus.Transport;
                return packet.Status;
            }

            if (packet.Protocol == ProtocolUdp)
            {
                // RFC 768: src(2) dst(2) length(2) checksum(2)
                if (segment.Length < 8)
                {
                    return Fail(ref packet, PacketDecodeStatus.Truncated, offset);
                }

                int udpLength = BinaryPrimitives.ReadUInt16BigEndian(segment.Slice(4));
                if (udpLength < 8)
                {
                    // Zero is legal only for IPv6 jumbograms; take what the IP layer carries then.
                    udpLength = udpLength == 0 ? segment.Length + missing : 8;
                }

                packet.SourcePort = BinaryPrimitives.ReadUInt16BigEndian(segment);
                packet.DestinationPort = BinaryPrimitives.ReadUInt16BigEndian(segment.Slice(2));
                int payload = Math.Min(udpLength, segment.Length) - 8;
                packet.Payload = segment.Slice(8, payload);
                packet.MissingPayloadLength = Math.Max(0, udpLength - 8 - payload);
                packet.Status = PacketDecodeStatus.Transport;
                return packet.Status;
            }

            packet.Status = PacketDecodeStatus.OtherProtocol;
            return packet.Status;
        }

        private static PacketDecodeStatus Fail(ref DecodedPacket packet, PacketDecodeStatus status, int offset)
        {
            packet.Status = status;
            packet.ErrorOffset = offset;
            return status;
        }
    }
}
