using System;
using Tsid.Capture;
using Tsid.Dtls;
using Tsid.Identity;
using Tsid.Policy;
using Tsid.Quic;
using Tsid.Tls;
using Tsid.X509;

namespace Tsid.Inspection
{
    /// <summary>
    /// One TLS connection of a capture (TLS over TCP, DTLS or QUIC over UDP: see <see cref="Transport"/> and
    /// <see cref="Protocol"/>), inspected: where it went and when, what its handshake showed, the name the resolver
    /// gave its server and what the policy decided. A view: the messages and names point into the inspector's buffers and
    /// are valid only while the <see cref="ConnectionHandler"/> runs; nothing is copied or formatted unless you ask
    /// (<see cref="ToRecord"/>, <see cref="ServerIdentity.GetName"/>, <see cref="InspectionFormat"/>).
    /// </summary>
    public readonly ref struct InspectedConnection
    {
        /// <summary>The most errors <see cref="GetErrors"/> writes: a parse error and a gap per direction.</summary>
        public const int MaxErrors = 4;

        private readonly PendingConnection _connection;
        private readonly ClientHello _clientHello;
        private readonly ServerHello _serverHello;
        private readonly CertificateMessage _certificates;
        private readonly ServerIdentityEvidence _evidence;
        private readonly ServerIdentity _identity;
        private readonly ConnectionFacts _facts;
        private readonly PolicyDecision _decision;

        internal InspectedConnection(
            PendingConnection connection,
            bool hasClientHello,
            in ClientHello clientHello,
            bool hasServerHello,
            in ServerHello serverHello,
            bool hasCertificates,
            in CertificateMessage certificates,
            in ServerIdentityEvidence evidence,
            in ServerIdentity identity,
            in ConnectionFacts facts,
            bool hasDecision,
            PolicyDecision decision,
            PolicyExplanation? decisionExplanation)
        {
            _connection = connection;
            HasClientHello = hasClientHello;
            _clientHello = clientHello;
            HasServerHello = hasServerHello;
            _serverHello = serverHello;
            HasCertificates = hasCertificates;
            _certificates = certificates;
            _evidence = evidence;
            _identity = identity;
            _facts = facts;
            HasDecision = hasDecision;
            _decision = decision;
            DecisionExplanation = decisionExplanation;
        }

        /// <summary>
        /// The flow's number in the capture (<see cref="TcpFlow.Id"/>: 1-based, in order of first packet, counting every
        /// TCP flow; or <see cref="UdpFlow.Id"/>, counting the QUIC and DTLS flows): stable for a given file, so with
        /// <see cref="Transport"/> it identifies the connection within it.
        /// </summary>
        public long FlowId => _connection.FlowId;

        /// <summary>The transport: TCP for TLS, UDP for DTLS and QUIC.</summary>
        public ConnectionTransport Transport => _connection.Transport;

        /// <summary>What carried the handshake: TLS records, DTLS records or QUIC CRYPTO frames.</summary>
        public HandshakeProtocol Protocol => _connection.Protocol;

        /// <summary>
        /// The version of a QUIC connection (<see cref="QuicConnectionObserver.Version"/>: the Version field of its long
        /// headers, RFC 9000 17.2, kept raw whatever its value); <see cref="QuicVersion.IsNone"/> when the connection is not QUIC.
        /// </summary>
        public QuicVersion QuicVersion => _connection.QuicVersion;

        /// <summary>The QUIC observer (packets, keys, Retry, the QUIC error) of a QUIC connection, else null. Valid during the handler only.</summary>
        public QuicConnectionObserver? Quic => _connection.Quic;

        /// <summary>The DTLS observer (records, fragments, the DTLS error) of a DTLS connection, else null. Valid during the handler only.</summary>
        public DtlsConnectionObserver? Dtls => _connection.Dtls;

        /// <summary>The client end (the side that sent the SYN, or else the side guessed to be the client).</summary>
        public FlowEndpoint Client => _connection.Client;

        /// <summary>The server end.</summary>
        public FlowEndpoint Server => _connection.Server;

        /// <summary>Capture time of the connection's first packet, ns since the Unix epoch.</summary>
        public long FirstPacketNanoseconds => _connection.FirstTimestampNanoseconds;

        /// <summary>Capture time of the connection's first packet.</summary>
        public DateTimeOffset FirstPacketTime => CaptureTime.ToDateTimeOffset(_connection.FirstTimestampNanoseconds);

        /// <summary>Capture time of the connection's last packet, ns since the Unix epoch.</summary>
        public long LastPacketNanoseconds => _connection.LastTimestampNanoseconds;

        /// <summary>How TLS started: directly, or after which STARTTLS dialogue.</summary>
        public TlsStartProtocol TlsStart => _connection.TlsStart;

        /// <summary>
        /// The tunnel the connection came through (HTTP CONNECT, SOCKS, PROXY protocol), or null. <see cref="Client"/> and
        /// <see cref="Server"/> stay the captured endpoints; the target the client asked for and, for the PROXY protocol, the
        /// original client are here. Its requested host is the resolver's <see cref="ServerIdentityEvidence.ProxyTarget"/>.
        /// </summary>
        public TunnelInfo? Tunnel => _connection.Tunnel;

        /// <summary>Everything the TLS observer saw (alerts, client certificate, counters, errors). Valid during the handler only.</summary>
        public TlsConnectionObserver Handshake => _connection.Observer;

        /// <summary>True when a (non-SSLv2) ClientHello was read.</summary>
        public bool HasClientHello { get; }

        /// <summary>The first ClientHello (default when <see cref="HasClientHello"/> is false).</summary>
        public ClientHello ClientHello => _clientHello;

        /// <summary>True when a ServerHello (or a HelloRetryRequest without a ServerHello after it) was read.</summary>
        public bool HasServerHello { get; }

        /// <summary>The ServerHello (default when <see cref="HasServerHello"/> is false).</summary>
        public ServerHello ServerHello => _serverHello;

        /// <summary>The first host_name of the ClientHello's server_name extension (ASCII bytes), empty without SNI.</summary>
        public ReadOnlySpan<byte> ServerName => _evidence.ServerName;

        /// <summary>
        /// The negotiated version (a DTLS version for DTLS; TLS 1.3 for QUIC); <see cref="TlsProtocolVersion.None"/> without a
        /// ServerHello, except that DTLS 1.3 is reported once its unified header was seen.
        /// </summary>
        public TlsProtocolVersion Version => _connection.Dtls is { } dtls ? dtls.Version : _connection.Observer.NegotiatedVersion;

        /// <summary>The cipher suite the server chose (0 without a ServerHello).</summary>
        public ushort CipherSuite => _connection.Observer.CipherSuite;

        /// <summary>The protocols the client offered (RFC 7301), in its order; false when it sent no ALPN extension.</summary>
        /// <param name="protocols">The list, a view over the ClientHello.</param>
        /// <returns>True when the ClientHello carried ALPN.</returns>
        public bool TryGetAlpnOffered(out ProtocolNameList protocols)
        {
            protocols = default;
            return HasClientHello && _clientHello.TryGetAlpn(out protocols);
        }

        /// <summary>
        /// The protocol the server chose, when the ServerHello shows it (TLS 1.2 and older); empty otherwise, and always under
        /// TLS 1.3, where the choice travels in the encrypted EncryptedExtensions.
        /// </summary>
        public ReadOnlySpan<byte> AlpnNegotiated =>
            HasServerHello && _serverHello.TryGetSelectedProtocol(out ReadOnlySpan<byte> protocol) ? protocol : default;

        /// <summary>Whether the server's chain was seen in clear.</summary>
        public TlsCertificateVisibility CertificateVisibility => _connection.Observer.ServerCertificateVisibility;

        /// <summary>True when the server's Certificate message was read (it may still hold no certificate).</summary>
        public bool HasCertificates { get; }

        /// <summary>The server's chain as DER spans, leaf first (default when <see cref="HasCertificates"/> is false).</summary>
        public CertificateMessage Certificates => _certificates;

        /// <summary>True when the leaf certificate was visible and parses (lenient X.509).</summary>
        public bool HasLeafCertificate => _evidence.HasLeafCertificate;

        /// <summary>The leaf, parsed once for the resolver (default when <see cref="HasLeafCertificate"/> is false).</summary>
        public Certificate LeafCertificate => _evidence.LeafCertificate;

        /// <summary>What the resolver was given: the handshake's evidence plus destination and DNS hints.</summary>
        public ServerIdentityEvidence Evidence => _evidence;

        /// <summary>Names DNS answers earlier in the capture gave for the server address and still valid at the first packet, most recent first (empty with hints off).</summary>
        public ReadOnlySpan<string> DnsHints => _connection.DnsHints;

        /// <summary>The server's identity as the resolver named it; its <see cref="ServerIdentity.Explanation"/> is set with <see cref="InspectionOptions.Explain"/>.</summary>
        public ServerIdentity Identity => _identity;

        /// <summary>True when a policy decided (<see cref="InspectionOptions.Policy"/> was set).</summary>
        public bool HasDecision { get; }

        /// <summary>What the policy decided (default when <see cref="HasDecision"/> is false).</summary>
        public PolicyDecision Decision => _decision;

        /// <summary>What the policy read about the connection (a view, like the rest of this result).</summary>
        public ConnectionFacts Facts => _facts;

        /// <summary>The name that matched the deciding list or rule, as a new string; null when none did.</summary>
        /// <returns>The name.</returns>
        public string? GetMatchedName() => HasDecision ? _decision.GetMatchedName(in _facts) : null;

        /// <summary>The pattern or list entry that matched, as a new string; null when none did.</summary>
        /// <returns>The pattern.</returns>
        public string? GetMatchedPattern() => HasDecision ? _decision.GetMatchedPattern(in _facts) : null;

        /// <summary>Every list and rule the policy consulted; set with <see cref="InspectionOptions.Explain"/> and a policy.</summary>
        public PolicyExplanation? DecisionExplanation { get; }

        /// <summary>The client direction's TLS parse error (final for that direction), or none.</summary>
        public TlsError ClientError => _connection.Observer.ClientError;

        /// <summary>The server direction's TLS parse error, or none.</summary>
        public TlsError ServerError => _connection.Observer.ServerError;

        /// <summary>Offset in the client → server TLS stream where the capture lost bytes, or -1.</summary>
        public long ClientGapOffset => _connection.ClientGapOffset;

        /// <summary>Offset in the server → client TLS stream where the capture lost bytes, or -1.</summary>
        public long ServerGapOffset => _connection.ServerGapOffset;

        /// <summary>The DTLS record layer's first error (either direction), or none; always none for TLS and QUIC.</summary>
        public DtlsError DtlsError => _connection.Dtls is { } dtls ? dtls.Error : default;

        /// <summary>The QUIC layer's first error (packets, decryption, frames), or none; always none for TLS and DTLS.</summary>
        public QuicError QuicError => _connection.Quic is { } quic ? quic.Error : default;

        /// <summary>True when either direction has a parse error or a gap, or the datagram transport (DTLS records, QUIC packets) failed.</summary>
        public bool HasErrors => _connection.Observer.HasError || _connection.ClientGapOffset >= 0 || _connection.ServerGapOffset >= 0
            || _connection.HasTransportError;

        /// <summary>
        /// Writes the connection's errors into <paramref name="destination"/> without allocating: the client direction's parse
        /// error and gap, then the server direction's.
        /// </summary>
        /// <param name="destination">At least <see cref="MaxErrors"/> entries.</param>
        /// <returns>How many were written.</returns>
        /// <exception cref="ArgumentException"><paramref name="destination"/> is shorter than <see cref="MaxErrors"/>.</exception>
        public int GetErrors(Span<ConnectionError> destination)
        {
            if (destination.Length < MaxErrors)
            {
                throw new ArgumentException("The destination must hold " + MaxErrors.ToString(System.Globalization.CultureInfo.InvariantCulture) + " errors.", nameof(destination));
            }

            int n = 0;
            TlsError client = ClientError;
            if (client.IsError)
            {
                destination[n++] = new ConnectionError(FlowDirection.ClientToServer, false, client.Code, client.Offset);
            }

            if (ClientGapOffset >= 0)
            {
                destination[n++] = new ConnectionError(FlowDirection.ClientToServer, true, TlsErrorCode.None, ClientGapOffset);
            }

            TlsError server = ServerError;
            if (server.IsError)
            {
                destination[n++] = new ConnectionError(FlowDirection.ServerToClient, false, server.Code, server.Offset);
            }

            if (ServerGapOffset >= 0)
            {
                destination[n++] = new ConnectionError(FlowDirection.ServerToClient, true, TlsErrorCode.None, ServerGapOffset);
            }

            return n;
        }

        /// <summary>
        /// An owned copy that outlives the handler (allocates: the handshake's names, the chain's DER and the identity).
        /// Certificate fields are formatted only when read (<see cref="CertificateRecord"/>).
        /// </summary>
        /// <returns>The record.</returns>
        public ConnectionRecord ToRecord() => ConnectionRecord.From(in this);
    }
}
