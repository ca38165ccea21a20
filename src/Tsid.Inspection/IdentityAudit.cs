using System;
using System.IO;
using Tsid.Capture;
using Tsid.Identity;
using Tsid.Policy;

namespace Tsid.Inspection
{
    /// <summary>
    /// The administrator's question about a capture: which connections does my firewall's preset name differently from
    /// another preset (by default <see cref="ServerIdentityPresets.HintAware"/>, which names what the client asked for), and
    /// does that change the verdict? It runs one <see cref="ConnectionInspector"/> with the audited preset
    /// (<see cref="InspectionOptions.Resolver"/>); for each connection it resolves the same evidence a second time with
    /// <see cref="Against"/> (the leaf parsed once, by the inspection), evaluates the policy on the second identity with the
    /// same handshake facts, and reports only the connections where names or actions differ.
    /// Immutable and thread-safe: one audit serves any number of captures, also at once.
    /// </summary>
    /// <example>
    /// <code>
    /// var audit = new IdentityAudit(new InspectionOptions { Resolver = ServerIdentityPresets.Firepower, Policy = policy });
    /// using FileStream capture = File.OpenRead("trace.pcapng");
    /// IdentityAuditSummary summary = audit.Audit(capture, d =>
    ///     Console.WriteLine($"{d.Server}  {d.Identity.Name} / {d.AgainstIdentity.Name}  {d.Decision?.Action} / {d.AgainstDecision?.Action}"));
    /// </code>
    /// </example>
    public sealed class IdentityAudit
    {
        private readonly ConnectionInspector _inspector;

        /// <summary>Creates an audit.</summary>
        /// <param name="options">
        /// The inspection: <see cref="InspectionOptions.Resolver"/> is the audited preset (default Firepower), its policy decides
        /// both identities, its DNS hints and explanations serve both (null for <see cref="InspectionOptions.Default"/>).
        /// </param>
        /// <param name="against">The preset to compare with (null for <see cref="ServerIdentityPresets.HintAware"/>).</param>
        /// <exception cref="ArgumentException">The options are inconsistent (see <see cref="ConnectionInspector(InspectionOptions)"/>).</exception>
        public IdentityAudit(InspectionOptions? options = null, ServerIdentityResolver? against = null)
        {
            _inspector = new ConnectionInspector(options);
            Against = against ?? ServerIdentityPresets.HintAware;
        }

        /// <summary>The inspection's options; <see cref="InspectionOptions.Resolver"/> is the audited preset.</summary>
        public InspectionOptions Options => _inspector.Options;

        /// <summary>The audited preset (<see cref="InspectionOptions.Resolver"/> of <see cref="Options"/>).</summary>
        public ServerIdentityResolver Resolver => _inspector.Options.Resolver;

        /// <summary>The preset it is compared against.</summary>
        public ServerIdentityResolver Against { get; }

        /// <summary>
        /// Reads a whole capture (as <see cref="ConnectionInspector.Inspect(Stream, ConnectionHandler)"/>: malformed input never
        /// throws, the summary says where reading stopped) and calls <paramref name="handler"/> for each connection the two
        /// presets disagree about.
        /// </summary>
        /// <param name="capture">The capture; left open.</param>
        /// <param name="handler">Called once per differing connection.</param>
        /// <returns>The counts, and the differing connections counted by server.</returns>
        public IdentityAuditSummary Audit(Stream capture, IdentityDifferenceHandler handler)
        {
            if (capture is null)
            {
                throw new ArgumentNullException(nameof(capture));
            }

            using CaptureReader reader = CaptureReader.Open(capture, leaveOpen: true);
            return Audit(reader, handler);
        }

        /// <summary>Reads every packet of <paramref name="reader"/> and reports the differing connections (see <see cref="Audit(Stream, IdentityDifferenceHandler)"/>).</summary>
        /// <param name="reader">An open reader.</param>
        /// <param name="handler">Called once per differing connection.</param>
        /// <returns>The counts, and the differing connections counted by server.</returns>
        public IdentityAuditSummary Audit(CaptureReader reader, IdentityDifferenceHandler handler)
        {
            if (reader is null)
            {
                throw new ArgumentNullException(nameof(reader));
            }

            if (handler is null)
            {
                throw new ArgumentNullException(nameof(handler));
            }

            var run = new Run(this, handler);
            InspectionSummary inspection = _inspector.Inspect(reader, run.OnConnection);
            return new IdentityAuditSummary(inspection, run.Tally);
        }

        /// <summary>
        /// Compares one inspected connection with <see cref="Against"/> (for callers that run their own
        /// <see cref="ConnectionInspector"/> with these <see cref="Options"/>): its evidence resolved again, the policy
        /// evaluated on the second identity.
        /// </summary>
        /// <param name="connection">A connection inspected with <see cref="Options"/>.</param>
        /// <param name="nameBuffer">At least <see cref="ServerIdentityResolver.NameBufferLength"/> characters for the second name.</param>
        /// <returns>The difference, or null when the presets agree (nothing is allocated then, unless explanations are on).</returns>
        public IdentityDifference? Compare(in InspectedConnection connection, Span<char> nameBuffer)
        {
            ServerIdentityEvidence evidence = connection.Evidence;
            bool explain = Options.Explain;
            ServerIdentity identity = connection.Identity;
            ServerIdentity against = Against.Resolve(in evidence, nameBuffer, explain);

            IdentityDifferenceKinds kinds = IdentityDifferenceKinds.None;
            if (identity.IsResolved != against.IsResolved || identity.IsRejected != against.IsRejected
                || !identity.Name.SequenceEqual(against.Name))
            {
                kinds |= IdentityDifferenceKinds.Name;
            }

            PolicyDecision againstDecision = default;
            PolicyExplanation? againstExplanation = null;
            if (connection.HasDecision && Options.Policy is { } policy)
            {
                // The same handshake facts (addresses, ALPN, fingerprints the inspection computed), the second identity.
                ConnectionFacts facts = connection.Facts with
                {
                    ResolvedName = against.Name,
                    ResolvedSource = against.Source,
                    CertificateCoversSni = against.CertificateCoversSni,
                    IdentityRejected = against.IsRejected,
                    IdentityRejectReason = against.RejectReason,
                };
                if (explain)
                {
                    againstExplanation = policy.Explain(in facts);
                    againstDecision = againstExplanation.Decision;
                }
                else
                {
                    againstDecision = policy.Evaluate(in facts);
                }

                if (againstDecision.Action != connection.Decision.Action)
                {
                    kinds |= IdentityDifferenceKinds.Verdict;
                }
            }

            return kinds == IdentityDifferenceKinds.None
                ? null
                : IdentityDifference.From(in connection, kinds, in against, connection.HasDecision, againstDecision, againstExplanation);
        }

        /// <summary>The state of one <see cref="Audit(CaptureReader, IdentityDifferenceHandler)"/> call (its handler runs on one thread at a time).</summary>
        private sealed class Run
        {
            private readonly IdentityAudit _audit;
            private readonly IdentityDifferenceHandler _handler;
            private readonly char[] _name = new char[ServerIdentityResolver.NameBufferLength];

            public Run(IdentityAudit audit, IdentityDifferenceHandler handler)
            {
                _audit = audit;
                _handler = handler;
            }

            public IdentityAuditTally Tally { get; } = new();

            public void OnConnection(in InspectedConnection connection)
            {
                IdentityDifference? difference = _audit.Compare(in connection, _name);
                if (difference is not null)
                {
                    Tally.Add(difference);
                    _handler(difference);
                }
            }
        }
    }
}
