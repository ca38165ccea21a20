using System;
using System.Collections.Generic;
using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using System.IO;
using System.Reflection;

namespace Tsid.Cli
{
    /// <summary>
    /// The <c>tsid</c> command line, on System.CommandLine: the root command, every subcommand, parsing, usage errors.
    /// </summary>
    /// <remarks>
    /// <para><b>Adding a command</b> is one file and one line:</para>
    /// <list type="number">
    /// <item>a file <c>src/Tsid.Cli/NameCommand.cs</c> with <c>internal static class NameCommand</c> and
    /// <c>public static Command Create(ToolContext tool)</c>: it builds the <see cref="Command"/> with its arguments and
    /// options (shared ones from <see cref="CommonOptions"/>: <c>Files</c>, <c>Preset</c>, <c>OptionalPreset</c>,
    /// <c>Policy</c>, <c>Format</c>, <c>Flag</c>, <c>Choice</c>), adds cross-option checks to <c>command.Validators</c>
    /// (a check that fails is a usage error, exit 2), and sets the action:
    /// <c>command.SetAction(result => Run(result.GetValue(files)!, result.GetValue(preset)!, …, tool))</c>;</item>
    /// <item>its <c>Create</c> added to <see cref="Definitions"/> below.</item>
    /// </list>
    /// <para>The action returns the exit code: 0 ok, 1 a file could not be read (write <c>tsid: FILE: reason</c> to
    /// <see cref="ToolContext.Error"/> and go on with the next file). It writes its results to
    /// <see cref="ToolContext.Output"/> (<c>Writer</c> for text, <c>Stream</c> for JSON Lines); it never catches an
    /// <see cref="Output.OutputException"/> (a closed pipe or a full disk: <see cref="Program"/> handles them), and it
    /// never prints usage itself: help, <c>--version</c>, unknown options (with typo suggestions), bad values and a
    /// missing FILE are the parser's, all exit 2.</para>
    /// </remarks>
    internal static class Commands
    {
        /// <summary>Exit code of a bad command line.</summary>
        public const int UsageExitCode = 2;

        /// <summary>Help text is wrapped at this width, whatever the terminal, so docs/cli.md shows what every user sees.</summary>
        public const int HelpWidth = 100;

        /// <summary>Every subcommand, in the order the root help lists them.</summary>
        private static readonly Func<ToolContext, Command>[] Definitions =
        {
            InspectCommand.Create,
            CertCommand.Create,
            DemoCommand.Create,
            AuditCommand.Create,
            BenchCommand.Create,
        };

        internal const string RootDescription =
@"tsid — name TLS servers the way firewalls do, and see what a policy decides.
FILE may be - (standard input), a pipe or a process substitution.
Exit codes: 0 ok; 1 a file could not be read or stdout not written (what was read is reported);
2 bad command line; 70 internal error (a bug: please report it).
Run 'tsid COMMAND --help' for a command's options.";

        /// <summary>The root command with every subcommand, <c>--help</c>, <c>--version</c> and the <c>[suggest]</c> directive.</summary>
        public static RootCommand CreateRoot(ToolContext tool)
        {
            var root = new RootCommand(RootDescription);
            foreach (Func<ToolContext, Command> create in Definitions)
            {
                root.Subcommands.Add(create(tool));
            }

            foreach (Option option in root.Options)
            {
                if (option is HelpOption help && help.Action is HelpAction action)
                {
                    action.MaxWidth = HelpWidth;
                }
                else if (option is VersionOption version)
                {
                    version.Action = new VersionAction();
                }
            }

            // `tsid` alone: the help, on stdout as before, but exit 2 (nothing was asked).
            root.SetAction(result =>
            {
                Parse(root, new[] { "--help" }).Invoke(result.InvocationConfiguration);
                return UsageExitCode;
            });
            return root;
        }

        /// <summary>
        /// Parses <paramref name="args"/>. Response files (<c>@FILE</c>) are off: a capture may be named <c>@x.pcap</c>.
        /// </summary>
        public static ParseResult Parse(RootCommand root, IReadOnlyList<string> args) =>
            root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });

        /// <summary>Parses and runs <paramref name="args"/>: the command's exit code, or 2 for a usage error.</summary>
        public static int Run(string[] args, ToolContext tool)
        {
            RootCommand root = CreateRoot(tool);
            ParseResult result = Parse(root, args);
            if (result.Action is ParseErrorAction)
            {
                return ReportUsageErrors(result, tool.Error);
            }

            if (result.Action is not HelpAction && UnknownOptions(result, args) is { Count: > 0 } unknown)
            {
                return ReportUnknownOptions(result, args, unknown, tool);
            }

            return result.Invoke(new InvocationConfiguration
            {
                Output = tool.Output.Writer,
                Error = tool.Error,
                // Exceptions reach Program: exit 1 for stdout failures, 0 for a closed pipe, 70 for a bug (one line).
                EnableDefaultExceptionHandler = false,
                // No signal handlers of the parser's: Ctrl+C ends the process as it always did.
                ProcessTerminationTimeout = null,
            });
        }

        /// <summary>
        /// Every parse error as a <c>tsid: …</c> line on stderr, then System.CommandLine's typo suggestions for unknown
        /// tokens (<c>--presett</c> → <c>--preset</c>), then where the help is. Exit 2.
        /// </summary>
        internal static int ReportUsageErrors(ParseResult result, TextWriter stderr)
        {
            foreach (ParseError error in result.Errors)
            {
                stderr.WriteLine("tsid: " + error.Message);
            }

            foreach (string suggestion in TypoSuggestions(result))
            {
                stderr.WriteLine("tsid: " + suggestion);
            }

            string command = CommandPath(result);
            stderr.WriteLine($"run '{command} --help' for usage");
            return UsageExitCode;
        }

        /// <summary>
        /// Tokens that look like options (<c>--presett</c>) but that System.CommandLine took as FILE arguments, because a
        /// command with a FILE… argument takes any token no option claims. The hand parser took them as options and ate the
        /// next argument (a typo ran the default preset without a word); here they are usage errors. After <c>--</c> a
        /// token is a file whatever it looks like (<c>tsid inspect -- -odd-name.pcap</c>), and <c>-</c> is standard input.
        /// </summary>
        internal static List<string> UnknownOptions(ParseResult result, IReadOnlyList<string> args)
        {
            int end = 0;
            while (end < args.Count && args[end] != "--")
            {
                end++;
            }

            var beforeSeparator = new HashSet<string>(StringComparer.Ordinal);
            for (int i = 0; i < end; i++)
            {
                beforeSeparator.Add(args[i]);
            }

            var unknown = new List<string>();
            foreach (SymbolResult child in result.CommandResult.Children)
            {
                if (child is ArgumentResult argument)
                {
                    foreach (Token token in argument.Tokens)
                    {
                        if (token.Value.Length > 1 && token.Value[0] == '-' && beforeSeparator.Contains(token.Value) && !unknown.Contains(token.Value))
                        {
                            unknown.Add(token.Value);
                        }
                    }
                }
            }

            return unknown;
        }

        /// <summary>
        /// The unknown options in System.CommandLine's words, with its typo suggestions: the command line parsed again by
        /// a root whose arguments take no tokens, so the option-like tokens come out unmatched, as they would for a
        /// command without a FILE argument (<c>tsid demo --wirte x</c>).
        /// </summary>
        private static int ReportUnknownOptions(ParseResult result, IReadOnlyList<string> args, List<string> unknown, ToolContext tool)
        {
            RootCommand probe = CreateRoot(tool);
            TakeNoArguments(probe);
            ParseResult probed = Parse(probe, args);
            List<string> suggestions = TypoSuggestions(probed);
            foreach (string token in unknown)
            {
                string quoted = "'" + token + "'";
                string? message = null;
                foreach (ParseError error in probed.Errors)
                {
                    if (error.Message.Contains(quoted, StringComparison.Ordinal))
                    {
                        message = error.Message;
                        break;
                    }
                }

                tool.Error.WriteLine("tsid: " + (message ?? "Unrecognized option " + quoted + "."));
                foreach (string suggestion in suggestions)
                {
                    if (suggestion.StartsWith(quoted, StringComparison.Ordinal))
                    {
                        tool.Error.WriteLine("tsid: " + suggestion);
                    }
                }
            }

            tool.Error.WriteLine($"run '{CommandPath(result)} --help' for usage");
            return UsageExitCode;
        }

        private static void TakeNoArguments(Command command)
        {
            foreach (Argument argument in command.Arguments)
            {
                argument.Arity = ArgumentArity.Zero;
            }

            foreach (Command subcommand in command.Subcommands)
            {
                TakeNoArguments(subcommand);
            }
        }

        /// <summary>
        /// System.CommandLine's own typo corrections (<see cref="ParseErrorAction.ShowTypoCorrections"/>), without its
        /// error lines (printed above) or help: <c>'--presett' was not matched. Did you mean one of the following? --preset</c>.
        /// </summary>
        internal static List<string> TypoSuggestions(ParseResult result)
        {
            var lines = new List<string>();
            if (result.Action is not ParseErrorAction action)
            {
                return lines;
            }

            action.ShowHelp = false;
            action.ShowTypoCorrections = true;
            var captured = new StringWriter();
            result.Invoke(new InvocationConfiguration { Output = captured, Error = captured, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null });

            var errors = new HashSet<string>(StringComparer.Ordinal);
            foreach (ParseError error in result.Errors)
            {
                errors.Add(error.Message);
            }

            // The capture holds the error lines again, a blank line, then "'x' was not matched. Did you mean one of the
            // following?" followed by one candidate per line: joined here into one line per unknown token.
            string? pending = null;
            foreach (string raw in captured.ToString().Split('\n'))
            {
                string line = raw.Trim();
                if (line.Length == 0 || errors.Contains(line))
                {
                    continue;
                }

                if (line.EndsWith("?", StringComparison.Ordinal))
                {
                    Add(lines, pending);
                    pending = line;
                }
                else if (pending is not null)
                {
                    pending += (pending.EndsWith("?", StringComparison.Ordinal) ? " " : ", ") + line;
                }
            }

            Add(lines, pending);
            return lines;
        }

        private static void Add(List<string> lines, string? suggestion)
        {
            // A stray one- or two-letter token ('x') is always "near" -h and -?: no suggestion worth printing.
            if (suggestion is not null && suggestion.Length > 0 && suggestion[0] == '\'' && suggestion.IndexOf('\'', 1) > 3)
            {
                lines.Add(suggestion);
            }
        }

        /// <summary><c>tsid inspect</c> for an error inside <c>inspect</c>'s options; <c>tsid</c> at the root.</summary>
        private static string CommandPath(ParseResult result)
        {
            Command command = result.CommandResult.Command;
            return command is RootCommand ? "tsid" : "tsid " + command.Name;
        }

        /// <summary>The program's version as <c>tsid 0.2.0+…</c>.</summary>
        internal static string VersionText =>
            "tsid " + (typeof(Commands).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "?");

        /// <summary><c>--version</c>: one line, <c>tsid VERSION</c>, as before the parser moved.</summary>
        private sealed class VersionAction : SynchronousCommandLineAction
        {
            public override int Invoke(ParseResult parseResult)
            {
                parseResult.InvocationConfiguration.Output.WriteLine(VersionText);
                return 0;
            }
        }
    }
}
