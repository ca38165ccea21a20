using Tsid.Docs.Tests.Samples;
using Tsid.Docs.Tests.Support;
using Xunit;

namespace Tsid.Docs.Tests
{
    /// <summary>Runs the README's code on the recorded seed case (TLS 1.2, no SNI, the Cisco-like chain of three).</summary>
    [Collection(nameof(ConsoleCollection))]
    public class ReadmeSampleTests
    {
        [Fact]
        public void The_seed_case_prints_what_the_readme_says()
        {
            (byte[] client, byte[] server) = Fixture.Recording(Fixture.SeedRecording);
            string output = SampleRun.Output(Fixture.Directory, () => ReadmeSamples.SeedCase(client, server, new[] { "tools.cisco.com" }));
            Assert.Equal("tools.cisco.com from DnsHint", DocsSamples.ShownInComment("Samples/ReadmeSamples.cs#SeedCase", "Console.WriteLine("));
            Assert.Equal("tools.cisco.com from DnsHint\n", output);
        }

        [Fact]
        public void Without_the_hint_the_same_code_names_the_first_subject_alt_name()
        {
            (byte[] client, byte[] server) = Fixture.Recording(Fixture.SeedRecording);
            string output = SampleRun.Output(Fixture.Directory, () => ReadmeSamples.SeedCase(client, server, new string[0]));
            Assert.Equal("toos.cisco.com from FirstSubjectAltName\n", output);
        }

        [Fact]
        public void A_hint_the_certificate_does_not_cover_is_not_taken()
        {
            (byte[] client, byte[] server) = Fixture.Recording(Fixture.SeedRecording);
            string output = SampleRun.Output(Fixture.Directory, () => ReadmeSamples.SeedCase(client, server, new[] { "evil.example" }));
            Assert.Equal("toos.cisco.com from FirstSubjectAltName\n", output);
        }
    }
}
