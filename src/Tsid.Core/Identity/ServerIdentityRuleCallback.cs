namespace Tsid.Identity
{
    /// <summary>The shape of a one-off custom rule, wrapped by <see cref="DelegateIdentityRule"/>; see <see cref="IServerIdentityRule.TryResolve"/>.</summary>
    /// <param name="evidence">What is known about the connection.</param>
    /// <param name="context">Takes candidates.</param>
    /// <returns>True when the rule decided.</returns>
    public delegate bool ServerIdentityRuleCallback(scoped in ServerIdentityEvidence evidence, ref ServerIdentityRuleContext context);
}
