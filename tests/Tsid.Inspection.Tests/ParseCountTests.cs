using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using Tsid.Identity;
using Tsid.Inspection.Tests.Support;
using Tsid.Policy;
using Tsid.Tls;
using Tsid.X509;
using Xunit;

namespace Tsid.Inspection.Tests
{
    /// <summary>
    /// Parse-once on the whole inspection path, counted (<see cref="ParseCounters"/>): a capture goes through
    /// <see cref="ConnectionInspector"/> (observer, evidence, resolver, policy in any-name mode, explanations on and off) to a
    /// handler that reads every field a formatter prints. Each ClientHello, ServerHello and Certificate message is parsed
    /// once, each visible server leaf once, and reading the results parses nothing again. The inspector runs on the test
    /// thread (no worker thread): the counters are per thread.
    /// </summary>
    public class ParseCountTests
    {
        /// <summary>Any-name mode, so the policy reads every presented name of the leaf: a block list, host, ALPN and network rules.</summary>
        private static readonly AccessPolicy AnyNamePolicy = new PolicyBuilder()
            .Match(MatchMode.AnyPresentedName)
            .BlockList(DomainSet.Parse("toos.cisco.com\nblocked.example\n"), "SI_FEED")
            .Rule("ALLOW_FMC_ASA_SNT_CISCO", r => r.FromNetwork("10.12.1.0/24").ToHost("tools.cisco.com", Dialect.CiscoSecurityIntelligence).Allow())
            .Rule("ALLOW_H2", r => r.WithAlpn("h2").Allow())
            .Rule("TLS_TEST", r => r.ToHost("tls-test.example", Dialect.Exact).ToPort(443).Allow("tls-test"))
            .Default(PolicyAction.Block)
            .Build();

        /// <summary>
        /// Recording, Certificate messages per connection, server chain length. The server's chain is one Certificate message;
        /// the client's certificate is a second message, never an X.509 parse (the resolver reads the server leaf only).
        /// </summary>
        private static readonly (string Recording, int CertificateMessages, int ChainLength)[] Kinds =
        {
            (Captures.Tls12NoSniCiscoChain3, 1, 3),
            (Captures.Tls12SniAlpn, 1, 1),
            (Captures.Tls12ClientCertificate, 2, 1),
            (Captures.Tls13SniAlpn, 0, 0),
        };

        public static TheoryData<string, int, int, bool, bool> KindsByResolverAndExplain()
        {
            var data = new TheoryData<string, int, int, bool, bool>();
            foreach ((string recording, int messages, int chain) in Kinds)
            {
                foreach (bool hintAware in new[] { false, true })
                {
                    foreach (bool explain in new[] { false, true })
                    {
                        data.Add(recording, messages, chain, hintAware, explain);
                    }
                }
            }

            return data;
        }

        [Theory]
        [MemberData(nameof(KindsByResolverAndExplain))]
        public void Each_message_and_each_server_leaf_is_parsed_once_per_connection(string recording, int certificateMessages, int chainLength, bool hintAware, bool explain)
        {
            const int connections = 3;
            byte[] capture = Captures.Make(w =>
            {
                for (int i = 0; i < connections; i++)
                {
                    // A DNS answer for the chain's second SAN: HintAware then checks it against the leaf.
                    w.WriteDnsResponse(Captures.Resolver, Captures.Client(i), "tools.cisco.com", new[] { Captures.Server.Address });
                    Captures.Connection(w, Captures.Client(i), recording);
                }
            });
            var options = new InspectionOptions
            {
                Resolver = hintAware ? ServerIdentityPresets.HintAware : ServerIdentityPresets.Firepower,
                Policy = AnyNamePolicy,
                Explain = explain,
            };

            List<Seen> seen = Inspect(capture, options, out InspectionSummary summary);

            Assert.Equal(connections, summary.Connections);
            Assert.Equal(connections, seen.Count);
            int leaves = chainLength > 0 ? 1 : 0;
            Assert.Equal(new Counts(connections, connections, connections * certificateMessages, connections * leaves), Counts.Now());
            foreach (Seen s in seen)
            {
                // Reading everything a formatter reads parsed nothing: every count was taken by the observer and the evidence.
                Assert.Equal(default, s.ParsedWhileReading);
                Assert.Equal(chainLength, s.ChainLength);
                Assert.Equal(leaves == 1, s.HasLeaf);
                Assert.Equal(explain, s.Explained);
                Assert.True(s.HasDecision);
                Assert.Contains(Captures.Client(0).Address.ToString(), s.Text, StringComparison.Ordinal);
            }

            if (recording == Captures.Tls12NoSniCiscoChain3)
            {
                // Any-name mode finds the first SAN on the block list whatever the resolver named.
                Assert.All(seen, s => Assert.Equal("SI_FEED toos.cisco.com", s.Decision));
                Assert.All(seen, s => Assert.Equal(hintAware ? "tools.cisco.com" : "toos.cisco.com", s.Identity));
            }
            else if (recording == Captures.Tls13SniAlpn)
            {
                Assert.All(seen, s => Assert.Equal("TLS_TEST tls-test.example", s.Decision));
                Assert.All(seen, s => Assert.Equal("tls-test.example", s.Identity));
            }
        }

        [Fact]
        public void A_mixed_capture_counts_one_parse_per_message_and_per_visible_leaf()
        {
            // Per recording: ClientHello, ServerHello, Certificate messages, X.509 parses (server leaf only).
            var expected = new Dictionary<string, Counts>
            {
                [Captures.Tls12NoSniCiscoChain3] = new Counts(1, 1, 1, 1),
                [Captures.Tls12SniAlpn] = new Counts(1, 1, 1, 1),
                [Captures.Tls12ClientCertificate] = new Counts(1, 1, 2, 1),
                [Captures.Tls13SniAlpn] = new Counts(1, 1, 0, 0),
            };
            string[] order =
            {
                Captures.Tls12NoSniCiscoChain3, Captures.Tls13SniAlpn, Captures.Tls12NoSniCiscoChain3, Captures.Tls12SniAlpn,
                Captures.Tls13SniAlpn, Captures.Tls12ClientCertificate, Captures.Tls12NoSniCiscoChain3, Captures.Tls13SniAlpn,
            };
            byte[] capture = Captures.Make(w =>
            {
                for (int i = 0; i < order.Length; i++)
                {
                    if (i == 0)
                    {
                        Captures.SeedCase(w, Captures.Client(i));
                    }
                    else
                    {
                        Captures.Connection(w, Captures.Client(i), order[i]);
                    }
                }
            });

            Counts total = default;
            foreach (string recording in order)
            {
                total += expected[recording];
            }

            foreach (bool explain in new[] { false, true })
            {
                var options = new InspectionOptions { Resolver = ServerIdentityPresets.HintAware, Policy = AnyNamePolicy, Explain = explain };
                List<Seen> seen = Inspect(capture, options, out _);

                Assert.Equal(total, Counts.Now());
                Assert.Equal(order.Length, seen.Count);
                for (int i = 0; i < order.Length; i++)
                {
                    Assert.Equal(Captures.Client(i).Port, seen[i].ClientPort);
                    Assert.Equal(default, seen[i].ParsedWhileReading);
                }

                // The seed case: the DNS hint names it, and the first SAN is still on the block list in any-name mode.
                Assert.Equal("tools.cisco.com", seen[0].Identity);
                Assert.Equal("SI_FEED toos.cisco.com", seen[0].Decision);
            }
        }

        [Fact]
        public void An_owned_record_parses_each_chain_certificate_once_and_only_when_its_fields_are_read()
        {
            byte[] capture = Captures.Make(w =>
            {
                Captures.SeedCase(w, Captures.Client(1));
                Captures.Connection(w, Captures.Client(2), Captures.Tls13SniAlpn);
            });
            var records = new List<ConnectionRecord>();
            ParseCounters.Reset();
            new ConnectionInspector(new InspectionOptions { Policy = AnyNamePolicy }).Inspect(new MemoryStream(capture), (in InspectedConnection c) => records.Add(c.ToRecord()));

            // Making the records copied the chain and parsed nothing beyond the inspection's own leaf parse.
            Assert.Equal(new Counts(2, 2, 1, 1), Counts.Now());

            // The record owns a copy of the DER (the inspector's leaf view died with the handler), so each certificate
            // whose fields are read is parsed once, the leaf included; reading again parses nothing.
            ParseCounters.Reset();
            for (int pass = 0; pass < 3; pass++)
            {
                foreach (ConnectionRecord record in records)
                {
                    foreach (CertificateRecord certificate in record.Certificates)
                    {
                        Assert.True(certificate.IsParsed);
                        Assert.NotNull(certificate.Subject);
                        _ = certificate.SubjectAltNameDnsNames.Count + certificate.SubjectCommonNames.Count + certificate.Sha256.Length;
                    }
                }
            }

            Assert.Equal(3, records[0].Certificates.Count);
            Assert.Empty(records[1].Certificates);
            Assert.Equal(new Counts(0, 0, 0, 3), Counts.Now());
        }

        private static List<Seen> Inspect(byte[] capture, InspectionOptions options, out InspectionSummary summary)
        {
            Assert.False(options.UseWorkerThread);
            var seen = new List<Seen>();
            ParseCounters.Reset();
            summary = new ConnectionInspector(options).Inspect(new MemoryStream(capture), (in InspectedConnection c) => seen.Add(Read(in c)));
            return seen;
        }

        /// <summary>Reads what <c>tsid inspect</c> prints (JSON Lines and the table) and what a policy log would, twice.</summary>
        private static Seen Read(in InspectedConnection c)
        {
            Counts before = Counts.Now();
            var text = new StringBuilder();
            int chain = 0;
            Span<ConnectionError> errors = stackalloc ConnectionError[InspectedConnection.MaxErrors];
            for (int pass = 0; pass < 2; pass++)
            {
                text.Clear();
                text.Append(c.FlowId).Append(c.Client).Append(c.Server).Append(c.FirstPacketTime.Ticks).Append(c.LastPacketNanoseconds).Append(c.TlsStart);
                if (c.HasClientHello)
                {
                    ClientHello hello = c.ClientHello;
                    if (hello.TryGetServerName(out ReadOnlySpan<byte> sni))
                    {
                        text.Append(Encoding.ASCII.GetString(sni));
                    }

                    if (hello.TryGetServerNames(out ServerNameList names))
                    {
                        foreach (ServerName name in names)
                        {
                            text.Append(name.GetString());
                        }
                    }

                    text.Append(hello.TryGetEncryptedClientHello(out EncryptedClientHello ech) && ech.IsOuter);
                    if (hello.TryGetSupportedVersions(out TlsUInt16List versions))
                    {
                        text.Append(versions.Count);
                    }
                }

                if (c.TryGetAlpnOffered(out ProtocolNameList offered))
                {
                    foreach (ReadOnlySpan<byte> protocol in offered)
                    {
                        text.Append(Encoding.ASCII.GetString(protocol));
                    }
                }

                text.Append(Encoding.ASCII.GetString(c.AlpnNegotiated)).Append(c.ServerName.Length).Append(c.Version).Append(c.CipherSuite).Append(c.CertificateVisibility);
                if (c.HasServerHello)
                {
                    text.Append(c.ServerHello.CipherSuite);
                }

                chain = 0;
                if (c.HasCertificates)
                {
                    foreach (ReadOnlySpan<byte> der in c.Certificates)
                    {
                        text.Append(der.Length);
                        chain++;
                    }
                }

                if (c.HasLeafCertificate)
                {
                    // The table's leaf cell and the certificate object's name fields, from the one parsed leaf.
                    Certificate leaf = c.LeafCertificate;
                    text.Append(leaf.Subject.ToRfc4514String()).Append(leaf.Issuer.ToRfc4514String()).Append(leaf.SerialNumber.Length);
                    foreach (AttributeTypeAndValue cn in leaf.Subject.EnumerateAttributes(AttributeType.CommonName))
                    {
                        text.Append(cn.Value.GetString());
                    }

                    if (leaf.TryGetSubjectAltName(out SubjectAltName san))
                    {
                        foreach (GeneralName name in san)
                        {
                            text.Append(name.Type).Append(name.Value.Length);
                        }
                    }

                    text.Append(leaf.Validity.TryGetNotAfter(out DateTimeOffset notAfter) ? notAfter.Ticks : 0);
                }

                foreach (PresentedName name in c.Evidence.PresentedNames)
                {
                    text.Append(name.ToString()).Append(name.Source);
                }

                foreach (PresentedName name in c.Facts.PresentedNames)
                {
                    text.Append(name.ToString());
                }

                foreach (string hint in c.DnsHints)
                {
                    text.Append(hint);
                }

                ServerIdentity identity = c.Identity;
                text.Append(identity.IsResolved).Append(identity.Name).Append(identity.Source).Append(identity.Rule?.Name).Append(identity.CertificateCoversSni)
                    .Append(identity.Diagnostics).Append(identity.IsRejected);
                if (identity.Explanation is { } why)
                {
                    foreach (IdentityCandidate candidate in why.Candidates)
                    {
                        text.Append(candidate.ToString());
                    }
                }

                if (c.HasDecision)
                {
                    PolicyDecision decision = c.Decision;
                    text.Append(decision.Action).Append(decision.Stage).Append(decision.RuleName).Append(decision.RuleIndex).Append(decision.Tag)
                        .Append(c.GetMatchedName()).Append(c.GetMatchedPattern()).Append(decision.ToString(c.Facts));
                }

                if (c.DecisionExplanation is { } steps)
                {
                    text.Append(steps.ToString());
                }

                text.Append(c.GetErrors(errors)).Append(c.HasErrors);
                text.Append(c.ToRecord().ToString());
            }

            return new Seen
            {
                ClientPort = c.Client.Port,
                ParsedWhileReading = Counts.Now() - before,
                ChainLength = chain,
                HasLeaf = c.HasLeafCertificate,
                HasDecision = c.HasDecision,
                Explained = c.Identity.Explanation is not null && c.DecisionExplanation is not null,
                Identity = c.Identity.GetName(),
                Decision = c.Decision.RuleName + " " + c.GetMatchedName(),
                Text = text.ToString(),
            };
        }

        private sealed class Seen
        {
            public int ClientPort { get; init; }

            public Counts ParsedWhileReading { get; init; }

            public int ChainLength { get; init; }

            public bool HasLeaf { get; init; }

            public bool HasDecision { get; init; }

            public bool Explained { get; init; }

            public string? Identity { get; init; }

            public string Decision { get; init; } = string.Empty;

            public string Text { get; init; } = string.Empty;
        }

        /// <summary>This thread's parse counts: ClientHello, ServerHello, Certificate message, X.509 certificate.</summary>
        private readonly record struct Counts(int ClientHello, int ServerHello, int CertificateMessage, int Certificate)
        {
            public static Counts Now() => new(ParseCounters.ClientHello, ParseCounters.ServerHello, ParseCounters.CertificateMessage, ParseCounters.Certificate);

            public static Counts operator +(Counts a, Counts b) => new(a.ClientHello + b.ClientHello, a.ServerHello + b.ServerHello, a.CertificateMessage + b.CertificateMessage, a.Certificate + b.Certificate);

            public static Counts operator -(Counts a, Counts b) => new(a.ClientHello - b.ClientHello, a.ServerHello - b.ServerHello, a.CertificateMessage - b.CertificateMessage, a.Certificate - b.Certificate);
        }
    }
}
