using System.Collections.Generic;
using System.Net;
using Tsid.Cli.Reports;

namespace Tsid.Cli.Inspection
{
    /// <summary>What the capture layer knows about a connection, besides its TLS bytes.</summary>
    internal sealed class FlowFacts
    {
        public string Client { get; init; } = string.Empty;

        public string Server { get; init; } = string.Empty;

        public IPAddress? ClientAddress { get; init; }

        public IPAddress? ServerAddress { get; init; }

        public int ClientPort { get; init; }

        public int ServerPort { get; init; }

        /// <summary><c>direct</c>, or the STARTTLS protocol in lower case.</summary>
        public string TlsStart { get; init; } = "direct";

        /// <summary>Names the DNS answers seen earlier map to the server address, most recent first.</summary>
        public string[] DnsHints { get; init; } = System.Array.Empty<string>();

        /// <summary>Gaps in the TCP streams (bytes the capture does not have).</summary>
        public List<ErrorReport> Gaps { get; } = new();
    }
}
