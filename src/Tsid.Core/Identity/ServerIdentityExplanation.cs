using System.Collections.Generic;
using System.Text;

namespace Tsid.Identity
{
    /// <summary>
    /// Why a resolver chose what it chose: every candidate every consulted rule looked at, in order, with its verdict, plus
    /// the names the chosen certificate name nearly duplicates. Built only when asked for.
    /// </summary>
    public sealed class ServerIdentityExplanation
    {
        internal ServerIdentityExplanation(string resolverName, IReadOnlyList<IdentityCandidate> candidates, IReadOnlyList<string> nearDuplicates)
        {
            ResolverName = resolverName;
            Candidates = candidates;
            NearDuplicates = nearDuplicates;
        }

        /// <summary>The resolver's name (a preset name, or the one given to the builder).</summary>
        public string ResolverName { get; }

        /// <summary>Every candidate considered, in the order the rules looked at them; rules after the deciding one appear as <see cref="CandidateVerdict.NotConsulted"/>.</summary>
        public IReadOnlyList<IdentityCandidate> Candidates { get; }

        /// <summary>Other dNSNames of the certificate one edit away from the chosen name (empty unless <see cref="IdentityDiagnostics.NearDuplicateName"/>).</summary>
        public IReadOnlyList<string> NearDuplicates { get; }

        /// <inheritdoc/>
        public override string ToString()
        {
            var text = new StringBuilder();
            text.Append("resolver ").Append(ResolverName).AppendLine();
            foreach (IdentityCandidate candidate in Candidates)
            {
                text.Append("  ").Append(candidate.ToString()).AppendLine();
            }

            foreach (string name in NearDuplicates)
            {
                text.Append("  near-duplicate of \"").Append(name).Append('"').AppendLine();
            }

            return text.ToString();
        }
    }
}
