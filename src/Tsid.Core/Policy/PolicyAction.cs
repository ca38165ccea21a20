namespace Tsid.Policy
{
    /// <summary>What a policy does with a connection.</summary>
    public enum PolicyAction : byte
    {
        /// <summary>Let the connection through.</summary>
        Allow = 1,

        /// <summary>Stop the connection.</summary>
        Block,

        /// <summary>
        /// Record the match and keep evaluating (Cisco's "Monitor" rule action and monitor-only Security
        /// Intelligence lists). Never the final action of a decision.
        /// </summary>
        Monitor,
    }
}
