using System;
using Tsid.Identity;
using Tsid.Policy;
using Tsid.Tls;

namespace Tsid.Docs.Tests.Samples
{
    /// <summary>The code of docs/identity.md, "What other components use" (the seam to the policy).</summary>
    internal static class IdentityPolicySeamSamples
    {
        /// <summary>Resolve and evaluate one observed connection.</summary>
        public static PolicyDecision Decide(TlsConnectionObserver observer, ServerIdentityResolver resolver, AccessPolicy policy)
        {
            #region PolicySeam
            Span<char> name = stackalloc char[ServerIdentityResolver.NameBufferLength];
            ServerIdentityEvidence evidence = ServerIdentityEvidence.FromHandshake(observer);
            ServerIdentity identity = resolver.Resolve(in evidence, name);
            PolicyDecision decision = policy.Evaluate(ConnectionFacts.From(observer, in identity, in evidence));
            #endregion

            return decision;
        }
    }
}
