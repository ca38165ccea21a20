using System;
using System.Collections.Generic;
using Tsid.Capture;
using Tsid.Identity;
using Tsid.Policy;
using Tsid.Tls;

namespace Tsid.Inspection
{
    /// <summary>
    /// One connection that two identity presets name differently, or decide differently with the same policy
    /// (<see cref="IdentityAudit"/>): where it went, what the client said (SNI, DNS hints), both identities with their
    /// sources and diagnostics, and both decisions. Owned and immutable; made only for connections that differ.
    /// </summary>
    public sealed class IdentityDifference
    {
        private static readonly IReadOnlyList<string> NoNames = Array.Empty<string>();

        private IdentityDifference()
        {
        }

        /// <summary>What differs (never <see cref="IdentityDifferenceKinds.None"/>).</summary>
        public IdentityDifferenceKinds Kinds { get; private set; }

        /// <summary>True when the names differ (<see cref="IdentityDifferenceKinds.Name"/>).</summary>
        public bool NamesDiffer => (Kinds & IdentityDifferenceKinds.Name) != 0;

        /// <summary>True when the actions differ (<see cref="IdentityDifferenceKinds.Verdict"/>).</summary>
        public bool VerdictsDiffer => (Kinds & IdentityDifferenceKinds.Verdict) != 0;

        /// <summary>The flow's number in the capture (<see cref="InspectedConnection.FlowId"/>).</summary>
        public long FlowId { get; private set; }

        /// <summary>The transport (<see cref="InspectedConnection.Transport"/>).</summary>
        public ConnectionTransport Transport { get; private set; }

        /// <summary>What carried the handshake (<see cref="InspectedConnection.Protocol"/>).</summary>
        public HandshakeProtocol Protocol { get; private set; }

        /// <summary>The client end.</summary>
        public FlowEndpoint Client { get; private set; }

        /// <summary>The server end.</summary>
        public FlowEndpoint Server { get; private set; }

        /// <summary>Capture time of the connection's first packet, ns since the Unix epoch.</summary>
        public long FirstPacketNanoseconds { get; private set; }

        /// <summary>Capture time of the connection's first packet.</summary>
        public DateTimeOffset FirstPacketTime => CaptureTime.ToDateTimeOffset(FirstPacketNanoseconds);

        /// <summary>The first SNI host_name (Latin-1 decoded), or null without SNI.</summary>
        public string? ServerName { get; private set; }

        /// <summary>The DNS hints both resolvers were given, most recent first.</summary>
        public IReadOnlyList<string> DnsHints { get; private set; } = NoNames;

        /// <summary>Whether the server's chain was seen in clear.</summary>
        public TlsCertificateVisibility CertificateVisibility { get; private set; }

        /// <summary>
        /// The audited preset's identity (<see cref="IdentityAudit.Resolver"/>): name, source, deciding rule, SNI coverage
        /// (<see cref="ServerIdentityRecord.CertificateCoversSni"/>) and diagnostics (e.g. <see cref="IdentityDiagnostics.NearDuplicateName"/>).
        /// </summary>
        public ServerIdentityRecord Identity { get; private set; } = null!;

        /// <summary>The identity of the preset it is compared against (<see cref="IdentityAudit.Against"/>), read from the same evidence.</summary>
        public ServerIdentityRecord AgainstIdentity { get; private set; } = null!;

        /// <summary>The policy's decision on <see cref="Identity"/>, or null without a policy.</summary>
        public PolicyDecision? Decision { get; private set; }

        /// <summary>The policy's decision on <see cref="AgainstIdentity"/>, or null without a policy.</summary>
        public PolicyDecision? AgainstDecision { get; private set; }

        /// <summary>The policy's explanation of <see cref="Decision"/>, when <see cref="InspectionOptions.Explain"/> is set.</summary>
        public PolicyExplanation? DecisionExplanation { get; private set; }

        /// <summary>The policy's explanation of <see cref="AgainstDecision"/>, when <see cref="InspectionOptions.Explain"/> is set.</summary>
        public PolicyExplanation? AgainstDecisionExplanation { get; private set; }

        /// <summary>"client -> server: name / against name" for logs.</summary>
        /// <returns>Text.</returns>
        public override string ToString() =>
            Client.ToString() + " -> " + Server.ToString() + ": " + (Identity.Name ?? "(none)") + " / " + (AgainstIdentity.Name ?? "(none)");

        internal static IdentityDifference From(
            in InspectedConnection connection,
            IdentityDifferenceKinds kinds,
            in ServerIdentity against,
            bool hasDecision,
            PolicyDecision againstDecision,
            PolicyExplanation? againstExplanation)
        {
            ReadOnlySpan<byte> sni = connection.ServerName;
            return new IdentityDifference
            {
                Kinds = kinds,
                FlowId = connection.FlowId,
                Transport = connection.Transport,
                Protocol = connection.Protocol,
                Client = connection.Client,
                Server = connection.Server,
                FirstPacketNanoseconds = connection.FirstPacketNanoseconds,
                ServerName = sni.IsEmpty ? null : Latin1.GetString(sni),
                DnsHints = connection.DnsHints.IsEmpty ? NoNames : connection.DnsHints.ToArray(),
                CertificateVisibility = connection.CertificateVisibility,
                Identity = connection.Identity.ToRecord(),
                AgainstIdentity = against.ToRecord(),
                Decision = hasDecision ? connection.Decision : null,
                AgainstDecision = hasDecision ? againstDecision : null,
                DecisionExplanation = connection.DecisionExplanation,
                AgainstDecisionExplanation = againstExplanation,
            };
        }
    }
}
