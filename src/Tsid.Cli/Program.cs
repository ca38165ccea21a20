using System;
using System.IO;
using Tsid.Cli.Output;

namespace Tsid.Cli
{
    /// <summary>The <c>tsid</c> command: the only part of Tsid that touches files and the console.</summary>
    internal static class Program
    {
        /// <summary>Exit code of a bug in tsid itself (sysexits.h EX_SOFTWARE): one line on stderr, never a stack trace.</summary>
        internal const int InternalErrorExitCode = 70;

        public static int Main(string[] args)
        {
            // A bug on another thread: the same one line, not the runtime's stack trace and abort (exit 134).
            AppDomain.CurrentDomain.UnhandledException += (_, e) =>
            {
                ReportInternalError(e.ExceptionObject as Exception);
                Environment.Exit(InternalErrorExitCode);
            };

            TextWriter stderr = Console.Error;
            using StandardOutput output = StandardOutput.Open();
            try
            {
                int exit = Run(args, output, stderr);
                output.Flush();
                return exit;
            }
            catch (OutputException e) when (e.BrokenPipe)
            {
                // Whoever read stdout stopped (tsid … | head): nothing is wrong and nobody reads the rest; stop quietly.
                return 0;
            }
            catch (OutputException e)
            {
                WriteQuietly(stderr, "tsid: standard output: " + e.Reason);
                return 1;
            }
            catch (Exception e)
            {
                ReportInternalError(e);
                return InternalErrorExitCode;
            }
        }

        /// <summary>
        /// Set to <c>main</c> or <c>thread</c>, the tool fails on purpose there: the process tests check that a bug reaches
        /// the user as one line and exit 70, not as a stack trace.
        /// </summary>
        internal const string SelfTestVariable = "TSID_SELF_TEST_CRASH";

        private static int Run(string[] args, StandardOutput output, TextWriter stderr)
        {
            switch (Environment.GetEnvironmentVariable(SelfTestVariable))
            {
                case "main":
                    throw new InvalidOperationException("self-test failure on the main thread");
                case "thread":
                    var thread = new System.Threading.Thread(() => throw new InvalidOperationException("self-test failure on another thread"));
                    thread.Start();
                    thread.Join();
                    break;
            }

            return Commands.Run(args, new ToolContext(output, stderr));
        }

        private static void ReportInternalError(Exception? e)
        {
            string what = e is null ? "unknown failure" : e.GetType().Name + ": " + e.Message.Replace('\n', ' ').Replace('\r', ' ');
            WriteQuietly(Console.Error, "tsid: internal error: " + what + " (a bug in tsid; please report it with the command line)");
        }

        /// <summary>A line on stderr; a stderr that cannot be written is not a reason for a second failure.</summary>
        internal static void WriteQuietly(TextWriter stderr, string line)
        {
            try
            {
                stderr.WriteLine(line);
            }
            catch (IOException)
            {
            }
        }
    }
}
