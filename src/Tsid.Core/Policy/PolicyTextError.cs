namespace Tsid.Policy
{
    /// <summary>One problem in a policy text.</summary>
    /// <param name="Line">The 1-based line number (0 when the problem is not tied to a line).</param>
    /// <param name="Message">What is wrong.</param>
    public sealed record PolicyTextError(int Line, string Message)
    {
        /// <inheritdoc/>
        public override string ToString() => Line > 0 ? "line " + Line + ": " + Message : Message;
    }
}
