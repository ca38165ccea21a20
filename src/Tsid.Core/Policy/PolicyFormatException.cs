using System;
using System.Collections.Generic;
using System.Text;

namespace Tsid.Policy
{
    /// <summary>A policy text could not be read; every problem found is listed with its line number.</summary>
    public sealed class PolicyFormatException : FormatException
    {
        /// <summary>Creates the exception.</summary>
        /// <param name="errors">Every problem, in line order.</param>
        public PolicyFormatException(IReadOnlyList<PolicyTextError> errors)
            : base(Describe(errors))
        {
            Errors = errors;
        }

        /// <summary>Every problem, in line order.</summary>
        public IReadOnlyList<PolicyTextError> Errors { get; }

        private static string Describe(IReadOnlyList<PolicyTextError> errors)
        {
            var sb = new StringBuilder("The policy text is invalid:");
            foreach (PolicyTextError e in errors)
            {
                sb.Append(Environment.NewLine).Append("  ").Append(e.ToString());
            }

            return sb.ToString();
        }
    }
}
