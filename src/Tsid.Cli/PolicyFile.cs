using System;
using System.Diagnostics.CodeAnalysis;
using System.IO;
using Tsid.Policy;

namespace Tsid.Cli
{
    /// <summary>
    /// Loads <c>--policy FILE</c> in the line format of docs/policy.md. Lists named <c>file=PATH</c> are read relative to the
    /// policy file. A <c>--match-mode</c> given on the command line overrides the file's <c>match</c> statement.
    /// </summary>
    internal static class PolicyFile
    {
        public static bool TryLoad(string path, MatchMode? overrideMode, [NotNullWhen(true)] out AccessPolicy? policy, [NotNullWhen(false)] out string? error)
        {
            policy = null;
            if (!File.Exists(path))
            {
                error = "no such file";
                return false;
            }

            string text = File.ReadAllText(path);
            if (overrideMode is MatchMode mode)
            {
                text = WithMatchMode(text, mode);
            }

            string directory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
            try
            {
                policy = PolicyText.Parse(text, openList: list => new StreamReader(Path.Combine(directory, list)));
                error = null;
                return true;
            }
            catch (PolicyFormatException e)
            {
                error = "not a valid policy: " + e.Message;
            }
            catch (DomainListFormatException e)
            {
                error = "a domain list of the policy is not valid: " + e.Message;
            }
            catch (IOException e)
            {
                error = "a list the policy names could not be read: " + e.Message;
            }

            return false;
        }

        /// <summary>Replaces every <c>match</c> statement by a comment (line numbers stay) and states the mode at the end.</summary>
        internal static string WithMatchMode(string text, MatchMode mode)
        {
            string[] lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
            for (int i = 0; i < lines.Length; i++)
            {
                string trimmed = lines[i].TrimStart();
                if (trimmed.StartsWith("match ", StringComparison.Ordinal) || trimmed == "match")
                {
                    lines[i] = "# " + lines[i] + "   (overridden by --match-mode)";
                }
            }

            return string.Join("\n", lines) + "\nmatch " + (mode == MatchMode.AnyPresentedName ? "any-presented-name" : "resolved-identity") + "\n";
        }
    }
}
