using System;
using System.IO;
using System.Reflection;

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
  tsid demo [--write FILE]
      the Cisco Smart Licensing case (toos.cisco.com vs tools.cisco.com) from a capture made on the spot
  tsid --version

presets: firepower (default), paloalto, fortigate, fortigate-strict, squid, rfc6125, hint-aware
exit codes: 0 ok, 1 a file could not be read (what was read is still reported), 2 bad command line";

        public static int Main(string[] args)
        {
            TextWriter stdout = Console.Out;
            TextWriter stderr = Console.Error;
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
                stdout.WriteLine(UsageText);
                return 0;
            }

            return line.Command switch
            {
                "inspect" => InspectCommand.Run(line, stdout, stderr),
                "cert" => CertCommand.Run(line, stdout, stderr),
                "demo" => DemoCommand.Run(line, stdout, stderr),
                _ => Usage(stderr, $"unknown command '{line.Command}'"),
            };
        }

        internal static int Usage(TextWriter stderr, string problem)
        {
            stderr.WriteLine("tsid: " + problem);
            stderr.WriteLine("run 'tsid --help' for usage");
            return 2;
        }
    }
}
