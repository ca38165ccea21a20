namespace Tsid.Cli
{
    /// <summary><c>--format table|json</c>: an aligned table for people, or JSON Lines for pipelines.</summary>
    internal enum OutputFormat
    {
        /// <summary>An aligned text table (the default).</summary>
        Table,

        /// <summary>One JSON object per line.</summary>
        Json,
    }
}
