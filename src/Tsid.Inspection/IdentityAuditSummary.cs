using System;
using System.Collections.Generic;
using Tsid.Capture;

namespace Tsid.Inspection
{
    /// <summary>How an <see cref="IdentityAudit"/> went: the inspection's summary, and the differing connections counted overall and by server.</summary>
    public sealed class IdentityAuditSummary
    {
        internal IdentityAuditSummary(InspectionSummary inspection, IdentityAuditTally tally)
        {
            Inspection = inspection;
            Differences = tally.Differences;
            NameDifferences = tally.NameDifferences;
            VerdictDifferences = tally.VerdictDifferences;
            ByServer = tally.ToList();
        }

        /// <summary>The inspection's summary (capture error and counters; <see cref="InspectionSummary.Connections"/> is every connection compared).</summary>
        public InspectionSummary Inspection { get; }

        /// <summary>Connections reported to the handler (names or actions differ).</summary>
        public long Differences { get; }

        /// <summary>Those whose names differ.</summary>
        public long NameDifferences { get; }

        /// <summary>Those whose actions differ.</summary>
        public long VerdictDifferences { get; }

        /// <summary>
        /// The differing connections by server and pair of names, most connections first (then by server address, port and
        /// names, ordinally), so the servers the trap hits most lead.
        /// </summary>
        public IReadOnlyList<IdentityAuditServerCount> ByServer { get; }

        /// <summary>
        /// Counts differences by server the way <see cref="ByServer"/> does, over any set of them (for example those of
        /// several captures).
        /// </summary>
        /// <param name="differences">The differences.</param>
        /// <returns>The counts, most connections first.</returns>
        public static IReadOnlyList<IdentityAuditServerCount> CountByServer(IEnumerable<IdentityDifference> differences)
        {
            if (differences is null)
            {
                throw new ArgumentNullException(nameof(differences));
            }

            var tally = new IdentityAuditTally();
            foreach (IdentityDifference difference in differences)
            {
                tally.Add(difference);
            }

            return tally.ToList();
        }
    }

    /// <summary>The counts of one audit while it goes.</summary>
    internal sealed class IdentityAuditTally
    {
        private readonly Dictionary<(FlowEndpoint Server, string? Name, string? Against), IdentityAuditServerCount> _byServer = new();

        public long Differences;
        public long NameDifferences;
        public long VerdictDifferences;

        public void Add(IdentityDifference difference)
        {
            Differences++;
            (FlowEndpoint Server, string? Name, string? Against) key = (difference.Server, difference.Identity.Name, difference.AgainstIdentity.Name);
            if (!_byServer.TryGetValue(key, out IdentityAuditServerCount? count))
            {
                count = new IdentityAuditServerCount(key.Server, key.Name, key.Against);
                _byServer.Add(key, count);
            }

            count.Connections++;
            if (difference.NamesDiffer)
            {
                NameDifferences++;
                count.NameDifferences++;
            }

            if (difference.VerdictsDiffer)
            {
                VerdictDifferences++;
                count.VerdictDifferences++;
            }
        }

        public IReadOnlyList<IdentityAuditServerCount> ToList()
        {
            var list = new List<IdentityAuditServerCount>(_byServer.Values);
            list.Sort(Compare);
            return list.AsReadOnly();
        }

        private static int Compare(IdentityAuditServerCount a, IdentityAuditServerCount b)
        {
            int c = b.Connections.CompareTo(a.Connections);
            if (c == 0)
            {
                c = string.CompareOrdinal(a.Server.Address.ToString(), b.Server.Address.ToString());
            }

            if (c == 0)
            {
                c = a.Server.Port.CompareTo(b.Server.Port);
            }

            if (c == 0)
            {
                c = string.CompareOrdinal(a.Name, b.Name);
            }

            return c == 0 ? string.CompareOrdinal(a.AgainstName, b.AgainstName) : c;
        }
    }
}
