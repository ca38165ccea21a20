using System.Collections.Generic;
using Tsid.Capture;
using Tsid.Identity;
using Tsid.Policy;

namespace Tsid.Inspection
{
    /// <summary>How an inspection went: the capture layer's result (error, offset, counters) and counts of the connections reported.</summary>
    public sealed class InspectionSummary
    {
        internal InspectionSummary(CaptureInspectionResult capture, InspectionCounters counters)
        {
            Capture = capture;
            Connections = counters.Connections;
            WithServerName = counters.WithServerName;
            WithVisibleCertificate = counters.WithVisibleCertificate;
            WithErrors = counters.WithErrors;
            IdentitiesBySource = Sorted(counters.Sources);
            DecisionsByAction = Sorted(counters.Actions);
        }

        /// <summary>The capture layer's result: <see cref="CaptureInspectionResult.Error"/> and its offset, and the packet and flow counters.</summary>
        public CaptureInspectionResult Capture { get; }

        /// <summary>TLS connections reported to the handler.</summary>
        public long Connections { get; }

        /// <summary>Those whose ClientHello named a server (SNI).</summary>
        public long WithServerName { get; }

        /// <summary>Those whose server chain was seen in clear with at least one certificate.</summary>
        public long WithVisibleCertificate { get; }

        /// <summary>Those with a parse error or a gap.</summary>
        public long WithErrors { get; }

        /// <summary>Connections per identity source (<see cref="IdentitySource.None"/> for unresolved ones), sources in enum order, zero counts left out.</summary>
        public IReadOnlyList<KeyValuePair<IdentitySource, long>> IdentitiesBySource { get; }

        /// <summary>Decisions per action, in enum order, zero counts left out (empty without a policy).</summary>
        public IReadOnlyList<KeyValuePair<PolicyAction, long>> DecisionsByAction { get; }

        private static IReadOnlyList<KeyValuePair<T, long>> Sorted<T>(Dictionary<T, long> counts)
            where T : struct, System.Enum
        {
            var list = new List<KeyValuePair<T, long>>(counts);
            list.Sort((a, b) => Comparer<T>.Default.Compare(a.Key, b.Key));
            return list.AsReadOnly();
        }
    }

    /// <summary>The counts of one run while it goes (owned by the thread that analyses connections).</summary>
    internal sealed class InspectionCounters
    {
        public long Connections;
        public long WithServerName;
        public long WithVisibleCertificate;
        public long WithErrors;
        public readonly Dictionary<IdentitySource, long> Sources = new();
        public readonly Dictionary<PolicyAction, long> Actions = new();

        public void Count(in InspectedConnection connection)
        {
            Connections++;
            if (!connection.ServerName.IsEmpty)
            {
                WithServerName++;
            }

            if (connection.HasCertificates && connection.Certificates.Count > 0)
            {
                WithVisibleCertificate++;
            }

            if (connection.HasErrors)
            {
                WithErrors++;
            }

            IdentitySource source = connection.Identity.Source;
            Sources[source] = (Sources.TryGetValue(source, out long s) ? s : 0) + 1;
            if (connection.HasDecision)
            {
                PolicyAction action = connection.Decision.Action;
                Actions[action] = (Actions.TryGetValue(action, out long a) ? a : 0) + 1;
            }
        }
    }
}
