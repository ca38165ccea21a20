using System;
using System.IO;
using Xunit;

namespace Tsid.Cli.Tests
{
    /// <summary>The command line as a user meets it: the real program, its exit codes, help, version and completion.</summary>
    public class CommandLineProcessTests
    {
        [Fact]
        public void A_misspelt_preset_option_exits_2_with_a_suggestion_and_runs_nothing()
        {
            TsidProcess.Result result = TsidProcess.Run("inspect", "--presett", "hint-aware", "x.pcap");

            Assert.Equal(2, result.ExitCode);
            Assert.Equal("", result.Stdout);
            Assert.Contains("tsid: Unrecognized command or argument '--presett'.", result.Stderr);
            Assert.Contains("Did you mean one of the following? --preset", result.Stderr);
            Assert.DoesNotContain("x.pcap", result.Stderr);
        }

        [Fact]
        public void An_unknown_option_exits_2()
        {
            TsidProcess.Result result = TsidProcess.Run("inspect", "--compare", "a,b", "x.pcap");

            Assert.Equal(2, result.ExitCode);
            Assert.Equal("", result.Stdout);
            Assert.StartsWith("tsid: Unrecognized command or argument '--compare'.", result.Stderr);
        }

        [Theory]
        [InlineData("inspect", "tsid inspect <FILE>... [options]", "--preset <NAME>")]
        [InlineData("cert", "tsid cert <FILE>... [options]", "--format <table|json>")]
        [InlineData("demo", "tsid demo [options]", "--write <FILE>")]
        public void Each_command_has_its_own_help(string command, string usage, string option)
        {
            TsidProcess.Result result = TsidProcess.Run(command, "--help");

            Assert.Equal(0, result.ExitCode);
            Assert.Contains(usage, result.Stdout);
            Assert.Contains(option, result.Stdout);
            Assert.Equal("", result.Stderr);
        }

        [Fact]
        public void The_root_help_lists_the_commands_and_no_arguments_is_a_usage_error()
        {
            TsidProcess.Result help = TsidProcess.Run("--help");
            TsidProcess.Result none = TsidProcess.Run();

            Assert.Equal(0, help.ExitCode);
            foreach (string command in new[] { "inspect <FILE>", "cert <FILE>", "demo" })
            {
                Assert.Contains(command, help.Stdout);
            }

            Assert.Equal(2, none.ExitCode);
            Assert.Equal(help.Stdout, none.Stdout);
        }

        [Fact]
        public void Version_is_one_line()
        {
            TsidProcess.Result result = TsidProcess.Run("--version");

            Assert.Equal(0, result.ExitCode);
            Assert.Matches(@"^tsid [0-9]+\.[0-9]+\.[0-9]+\S*\n$", result.Stdout.Replace("\r\n", "\n"));
        }

        [Fact]
        public void The_suggest_directive_completes_options_and_preset_names()
        {
            const string Line = "tsid inspect --preset ";
            TsidProcess.Result presets = TsidProcess.Run("[suggest:" + Line.Length + "]", Line);
            TsidProcess.Result options = TsidProcess.Run("[suggest:18]", "tsid inspect --pre");

            Assert.Equal(0, presets.ExitCode);
            Assert.Equal(string.Join("\n", Tsid.Identity.ServerIdentityPresets.Names.ToSortedArray()) + "\n", presets.Stdout.Replace("\r\n", "\n"));
            Assert.Equal("--preset\n", options.Stdout.Replace("\r\n", "\n"));
        }

        [Fact]
        public void A_policy_from_standard_input_is_read()
        {
            string capture = Path.Combine(Path.GetTempPath(), "tsid-cl-" + Guid.NewGuid().ToString("N") + ".pcap");
            try
            {
                Assert.Equal(0, TsidProcess.Run("demo", "--write", capture).ExitCode);
                byte[] policy = System.Text.Encoding.UTF8.GetBytes("default block\nrule ALLOW_FMC_ASA_SNT_CISCO allow\n  host cisco-si tools.cisco.com\nend\n");
                TsidProcess.Result result = TsidProcess.RunWith(policy, null, "inspect", capture, "--policy", "-", "--preset", "HintAware");

                Assert.True(result.ExitCode == 0, result.Stderr);
                Assert.Contains("allow (rule: ALLOW_FMC_ASA_SNT_CISCO)", result.Stdout);
            }
            finally
            {
                File.Delete(capture);
            }
        }
    }

    internal static class SortedExtensions
    {
        public static string[] ToSortedArray(this System.Collections.Generic.IEnumerable<string> values)
        {
            var list = new System.Collections.Generic.List<string>(values);
            list.Sort(StringComparer.Ordinal);
            return list.ToArray();
        }
    }
}
