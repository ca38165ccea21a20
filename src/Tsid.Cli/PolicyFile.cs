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
        /// <summary>The largest policy file read (lists it names are read by the policy parser, under its own limits).</summary>
        public const int MaxPolicyFileLength = 16 * 1024 * 1024;

        public static bool TryLoad(string path, MatchMode? overrideMode, [NotNullWhen(true)] out AccessPolicy? policy, [NotNullWhen(false)] out string? error)
        {
            policy = null;
            if (!InputFile.TryReadAll(path, MaxPolicyFileLength, out byte[]? content, out error))
            {
                return false;
            }

            // As File.ReadAllText reads it: UTF-8 unless a byte-order mark says otherwise.
            string text = new StreamReader(new MemoryStream(content)).ReadToEnd();

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
            catch (Exception e) when (InputFile.IsReadFailure(e))
            {
                error = "a list the policy names could not be read: " + InputFile.Reason(e);
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
