using System.IO;
using Tsid.Cli.Output;

namespace Tsid.Cli
{
    /// <summary>
    /// What a command's action writes to: standard output (tables through <see cref="StandardOutput.Writer"/>, JSON Lines
    /// through <see cref="StandardOutput.Stream"/>) and standard error (one line per problem, <c>tsid: FILE: reason</c>).
    /// A failing stdout surfaces as an <see cref="OutputException"/>, which <see cref="Program"/> turns into exit 1 (or a
    /// quiet exit 0 for a closed pipe); any other exception is the last-resort exit 70.
    /// </summary>
    internal sealed class ToolContext
    {
        public ToolContext(StandardOutput output, TextWriter error)
        {
            Output = output;
            Error = error;
        }

        /// <summary>Standard output.</summary>
        public StandardOutput Output { get; }

        /// <summary>Standard error.</summary>
        public TextWriter Error { get; }
    }
}
