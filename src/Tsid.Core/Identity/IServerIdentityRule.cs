namespace Tsid.Identity
{
    /// <summary>
    /// One way to name a server. A resolver consults its rules in order; the first rule that accepts a name (through
    /// <see cref="ServerIdentityRuleContext.TryAccept(System.ReadOnlySpan{byte}, IdentitySource)"/> and friends) or rejects
    /// the connection (<see cref="ServerIdentityRuleContext.Reject"/>) decides. Rules must be immutable and thread-safe
    /// (one resolver serves every connection), must not throw on any evidence, and should not allocate.
    /// </summary>
    public interface IServerIdentityRule
    {
        /// <summary>A short unique name shown in explanations and results (the builder refuses two rules with one name).</summary>
        string Name { get; }

        /// <summary>Looks at the evidence and offers candidates to the context.</summary>
        /// <param name="evidence">What is known about the connection.</param>
        /// <param name="context">Takes candidates, normalises them, and records the explanation when one was asked for.</param>
        /// <returns>True when this rule decided (accepted a name or rejected); false to let the next rule try.</returns>
        bool TryResolve(scoped in ServerIdentityEvidence evidence, ref ServerIdentityRuleContext context);
    }
}
