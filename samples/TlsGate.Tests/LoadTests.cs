using System;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Tsid.Samples.TlsGate.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Tsid.Samples.TlsGate.Tests
{
    /// <summary>Runs alone: its timings and allocation counts must not share the machine with the other tests.</summary>
    [CollectionDefinition(nameof(LoadCollection), DisableParallelization = true)]
    public sealed class LoadCollection
    {
    }

    /// <summary>
    /// ≥ 1,000 TLS 1.3 connections through the gateway with 32 concurrent clients (handshake + one echo round trip each), and
    /// the same clients straight to the upstream for the baseline: connections/s, p50/p99 latency, and the gateway's
    /// allocations per connection (process-wide allocated bytes per connection, minus the direct run's). The numbers go to the
    /// test output (docs/integration.md quotes a run). <c>TSID_GATE_LOAD_CONNECTIONS</c> sets a larger count for a measurement.
    /// </summary>
    [Collection(nameof(LoadCollection))]
    public class LoadTests
    {
        private const int Concurrency = 32;
        private readonly ITestOutputHelper _output;

        public LoadTests(ITestOutputHelper output) => _output = output;

        private static int Connections =>
            int.TryParse(Environment.GetEnvironmentVariable("TSID_GATE_LOAD_CONNECTIONS"), NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n >= 1000 ? n : 1000;

        [Fact(Timeout = 120_000)]
        public async Task A_thousand_TLS13_connections_through_the_gateway_all_relay_and_are_each_logged_once()
        {
            int connections = Connections;
            await using var upstream = new UpstreamServer(SslProtocols.Tls13);
            var log = new CountingLogSink();
            await using Gateway gate = await Gateway.StartAsync(upstream.Port, o => o.MaxConcurrentConnections = 256, log);

            // Warm both paths (JIT, pools), then measure: direct first, then through the gateway.
            await RunAsync(upstream.Port, 64);
            await RunAsync(gate.Port, 64);
            await log.WaitForAsync(64);
            log.Reset();

            Result direct = await RunAsync(upstream.Port, connections / 2);
            Result gated = await RunAsync(gate.Port, connections);
            await log.WaitForAsync(connections);

            Assert.Equal(connections / 2, direct.Succeeded);
            Assert.Equal(connections, gated.Succeeded);
            Assert.Equal(connections, log.Lines);
            Assert.Equal(connections, log.Relayed);
            Assert.Equal(0, gate.Instance.ActiveConnections);

            long addedAllocation = gated.AllocatedPerConnection - direct.AllocatedPerConnection;
            string report = string.Create(CultureInfo.InvariantCulture,
                $"load: {connections} TLS 1.3 connections through the gateway, {Concurrency} concurrent clients, {Environment.ProcessorCount} cores, load average {LoadAverage()}\n" +
                $"direct:  {direct.PerSecond:F0} conn/s, p50 {direct.P50:F2} ms, p99 {direct.P99:F2} ms, {direct.AllocatedPerConnection} B allocated per connection (client + server)\n" +
                $"gateway: {gated.PerSecond:F0} conn/s, p50 {gated.P50:F2} ms, p99 {gated.P99:F2} ms, {gated.AllocatedPerConnection} B allocated per connection (client + gateway + server)\n" +
                $"added by the gateway: p50 +{gated.P50 - direct.P50:F2} ms, p99 +{gated.P99 - direct.P99:F2} ms, {addedAllocation} B per connection");
            _output.WriteLine(report);
            string? file = Environment.GetEnvironmentVariable("TSID_GATE_LOAD_REPORT");
            if (!string.IsNullOrEmpty(file))
            {
                System.IO.File.AppendAllText(file, report + "\n");
            }
        }

        private static string LoadAverage()
        {
            try
            {
                return System.IO.File.ReadAllText("/proc/loadavg").Split(' ')[0];
            }
            catch (System.IO.IOException)
            {
                return "unknown";
            }
            catch (UnauthorizedAccessException)
            {
                return "unknown";
            }
        }

        private static async Task<Result> RunAsync(int port, int count)
        {
            double[] latencies = new double[count];
            int next = -1;
            int succeeded = 0;
            long allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
            var clock = Stopwatch.StartNew();
            var workers = new Task[Concurrency];
            for (int w = 0; w < workers.Length; w++)
            {
                workers[w] = Task.Run(async () =>
                {
                    byte[] ping = Encoding.ASCII.GetBytes("ping");
                    byte[] pong = new byte[4];
                    int i;
                    while ((i = Interlocked.Increment(ref next)) < count)
                    {
                        long start = Stopwatch.GetTimestamp();
                        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
                        using var client = new TcpClient { NoDelay = true };
                        await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
                        await using var tls = new SslStream(client.GetStream());
                        await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
                        {
                            TargetHost = "tools.cisco.com",
                            EnabledSslProtocols = SslProtocols.Tls13,
                            RemoteCertificateValidationCallback = (_, _, _, _) => true,
                        }, timeout.Token);
                        await tls.WriteAsync(ping, timeout.Token);
                        await tls.ReadExactlyAsync(pong, timeout.Token);
                        latencies[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                        Interlocked.Increment(ref succeeded);
                    }
                });
            }

            await Task.WhenAll(workers);
            clock.Stop();
            long allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
            Array.Sort(latencies);
            return new Result(succeeded, count / clock.Elapsed.TotalSeconds, latencies[count / 2], latencies[Math.Min(count - 1, (int)(count * 0.99))], allocated / count);
        }

        private readonly record struct Result(int Succeeded, double PerSecond, double P50, double P99, long AllocatedPerConnection);

        /// <summary>Counts lines and relayed outcomes without keeping them (the load run's allocations stay the gateway's).</summary>
        private sealed class CountingLogSink : IGateLogSink
        {
            private static readonly byte[] RelayedOutcome = Encoding.ASCII.GetBytes("\"outcome\":\"relayed\"");
            private int _lines;
            private int _relayed;

            public int Lines => Volatile.Read(ref _lines);

            public int Relayed => Volatile.Read(ref _relayed);

            public void WriteLine(ReadOnlySpan<byte> utf8Json)
            {
                if (utf8Json.IndexOf(RelayedOutcome) >= 0)
                {
                    Interlocked.Increment(ref _relayed);
                }

                Interlocked.Increment(ref _lines);
            }

            public void Reset()
            {
                Volatile.Write(ref _lines, 0);
                Volatile.Write(ref _relayed, 0);
            }

            public async Task WaitForAsync(int lines)
            {
                // The line is written when the gateway's side of the connection ends, just after the client's.
                var clock = Stopwatch.StartNew();
                while (Lines < lines && clock.Elapsed < TimeSpan.FromSeconds(15))
                {
                    await Task.Delay(20);
                }
            }
        }
    }
}
