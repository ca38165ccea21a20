using System;
using System.Collections.Generic;
using System.Text;

namespace Tsid.Policy
{
    /// <summary><see cref="PolicyBuilder.Build"/> found problems; every one of them is listed.</summary>
    public sealed class PolicyValidationException : Exception
    {
        /// <summary>Creates the exception.</summary>
        /// <param name="problems">Every problem found, one sentence each.</param>
        public PolicyValidationException(IReadOnlyList<string> problems)
            : base(Describe(problems))
        {
            Problems = problems;
        }

        /// <summary>Every problem found, one sentence each, in policy order.</summary>
        public IReadOnlyList<string> Problems { get; }

        private static string Describe(IReadOnlyList<string> problems)
        {
            var sb = new StringBuilder("The policy is invalid (").Append(problems.Count).Append(problems.Count == 1 ? " problem):" : " problems):");
            foreach (string p in problems)
            {
                sb.Append(Environment.NewLine).Append("  - ").Append(p);
            }

            return sb.ToString();
        }
    }
}
