using System;
using System.IO;
using Xunit;

namespace Tsid.Docs.Tests.Support
{
    /// <summary>
    /// Runs a sample that prints and reads files by relative name, as a user's program does: with
    /// <see cref="Console.Out"/> and <see cref="Console.Error"/> captured and the current directory set. Both are process
    /// state, so the tests that use this are in <see cref="ConsoleCollection"/>, which runs alone.
    /// </summary>
    internal static class SampleRun
    {
        public static (string Out, string Error) Run(string directory, Action sample)
        {
            TextWriter originalOut = Console.Out, originalError = Console.Error;
            string originalDirectory = Environment.CurrentDirectory;
            var output = new StringWriter { NewLine = "\n" };
            var error = new StringWriter { NewLine = "\n" };
            Console.SetOut(output);
            Console.SetError(error);
            Environment.CurrentDirectory = directory;
            try
            {
                sample();
            }
            finally
            {
                Environment.CurrentDirectory = originalDirectory;
                Console.SetOut(originalOut);
                Console.SetError(originalError);
            }

            return (output.ToString(), error.ToString());
        }

        public static string Output(string directory, Action sample) => Run(directory, sample).Out;
    }

    /// <summary>A fresh directory under the temporary folder, deleted on dispose.</summary>
    internal sealed class TemporaryDirectory : IDisposable
    {
        public TemporaryDirectory()
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "tsid-docs-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(Path);
        }

        public string Path { get; }

        public string File(string name) => System.IO.Path.Combine(Path, name);

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }

    /// <summary>Tests that replace the console or the current directory run alone.</summary>
    [CollectionDefinition(nameof(ConsoleCollection), DisableParallelization = true)]
    public sealed class ConsoleCollection
    {
    }
}
