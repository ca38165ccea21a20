using System;
using System.IO;
using System.Text.Json;
using Xunit;

namespace Tsid.Cli.Tests
{
    /// <summary><c>inspect --policy</c> with the seed's policy file (docs/policy.md) on the demo capture, in both match modes.</summary>
    public sealed class PolicyOptionTests : IDisposable
    {
        private const string SeedPolicy = """
            # Seed case: FMC Smart Licensing to tools.cisco.com
            match resolved-identity
            default block

            list SI_BLOCK_CUSTOM
              toos.cisco.com
            end
            list SI_FEED file=feeds/extra-block.txt lenient
            blocklist SI_BLOCK_CUSTOM
            blocklist SI_FEED

            rule ALLOW_FMC_ASA_SNT_CISCO allow tag=smart-licensing
              from 10.12.1.0/24
              host cisco-si tools.cisco.com
            end

            rule ALLOW_ALL_CLIENTS_80_443 allow
              port 80 443
            end
            """;

        private readonly string _directory = Path.Combine(Path.GetTempPath(), "tsid-policy-" + Guid.NewGuid().ToString("N"));
        private readonly string _capture;
        private readonly string _policy;

        public PolicyOptionTests()
        {
            Directory.CreateDirectory(Path.Combine(_directory, "feeds"));
            File.WriteAllText(Path.Combine(_directory, "feeds", "extra-block.txt"), "# a feed\nbad.example\n0.0.0.0 tracker.example\n");
            _policy = Path.Combine(_directory, "seed.policy");
            File.WriteAllText(_policy, SeedPolicy);
            _capture = Path.Combine(_directory, "demo.pcap");
            Assert.Equal(0, TsidProcess.Run("demo", "--write", _capture).ExitCode);
        }

        public void Dispose() => Directory.Delete(_directory, recursive: true);

        [Fact]
        public void Firepower_with_the_seed_policy_is_blocked_by_security_intelligence_on_the_typo()
        {
            JsonElement verdict = Inspect("--preset", "firepower").GetProperty("verdict");

            Assert.Equal("block", verdict.GetProperty("action").GetString());
            Assert.Equal("security_intelligence", verdict.GetProperty("stage").GetString());
            Assert.Equal("SI_BLOCK_CUSTOM", verdict.GetProperty("rule").GetString());
            Assert.Equal("toos.cisco.com", verdict.GetProperty("matched_name").GetString());
        }

        [Fact]
        public void Hint_aware_with_the_seed_policy_is_allowed_by_the_licensing_rule()
        {
            JsonElement verdict = Inspect("--preset", "hint-aware").GetProperty("verdict");

            Assert.Equal("allow", verdict.GetProperty("action").GetString());
            Assert.Equal("ALLOW_FMC_ASA_SNT_CISCO", verdict.GetProperty("rule").GetString());
            Assert.Equal("smart-licensing", verdict.GetProperty("tag").GetString());
        }

        [Fact]
        public void Any_name_mode_still_blocks_when_a_presented_name_is_on_a_block_list()
        {
            // docs/policy.md: in any-presented-name mode a certificate that presents a blocked name is blocked.
            JsonElement verdict = Inspect("--preset", "firepower", "--match-mode", "any-name").GetProperty("verdict");

            Assert.Equal("block", verdict.GetProperty("action").GetString());
            Assert.Equal("toos.cisco.com", verdict.GetProperty("matched_name").GetString());
        }

        [Fact]
        public void Explain_lists_every_stage_consulted()
        {
            JsonElement root = Inspect("--preset", "hint-aware", "--explain");

            Assert.True(root.GetProperty("verdict").GetProperty("explanation").GetArrayLength() >= 3);
            Assert.True(root.GetProperty("identity").GetProperty("explanation").GetArrayLength() >= 1);
        }

        [Fact]
        public void A_policy_with_errors_is_refused_with_its_line_numbers()
        {
            string bad = Path.Combine(_directory, "bad.policy");
            File.WriteAllText(bad, "default block\nrule R1 allow\n  from 10.0.0.0/33\nend\n");

            TsidProcess.Result result = TsidProcess.Run("inspect", _capture, "--policy", bad);

            Assert.Equal(1, result.ExitCode);
            Assert.Contains("not a valid policy", result.Stderr);
            Assert.Contains("3", result.Stderr);
        }

        private JsonElement Inspect(params string[] options)
        {
            string[] args = new string[options.Length + 6];
            args[0] = "inspect";
            args[1] = _capture;
            args[2] = "--policy";
            args[3] = _policy;
            args[4] = "--format";
            args[5] = "json";
            options.CopyTo(args, 6);
            TsidProcess.Result result = TsidProcess.Run(args);
            Assert.True(result.ExitCode == 0, result.Stderr);
            return JsonDocument.Parse(result.Stdout.Trim()).RootElement.Clone();
        }
    }
}
