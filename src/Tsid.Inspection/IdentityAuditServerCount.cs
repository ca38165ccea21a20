using Tsid.Capture;

namespace Tsid.Inspection
{
    /// <summary>
    /// The differing connections to one server that the two presets name the same two ways (<see cref="IdentityAuditSummary.ByServer"/>).
    /// </summary>
    public sealed class IdentityAuditServerCount
    {
        internal IdentityAuditServerCount(FlowEndpoint server, string? name, string? againstName)
        {
            Server = server;
            Name = name;
            AgainstName = againstName;
        }

        /// <summary>The server end (address and port).</summary>
        public FlowEndpoint Server { get; }

        /// <summary>The audited preset's name for it, or null when it named none.</summary>
        public string? Name { get; }

        /// <summary>The other preset's name for it, or null when it named none.</summary>
        public string? AgainstName { get; }

        /// <summary>Differing connections (names or actions).</summary>
        public long Connections { get; internal set; }

        /// <summary>Of those, the connections whose names differ.</summary>
        public long NameDifferences { get; internal set; }

        /// <summary>Of those, the connections whose actions differ.</summary>
        public long VerdictDifferences { get; internal set; }

        /// <summary>"server: name / against name: connections" for logs.</summary>
        /// <returns>Text.</returns>
        public override string ToString() =>
            Server.ToString() + ": " + (Name ?? "(none)") + " / " + (AgainstName ?? "(none)") + ": " + Connections.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
