namespace Tsid.Capture
{
    /// <summary>
    /// One UDP flow of a capture that carries QUIC or DTLS, oriented client → server by its opening datagram (see
    /// <see cref="UdpFlowOpening"/>). The inspector owns it; consumers read it and may hang per-flow state on
    /// <see cref="UserState"/>.
    /// </summary>
    public sealed class UdpFlow
    {
        internal UdpFlow? Previous;
        internal UdpFlow? Next;

        internal UdpFlow(long id, FlowEndpoint client, FlowEndpoint server, UdpPayloadKind kind, long timestampNanoseconds)
        {
            Id = id;
            Client = client;
            Server = server;
            Kind = kind;
            FirstTimestampNanoseconds = timestampNanoseconds;
            LastTimestampNanoseconds = timestampNanoseconds;
        }

        /// <summary>
        /// 1-based number of the UDP flow in capture order (counted apart from <see cref="TcpFlow.Id"/>, which a bare
        /// <see cref="TcpReassembler"/> numbers on its own: a flow is named by transport and number).
        /// </summary>
        public long Id { get; }

        /// <summary>The client end (the sender of the first QUIC Initial or DTLS ClientHello).</summary>
        public FlowEndpoint Client { get; }

        /// <summary>The server end.</summary>
        public FlowEndpoint Server { get; }

        /// <summary>What the opening datagram carried.</summary>
        public UdpPayloadKind Kind { get; }

        /// <summary>Timestamp of the first datagram (ns since the Unix epoch).</summary>
        public long FirstTimestampNanoseconds { get; }

        /// <summary>Timestamp of the latest datagram reported (ns since the Unix epoch).</summary>
        public long LastTimestampNanoseconds { get; internal set; }

        /// <summary>Datagrams reported from the client.</summary>
        public long ClientDatagrams { get; internal set; }

        /// <summary>Datagrams reported from the server.</summary>
        public long ServerDatagrams { get; internal set; }

        /// <summary>Datagrams of this 5-tuple the classifier called <see cref="UdpPayloadKind.Other"/> or another kind than <see cref="Kind"/> (STUN, RTP, TURN, ... beside DTLS).</summary>
        public long IgnoredDatagrams { get; internal set; }

        /// <summary>True once the flow ended.</summary>
        public bool IsEnded => EndReason != UdpFlowEndReason.None;

        /// <summary>Why the flow ended, or <see cref="UdpFlowEndReason.None"/>.</summary>
        public UdpFlowEndReason EndReason { get; internal set; }

        /// <summary>Free for the consumer (e.g. a QUIC or DTLS connection observer); the library never reads it.</summary>
        public object? UserState { get; set; }

        /// <summary>"client → server" for logs; allocates.</summary>
        /// <returns>Text.</returns>
        public override string ToString() => Client.ToString() + " -> " + Server.ToString();
    }
}
