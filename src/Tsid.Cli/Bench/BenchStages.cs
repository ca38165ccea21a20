using System;
using System.IO;
using Tsid.Capture;
using Tsid.Fingerprints;
using Tsid.Identity;
using Tsid.Inspection;
using Tsid.Policy;
using Tsid.Tls;

namespace Tsid.Cli.Bench
{
    /// <summary>
    /// One stage of <c>tsid bench</c>: a pass over the whole workload, on the calling thread. A pass returns a number made
    /// from its results, so the work cannot be optimised away; it allocates only what the library allocates.
    /// </summary>
    internal abstract class BenchStage : IDisposable
    {
        protected BenchStage(string name, long connectionsPerPass, long bytesPerPass)
        {
            Name = name;
            ConnectionsPerPass = connectionsPerPass;
            BytesPerPass = bytesPerPass;
        }

        /// <summary><c>reassembly</c>, <c>parse</c>, <c>identity</c>, <c>policy</c> or <c>pipeline</c>.</summary>
        public string Name { get; }

        public long ConnectionsPerPass { get; }

        /// <summary>Bytes a pass reads (the capture, or the TLS bytes fed), or 0 when the stage reads no bytes (identity, policy).</summary>
        public long BytesPerPass { get; }

        public abstract long RunPass();

        public virtual void Dispose()
        {
        }
    }

    /// <summary>Capture reading, packet decoding, TCP reassembly and TLS start detection, into a consumer that keeps nothing.</summary>
    internal sealed class ReassemblyStage : BenchStage
    {
        private readonly BenchWorkload _workload;
        private readonly CaptureInspectorOptions _options;
        private readonly CountingConsumer _consumer = new();

        public ReassemblyStage(BenchWorkload workload, CaptureInspectorOptions options)
            : base("reassembly", workload.InspectedConnections, workload.CaptureBytes)
        {
            _workload = workload;
            _options = options;
        }

        public override long RunPass()
        {
            _consumer.Bytes = 0;
            foreach (byte[] capture in _workload.Captures)
            {
                CaptureInspector.Inspect(new MemoryStream(capture, writable: false), _consumer, _options);
            }

            return _consumer.Bytes;
        }

        private sealed class CountingConsumer : IFlowConsumer
        {
            public long Bytes;

            public void OnFlowStarted(TcpFlow flow)
            {
            }

            public void OnTlsStarted(TcpFlow flow)
            {
            }

            public void OnTlsData(TcpFlow flow, FlowDirection direction, ReadOnlySpan<byte> data) => Bytes += data.Length;

            public void OnGap(TcpFlow flow, FlowDirection direction)
            {
            }

            public void OnFlowEnded(TcpFlow flow)
            {
            }

            public void OnDnsAnswer(DnsAnswer answer)
            {
            }
        }
    }

    /// <summary>
    /// Each connection's TLS bytes fed to one reused observer (records, handshake reassembly, each message parsed once),
    /// then the messages read and the leaf certificate parsed (<see cref="ServerIdentityEvidence.FromHandshake"/>).
    /// </summary>
    internal sealed class ParseStage : BenchStage
    {
        private readonly BenchWorkload _workload;
        private readonly TlsConnectionObserver _observer;

        public ParseStage(BenchWorkload workload, TlsHandshakeLimits? limits)
            : base("parse", workload.Connections.Count, workload.ReplayBytes)
        {
            _workload = workload;
            _observer = new TlsConnectionObserver(limits);
        }

        public override long RunPass()
        {
            long sum = 0;
            byte[] buffer = _workload.Buffer;
            foreach (ReplayConnection connection in _workload.Connections)
            {
                _observer.Reset();
                BenchReplay.Feed(_observer, buffer, connection);
                sum += _observer.TryGetClientHello(out ClientHello _) ? 1 : 0;
                sum += _observer.TryGetServerHello(out ServerHello _) ? 2 : 0;
                ServerIdentityEvidence evidence = ServerIdentityEvidence.FromHandshake(_observer);
                sum += evidence.HasLeafCertificate ? 4 : 0;
            }

            return sum;
        }

        public override void Dispose() => _observer.Dispose();
    }

    /// <summary>
    /// The resolver alone, on observers fed once before: per connection the evidence (<see cref="ServerIdentityEvidence.FromHandshake"/>,
    /// which checks the leaf's DER again: a <see cref="X509.Certificate"/> view cannot be kept between calls) with the
    /// destination and DNS hints, and <see cref="ServerIdentityResolver.Resolve"/> into a reused name buffer.
    /// </summary>
    internal sealed class IdentityStage : BenchStage
    {
        private readonly BenchReplay _replay;
        private readonly ServerIdentityResolver _resolver;
        private readonly char[] _name = new char[ServerIdentityResolver.NameBufferLength];

        public IdentityStage(BenchReplay replay, ServerIdentityResolver resolver)
            : base("identity", replay.Count, 0)
        {
            _replay = replay;
            _resolver = resolver;
        }

        public override long RunPass()
        {
            long sum = 0;
            for (int i = 0; i < _replay.Count; i++)
            {
                ServerIdentityEvidence evidence = _replay.Evidence(i);
                ServerIdentity identity = _resolver.Resolve(in evidence, _name);
                sum += identity.Name.Length + (int)identity.Source;
            }

            return sum;
        }
    }

    /// <summary>
    /// The policy alone: per connection the facts from an identity resolved before (kept as a name and its facts), the
    /// endpoints and the handshake's ALPN (and JA4/JA3 when a rule reads them), then <see cref="AccessPolicy.Evaluate"/>.
    /// Under <see cref="MatchMode.AnyPresentedName"/> the presented names come from the evidence, which checks the leaf's DER again.
    /// </summary>
    internal sealed class PolicyEvaluationStage : BenchStage
    {
        private readonly BenchReplay _replay;
        private readonly AccessPolicy _policy;

        public PolicyEvaluationStage(BenchReplay replay, AccessPolicy policy)
            : base("policy", replay.Count, 0)
        {
            _replay = replay;
            _policy = policy;
        }

        public override long RunPass()
        {
            long sum = 0;
            bool presented = _policy.Mode == MatchMode.AnyPresentedName;
            Span<char> ja4 = stackalloc char[Ja4.Length];
            Span<char> ja3 = stackalloc char[Ja3.HashLength];
            for (int i = 0; i < _replay.Count; i++)
            {
                TlsConnectionObserver observer = _replay.Observer(i);
                ReplayConnection connection = _replay.Connection(i);
                ResolvedIdentity resolved = _replay.Identity(i);
                ProtocolNameList offered = default;
                int ja4Length = 0, ja3Length = 0;
                if (observer.TryGetClientHello(out ClientHello hello))
                {
                    hello.TryGetAlpn(out offered);
                    if (_policy.UsesJa4)
                    {
                        Ja4.TryFormat(in hello, observer.Protocol, Ja4Form.Hashed, ja4, out ja4Length);
                    }

                    if (_policy.UsesJa3)
                    {
                        Ja3.TryFormatHash(in hello, ja3, out ja3Length);
                    }
                }

                ReadOnlySpan<byte> negotiated = default;
                if (observer.TryGetServerHello(out ServerHello serverHello) && !serverHello.IsHelloRetryRequest)
                {
                    serverHello.TryGetSelectedProtocol(out negotiated);
                }

                var facts = new ConnectionFacts
                {
                    ResolvedName = resolved.Name.AsSpan(0, resolved.NameLength),
                    ResolvedSource = resolved.Source,
                    CertificateCoversSni = resolved.Coverage,
                    IdentityRejected = resolved.Rejected,
                    IdentityRejectReason = resolved.RejectReason,
                    SourceAddress = connection.ClientAddress,
                    SourcePort = connection.ClientPort,
                    DestinationAddress = connection.ServerAddress,
                    DestinationPort = connection.ServerPort,
                    TlsVersion = observer.NegotiatedVersion,
                    AlpnOffered = offered,
                    AlpnNegotiated = negotiated,
                    Ja4 = ja4.Slice(0, ja4Length),
                    Ja3 = ja3.Slice(0, ja3Length),
                };
                if (presented)
                {
                    ServerIdentityEvidence evidence = _replay.Evidence(i);
                    facts = facts with { PresentedNames = evidence.PresentedNames };
                }

                sum += (int)_policy.Evaluate(in facts).Action;
            }

            return sum;
        }
    }

    /// <summary>The whole inspection (<see cref="ConnectionInspector"/> on this thread) of every capture, with a handler that reads the decision.</summary>
    internal sealed class PipelineStage : BenchStage
    {
        private readonly BenchWorkload _workload;
        private readonly ConnectionInspector _inspector;
        private readonly ConnectionHandler _handler;
        private long _sum;

        public PipelineStage(BenchWorkload workload, InspectionOptions options)
            : base("pipeline", workload.InspectedConnections, workload.CaptureBytes)
        {
            _workload = workload;
            _inspector = new ConnectionInspector(options with { UseWorkerThread = false, Explain = false });
            _handler = OnConnection;
        }

        public override long RunPass()
        {
            _sum = 0;
            foreach (byte[] capture in _workload.Captures)
            {
                _inspector.Inspect(new MemoryStream(capture, writable: false), _handler);
            }

            return _sum;
        }

        private void OnConnection(in InspectedConnection connection) =>
            _sum += connection.Identity.Name.Length + (connection.HasDecision ? (int)connection.Decision.Action : 0);
    }

    /// <summary>An identity resolved before the policy stage, owned.</summary>
    internal readonly struct ResolvedIdentity
    {
        public ResolvedIdentity(char[] name, int nameLength, IdentitySource source, SniCoverage coverage, bool rejected, IdentityDiagnostics rejectReason)
        {
            Name = name;
            NameLength = nameLength;
            Source = source;
            Coverage = coverage;
            Rejected = rejected;
            RejectReason = rejectReason;
        }

        public char[] Name { get; }

        public int NameLength { get; }

        public IdentitySource Source { get; }

        public SniCoverage Coverage { get; }

        public bool Rejected { get; }

        public IdentityDiagnostics RejectReason { get; }
    }

    /// <summary>The replayed connections fed once each into an observer of their own, for the identity and policy stages.</summary>
    internal sealed class BenchReplay : IDisposable
    {
        private readonly BenchWorkload _workload;
        private readonly TlsConnectionObserver[] _observers;
        private readonly ResolvedIdentity[] _identities;

        public BenchReplay(BenchWorkload workload, TlsHandshakeLimits? limits, ServerIdentityResolver resolver)
        {
            _workload = workload;
            Count = workload.Connections.Count;
            _observers = new TlsConnectionObserver[Count];
            _identities = new ResolvedIdentity[Count];
            var name = new char[ServerIdentityResolver.NameBufferLength];
            for (int i = 0; i < Count; i++)
            {
                _observers[i] = new TlsConnectionObserver(limits);
                Feed(_observers[i], workload.Buffer, workload.Connections[i]);
                ServerIdentityEvidence evidence = Evidence(i);
                ServerIdentity identity = resolver.Resolve(in evidence, name);
                _identities[i] = new ResolvedIdentity(identity.Name.ToArray(), identity.Name.Length, identity.Source, identity.CertificateCoversSni, identity.IsRejected, identity.RejectReason);
            }
        }

        public int Count { get; }

        public TlsConnectionObserver Observer(int i) => _observers[i];

        public ReplayConnection Connection(int i) => _workload.Connections[i];

        public ResolvedIdentity Identity(int i) => _identities[i];

        /// <summary>The evidence of connection <paramref name="i"/>, as the inspection builds it (destination and DNS hints added).</summary>
        public ServerIdentityEvidence Evidence(int i)
        {
            ReplayConnection connection = _workload.Connections[i];
            return ServerIdentityEvidence.FromHandshake(_observers[i]) with
            {
                DestinationAddress = connection.ServerAddress,
                DestinationPort = (ushort)connection.ServerPort,
                DnsNames = connection.DnsHints,
            };
        }

        public static void Feed(TlsConnectionObserver observer, byte[] buffer, ReplayConnection connection)
        {
            foreach (ReplayChunk chunk in connection.Chunks)
            {
                observer.Feed(chunk.ToServer ? TlsDirection.ClientToServer : TlsDirection.ServerToClient, buffer.AsSpan(chunk.Offset, chunk.Length));
            }
        }

        public void Dispose()
        {
            foreach (TlsConnectionObserver observer in _observers)
            {
                observer.Dispose();
            }
        }
    }
}
