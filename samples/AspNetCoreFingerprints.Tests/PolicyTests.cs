using System;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Tsid.Policy;
using Xunit;

namespace Tsid.Samples.AspNetCoreFingerprints.Tests
{
    /// <summary>The policy is evaluated in the TLS callback; a block aborts the connection before the handshake completes.</summary>
    public sealed class PolicyTests
    {
        [Fact]
        public async Task A_blocked_sni_is_aborted_in_the_callback_and_another_sni_is_allowed()
        {
            AccessPolicy policy = PolicyText.Parse("""
                default allow
                list BLOCKED_NAMES
                  blocked.test
                end
                blocklist BLOCKED_NAMES
                """);
            await using RunningApp app = await RunningApp.StartAsync(policy);
            using HttpClient client = app.CreateClient(HttpVersion.Version20, out WireRecorder wire);

            await Assert.ThrowsAsync<HttpRequestException>(() => app.GetFingerprintAsync(client, "blocked.test"));
            LogEntry blocked = Assert.Single(await app.Logs.WaitForClientHelloLinesAsync(1));
            Assert.Equal("blocked.test", blocked["Sni"]);
            Assert.Equal("Block", blocked["Verdict"]?.ToString());
            Assert.Equal("SecurityIntelligence", blocked["Stage"]);
            Assert.Equal("BLOCKED_NAMES", blocked["Rule"]);

            FingerprintResponse allowed = await app.GetFingerprintAsync(client, "fingerprints.test");
            Assert.Equal("fingerprints.test", allowed.Sni);
            Assert.Equal("Allow", allowed.Verdict);
            Assert.Equal(2, (await app.Logs.WaitForClientHelloLinesAsync(2)).Count);
        }

        [Fact]
        public async Task A_ja4_on_a_fingerprint_list_is_aborted_and_a_client_with_another_ja4_is_allowed()
        {
            // The JA4 of this machine's HttpClient for HTTP/2 to a name, learned from a first app without policy.
            string ja4;
            await using (RunningApp learn = await RunningApp.StartAsync())
            {
                using HttpClient h2 = learn.CreateClient(HttpVersion.Version20, out _);
                ja4 = (await learn.GetFingerprintAsync(h2, "fingerprints.test")).Ja4!;
            }

            AccessPolicy policy = PolicyText.Parse(
                "default allow\n" +
                "fingerprints BAD_CLIENTS\n  " + ja4 + "\nend\n" +
                "rule REFUSE_BAD_CLIENTS block tag=fingerprint\n  fingerprint-list BAD_CLIENTS\nend\n");
            await using RunningApp app = await RunningApp.StartAsync(policy);

            using HttpClient sameClient = app.CreateClient(HttpVersion.Version20, out _);
            await Assert.ThrowsAsync<HttpRequestException>(() => app.GetFingerprintAsync(sameClient, "fingerprints.test"));
            LogEntry blocked = Assert.Single(await app.Logs.WaitForClientHelloLinesAsync(1));
            Assert.Equal(ja4, blocked["Ja4"]);
            Assert.Equal("Block", blocked["Verdict"]?.ToString());
            Assert.Equal("REFUSE_BAD_CLIENTS", blocked["Rule"]);
            Assert.Equal(ja4, blocked["MatchedFingerprint"]);

            // HTTP/1.1 offers no ALPN here: another JA4 (…00_…), not on the list.
            using HttpClient otherClient = app.CreateClient(HttpVersion.Version11, out _);
            FingerprintResponse allowed = await app.GetFingerprintAsync(otherClient, "fingerprints.test");
            Assert.NotEqual(ja4, allowed.Ja4);
            Assert.Equal("Allow", allowed.Verdict);
        }

        [Fact]
        public async Task A_ja4_pattern_without_sni_blocks_ip_literal_clients_only()
        {
            AccessPolicy policy = PolicyText.Parse("""
                default allow
                rule NO_SNI_NO_ENTRY block
                  ja4 t13i*_*_*
                end
                """);
            await using RunningApp app = await RunningApp.StartAsync(policy);
            using HttpClient client = app.CreateClient(HttpVersion.Version11, out _);

            await Assert.ThrowsAsync<HttpRequestException>(() => app.GetFingerprintAsync(client, "127.0.0.1"));
            FingerprintResponse named = await app.GetFingerprintAsync(client, "fingerprints.test");
            Assert.Equal("Allow", named.Verdict);
            LogEntry blocked = (await app.Logs.WaitForClientHelloLinesAsync(2))[0];
            Assert.Equal("NO_SNI_NO_ENTRY", blocked["Rule"]);
            Assert.Equal("t13i*_*_*", blocked["MatchedFingerprint"]);
        }
    }
}

namespace Tsid.Samples.AspNetCoreFingerprints.Tests
{
    /// <summary>The policy file the sample ships (samples/AspNetCoreFingerprints/policy.txt and its bad-clients.txt) does what docs say.</summary>
    public sealed class ShippedPolicyTests
    {
        [Fact]
        public async Task The_shipped_policy_blocks_blocked_example_and_tls12_clients_without_sni_and_allows_the_rest()
        {
            AccessPolicy policy = Program.LoadPolicy(FindSampleFile("policy.txt"));
            await using RunningApp app = await RunningApp.StartAsync(policy);
            using System.Net.Http.HttpClient client = app.CreateClient(System.Net.HttpVersion.Version20, out _);

            await Assert.ThrowsAsync<System.Net.Http.HttpRequestException>(() => app.GetFingerprintAsync(client, "blocked.example"));
            Assert.Equal("Allow", (await app.GetFingerprintAsync(client, "fingerprints.test")).Verdict);

            // A TLS 1.2-only client to an IP literal (no SNI): t12i… is on bad-clients.txt.
            using var cts = new System.Threading.CancellationTokenSource(RunningApp.Timeout);
            using var tcp = new System.Net.Sockets.TcpClient();
            await tcp.ConnectAsync(System.Net.IPAddress.Loopback, app.Port, cts.Token);
            using var ssl = new System.Net.Security.SslStream(tcp.GetStream());
            var options = new System.Net.Security.SslClientAuthenticationOptions
            {
                TargetHost = "127.0.0.1",
                EnabledSslProtocols = System.Security.Authentication.SslProtocols.Tls12,
                RemoteCertificateValidationCallback = (_, _, _, _) => true,
            };
            await Assert.ThrowsAnyAsync<Exception>(() => ssl.AuthenticateAsClientAsync(options, cts.Token));

            var lines = await app.Logs.WaitForClientHelloLinesAsync(3);
            Assert.Equal("BLOCKED_NAMES", lines[0]["Rule"]);
            Assert.Equal("Allow", lines[1]["Verdict"]?.ToString());
            Assert.StartsWith("t12i", (string?)lines[2]["Ja4"]);
            Assert.Equal("REFUSE_KNOWN_BAD_CLIENTS", lines[2]["Rule"]);
            Assert.Equal("t12i*_*_*", lines[2]["MatchedFingerprint"]);
        }

        private static string FindSampleFile(string name)
        {
            for (string? directory = AppContext.BaseDirectory; directory is not null; directory = System.IO.Path.GetDirectoryName(directory))
            {
                string candidate = System.IO.Path.Combine(directory, "samples", "AspNetCoreFingerprints", name);
                if (System.IO.File.Exists(candidate))
                {
                    return candidate;
                }
            }

            throw new System.IO.FileNotFoundException("samples/AspNetCoreFingerprints/" + name + " not found above " + AppContext.BaseDirectory);
        }
    }
}
