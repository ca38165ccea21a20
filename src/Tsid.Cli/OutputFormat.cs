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

    /// <summary>
    /// <c>on|off</c> for an option whose default is on. A <c>bool?</c> option would be a flag to System.CommandLine (it
    /// takes the next token only when that parses as a bool, so <c>--dns-hints off</c> would not bind).
    /// </summary>
    internal enum Switch
    {
        /// <summary>Not given: the option's documented default.</summary>
        Default,

        /// <summary><c>on</c>.</summary>
        On,

        /// <summary><c>off</c>.</summary>
        Off,
    }
}
