using System;
using System.Security.Cryptography;
using System.Text;
using Tsid.Docs.Tests.Samples;
using Tsid.Docs.Tests.Support;
using Tsid.Policy;
using Tsid.Tls;
using Xunit;

namespace Tsid.Docs.Tests
{
    /// <summary>Runs the blocks of docs/fingerprints.md and the fingerprint section of docs/policy.md on the project's recordings.</summary>
    public class FingerprintSampleTests
    {
        [Fact]
        public void The_fingerprints_of_the_TLS_1_3_recording_are_consistent_and_named_as_the_docs_say()
        {
            using TlsConnectionObserver observer = Fixture.Observe(Fixture.Tls13SniAlpn);
            (string ja4, string raw, string ja3, string ja3s) = FingerprintSamples.Compute(observer);

            // SslStream over OpenSSL offering TLS 1.3, with SNI and ALPN http/1.1 first.
            Assert.Matches("^t13d[0-9]{4}h1_[0-9a-f]{12}_[0-9a-f]{12}$", ja4);
            string[] parts = raw.Split('_');
            Assert.Equal(ja4.Substring(0, 10), parts[0]);
            Assert.Equal(ja4.Substring(11, 12), Sha12(parts[1]));
            Assert.Equal(ja4.Substring(24), Sha12(parts[2] + "_" + parts[3]));
            Assert.Matches("^[0-9a-f]{32}$", ja3);
            Assert.Matches("^[0-9a-f]{32}$", ja3s);
            Assert.NotEqual(ja3, ja3s);
        }

        [Fact]
        public void The_policy_sample_matches_the_JA4_pattern_and_names_it()
        {
            using TlsConnectionObserver observer = Fixture.Observe(Fixture.Tls13SniAlpn);
            string ja4 = FingerprintSamples.Compute(observer).Ja4;
            AccessPolicy policy = PolicyText.Parse("""
                rule FLEET allow
                  ja4 t13d*_PART_*
                end
                default block
                """.Replace("PART", ja4.Substring(11, 12), StringComparison.Ordinal));
            PolicyDecision decision = FingerprintSamples.Decide(observer, policy);
            Assert.Equal(PolicyAction.Allow, decision.Action);
            Assert.Equal("t13d*_" + ja4.Substring(11, 12) + "_*", decision.MatchedFingerprint);

            using TlsConnectionObserver tls12 = Fixture.Observe(Fixture.Tls12SniAlpn);
            Assert.Equal(PolicyAction.Block, FingerprintSamples.Decide(tls12, policy).Action);
        }

        private static string Sha12(string s) => Convert.ToHexString(SHA256.HashData(Encoding.ASCII.GetBytes(s))).ToLowerInvariant().Substring(0, 12);
    }
}
