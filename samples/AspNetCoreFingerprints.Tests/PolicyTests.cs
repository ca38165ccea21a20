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
