namespace Tsid.Cli.Reports
{
    /// <summary>A parse error or gap in one direction of a connection.</summary>
    internal sealed class ErrorReport
    {
        /// <summary><c>client</c> (client to server) or <c>server</c> (server to client).</summary>
        public string Direction { get; init; } = string.Empty;

        /// <summary>The error code, e.g. <c>TruncatedRecord</c> or <c>gap</c>.</summary>
        public string Error { get; init; } = string.Empty;

        /// <summary>Byte offset in that direction's stream (from the TLS start).</summary>
        public long Offset { get; init; }
    }
}
