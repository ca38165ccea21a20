namespace Tsid.Capture
{
    /// <summary>Counters of one inspection (what was read, what was skipped and why).</summary>
    public sealed class CaptureStatistics
    {
        /// <summary>Packets read.</summary>
        public long Packets { get; internal set; }

        /// <summary>Captured bytes of those packets.</summary>
        public long CapturedBytes { get; internal set; }

        /// <summary>TCP segments decoded.</summary>
        public long TcpSegments { get; internal set; }

        /// <summary>UDP datagrams decoded.</summary>
        public long UdpDatagrams { get; internal set; }

        /// <summary>IPv4/IPv6 fragments (counted and skipped: fragments are not reassembled).</summary>
        public long Fragments { get; internal set; }

        /// <summary>Frames carrying no IP (ARP, ...).</summary>
        public long NonIPFrames { get; internal set; }

        /// <summary>IP packets of other protocols (ICMP, ESP, ...).</summary>
        public long OtherProtocolPackets { get; internal set; }

        /// <summary>Frames whose headers were cut short by the capture.</summary>
        public long TruncatedFrames { get; internal set; }

        /// <summary>Frames with invalid headers.</summary>
        public long MalformedFrames { get; internal set; }

        /// <summary>Frames on interfaces with a link type that cannot be decoded.</summary>
        public long UnsupportedLinkTypeFrames { get; internal set; }

        /// <summary>TCP flows seen.</summary>
        public long Flows { get; internal set; }

        /// <summary>Flows on which TLS was found.</summary>
        public long TlsFlows { get; internal set; }

        /// <summary>Flows that started with a tunnel (<see cref="TcpFlow.Tunnel"/>), whatever became of it.</summary>
        public long Tunnels { get; internal set; }

        /// <summary>Tunnels that were set up to a service that does not speak TLS (<see cref="TunnelStatus.NotTls"/>): reported, not an error.</summary>
        public long TunnelsToNonTlsServices { get; internal set; }

        /// <summary>Tunnels the proxy refused (<see cref="TunnelStatus.Refused"/>).</summary>
        public long RefusedTunnels { get; internal set; }

        /// <summary>Flows with a gap in either direction.</summary>
        public long IncompleteFlows { get; internal set; }

        /// <summary>UDP flows tracked (opened by a QUIC Initial or DTLS handshake datagram; see <see cref="IDatagramConsumer"/>).</summary>
        public long UdpFlows { get; internal set; }

        /// <summary>QUIC and DTLS datagrams handed to the <see cref="IDatagramConsumer"/>.</summary>
        public long HandshakeDatagrams { get; internal set; }

        /// <summary>UDP datagrams that were neither QUIC nor DTLS, or that belonged to no flow whose start was captured (DNS responses not included).</summary>
        public long IgnoredUdpDatagrams { get; internal set; }

        /// <summary>UDP flows ended early to stay within <see cref="UdpFlowOptions.MaxFlows"/>.</summary>
        public long EvictedUdpFlows { get; internal set; }

        /// <summary>DNS responses read.</summary>
        public long DnsResponses { get; internal set; }

        /// <summary>DNS responses that were malformed (the answers read before the damage were still reported).</summary>
        public long MalformedDnsResponses { get; internal set; }

        /// <summary>A/AAAA answers reported.</summary>
        public long DnsAnswers { get; internal set; }

        /// <summary>The most out-of-order bytes buffered at once.</summary>
        public long PeakBufferedBytes { get; internal set; }
    }
}
