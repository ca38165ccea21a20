using System;
using System.Collections.Generic;
using Tsid.Cli.Reports;
using Tsid.Identity;
using Tsid.Policy;
using Tsid.Tls;
using Tsid.X509;

namespace Tsid.Cli.Inspection
{
    /// <summary>
    /// Turns one observed TLS connection into a report: the handshake facts, the certificate chain, the name the chosen
    /// preset resolves (with the DNS hints the capture gave), and the policy verdict. This is the glue between the
    /// stages of Tsid.Core, and the only place where they meet strings.
    /// </summary>
    internal static class ConnectionAnalyzer
    {
        public static ConnectionReport Analyze(TlsConnectionObserver observer, FlowFacts flow, InspectionSettings settings)
        {
            var report = new ConnectionReport
            {
                Client = flow.Client,
                Server = flow.Server,
                TlsStart = flow.TlsStart,
            };
            report.DnsHints.AddRange(flow.DnsHints);

            if (observer.TryGetClientHello(out ClientHello hello))
            {
                if (hello.TryGetServerNames(out ServerNameList names))
                {
                    foreach (ServerName name in names)
                    {
                        if (!name.IsHostName)
                        {
                            continue;
                        }

                        report.ServerNames.Add(name.GetString());
                    }
                }

                report.Sni = report.ServerNames.Count > 0 ? report.ServerNames[0] : null;
                if (hello.TryGetAlpn(out ProtocolNameList alpn))
                {
                    foreach (ReadOnlySpan<byte> protocol in alpn)
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

            // The same evidence the library offers any caller, plus what only the capture knows: where the
            // connection went and what DNS said about that address.
            Span<byte> address = stackalloc byte[16];
            int addressLength = flow.ServerAddress is not null && flow.ServerAddress.TryWriteBytes(address, out int written) ? written : 0;
            ServerIdentityEvidence evidence = ServerIdentityEvidence.FromHandshake(observer) with
            {
                DestinationAddress = address.Slice(0, addressLength),
                DestinationPort = (ushort)flow.ServerPort,
                DnsNames = flow.DnsHints,
            };
            Span<char> nameBuffer = stackalloc char[ServerIdentityResolver.NameBufferLength];
            ServerIdentity identity = settings.Resolver.Resolve(evidence, nameBuffer, settings.Explain);
            report.Identity = ToReport(identity.ToRecord(), settings.PresetName);

            if (settings.Policy is not null)
            {
                // The policy reads the identity result and the handshake directly: the negotiated ALPN only when the
                // ServerHello shows it (never the client's first offer), the client's list as its own fact.
                Span<byte> client = stackalloc byte[16];
                int clientLength = flow.ClientAddress is not null && flow.ClientAddress.TryWriteBytes(client, out int clientWritten) ? clientWritten : 0;
                ConnectionFacts facts = ConnectionFacts.From(observer, in identity, in evidence) with
                {
                    SourceAddress = client.Slice(0, clientLength),
                    SourcePort = flow.ClientPort,
                };
                report.Verdict = Decide(settings.Policy, in facts, settings.Explain);
            }

            AddError(report, "client", observer.ClientError);
            AddError(report, "server", observer.ServerError);
            report.Errors.AddRange(flow.Gaps);
            return report;
        }

        internal static IdentityReport ToReport(ServerIdentityRecord identity, string preset)
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
            foreach (IdentityDiagnostics flag in DiagnosticFlags)
            {
                if ((identity.Diagnostics & flag) != 0)
                {
                    report.Diagnostics.Add(Naming.SnakeCase(flag.ToString()));
                }
            }

            if (identity.Explanation is { } explanation)
            {
                report.Explanation = new List<string>();
                foreach (IdentityCandidate candidate in explanation.Candidates)
                {
                    report.Explanation.Add(candidate.ToString());
                }
            }

            return report;
        }

        private static readonly IdentityDiagnostics[] DiagnosticFlags = BuildFlags();

        private static IdentityDiagnostics[] BuildFlags()
        {
            var flags = new List<IdentityDiagnostics>();
            foreach (IdentityDiagnostics value in Enum.GetValues<IdentityDiagnostics>())
            {
                if (value != IdentityDiagnostics.None)
                {
                    flags.Add(value);
                }
            }

            return flags.ToArray();
        }

        private static VerdictReport Decide(AccessPolicy policy, scoped in ConnectionFacts facts, bool explain)
        {
            PolicyDecision decision;
            List<string>? steps = null;
            if (explain)
            {
                PolicyExplanation explanation = policy.Explain(in facts);
                decision = explanation.Decision;
                steps = new List<string>();
                foreach (PolicyTraceStep step in explanation.Steps)
                {
                    steps.Add(step.ToString());
                }
            }
            else
            {
                decision = policy.Evaluate(in facts);
            }

            return new VerdictReport
            {
                Explanation = steps,
                Action = Naming.SnakeCase(decision.Action.ToString()),
                Stage = Naming.SnakeCase(decision.Stage.ToString()),
                Rule = decision.RuleName,
                RuleIndex = decision.RuleIndex,
                MatchedName = decision.GetMatchedName(in facts),
                MatchedPattern = decision.GetMatchedPattern(in facts),
                Tag = decision.Tag,
            };
        }

        private static void AddError(ConnectionReport report, string direction, TlsError error)
        {
            if (error.IsError)
            {
                report.Errors.Add(new ErrorReport { Direction = direction, Error = error.Code.ToString(), Offset = error.Offset });
            }
        }
    }
}
