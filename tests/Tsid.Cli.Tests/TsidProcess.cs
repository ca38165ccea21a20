using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;

namespace Tsid.Cli.Tests
{
    /// <summary>Runs the real <c>tsid</c> program as a child process, the way a user would.</summary>
    internal static class TsidProcess
    {
        public sealed record Result(int ExitCode, string Stdout, string Stderr);

        public static Result Run(params string[] args)
        {
            string tool = Path.Combine(AppContext.BaseDirectory, "tsid.dll");
            var start = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add(tool);
            foreach (string arg in args)
            {
                start.ArgumentList.Add(arg);
            }

            using Process process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
            Task<string> stdout = process.StandardOutput.ReadToEndAsync();
            Task<string> stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(120_000))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException("tsid did not finish in 120 s");
            }

            return new Result(process.ExitCode, stdout.Result, stderr.Result);
        }
    }
}
