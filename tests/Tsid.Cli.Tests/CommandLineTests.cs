using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using Tsid.Cli.Output;
using Tsid.Identity;
using Tsid.Policy;
using Xunit;

namespace Tsid.Cli.Tests
{
    /// <summary>
    /// The command line through the real parser (<see cref="Commands"/>): argument arrays in, bound values and usage
    /// errors out, as the actions see them. The exit codes of a real process are in <see cref="CommandLineProcessTests"/>.
    /// </summary>
    public sealed class CommandLineTests : IDisposable
    {
        private readonly StandardOutput _output = StandardOutput.Open();

        public void Dispose() => _output.Dispose();

        private ParseResult Parse(params string[] args) => Commands.Parse(Commands.CreateRoot(new ToolContext(_output, TextWriter.Null)), args);

        /// <summary>Runs the parser and, for a bad line, the usage report: exit code and stderr, no action run.</summary>
        private (int Exit, string Stderr) RunBad(params string[] args)
        {
            var stderr = new StringWriter();
            int exit = Commands.Run(args, new ToolContext(_output, stderr));
            return (exit, stderr.ToString());
        }

        [Fact]
        public void Inspect_binds_every_documented_option_typed()
        {
            ParseResult r = Parse("inspect", "a.pcap", "-", "b.pcapng.gz", "--preset", "hint-aware", "--policy", "p.policy", "--match-mode", "any-name",
                "--dns-hints", "off", "--format", "json", "--explain", "--fingerprints");

            Assert.Empty(r.Errors);
            Assert.Equal("inspect", r.CommandResult.Command.Name);
            Assert.Equal(new[] { "a.pcap", "-", "b.pcapng.gz" }, r.GetValue<string[]>("FILE"));
            Assert.Same(ServerIdentityPresets.HintAware, r.GetValue<ServerIdentityResolver?>("--preset"));
            Assert.Equal("p.policy", r.GetValue<string?>("--policy"));
            Assert.Equal(MatchMode.AnyPresentedName, r.GetValue<MatchMode?>("--match-mode"));
            Assert.Equal(Switch.Off, r.GetValue<Switch>("--dns-hints"));
            Assert.Equal(OutputFormat.Json, r.GetValue<OutputFormat>("--format"));
            Assert.True(r.GetValue<bool>("--explain"));
            Assert.True(r.GetValue<bool>("--fingerprints"));
            Assert.Empty(Commands.UnknownOptions(r, r.Tokens.Select(t => t.Value).ToArray()));
        }

        [Fact]
        public void Absent_options_bind_to_nothing_and_the_action_applies_the_documented_defaults()
        {
            ParseResult r = Parse("inspect", "a.pcap");

            Assert.Empty(r.Errors);
            Assert.Null(r.GetValue<ServerIdentityResolver?>("--preset"));   // firepower, applied by the action
            Assert.Null(r.GetValue<string?>("--policy"));
            Assert.Null(r.GetValue<MatchMode?>("--match-mode"));            // the policy file's own match statement
            Assert.Equal(Switch.Default, r.GetValue<Switch>("--dns-hints"));  // on
            Assert.Equal(OutputFormat.Table, r.GetValue<OutputFormat>("--format"));
            Assert.False(r.GetValue<bool>("--explain"));
            Assert.False(r.GetValue<bool>("--fingerprints"));
        }

        [Theory]
        [InlineData("hint-aware", "hint-aware")]
        [InlineData("HintAware", "hint-aware")]
        [InlineData("hintaware", "hint-aware")]
        [InlineData("FIREPOWER", "firepower")]
        [InlineData("fortigate-no-sni-check", "fortigate-no-sni-check")]
        [InlineData("FortiGateStrict", "fortigate-strict")]
        public void Preset_takes_every_spelling_of_the_library_and_binds_the_canonical_preset(string given, string canonical)
        {
            ParseResult r = Parse("inspect", "a.pcap", "--preset", given);

            Assert.Empty(r.Errors);
            Assert.Equal(canonical, r.GetValue<ServerIdentityResolver?>("--preset")!.Name);
        }

        [Fact]
        public void Option_values_may_follow_an_equals_sign_and_options_may_come_before_the_files()
        {
            ParseResult r = Parse("inspect", "--preset=rfc6125", "--format=json", "x.pcap");

            Assert.Empty(r.Errors);
            Assert.Same(ServerIdentityPresets.Rfc6125, r.GetValue<ServerIdentityResolver?>("--preset"));
            Assert.Equal(OutputFormat.Json, r.GetValue<OutputFormat>("--format"));
            Assert.Equal(new[] { "x.pcap" }, r.GetValue<string[]>("FILE"));
        }

        [Fact]
        public void Dash_is_standard_input_and_after_a_double_dash_anything_is_a_file()
        {
            string[] args = { "inspect", "-", "--", "-odd.pcap", "@at.pcap" };
            ParseResult r = Parse(args);

            Assert.Empty(r.Errors);
            Assert.Equal(new[] { "-", "-odd.pcap", "@at.pcap" }, r.GetValue<string[]>("FILE"));
            Assert.Empty(Commands.UnknownOptions(r, args));
        }

        [Fact]
        public void An_at_sign_names_a_file_not_a_response_file()
        {
            ParseResult r = Parse("cert", "@certs.pem");

            Assert.Empty(r.Errors);
            Assert.Equal(new[] { "@certs.pem" }, r.GetValue<string[]>("FILE"));
        }

        [Fact]
        public void A_misspelt_option_is_a_usage_error_with_a_suggestion_not_a_file()
        {
            string[] args = { "inspect", "--presett", "hint-aware", "x.pcap" };
            Assert.Equal(new[] { "--presett" }, Commands.UnknownOptions(Parse(args), args));

            (int exit, string stderr) = RunBad(args);

            Assert.Equal(2, exit);
            string[] lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal("tsid: Unrecognized command or argument '--presett'.", lines[0]);
            Assert.StartsWith("tsid: '--presett' was not matched. Did you mean one of the following?", lines[1]);
            Assert.EndsWith("--preset", lines[1]);
            Assert.Equal("run 'tsid inspect --help' for usage", lines[^1]);
            Assert.DoesNotContain("no such file", stderr);
        }

        [Fact]
        public void An_unknown_option_is_a_usage_error_and_does_not_eat_the_next_argument()
        {
            (int exit, string stderr) = RunBad("inspect", "--compare", "a,b", "x.pcap");

            Assert.Equal(2, exit);
            Assert.StartsWith("tsid: Unrecognized command or argument '--compare'.", stderr);
            Assert.DoesNotContain("a,b", stderr);
        }

        [Fact]
        public void A_misspelt_option_of_a_command_without_files_is_reported_by_the_parser_itself()
        {
            ParseResult r = Parse("demo", "--wirte", "x.pcap");
            Assert.NotEmpty(r.Errors);

            (int exit, string stderr) = RunBad("demo", "--wirte", "x.pcap");

            Assert.Equal(2, exit);
            Assert.Contains("tsid: '--wirte' was not matched. Did you mean one of the following? --write", stderr);
        }

        [Fact]
        public void A_misspelt_command_gets_a_suggestion()
        {
            (int exit, string stderr) = RunBad("inspekt", "x.pcap");

            Assert.Equal(2, exit);
            Assert.Contains("tsid: 'inspekt' was not matched. Did you mean one of the following? inspect", stderr);
            Assert.EndsWith("run 'tsid --help' for usage\n", stderr.Replace("\r\n", "\n"));
        }

        [Theory]
        [InlineData("--preset", "checkpoint", "--preset must be one of firepower, paloalto, fortigate, fortigate-strict, fortigate-no-sni-check, squid, rfc6125, hint-aware (got 'checkpoint')")]
        [InlineData("--format", "xml", "--format must be one of table, json (got 'xml')")]
        [InlineData("--dns-hints", "yes", "--dns-hints must be one of on, off (got 'yes')")]
        [InlineData("--match-mode", "all", "--match-mode must be one of resolved, any-name (got 'all')")]
        public void A_bad_value_is_a_parse_error_that_lists_the_choices(string option, string value, string message)
        {
            ParseResult r = Parse("inspect", "x.pcap", "--policy", "p.policy", option, value);

            Assert.Equal(message, Assert.Single(r.Errors).Message);
            (int exit, string stderr) = RunBad("inspect", "x.pcap", "--policy", "p.policy", option, value);
            Assert.Equal(2, exit);
            Assert.StartsWith("tsid: " + message, stderr);
        }

        [Fact]
        public void Choices_ignore_case_as_before()
        {
            ParseResult r = Parse("inspect", "x.pcap", "--format", "JSON", "--dns-hints", "Off");

            Assert.Empty(r.Errors);
            Assert.Equal(OutputFormat.Json, r.GetValue<OutputFormat>("--format"));
            Assert.Equal(Switch.Off, r.GetValue<Switch>("--dns-hints"));
        }

        [Fact]
        public void Match_mode_without_a_policy_is_a_parse_error()
        {
            ParseResult r = Parse("inspect", "x.pcap", "--match-mode", "any-name");

            Assert.Equal("--match-mode needs --policy", Assert.Single(r.Errors).Message);
        }

        [Theory]
        [InlineData("inspect")]
        [InlineData("cert")]
        public void A_command_without_files_is_a_parse_error(string command)
        {
            (int exit, string stderr) = RunBad(command);

            Assert.Equal(2, exit);
            Assert.StartsWith($"tsid: Required argument missing for command: '{command}'.", stderr);
        }

        [Fact]
        public void Value_options_given_without_a_value_are_parse_errors()
        {
            Assert.NotEmpty(Parse("inspect", "x.pcap", "--preset").Errors);
            Assert.NotEmpty(Parse("demo", "--write").Errors);
        }

        [Fact]
        public void The_commands_and_their_options_are_the_documented_ones()
        {
            RootCommand root = Commands.CreateRoot(new ToolContext(_output, TextWriter.Null));
            var options = root.Subcommands.ToDictionary(c => c.Name, c => c.Options.Select(o => o.Name).Where(n => n != "--help").ToArray());

            Assert.Equal(new[] { "inspect", "cert", "demo", "audit", "bench" }, options.Keys);
            Assert.Equal(new[] { "--preset", "--policy", "--match-mode", "--dns-hints", "--format", "--explain", "--fingerprints" }, options["inspect"]);
            Assert.Equal(new[] { "--format" }, options["cert"]);
            Assert.Equal(new[] { "--write" }, options["demo"]);
            Assert.Equal(new[] { "--preset", "--against", "--policy", "--dns-hints", "--json" }, options["audit"]);
            Assert.Equal(new[] { "--seconds", "--stage", "--preset", "--policy", "--json" }, options["bench"]);

            // Every option docs/cli.md's inspect table names is there.
            string doc = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "cli.md"));
            foreach (string option in options["inspect"])
            {
                Assert.Contains("| `" + option, doc);
            }
        }

        [Fact]
        public void Completions_offer_the_preset_names_and_the_choices()
        {
            RootCommand root = Commands.CreateRoot(new ToolContext(_output, TextWriter.Null));
            // What the [suggest:POSITION] directive does with the line a shell hands it.
            string[] Complete(string line) => root.Parse(line).GetCompletions(line.Length).Select(c => c.Label).ToArray();
            string[] presets = Complete("tsid inspect x.pcap --preset fort");
            string[] formats = Complete("tsid inspect x.pcap --format j");
            string[] options = Complete("tsid inspect --pre");

            Assert.Equal(new[] { "fortigate", "fortigate-no-sni-check", "fortigate-strict" }, presets.OrderBy(n => n, StringComparer.Ordinal));
            Assert.Equal(new[] { "json" }, formats);
            Assert.Equal(new[] { "--preset" }, options);
        }

        private static string RepositoryRoot()
        {
            string? dir = AppContext.BaseDirectory;
            while (dir is not null && !File.Exists(Path.Combine(dir, "Tsid.Core.sln")))
            {
                dir = Path.GetDirectoryName(dir);
            }

            return dir ?? throw new InvalidOperationException("the repository root (Tsid.Core.sln) is not above " + AppContext.BaseDirectory);
        }
    }
}
