using System.Diagnostics.CodeAnalysis;
using System.IO;
using Tsid.Policy;

namespace Tsid.Cli
{
    /// <summary>Loads a policy for <c>--policy FILE</c>.</summary>
    internal static class PolicyFile
    {
        public static bool TryLoad(string path, MatchMode mode, [NotNullWhen(true)] out AccessPolicy? policy, [NotNullWhen(false)] out string? error)
        {
            policy = null;
            if (!File.Exists(path))
            {
                error = "no such file";
                return false;
            }

            error = "reading policy files arrives with the policy text format (integration pending)";
            return false;
        }
    }
}
