namespace Tsid.Policy
{
    /// <summary>Which names of a connection host conditions and lists are checked against. docs/policy.md explains the choice.</summary>
    public enum MatchMode : byte
    {
        /// <summary>
        /// Only <see cref="ConnectionFacts.ResolvedName"/>, the one name the identity resolver chose — what Cisco
        /// Firepower does. With no resolved name, no host condition or list matches.
        /// </summary>
        ResolvedIdentity = 0,

        /// <summary>
        /// The resolved name and every presented name (SNI, every certificate CN, every SAN dNSName). A
        /// Security-Intelligence block hits when any of these names is on a block list and that same name is not on
        /// an allow list; a rule's host condition holds when any of the names matches it, whatever the rule's action.
        /// </summary>
        AnyPresentedName,
    }
}
