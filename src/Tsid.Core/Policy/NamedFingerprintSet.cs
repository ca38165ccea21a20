namespace Tsid.Policy
{
    /// <summary>A <see cref="FingerprintSet"/> with the name a policy shows for it in decisions and explanations.</summary>
    /// <param name="Name">The list's name (e.g. the feed or file it came from).</param>
    /// <param name="Set">The fingerprints.</param>
    public sealed record NamedFingerprintSet(string Name, FingerprintSet Set);
}
