namespace Tsid.Capture
{
    /// <summary>
    /// One TCP connection seen in a capture, oriented client → server: by the SYN when it was captured, otherwise by
    /// the first packet (a first packet from a port below 1024 to a higher port is taken as the server's). The
    /// reassembler owns it; consumers read it and may hang their own per-flow state on <see cref="UserState"/>.
    /// </summary>
    public sealed class TcpFlow
    {
        internal TcpHalf ClientHalf;
        internal TcpHalf ServerHalf;
        internal TcpFlow? Previous;
        internal TcpFlow? Next;
        internal TlsStartDetector? Detector;
        internal TunnelDetector? TunnelDetector;

        /// <summary>The flow table key (recomputed: keeping it would cost 40 bytes per flow).</summary>
        internal FlowKey Key => FlowKey.Of(Client, Server);

        internal TcpFlow(long id, FlowEndpoint client, FlowEndpoint server, long timestampNanoseconds, bool orientedBySyn)
        {
            Id = id;
            Client = client;
            Server = server;
            FirstTimestampNanoseconds = timestampNanoseconds;
            LastTimestampNanoseconds = timestampNanoseconds;
            OrientedBySyn = orientedBySyn;
        }

        /// <summary>1-based number of the flow in capture order (the order flows were first seen).</summary>
        public long Id { get; }

        /// <summary>The client end (the side that sent the SYN or, without a SYN, the side guessed to be the client).</summary>
        public FlowEndpoint Client { get; }

        /// <summary>The server end.</summary>
        public FlowEndpoint Server { get; }

        /// <summary>True when orientation comes from a captured SYN or SYN-ACK; false when it was guessed.</summary>
        public bool OrientedBySyn { get; }

        /// <summary>Timestamp of the first packet (ns since the Unix epoch).</summary>
        public long FirstTimestampNanoseconds { get; }

        /// <summary>Timestamp of the latest packet (ns since the Unix epoch).</summary>
        public long LastTimestampNanoseconds { get; internal set; }

        /// <summary>True once the flow ended (see <see cref="EndReason"/>).</summary>
        public bool IsEnded => EndReason != TcpFlowEndReason.None;

        /// <summary>Why the flow ended, or <see cref="TcpFlowEndReason.None"/>.</summary>
        public TcpFlowEndReason EndReason { get; internal set; }

        /// <summary>The client → server byte stream.</summary>
        public TcpStreamInfo ClientStream => new(in ClientHalf);

        /// <summary>The server → client byte stream.</summary>
        public TcpStreamInfo ServerStream => new(in ServerHalf);

        /// <summary>True when either direction has a gap (bytes missing from the capture).</summary>
        public bool IsIncomplete => ClientHalf.Gap || ServerHalf.Gap;

        /// <summary>Whether TLS was found (filled in by <see cref="CaptureInspector"/>; always undetermined with a bare <see cref="TcpReassembler"/>).</summary>
        public TlsStartState TlsState { get; internal set; }

        /// <summary>How TLS started (direct or after which STARTTLS dialogue).</summary>
        public TlsStartProtocol TlsProtocol { get; internal set; }

        /// <summary>Offset in the client → server stream where TLS starts (0 for direct TLS), or -1.</summary>
        public long ClientTlsOffset { get; internal set; } = -1;

        /// <summary>Offset in the server → client stream where TLS starts (0 for direct TLS), or -1.</summary>
        public long ServerTlsOffset { get; internal set; } = -1;

        /// <summary>
        /// The tunnel the stream started with (HTTP CONNECT, SOCKS, PROXY protocol), or null: set by <see cref="CaptureInspector"/>
        /// once the client's first tunnel message was read, before <see cref="IFlowConsumer.OnTlsStarted"/>; final at
        /// <see cref="IFlowConsumer.OnFlowEnded"/>. TLS offsets then count from the start of the captured stream, tunnel bytes included.
        /// </summary>
        public TunnelInfo? Tunnel { get; internal set; }

        /// <summary>Free for the consumer (e.g. a TLS connection observer); the library never reads it.</summary>
        public object? UserState { get; set; }

        /// <summary>The snapshot of one direction.</summary>
        public TcpStreamInfo GetStream(FlowDirection direction) =>
            direction == FlowDirection.ClientToServer ? new TcpStreamInfo(in ClientHalf) : new TcpStreamInfo(in ServerHalf);

        /// <summary>"client → server" for logs; allocates.</summary>
        public override string ToString() => Client.ToString() + " -> " + Server.ToString();
    }
}
