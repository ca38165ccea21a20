namespace Tsid.Inspection
{
    /// <summary>
    /// Receives each connection the two presets of an <see cref="IdentityAudit"/> disagree about, in capture order of the
    /// connections' ends. The difference is an owned, immutable object: keep it as it is.
    /// </summary>
    /// <param name="difference">The connection, both identities and, with a policy, both decisions.</param>
    public delegate void IdentityDifferenceHandler(IdentityDifference difference);
}
