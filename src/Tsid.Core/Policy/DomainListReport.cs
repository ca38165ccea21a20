using System.Collections.Generic;

namespace Tsid.Policy
{
    /// <summary>What loading a domain list read, kept, and skipped.</summary>
    public sealed class DomainListReport
    {
        internal DomainListReport(int lines, int entries, int distinct, int ignored, int badLines, IReadOnlyList<DomainListError> errors)
        {
            Lines = lines;
            Entries = entries;
            Distinct = distinct;
            Ignored = ignored;
            BadLines = badLines;
            Errors = errors;
        }

        /// <summary>Lines read, including blank lines and comments.</summary>
        public int Lines { get; }

        /// <summary>Domain entries accepted (a hosts-file line may carry several).</summary>
        public int Entries { get; }

        /// <summary>Distinct domains in the set (entries minus duplicates).</summary>
        public int Distinct { get; }

        /// <summary>Hosts-file names that name the local machine (<c>localhost</c>, <c>broadcasthost</c>, …) and were left out on purpose.</summary>
        public int Ignored { get; }

        /// <summary>Lines rejected (skipped in lenient mode).</summary>
        public int BadLines { get; }

        /// <summary>The first <see cref="DomainSet.MaxReportedErrors"/> bad lines, in order.</summary>
        public IReadOnlyList<DomainListError> Errors { get; }
    }
}
