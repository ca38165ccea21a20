namespace Tsid.Policy
{
    /// <summary>The stage of a policy that decided (Cisco FMC order: Security Intelligence, then access-control rules, then the default action).</summary>
    public enum PolicyStage : byte
    {
        /// <summary>No stage (a default-constructed decision).</summary>
        None = 0,

        /// <summary>A Security-Intelligence block list (allow lists only exempt names from it).</summary>
        SecurityIntelligence,

        /// <summary>An ordered rule: the first one whose conditions all hold.</summary>
        Rule,

        /// <summary>The policy's default action: nothing else decided.</summary>
        Default,
    }
}
