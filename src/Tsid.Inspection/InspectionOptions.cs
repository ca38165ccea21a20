using System;
using Tsid.Capture;
using Tsid.Identity;
using Tsid.Policy;
using Tsid.Tls;

namespace Tsid.Inspection
{
    /// <summary>
    /// What a <see cref="ConnectionInspector"/> does with each connection: which resolver names the server, which policy
    /// decides (its match mode is the policy's own, see <see cref="AccessPolicy.Mode"/>), whether the capture's DNS answers
    /// become hints, whether explanations are built, and the limits of every stage.
    /// </summary>
    public sealed record InspectionOptions
    {
        /// <summary>The default of <see cref="MaxDnsHintAddresses"/>.</summary>
        public const int DefaultMaxDnsHintAddresses = 200_000;

        /// <summary>The default of <see cref="MaxDnsHintNamesPerAddress"/>.</summary>
        public const int DefaultMaxDnsHintNamesPerAddress = 16;

        /// <summary>The defaults: the Firepower preset, no policy, DNS hints on, no explanations, one thread.</summary>
        public static InspectionOptions Default { get; } = new();

        /// <summary>Names each connection's server. Default <see cref="ServerIdentityPresets.Firepower"/>.</summary>
        public ServerIdentityResolver Resolver { get; init; } = ServerIdentityPresets.Firepower;

        /// <summary>
        /// Decides each connection, or null for no decision. Its <see cref="AccessPolicy.Mode"/> says whether host conditions
        /// see the resolved name only or every name the connection presented (those are then read from the handshake).
        /// </summary>
        public AccessPolicy? Policy { get; init; }

        /// <summary>
        /// Give the resolver the names that DNS answers earlier in the capture mapped to the server address
        /// (<see cref="ServerIdentityEvidence.DnsNames"/>). An answer counts while the connection's first packet is no later
        /// than the answer's capture time plus its TTL. Default true.
        /// </summary>
        public bool UseDnsHints { get; init; } = true;

        /// <summary>
        /// Server addresses the DNS hint cache remembers. When it is full, expired answers are dropped first; if none are,
        /// the cache starts again empty (it may forget, it never grows without bound). Default <see cref="DefaultMaxDnsHintAddresses"/>.
        /// </summary>
        public int MaxDnsHintAddresses { get; init; } = DefaultMaxDnsHintAddresses;

        /// <summary>Names kept per address, most recent first. Default <see cref="DefaultMaxDnsHintNamesPerAddress"/>.</summary>
        public int MaxDnsHintNamesPerAddress { get; init; } = DefaultMaxDnsHintNamesPerAddress;

        /// <summary>
        /// Build the identity explanation (<see cref="ServerIdentity.Explanation"/>) and the policy explanation
        /// (<see cref="InspectedConnection.DecisionExplanation"/>) of every connection. They allocate; default false.
        /// </summary>
        public bool Explain { get; init; }

        /// <summary>
        /// Analyse connections (evidence, identity, policy and the handler) on a second thread while the calling thread reads,
        /// reassembles and parses the capture. The handler is then called on that thread, still one connection at a time and in
        /// the same order; at most <see cref="ConnectionInspector.MaxQueuedConnections"/> ended connections wait for it.
        /// Worth it on a machine with a core to spare; default false.
        /// </summary>
        public bool UseWorkerThread { get; init; }

        /// <summary>Capture reading, TCP reassembly and TLS start detection (<see cref="CaptureInspectorOptions"/>).</summary>
        public CaptureInspectorOptions Capture { get; init; } = CaptureInspectorOptions.Default;

        /// <summary>Handshake message caps per direction (null for <see cref="TlsHandshakeLimits.Default"/>).</summary>
        public TlsHandshakeLimits? HandshakeLimits { get; init; }

        internal void Validate()
        {
            if (Resolver is null)
            {
                throw new ArgumentException("A resolver is required.", nameof(Resolver));
            }

            if (Capture is null)
            {
                throw new ArgumentException("Capture options are required.", nameof(Capture));
            }

            if (MaxDnsHintAddresses < 1 || MaxDnsHintNamesPerAddress < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(MaxDnsHintAddresses), "DNS hint limits must be positive.");
            }
        }
    }
}
