using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;

namespace Tsid.Cli.Tests
{
    /// <summary>Runs the real <c>tsid</c> program as a child process, the way a user would.</summary>
    internal static class TsidProcess
    {
        public sealed record Result(int ExitCode, string Stdout, string Stderr);

        public static string Tool => Path.Combine(AppContext.BaseDirectory, "tsid.dll");

        public static Result Run(params string[] args) => RunWith(null, null, args);

        /// <summary>Runs tsid with <paramref name="stdin"/> piped to it (closed after) and extra environment variables.</summary>
        public static Result RunWith(byte[]? stdin, IDictionary<string, string>? environment, params string[] args)
        {
            var start = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                RedirectStandardInput = stdin is not null,
                UseShellExecute = false,
            };
            start.ArgumentList.Add(Tool);
            foreach (string arg in args)
            {
                start.ArgumentList.Add(arg);
            }

            if (environment is not null)
            {
                foreach (KeyValuePair<string, string> pair in environment)
                {
                    start.Environment[pair.Key] = pair.Value;
                }
            }

            return Start(start, stdin);
        }

        /// <summary>Runs a bash command line in which <c>$TSID</c> is the tool (for redirections a process start cannot express).</summary>
        public static Result Shell(string commandLine)
        {
            var start = new ProcessStartInfo("bash")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(commandLine);
            start.Environment["TSID"] = "dotnet " + Tool;
            return Start(start, null);
        }

        private static Result Start(ProcessStartInfo start, byte[]? stdin)
        {
            using Process process = Process.Start(start) ?? throw new InvalidOperationException("could not start " + start.FileName);
            Task<string> stdout = process.StandardOutput.ReadToEndAsync();
            Task<string> stderr = process.StandardError.ReadToEndAsync();
            if (stdin is not null)
            {
                try
                {
                    process.StandardInput.BaseStream.Write(stdin);
                    process.StandardInput.Close();
                }
                catch (IOException)
                {
                    // The tool stopped reading early (it decided the input is not a capture): what it says is checked.
                }
            }

            if (!process.WaitForExit(120_000))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException(start.FileName + " did not finish in 120 s");
            }

            return new Result(process.ExitCode, stdout.Result, stderr.Result);
        }
    }
}
