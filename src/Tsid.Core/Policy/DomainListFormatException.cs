using System;
using System.Collections.Generic;
using System.Text;

namespace Tsid.Policy
{
    /// <summary>A domain list loaded in <see cref="DomainListMode.Strict"/> mode had bad lines; all of them (up to a cap) are listed.</summary>
    public sealed class DomainListFormatException : FormatException
    {
        /// <summary>Creates the exception from the bad lines found.</summary>
        /// <param name="errors">The bad lines, in order.</param>
        /// <param name="badLines">How many lines were bad in total (may exceed <paramref name="errors"/>.Count).</param>
        public DomainListFormatException(IReadOnlyList<DomainListError> errors, int badLines)
            : base(Describe(errors, badLines))
        {
            Errors = errors;
            BadLines = badLines;
        }

        /// <summary>The bad lines, in order (at most <see cref="DomainSet.MaxReportedErrors"/>).</summary>
        public IReadOnlyList<DomainListError> Errors { get; }

        /// <summary>The total number of bad lines.</summary>
        public int BadLines { get; }

        private static string Describe(IReadOnlyList<DomainListError> errors, int badLines)
        {
            var sb = new StringBuilder();
            sb.Append("The domain list has ").Append(badLines).Append(badLines == 1 ? " bad line:" : " bad lines:");
            for (int i = 0; i < errors.Count; i++)
            {
                sb.Append(Environment.NewLine).Append("  ").Append(errors[i].ToString());
            }

            if (badLines > errors.Count)
            {
                sb.Append(Environment.NewLine).Append("  … and ").Append(badLines - errors.Count).Append(" more");
            }

            return sb.ToString();
        }
    }
}
