namespace Tsid.Policy
{
    /// <summary>One list or rule a policy consulted, and what came of it.</summary>
    /// <param name="Stage">The stage.</param>
    /// <param name="Index">The rule's or list's position from 0 (-1 for the default action).</param>
    /// <param name="Name">The rule's or list's name.</param>
    /// <param name="Action">The action it carries.</param>
    /// <param name="Matched">Whether it matched.</param>
    /// <param name="Detail">Why it matched, or the first condition that did not hold.</param>
    public sealed record PolicyTraceStep(PolicyStage Stage, int Index, string Name, PolicyAction Action, bool Matched, string Detail)
    {
        /// <inheritdoc/>
        public override string ToString() =>
            (Stage == PolicyStage.Rule ? "rule #" + (Index + 1) + " " : Stage + " ") + Name + " [" + Action + "]: " + (Matched ? "matched — " : "no match — ") + Detail;
    }
}
