using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using Tsid.Capture;
using Tsid.Cli.Output;
using Tsid.Identity;
using Tsid.Policy;
using Tsid.Tls;
using Tsid.X509;

namespace Tsid.Benchmarks
{
    /// <summary>
    /// One whole connection, bytes to decision: the recorded handshake fed to a reused observer (both directions), the
    /// evidence, the Firepower preset, the facts and the 100-rule policy with two 1,000,000-domain lists of
    /// <see cref="PolicyEvaluationBenchmarks"/> (neither connection matches a list or a rule, so every rule is consulted and
    /// the default decides). <c>Seam</c> is the library's span seam; the baseline runs the same steps the way <c>tsid</c>
    /// did before issue 9 (commit 64a2a1d, <c>Cli/Inspection/ConnectionAnalyzer.cs</c>), with today's public APIs: a string
    /// for every SNI and ALPN entry, each chain certificate parsed again into a report (SHA-256, RFC 4514 subject and
    /// issuer, every CN, OU and SAN as a string), <c>ResolveToRecord</c>, the presented names as a <c>string[]</c>,
    /// <see cref="IPAddress"/> objects for the endpoints and the resolved name as a string. (The old observer's getters also
    /// parsed their messages again on every call; today's observer cannot, so the baseline understates the old cost.)
    /// Recordings: tests/Tsid.Core.Tests/Fixtures/Tls (the seed case: TLS 1.2 without SNI, Cisco-like chain of three;
    /// and TLS 1.3 with SNI, certificate encrypted).
    /// </summary>
    [MemoryDiagnoser]
    [MedianColumn]
    public class ConnectionBenchmarks
    {
        private const int ClientPort = 50123;
        private const int ServerPort = 443;

        private static readonly byte[] ClientAddress = { 10, 12, 1, 20 };
        private static readonly byte[] ServerAddress = { 72, 163, 4, 38 };

        private readonly TlsConnectionObserver _observer = new();
        private readonly FlowEndpoint _client = new(PacketAddress.FromBytes(ClientAddress), ClientPort);
        private readonly FlowEndpoint _server = new(PacketAddress.FromBytes(ServerAddress), ServerPort);
        private readonly string[] _dnsHints = Array.Empty<string>();
        private readonly ServerIdentityResolver _resolver = ServerIdentityPresets.Firepower;
        private byte[] _clientToServer = Array.Empty<byte>();
        private byte[] _serverToClient = Array.Empty<byte>();
        private AccessPolicy _policy = null!;

        /// <summary><c>Tls12NoSniChain3</c>: tls12-nosni-cisco-chain3 (the seed case); <c>Tls13Sni</c>: tls13-sni-alpn.</summary>
        [Params("Tls12NoSniChain3", "Tls13Sni")]
        public string Connection { get; set; } = "Tls12NoSniChain3";

        [GlobalSetup]
        public void Setup()
        {
            bool seed = Connection == "Tls12NoSniChain3";
            string recording = seed ? "tls12-nosni-cisco-chain3" : "tls13-sni-alpn";
            _clientToServer = Fixtures.Bytes("Tls/" + recording + ".c2s.bin");
            _serverToClient = Fixtures.Bytes("Tls/" + recording + ".s2c.bin");
            var policy = new PolicyEvaluationBenchmarks();
            policy.Setup();
            _policy = policy.Policy;

            // Both ways reach the same decision: the default, after every list and rule.
            PolicyAction action = Seam();
            ConnectionReport report = CliBefore();
            string expectedName = seed ? "toos.cisco.com" : "tls-test.example";
            if (action != PolicyAction.Block || report.Verdict?.Stage != "default" || report.Identity?.Name != expectedName)
            {
                throw new InvalidOperationException("unexpected result: " + action + ", " + report.Verdict?.Stage + ", " + report.Identity?.Name);
            }
        }

        [GlobalCleanup]
        public void Cleanup() => _observer.Dispose();

        /// <summary>The first stage alone (reset and feed: records, reassembly, each message parsed once), to show where the time goes.</summary>
        [Benchmark]
        public TlsProtocolVersion ObserveOnly() => Observe().NegotiatedVersion;

        /// <summary>The library seam: views from the bytes to the decision, the name in a stack buffer.</summary>
        [Benchmark]
        public PolicyAction Seam()
        {
            TlsConnectionObserver observer = Observe();
            ServerIdentityEvidence evidence = ServerIdentityEvidence.FromHandshake(observer) with
            {
                DestinationAddress = ServerAddress,
                DestinationPort = ServerPort,
                DnsNames = _dnsHints,
            };
            Span<char> name = stackalloc char[ServerIdentityResolver.NameBufferLength];
            ServerIdentity identity = _resolver.Resolve(in evidence, name);
            ConnectionFacts facts = ConnectionFacts.From(observer, in identity, in evidence) with
            {
                SourceAddress = ClientAddress,
                SourcePort = ClientPort,
            };
            return _policy.Evaluate(in facts).Action;
        }

        /// <summary>The same steps the way the tool did them before: a report of strings, built as 64a2a1d's analyzer built it.</summary>
        [Benchmark(Baseline = true)]
        public ConnectionReport CliBefore()
        {
            TlsConnectionObserver observer = Observe();

            // FlowFacts: endpoint strings and IPAddress objects per connection.
            IPAddress clientAddress = _client.Address.ToIPAddress();
            IPAddress serverAddress = _server.Address.ToIPAddress();
            var report = new ConnectionReport { Client = _client.ToString(), Server = _server.ToString() };
            report.DnsHints.AddRange(_dnsHints);

            bool hasHello = observer.TryGetClientHello(out ClientHello hello);
            ProtocolNameList offered = default;
            if (hasHello)
            {
                if (hello.TryGetServerNames(out ServerNameList names))
                {
                    foreach (ServerName serverName in names)
                    {
                        if (serverName.IsHostName)
                        {
                            report.ServerNames.Add(serverName.GetString());
                        }
                    }
                }

                report.Sni = report.ServerNames.Count > 0 ? report.ServerNames[0] : null;
                if (hello.TryGetAlpn(out offered))
                {
                    foreach (ReadOnlySpan<byte> protocol in offered)
                    {
                        report.Alpn.Add(Naming.Ascii(protocol));
                    }
                }

                report.Ech = hello.TryGetEncryptedClientHello(out EncryptedClientHello ech) && ech.IsOuter;
            }

            if (observer.TryGetServerHello(out ServerHello serverHello) && serverHello.TryGetSelectedProtocol(out ReadOnlySpan<byte> selected))
            {
                report.AlpnSelected = Naming.Ascii(selected);
            }

            report.TlsVersion = Naming.Version(observer.NegotiatedVersion);
            report.CertificateVisibility = Naming.SnakeCase(observer.ServerCertificateVisibility.ToString());
            if (observer.TryGetServerCertificates(out CertificateMessage chain))
            {
                foreach (ReadOnlySpan<byte> der in chain)
                {
                    report.Certificates.Add(CertificateReport.From(der));
                }
            }

            report.CertificateVisible = report.Certificates.Count > 0;

            Span<byte> address = stackalloc byte[16];
            int addressLength = serverAddress.TryWriteBytes(address, out int written) ? written : 0;
            ServerIdentityEvidence evidence = ServerIdentityEvidence.FromHandshake(observer) with
            {
                DestinationAddress = address.Slice(0, addressLength),
                DestinationPort = _server.Port,
                DnsNames = _dnsHints,
            };
            ServerIdentityRecord identity = _resolver.ResolveToRecord(evidence);
            report.Identity = IdentityReport.From(identity, _resolver.Name);

            // The old facts: the resolved name and the presented names as strings, the addresses as bytes from IPAddress.
            string[] presented = evidence.PresentedNames.ToArray();
            var facts = new ConnectionFacts
            {
                ResolvedName = identity.Name,
                ResolvedSource = identity.Source,
                IdentityRejected = identity.IsRejected,
                IdentityRejectReason = identity.RejectReason,
                PresentedNames = PresentedNames.FromList(presented),
                SourceAddress = clientAddress.GetAddressBytes(),
                DestinationAddress = serverAddress.GetAddressBytes(),
                SourcePort = _client.Port,
                DestinationPort = _server.Port,
                TlsVersion = observer.NegotiatedVersion,
                AlpnOffered = offered,

                // A string turned back into bytes (the old code also passed the first offer when none was negotiated: a
                // wrong fact this policy does not read, so it is not reproduced).
                AlpnNegotiated = report.AlpnSelected is null ? default : Encoding.Latin1.GetBytes(report.AlpnSelected),
                CertificateCoversSni = identity.CertificateCoversSni,
            };
            PolicyDecision decision = _policy.Evaluate(in facts);
            report.Verdict = new VerdictReport
            {
                Action = Naming.SnakeCase(decision.Action.ToString()),
                Stage = Naming.SnakeCase(decision.Stage.ToString()),
                Rule = decision.RuleName,
                RuleIndex = decision.RuleIndex,
                MatchedName = decision.GetMatchedName(in facts),
                MatchedPattern = decision.GetMatchedPattern(in facts),
                Tag = decision.Tag,
            };
            AddError(report, "client", observer.ClientError);
            AddError(report, "server", observer.ServerError);
            return report;
        }

        /// <summary>Every way starts alike: the pooled observer reset and fed the recording's two directions.</summary>
        private TlsConnectionObserver Observe()
        {
            TlsConnectionObserver observer = _observer;
            observer.Reset();
            observer.Feed(TlsDirection.ClientToServer, _clientToServer);
            observer.Feed(TlsDirection.ServerToClient, _serverToClient);
            return observer;
        }

        private static void AddError(ConnectionReport report, string direction, TlsError error)
        {
            if (error.IsError)
            {
                report.Errors.Add(direction + " " + error.Code.ToString() + "@" + error.Offset.ToString(CultureInfo.InvariantCulture));
            }
        }

        /// <summary>64a2a1d's connection report: what the tool printed, as strings and lists.</summary>
        public sealed class ConnectionReport
        {
            public string Client { get; init; } = string.Empty;

            public string Server { get; init; } = string.Empty;

            public string? Sni { get; set; }

            public List<string> ServerNames { get; } = new();

            public List<string> Alpn { get; } = new();

            public string? AlpnSelected { get; set; }

            public bool Ech { get; set; }

            public string? TlsVersion { get; set; }

            public bool CertificateVisible { get; set; }

            public string CertificateVisibility { get; set; } = "unknown";

            public List<CertificateReport> Certificates { get; } = new();

            public IdentityReport? Identity { get; set; }

            public VerdictReport? Verdict { get; set; }

            public List<string> Errors { get; } = new();

            public List<string> DnsHints { get; } = new();
        }

        /// <summary>64a2a1d's certificate report: the DER hashed and parsed again, every field a string.</summary>
        public sealed class CertificateReport
        {
            public string? Subject { get; private set; }

            public string? Issuer { get; private set; }

            public List<string> SubjectCn { get; } = new();

            public List<string> SubjectOu { get; } = new();

            public List<string> SanDns { get; } = new();

            public List<string> SanIp { get; } = new();

            public string? Serial { get; private set; }

            public string? NotBefore { get; private set; }

            public string? NotAfter { get; private set; }

            public string Sha256 { get; private set; } = string.Empty;

            public int DerLength { get; private set; }

            public string? ParseError { get; private set; }

            public static CertificateReport From(ReadOnlySpan<byte> der)
            {
                var report = new CertificateReport { Sha256 = Convert.ToHexStringLower(SHA256.HashData(der)), DerLength = der.Length };
                if (!Certificate.TryParse(der, out Certificate certificate, out X509Error error))
                {
                    report.ParseError = error.ToString();
                    return report;
                }

                report.Subject = certificate.Subject.ToRfc4514String();
                report.Issuer = certificate.Issuer.ToRfc4514String();
                foreach (AttributeTypeAndValue cn in certificate.Subject.EnumerateAttributes(AttributeType.CommonName))
                {
                    report.SubjectCn.Add(cn.Value.GetString());
                }

                foreach (AttributeTypeAndValue ou in certificate.Subject.EnumerateAttributes(AttributeType.OrganizationalUnitName))
                {
                    report.SubjectOu.Add(ou.Value.GetString());
                }

                if (certificate.TryGetSubjectAltName(out SubjectAltName san))
                {
                    foreach (GeneralName name in san)
                    {
                        if (name.Type == GeneralNameType.DnsName)
                        {
                            report.SanDns.Add(name.GetString());
                        }
                        else if (name.Type == GeneralNameType.IPAddress && (name.Value.Length == 4 || name.Value.Length == 16))
                        {
                            report.SanIp.Add(new IPAddress(name.Value).ToString());
                        }
                    }
                }

                // The old formatting: hex of the serial without leading zeros, times through DateTimeOffset.ToString.
                string hex = Convert.ToHexString(certificate.SerialNumber);
                int start = 0;
                while (start < hex.Length - 1 && hex[start] == '0')
                {
                    start++;
                }

                report.Serial = hex.Substring(start);
                Validity validity = certificate.Validity;
                report.NotBefore = validity.TryGetNotBefore(out DateTimeOffset notBefore) ? Time(notBefore) : null;
                report.NotAfter = validity.TryGetNotAfter(out DateTimeOffset notAfter) ? Time(notAfter) : null;
                return report;
            }

            private static string Time(DateTimeOffset time) => time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        }

        /// <summary>64a2a1d's identity report.</summary>
        public sealed class IdentityReport
        {
            public string? Name { get; init; }

            public string Source { get; init; } = string.Empty;

            public string? Rule { get; init; }

            public string Preset { get; init; } = string.Empty;

            public bool? SniCoveredByCertificate { get; init; }

            public List<string> Diagnostics { get; } = new();

            public static IdentityReport From(ServerIdentityRecord identity, string preset)
            {
                var report = new IdentityReport
                {
                    Name = identity.Name,
                    Source = Naming.SnakeCase(identity.Source.ToString()),
                    Rule = identity.RuleName,
                    Preset = preset,
                    SniCoveredByCertificate = identity.CertificateCoversSni switch
                    {
                        SniCoverage.Covered => true,
                        SniCoverage.NotCovered => false,
                        _ => null,
                    },
                };
                foreach (IdentityDiagnostics flag in Naming.DiagnosticFlags)
                {
                    if ((identity.Diagnostics & flag) != 0)
                    {
                        report.Diagnostics.Add(Naming.SnakeCase(flag.ToString()));
                    }
                }

                return report;
            }
        }

        /// <summary>64a2a1d's verdict report.</summary>
        public sealed class VerdictReport
        {
            public string Action { get; init; } = string.Empty;

            public string Stage { get; init; } = string.Empty;

            public string? Rule { get; init; }

            public int RuleIndex { get; init; }

            public string? MatchedName { get; init; }

            public string? MatchedPattern { get; init; }

            public string? Tag { get; init; }
        }
    }
}
