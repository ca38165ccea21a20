namespace Tsid.Capture
{
    /// <summary>What <see cref="PacketDecoder.Decode"/> made of a frame.</summary>
    public enum PacketDecodeStatus : byte
    {
        /// <summary>A TCP segment or UDP datagram over IPv4/IPv6: addresses, ports and payload are set.</summary>
        Transport = 0,

        /// <summary>An IP packet whose protocol is neither TCP nor UDP (ICMP, ESP, ...); addresses are set.</summary>
        OtherProtocol,

        /// <summary>An IPv4 or IPv6 fragment. Fragments are counted and skipped, not reassembled.</summary>
        Fragment,

        /// <summary>A link-layer frame that carries no IP (ARP, LLDP, STP, ...).</summary>
        NotIP,

        /// <summary>The interface's link type is not one of the decoded <see cref="LinkType"/> members.</summary>
        UnsupportedLinkType,

        /// <summary>A header is cut short by the end of the captured bytes.</summary>
        Truncated,

        /// <summary>A header field is invalid (IP version, header length, TCP data offset, extension header chain too long).</summary>
        Malformed,
    }
}
