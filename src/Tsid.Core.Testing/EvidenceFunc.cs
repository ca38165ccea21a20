using Tsid.Identity;

namespace Tsid.Testing
{
    /// <summary>Code run on evidence made by <see cref="TestEvidence.Use{TResult}"/> (a ref struct cannot be a generic argument, so not a <c>Func</c>).</summary>
    /// <typeparam name="TResult">What the code returns.</typeparam>
    /// <param name="evidence">The evidence, valid only during the call.</param>
    /// <returns>The result.</returns>
    public delegate TResult EvidenceFunc<out TResult>(in ServerIdentityEvidence evidence);
}
