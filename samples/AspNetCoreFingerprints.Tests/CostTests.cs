using System;
using System.Diagnostics;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Tsid.Policy;
using Xunit;
using Xunit.Abstractions;

namespace Tsid.Samples.AspNetCoreFingerprints.Tests
{
    /// <summary>
    /// The per-connection cost of the callback's library work as the running app measures it (Stopwatch and
    /// GC.GetAllocatedBytesForCurrentThread around parse + JA4 + JA3 + identity + policy, this feature object included),
    /// over sequential new HTTPS connections. Printed for docs/integration.md; the machine is shared and noisy,
    /// so only the allocation is asserted (it does not depend on load).
    /// </summary>
    public sealed class CostTests
    {
        private const int Connections = 600;
        private const int Warmup = 100;
        private readonly ITestOutputHelper _output;

        public CostTests(ITestOutputHelper output) => _output = output;

        [Fact]
        public async Task Each_connection_costs_one_small_allocation_in_the_callback()
        {
            AccessPolicy policy = PolicyText.Parse("""
                default allow
                list BLOCKED_NAMES
                  blocked.test
                end
                blocklist BLOCKED_NAMES
                fingerprints BAD_CLIENTS
                  t12i*_*_*
                  e7d705a3286e19ea42f587b344ee6865
                end
                rule REFUSE_BAD_CLIENTS block
                  fingerprint-list BAD_CLIENTS
                end
                """);
            await using RunningApp app = await RunningApp.StartAsync(policy);
            using HttpClient client = app.CreateClient(HttpVersion.Version20, out _);

            var requestTimes = new double[Connections];
            var inspectTimes = new double[Connections];
            var allocated = new long[Connections];
            for (int i = 0; i < Connections; i++)
            {
                long start = Stopwatch.GetTimestamp();
                FingerprintResponse response = await app.GetFingerprintAsync(client, "fingerprints.test");
                requestTimes[i] = Stopwatch.GetElapsedTime(start).TotalMicroseconds;
                inspectTimes[i] = response.InspectMicroseconds;
                allocated[i] = response.InspectAllocatedBytes;
                Assert.Equal("Allow", response.Verdict);
            }

            // Skip the first connections: JIT and first-use initialisation.
            double[] warmInspect = inspectTimes.Skip(Warmup).OrderBy(x => x).ToArray();
            double[] warmRequest = requestTimes.Skip(Warmup).OrderBy(x => x).ToArray();
            long[] warmAllocated = allocated.Skip(Warmup).OrderBy(x => x).ToArray();
            _output.WriteLine($"connections {Connections} (first {Warmup} skipped: JIT tiering), HTTP/2, policy with a block list and a fingerprint list");
            _output.WriteLine($"callback library work: median {Percentile(warmInspect, 0.5):F1} us, p90 {Percentile(warmInspect, 0.9):F1} us, max {warmInspect[^1]:F1} us; first connection {inspectTimes[0]:F1} us");
            _output.WriteLine($"callback allocation:   median {warmAllocated[warmAllocated.Length / 2]} B, max {warmAllocated[^1]} B; first connection {allocated[0]} B");
            _output.WriteLine($"whole request (new TCP + TLS + HTTP/2 GET): median {Percentile(warmRequest, 0.5) / 1000:F2} ms, p90 {Percentile(warmRequest, 0.9) / 1000:F2} ms");

            // One feature object (its inline SNI/ALPN/fingerprint buffers) and nothing else on the warm path.
            Assert.InRange(warmAllocated[warmAllocated.Length / 2], 1, 1024);
        }

        private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)(p * sorted.Length))];
    }
}
