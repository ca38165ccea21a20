using System.Collections.Generic;
using Tsid.Cli.Reports;

namespace Tsid.Cli.Inspection
{
    /// <summary>The closing counts of an inspection run.</summary>
    internal sealed class InspectionSummary
    {
        public long TcpConnections { get; set; }

        public long TlsConnections { get; set; }

        public long WithSni { get; set; }

        public long CertificatesVisible { get; set; }

        public long WithErrors { get; set; }

        public long DnsAnswers { get; set; }

        public SortedDictionary<string, long> IdentitiesBySource { get; } = new(System.StringComparer.Ordinal);

        public SortedDictionary<string, long> Verdicts { get; } = new(System.StringComparer.Ordinal);

        public void Count(ConnectionReport report)
        {
            TlsConnections++;
            if (report.Sni is not null)
            {
                WithSni++;
            }

            if (report.CertificateVisible)
            {
                CertificatesVisible++;
            }

            if (report.Errors.Count > 0)
            {
                WithErrors++;
            }

            string source = report.Identity?.Source ?? "none";
            IdentitiesBySource[source] = IdentitiesBySource.GetValueOrDefault(source) + 1;
            if (report.Verdict is { } verdict)
            {
                Verdicts[verdict.Action] = Verdicts.GetValueOrDefault(verdict.Action) + 1;
            }
        }
    }
}
