namespace Tsid.Policy
{
    /// <summary>A <see cref="DomainSet"/> with the name a policy shows for it in decisions and explanations.</summary>
    /// <param name="Name">The list's name (e.g. the feed or file it came from).</param>
    /// <param name="Set">The domains.</param>
    /// <param name="Action">For a Security-Intelligence block list, <see cref="PolicyAction.Block"/> or <see cref="PolicyAction.Monitor"/> (monitor-only); for other uses, <see cref="PolicyAction.Allow"/>.</param>
    public sealed record NamedDomainSet(string Name, DomainSet Set, PolicyAction Action);
}
