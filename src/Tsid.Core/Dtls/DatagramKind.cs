namespace Tsid.Dtls
{
    /// <summary>
    /// What a UDP datagram on a port shared by WebRTC's protocols carries, told by its first byte
    /// (RFC 7983 7, the demultiplexing scheme of RFC 5764 5.1.2 as updated).
    /// </summary>
    public enum DatagramKind : byte
    {
        /// <summary>Empty, or a first byte in no assigned range (4–15, 80–127, 192–255).</summary>
        Unknown = 0,

        /// <summary>STUN (RFC 8489): first byte 0–3.</summary>
        Stun = 1,

        /// <summary>ZRTP (RFC 6189): first byte 16–19.</summary>
        Zrtp = 2,

        /// <summary>DTLS (RFC 6347, RFC 9147): first byte 20–63 (content types 20–26 and the DTLS 1.3 unified header 32–63).</summary>
        Dtls = 3,

        /// <summary>A TURN ChannelData message (RFC 8656 12.4): first byte 64–79.</summary>
        TurnChannel = 4,

        /// <summary>RTP or RTCP (RFC 3550; version 2 in the top two bits): first byte 128–191.</summary>
        RtpRtcp = 5,
    }
}
