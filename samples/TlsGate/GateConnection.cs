using System;
using System.Net;
using Tsid.Identity;
using Tsid.Policy;
using Tsid.Tls;

namespace Tsid.Samples.TlsGate
{
    /// <summary>
    /// What the gateway keeps about one connection: its observer, the verdict and the identity it was made from (copied
    /// out of the resolver's span so that the log line can be written when the connection ends), and the counters.
    /// Pooled by <see cref="TlsGateway"/>: <see cref="Reset"/> readies it for the next connection.
    /// </summary>
    internal sealed class GateConnection : IDisposable
    {
        /// <summary>The longest matched name kept for the log (a host name, RFC 1035 2.3.4).</summary>
        private const int MatchedNameLength = HostName.MaxLength;

        public GateConnection() => Observer = new TlsConnectionObserver();

        public TlsConnectionObserver Observer { get; }

        /// <summary>Scratch for the resolver (<see cref="ServerIdentityResolver.NameBufferLength"/>).</summary>
        public char[] ResolveBuffer { get; } = new char[ServerIdentityResolver.NameBufferLength];

        public char[] IdentityName { get; } = new char[ServerIdentityResolver.NameBufferLength];

        public char[] MatchedName { get; } = new char[MatchedNameLength];

        /// <summary>The client's address (4 or 16 bytes used).</summary>
        public byte[] SourceAddress { get; } = new byte[16];

        /// <summary>The upstream's address once known (4 or 16 bytes used).</summary>
        public byte[] DestinationAddress { get; } = new byte[16];

        public int SourceAddressLength { get; set; }

        public int DestinationAddressLength { get; set; }

        public IPEndPoint? Client { get; set; }

        public IPEndPoint? Upstream { get; set; }

        public int SourcePort { get; set; }

        public DateTime StartedUtc { get; set; }

        public long StartedTimestamp { get; set; }

        public GateOutcome Outcome { get; set; }

        public DecisionPoint DecidedAt { get; set; }

        public int ClientHelloBytes { get; set; }

        public long ClientBytes;

        public long ServerBytes;

        // The identity, as plain values (ServerIdentity is a view that cannot outlive the resolve).
        public bool IdentityResolved { get; private set; }

        public int IdentityNameLength { get; private set; }

        public IdentitySource IdentitySource { get; private set; }

        public string? IdentityRule { get; private set; }

        public SniCoverage SniCoverage { get; private set; }

        public IdentityDiagnostics Diagnostics { get; private set; }

        public bool HasDecision { get; private set; }

        public PolicyDecision Decision { get; private set; }

        /// <summary>-1 when no name matched.</summary>
        public int MatchedNameCount { get; private set; } = -1;

        public string? MatchedPattern { get; private set; }

        /// <summary>Keeps what the log needs from one resolve and evaluation (the latest wins).</summary>
        public void Record(scoped in ServerIdentity identity, in PolicyDecision decision, scoped in ConnectionFacts facts, DecisionPoint point)
        {
            IdentityResolved = identity.IsResolved;
            identity.Name.CopyTo(IdentityName);
            IdentityNameLength = identity.Name.Length;
            IdentitySource = identity.Source;
            IdentityRule = identity.Rule?.Name;
            SniCoverage = identity.CertificateCoversSni;
            Diagnostics = identity.Diagnostics;
            HasDecision = true;
            Decision = decision;
            DecidedAt = point;
            MatchedNameCount = decision.TryGetMatchedName(in facts, MatchedName, out int written) ? written : -1;

            // The pattern is a string the policy keeps (a rule's text) or a suffix of the matched name; only made when a name matched.
            MatchedPattern = MatchedNameCount >= 0 ? decision.GetMatchedPattern(in facts) : null;
        }

        public void Reset()
        {
            Observer.Reset();
            SourceAddressLength = 0;
            DestinationAddressLength = 0;
            Client = null;
            Upstream = null;
            SourcePort = 0;
            Outcome = GateOutcome.Relayed;
            DecidedAt = DecisionPoint.None;
            ClientHelloBytes = 0;
            ClientBytes = 0;
            ServerBytes = 0;
            IdentityResolved = false;
            IdentityNameLength = 0;
            IdentitySource = IdentitySource.None;
            IdentityRule = null;
            SniCoverage = SniCoverage.Unknown;
            Diagnostics = IdentityDiagnostics.None;
            HasDecision = false;
            Decision = default;
            MatchedNameCount = -1;
            MatchedPattern = null;
        }

        public void Dispose() => Observer.Dispose();
    }
}
