using System.Collections.Generic;

namespace Tsid.Cli.Reports
{
    /// <summary>One TLS connection as the tool reports it (the JSON Lines contract).</summary>
    internal sealed class ConnectionReport
    {
        public string Client { get; init; } = string.Empty;

        public string Server { get; init; } = string.Empty;

        /// <summary>Where TLS started: <c>direct</c>, or the STARTTLS protocol (<c>smtp</c>, <c>imap</c>, …).</summary>
        public string TlsStart { get; init; } = "direct";

        public string? Sni { get; set; }

        public List<string> ServerNames { get; } = new();

        public List<string> Alpn { get; } = new();

        public string? AlpnSelected { get; set; }

        public bool Ech { get; set; }

        public string? TlsVersion { get; set; }

        public bool CertificateVisible { get; set; }

        /// <summary><c>visible</c>, <c>encrypted_tls13</c>, <c>not_sent</c> or <c>unknown</c>.</summary>
        public string CertificateVisibility { get; set; } = "unknown";

        public List<CertificateReport> Certificates { get; } = new();

        public IdentityReport? Identity { get; set; }

        public VerdictReport? Verdict { get; set; }

        public List<ErrorReport> Errors { get; } = new();

        /// <summary>DNS names seen for the server address before the connection (the hints given to the resolver).</summary>
        public List<string> DnsHints { get; } = new();
    }
}
