using System.IO;
using Tsid.Docs.Tests.Samples;
using Tsid.Docs.Tests.Support;
using Xunit;

namespace Tsid.Docs.Tests
{
    /// <summary>Runs the block of docs/tunnels.md on the committed docs/captures/tunnels.pcap (built by the tsid tests).</summary>
    [Collection(nameof(ConsoleCollection))]
    public class TunnelSampleTests
    {
        [Fact]
        public void The_tunnels_sample_prints_the_output_the_page_shows()
        {
            using var directory = new TemporaryDirectory();
            File.Copy(Path.Combine(DocsSamples.RepositoryRoot, "docs", "captures", "tunnels.pcap"), directory.File("tunnels.pcap"));

            (string output, string error) = SampleRun.Run(directory.Path, TunnelSamples.Inspect);

            Assert.Equal(string.Empty, error);
            Assert.Equal(DocsSamples.ShownOutput("docs/tunnels.md", "Samples/TunnelSamples.cs#Inspect"), output);
            Assert.Contains("HttpConnect to tools.cisco.com:443): tools.cisco.com from ProxyTargetHint", output, System.StringComparison.Ordinal);
        }
    }
}
