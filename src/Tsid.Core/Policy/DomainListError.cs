namespace Tsid.Policy
{
    /// <summary>One line of a domain list that could not be read.</summary>
    /// <param name="Line">The 1-based line number.</param>
    /// <param name="Reason">Why the line was rejected.</param>
    /// <param name="Text">The offending entry, cut to <see cref="DomainSet.MaxReportedTextLength"/> characters.</param>
    public sealed record DomainListError(int Line, string Reason, string Text)
    {
        /// <inheritdoc/>
        public override string ToString() => "line " + Line + ": " + Reason + " ('" + Text + "')";
    }
}
