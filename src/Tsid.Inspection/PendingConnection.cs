using System;
using Tsid.Capture;
using Tsid.Dtls;
using Tsid.Quic;
using Tsid.Tls;

namespace Tsid.Inspection
{
    /// <summary>
    /// One TLS, DTLS or QUIC connection between its start and its analysis: the observer fed with both directions, and the
    /// facts only the capture layer knows (copied out of the <see cref="TcpFlow"/> or <see cref="UdpFlow"/>, which the
    /// capture layer owns). Pooled per run; the DTLS and QUIC observers are made on first use and kept with it.
    /// </summary>
    internal sealed class PendingConnection : IDisposable
    {
        private readonly TlsHandshakeLimits? _limits;
        private readonly TlsConnectionObserver _tls;
        private DtlsConnectionObserver? _dtls;
        private QuicConnectionObserver? _quic;

        public PendingConnection(TlsHandshakeLimits? limits)
        {
            _limits = limits;
            _tls = new TlsConnectionObserver(limits);
            Observer = _tls;
        }

        /// <summary>The handshake observer of the connection's protocol (for DTLS and QUIC, the one their observer feeds).</summary>
        public TlsConnectionObserver Observer { get; private set; }

        /// <summary>The DTLS observer of a DTLS connection, else null.</summary>
        public DtlsConnectionObserver? Dtls => Protocol == HandshakeProtocol.Dtls ? _dtls : null;

        public ConnectionTransport Transport { get; private set; }

        public HandshakeProtocol Protocol { get; private set; }

        /// <summary>The QUIC observer of a QUIC connection, else null.</summary>
        public QuicConnectionObserver? Quic => Protocol == HandshakeProtocol.Quic ? _quic : null;

        /// <summary>The QUIC version (the observer's <see cref="QuicConnectionObserver.Version"/>), or none.</summary>
        public QuicVersion QuicVersion => Protocol == HandshakeProtocol.Quic ? _quic!.Version : default;

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

        /// <summary>
        /// True once the observer was fed a byte or either direction had a gap: only those are TLS connections to report.
        /// A UDP flow opened with a handshake datagram, so it always is one.
        /// </summary>
        public bool SawTls =>
            Transport == ConnectionTransport.Udp
            || Observer.ClientHelloSeen || Observer.ServerHelloSeen || Observer.HasError || ClientGapOffset >= 0 || ServerGapOffset >= 0
            || Observer.BytesConsumed(TlsDirection.ClientToServer) != 0 || Observer.BytesConsumed(TlsDirection.ServerToClient) != 0;

        /// <summary>True when the datagram transport (DTLS records, QUIC packets) failed in either direction.</summary>
        public bool HasTransportError => Protocol switch
        {
            HandshakeProtocol.Dtls => _dtls!.HasError,
            HandshakeProtocol.Quic => _quic!.HasError,
            _ => false,
        };

        public void Start(TcpFlow flow, string[] dnsHints)
        {
            Transport = ConnectionTransport.Tcp;
            Protocol = HandshakeProtocol.Tls;
            Observer = _tls;
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

        public void Start(UdpFlow flow, string[] dnsHints)
        {
            Transport = ConnectionTransport.Udp;
            switch (flow.Kind)
            {
                case UdpPayloadKind.Dtls:
                    Protocol = HandshakeProtocol.Dtls;
                    _dtls ??= new DtlsConnectionObserver(null, _limits);
                    Observer = _dtls.Handshake;
                    break;
                case UdpPayloadKind.Quic:
                    Protocol = HandshakeProtocol.Quic;
                    _quic ??= new QuicConnectionObserver(null, _limits);
                    Observer = _quic.Handshake;
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(flow), flow.Kind, "Only QUIC and DTLS flows are inspected.");
            }

            FlowId = flow.Id;
            Client = flow.Client;
            Server = flow.Server;
            FirstTimestampNanoseconds = flow.FirstTimestampNanoseconds;
            LastTimestampNanoseconds = flow.LastTimestampNanoseconds;
            TlsStart = TlsStartProtocol.Direct;
            DnsHints = dnsHints;
            ClientGapOffset = -1;
            ServerGapOffset = -1;
        }

        /// <summary>Feeds one datagram of a UDP connection (the observer keeps its own promise that an invalid direction stays invalid).</summary>
        public void Feed(FlowDirection direction, UdpPayloadKind kind, ReadOnlySpan<byte> datagram)
        {
            TlsDirection tlsDirection = direction == FlowDirection.ClientToServer ? TlsDirection.ClientToServer : TlsDirection.ServerToClient;
            if (kind == UdpPayloadKind.Dtls && Protocol == HandshakeProtocol.Dtls)
            {
                _dtls!.Feed(tlsDirection, datagram);
            }
            else if (kind == UdpPayloadKind.Quic && Protocol == HandshakeProtocol.Quic)
            {
                _quic!.Feed(tlsDirection, datagram);
            }
        }

        public void End(TcpFlow flow) => LastTimestampNanoseconds = flow.LastTimestampNanoseconds;

        public void End(UdpFlow flow) => LastTimestampNanoseconds = flow.LastTimestampNanoseconds;

        /// <summary>Forgets the connection; the observers' rented buffers go back to the pool.</summary>
        public void Reset()
        {
            _tls.Reset();
            _dtls?.Reset();
            _quic?.Reset();
            Observer = _tls;
            Transport = ConnectionTransport.Tcp;
            Protocol = HandshakeProtocol.Tls;
            Tunnel = null;
            DnsHints = System.Array.Empty<string>();
        }

        public void Dispose()
        {
            _tls.Dispose();
            _dtls?.Dispose();
            _quic?.Dispose();
        }
    }
}
