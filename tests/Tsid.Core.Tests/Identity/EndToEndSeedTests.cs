using System;
using System.Security.Authentication;
using Tsid.Identity;
using Tsid.Tls;
using Tsid.Tests.Tls;
using Xunit;

namespace Tsid.Tests.Identity
{
    /// <summary>
    /// The Smart Licensing case from bytes: real TLS 1.2 handshakes recorded with SslStream in memory (see
    /// Tls/RecordedHandshake.cs) to a server presenting a certificate shaped like cisco-nocn.der (same subject without CN,
    /// same SAN bytes with toos.cisco.com first, fresh key), fed to the TLS observer, then resolved.
    /// </summary>
    public class EndToEndSeedTests
    {
        private static readonly Lazy<TlsConnectionObserver> NoSni = new(() => Record(null));
        private static readonly Lazy<TlsConnectionObserver> WithSni = new(() => Record("tools.cisco.com"));

        private static TlsConnectionObserver Record(string? targetHost)
        {
            RecordedHandshake recording = RecordedHandshake.Run(new RecordedHandshake.Options
            {
                ClientProtocols = SslProtocols.Tls12,
                ServerProtocols = SslProtocols.Tls12,
                ServerCertificate = Certificates.CiscoLike,
                TargetHost = targetHost,
            });
            Assert.Null(recording.Failure);
            return ObserverHarness.Feed(recording.Writes);
        }

        [Fact]
        public void Firepower_without_SNI_says_toos_with_the_near_duplicate_diagnostic()
        {
            var evidence = ServerIdentityEvidence.FromHandshake(NoSni.Value);
            Assert.False(evidence.HasServerName);
            Assert.True(evidence.HasLeafCertificate);
            ServerIdentityRecord result = ServerIdentityPresets.Firepower.ResolveToRecord(in evidence, explain: true);
            Assert.Equal("toos.cisco.com", result.Name);
            Assert.Equal(IdentitySource.FirstSubjectAltName, result.Source);
            Assert.True((result.Diagnostics & IdentityDiagnostics.NearDuplicateName) != 0);
            Assert.Equal(new[] { "tools.cisco.com" }, result.Explanation!.NearDuplicates);
        }

        [Fact]
        public void HintAware_with_the_DNS_hint_says_tools()
        {
            var evidence = ServerIdentityEvidence.FromHandshake(NoSni.Value) with { DnsNames = new[] { "tools.cisco.com" } };
            ServerIdentityRecord result = ServerIdentityPresets.HintAware.ResolveToRecord(in evidence);
            Assert.Equal("tools.cisco.com", result.Name);
            Assert.Equal(IdentitySource.DnsHint, result.Source);
        }

        [Fact]
        public void With_SNI_tools_the_name_comes_from_SNI_and_the_certificate_covers_it()
        {
            var evidence = ServerIdentityEvidence.FromHandshake(WithSni.Value);
            Assert.Equal(1, evidence.ServerNameCount);
            ServerIdentityRecord result = ServerIdentityPresets.Firepower.ResolveToRecord(in evidence);
            Assert.Equal("tools.cisco.com", result.Name);
            Assert.Equal(IdentitySource.Sni, result.Source);
            Assert.Equal(SniCoverage.Covered, result.CertificateCoversSni);
        }

        [Fact]
        public void TLS13_hides_the_certificate_so_only_the_SNI_names_the_server()
        {
            RecordedHandshake recording = RecordedHandshake.Run(new RecordedHandshake.Options
            {
                ClientProtocols = SslProtocols.Tls13,
                ServerProtocols = SslProtocols.Tls13,
                ServerCertificate = Certificates.CiscoLike,
                TargetHost = "tools.cisco.com",
            });
            Assert.Null(recording.Failure);
            using var observer = ObserverHarness.Feed(recording.Writes);
            var evidence = ServerIdentityEvidence.FromHandshake(observer);
            Assert.False(evidence.HasLeafCertificate);
            ServerIdentityRecord result = ServerIdentityPresets.Rfc6125.ResolveToRecord(in evidence);
            Assert.Equal("tools.cisco.com", result.Name);
            Assert.Equal(SniCoverage.Unknown, result.CertificateCoversSni);
        }
    }
}
