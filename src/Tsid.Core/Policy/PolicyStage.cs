namespace Tsid.Policy
{
    /// <summary>
    /// The stage of a policy that decided, in evaluation order: the identity check, then Security Intelligence, then the
    /// access-control rules, then the default action (Cisco FMC's order, with the identity resolver's verdict first).
    /// </summary>
    public enum PolicyStage : byte
    {
        /// <summary>No stage (a default-constructed decision).</summary>
        None = 0,

        /// <summary>
        /// The identity resolver rejected the connection (<see cref="ConnectionFacts.IdentityRejected"/>, e.g. FortiGate
        /// <c>strict</c> on an SNI the certificate does not cover); the policy's <see cref="AccessPolicy.RejectedIdentityAction"/> applies.
        /// </summary>
        Identity,

        /// <summary>A Security-Intelligence block list (allow lists only exempt names from it).</summary>
        SecurityIntelligence,

        /// <summary>An ordered rule: the first one whose conditions all hold.</summary>
        Rule,

        /// <summary>The policy's default action: nothing else decided.</summary>
        Default,
    }
}
