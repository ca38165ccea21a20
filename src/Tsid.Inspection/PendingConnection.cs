using Tsid.Capture;
using Tsid.Tls;

namespace Tsid.Inspection
{
    /// <summary>
    /// One TLS connection between its start and its analysis: the observer fed with both directions, and the facts only
    /// the capture layer knows (copied out of the <see cref="TcpFlow"/>, which the reassembler owns). Pooled per run.
    /// </summary>
    internal sealed class PendingConnection
    {
        public PendingConnection(TlsHandshakeLimits? limits) => Observer = new TlsConnectionObserver(limits);

        public TlsConnectionObserver Observer { get; }

        public long FlowId { get; private set; }

        public FlowEndpoint Client { get; private set; }

        public FlowEndpoint Server { get; private set; }

        public long FirstTimestampNanoseconds { get; private set; }

        public long LastTimestampNanoseconds { get; private set; }

        public TlsStartProtocol TlsStart { get; private set; }

        /// <summary>The tunnel the flow started with (final: it was set up before TLS started), or null.</summary>
        public TunnelInfo? Tunnel { get; private set; }

        /// <summary>Names the DNS answers before the connection gave for the server address (an array never changed afterwards).</summary>
        public string[] DnsHints { get; private set; } = System.Array.Empty<string>();

        /// <summary>Where the client → server stream lost bytes, or -1.</summary>
        public long ClientGapOffset { get; set; } = -1;

        /// <summary>Where the server → client stream lost bytes, or -1.</summary>
        public long ServerGapOffset { get; set; } = -1;

        /// <summary>True once the observer was fed a byte or either direction had a gap: only those are TLS connections to report.</summary>
        public bool SawTls =>
            Observer.ClientHelloSeen || Observer.ServerHelloSeen || Observer.HasError || ClientGapOffset >= 0 || ServerGapOffset >= 0
            || Observer.BytesConsumed(TlsDirection.ClientToServer) != 0 || Observer.BytesConsumed(TlsDirection.ServerToClient) != 0;

        public void Start(TcpFlow flow, string[] dnsHints)
        {
            FlowId = flow.Id;
            Client = flow.Client;
            Server = flow.Server;
            FirstTimestampNanoseconds = flow.FirstTimestampNanoseconds;
            LastTimestampNanoseconds = flow.LastTimestampNanoseconds;
            TlsStart = flow.TlsProtocol;
            Tunnel = flow.Tunnel;
            DnsHints = dnsHints;
            ClientGapOffset = -1;
            ServerGapOffset = -1;
        }

        public void End(TcpFlow flow) => LastTimestampNanoseconds = flow.LastTimestampNanoseconds;

        /// <summary>Forgets the connection; the observer's rented buffers go back to the pool.</summary>
        public void Reset()
        {
            Observer.Reset();
            Tunnel = null;
            DnsHints = System.Array.Empty<string>();
        }
    }
}
