using System;

namespace Tsid.Inspection
{
    /// <summary>How the audited preset and the one it is compared against disagree about one connection (<see cref="IdentityAudit"/>).</summary>
    [Flags]
    public enum IdentityDifferenceKinds
    {
        /// <summary>They agree: the same name (or both none), and the same action when a policy decided.</summary>
        None = 0,

        /// <summary>
        /// The names differ: different names (compared ordinally; both are normalised by <c>HostName</c>), one preset
        /// named the server and the other did not, or one rejected the connection and the other did not.
        /// </summary>
        Name = 1 << 0,

        /// <summary>A policy decided and the two identities led to different actions (the rule alone may differ without this flag).</summary>
        Verdict = 1 << 1,
    }
}
