using System;

namespace Tsid.Capture
{
    /// <summary>
    /// A frame decoded down to its transport header: a view over the frame's bytes (no copies), valid as long as the
    /// frame is. Fields past the point where decoding stopped (see <see cref="Status"/>) are default.
    /// </summary>
    public ref struct DecodedPacket
    {
        /// <summary>How far decoding got.</summary>
        public PacketDecodeStatus Status { get; internal set; }

        /// <summary>Offset in the frame of the header that stopped decoding (for <see cref="PacketDecodeStatus.Truncated"/> and <see cref="PacketDecodeStatus.Malformed"/>), else -1.</summary>
        public int ErrorOffset { get; internal set; }

        /// <summary>The IP source address.</summary>
        public PacketAddress Source { get; internal set; }

        /// <summary>The IP destination address.</summary>
        public PacketAddress Destination { get; internal set; }

        /// <summary>The IP protocol number (RFC 790 / IANA): 6 for TCP, 17 for UDP; for IPv6 the last next-header value.</summary>
        public byte Protocol { get; internal set; }

        /// <summary>The transport source port.</summary>
        public ushort SourcePort { get; internal set; }

        /// <summary>The transport destination port.</summary>
        public ushort DestinationPort { get; internal set; }

        /// <summary>TCP sequence number (RFC 9293 3.1).</summary>
        public uint SequenceNumber { get; internal set; }

        /// <summary>TCP acknowledgment number.</summary>
        public uint AcknowledgmentNumber { get; internal set; }

        /// <summary>TCP control bits.</summary>
        public TcpFlags Flags { get; internal set; }

        /// <summary>The transport payload (TCP segment data or UDP datagram data), trimmed to the IP/UDP lengths.</summary>
        public ReadOnlySpan<byte> Payload { get; internal set; }

        /// <summary>
        /// Bytes of payload the IP header promises but the capture does not hold (snap length); 0 normally. TCP
        /// reassembly treats them as missing, so the stream gets a gap there.
        /// </summary>
        public int MissingPayloadLength { get; internal set; }

        /// <summary>True for TCP.</summary>
        public readonly bool IsTcp => Status == PacketDecodeStatus.Transport && Protocol == PacketDecoder.ProtocolTcp;

        /// <summary>True for UDP.</summary>
        public readonly bool IsUdp => Status == PacketDecodeStatus.Transport && Protocol == PacketDecoder.ProtocolUdp;
    }
}
