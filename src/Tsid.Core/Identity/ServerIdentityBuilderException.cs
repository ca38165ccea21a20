using System;
using System.Collections.Generic;

namespace Tsid.Identity
{
    /// <summary>Thrown by <see cref="ServerIdentityResolverBuilder.Build"/> with every problem of the configuration at once.</summary>
    public sealed class ServerIdentityBuilderException : InvalidOperationException
    {
        /// <summary>Creates the exception.</summary>
        /// <param name="problems">Each problem, one sentence each.</param>
        public ServerIdentityBuilderException(IReadOnlyList<string> problems)
            : base("The server identity resolver configuration is invalid: " + string.Join(" ", problems))
        {
            Problems = problems;
        }

        /// <summary>Each problem found.</summary>
        public IReadOnlyList<string> Problems { get; }
    }
}
