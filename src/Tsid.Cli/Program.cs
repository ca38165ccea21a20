using System;
using System.IO;
using System.Reflection;
using Tsid.Cli.Output;

namespace Tsid.Cli
{
    /// <summary>The <c>tsid</c> command: the only part of Tsid that touches files and the console.</summary>
    internal static class Program
    {
        internal const string UsageText =
@"tsid — name TLS servers the way firewalls do, and see what a policy decides

usage:
  tsid inspect FILE... [--preset NAME] [--policy FILE] [--match-mode resolved|any-name]
                       [--dns-hints on|off] [--format table|json] [--explain] [--fingerprints]
      one record per TLS connection in pcap/pcapng captures (gzip-compressed too)
  tsid cert FILE... [--format table|json]
      PEM or DER certificates: parsed fields, and what each preset names the server without SNI
  tsid audit FILE... [--preset NAME] [--against NAME] [--policy FILE] [--dns-hints on|off] [--json]
      only the connections two presets (default firepower against hint-aware) name or decide differently
  tsid bench FILE... [--seconds N] [--stage all|reassembly|parse|identity|policy] [--preset NAME] [--policy FILE] [--json]
      a throughput probe (not BenchmarkDotNet): the capture's TLS connections replayed in memory through each stage
  tsid demo [--write FILE]
      the Cisco Smart Licensing case (toos.cisco.com vs tools.cisco.com) from a capture made on the spot
  tsid --version

presets: firepower (default), paloalto, fortigate, fortigate-strict, squid, rfc6125, hint-aware
FILE may be - (standard input), a pipe or a process substitution
exit codes: 0 ok, 1 a file could not be read or stdout not written (what was read is still reported),
            2 bad command line, 70 internal error (a bug: please report it)";

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
            TextWriter stdout = output.Writer;
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

            if (args.Length == 0 || args[0] is "--help" or "-h" or "help")
            {
                stdout.WriteLine(UsageText);
                return args.Length == 0 ? 2 : 0;
            }

            if (args[0] == "--version")
            {
                stdout.WriteLine("tsid " + (typeof(Program).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "?"));
                return 0;
            }

            if (!CommandLine.TryParse(args, out CommandLine? line, out string? error))
            {
                return Usage(stderr, error!);
            }

            if (line!.Has("--help") || line.Has("-h"))
            {
                stdout.WriteLine(line.Command switch
                {
                    "audit" => AuditCommand.HelpText,
                    "bench" => BenchCommand.HelpText,
                    _ => UsageText,
                });
                return 0;
            }

            return line.Command switch
            {
                "inspect" => InspectCommand.Run(line, output, stderr),
                "cert" => CertCommand.Run(line, output, stderr),
                "audit" => AuditCommand.Run(line, output, stderr),
                "bench" => BenchCommand.Run(line, output, stderr),
                "demo" => DemoCommand.Run(line, stdout, stderr),
                _ => Usage(stderr, $"unknown command '{line.Command}'"),
            };
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

        internal static int Usage(TextWriter stderr, string problem)
        {
            stderr.WriteLine("tsid: " + problem);
            stderr.WriteLine("run 'tsid --help' for usage");
            return 2;
        }
    }
}
