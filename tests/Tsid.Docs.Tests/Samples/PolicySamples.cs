#region BuildingAPolicy
using System;
using System.IO;
using Tsid.Identity;
using Tsid.Policy;
using Tsid.Tls;
using Tsid.X509;
#endregion

namespace Tsid.Docs.Tests.Samples
{
    /// <summary>The code of docs/policy.md, called by <see cref="PolicySampleTests"/>.</summary>
    internal static class PolicySamples
    {
        /// <summary>"The connection facts": one observed connection, with the addresses and port only the caller knows.</summary>
        public static (PolicyDecision Decision, string? MatchedName) ConnectionFactsSample(
            TlsConnectionObserver observer, AccessPolicy policy, byte[] serverIp, byte[] clientIp, int clientPort)
        {
            #region ConnectionFacts
            Span<char> name = stackalloc char[ServerIdentityResolver.NameBufferLength];
            ServerIdentityEvidence evidence = ServerIdentityEvidence.FromHandshake(observer) with { DestinationAddress = serverIp, DestinationPort = 443 };
            ServerIdentity identity = ServerIdentityPresets.Firepower.Resolve(in evidence, name);
            ConnectionFacts facts = ConnectionFacts.From(observer, in identity, in evidence) with { SourceAddress = clientIp, SourcePort = clientPort };
            PolicyDecision decision = policy.Evaluate(in facts);
            #endregion

            return (decision, decision.GetMatchedName(in facts));
        }

        /// <summary>"Domain lists": the three ways to make a set, and one lookup.</summary>
        public static (DomainSet Set, DomainListReport Report, DomainSet FromBytes, DomainSet FromReader, bool Listed) DomainSets(
            string text, byte[] utf8Bytes, TextReader reader)
        {
            #region DomainSet
            DomainSet set = DomainSet.Parse(text, DomainListMode.Lenient, out DomainListReport report); // string / span
            DomainSet fromBytes = DomainSet.ParseUtf8(utf8Bytes, DomainListMode.Strict, out _);           // UTF-8 bytes
            DomainSet fromReader = DomainSet.Load(reader);                                                // a TextReader you opened
            bool listed = set.Contains("ads.tracker.example".AsSpan());
            #endregion

            return (set, report, fromBytes, fromReader, listed);
        }

        /// <summary>"Building a policy in code": the seed case; reads cisco-nocn.der from the current directory and prints.</summary>
        public static void BuildingAPolicy()
        {
            #region BuildingAPolicy
            AccessPolicy policy = new PolicyBuilder()
                .BlockList(DomainSet.Parse("toos.cisco.com\n"), "SI_BLOCK_CUSTOM")
                .Rule("ALLOW_FMC_ASA_SNT_CISCO", r => r.FromNetwork("10.12.1.0/24").ToHost("tools.cisco.com", Dialect.CiscoSecurityIntelligence).Allow())
                .Rule("ALLOW_ALL_CLIENTS_80_443", r => r.ToPort(80).ToPort(443).Allow())
                .Default(PolicyAction.Block)
                .Build();

            byte[] der = File.ReadAllBytes("cisco-nocn.der");                 // the server's leaf; the ClientHello had no SNI
            Certificate.TryParse(der, out Certificate leaf, out _);
            var evidence = new ServerIdentityEvidence
            {
                LeafCertificate = leaf,
                DestinationAddress = new byte[] { 72, 163, 4, 38 },
                DestinationPort = 443,
            };
            Span<char> name = stackalloc char[ServerIdentityResolver.NameBufferLength];
            ServerIdentity identity = ServerIdentityPresets.Firepower.Resolve(in evidence, name);   // toos.cisco.com

            ConnectionFacts facts = ConnectionFacts.From(in identity, in evidence) with
            {
                SourceAddress = new byte[] { 10, 12, 1, 20 },
                TlsVersion = TlsProtocolVersion.Tls12,
            };
            PolicyDecision decision = policy.Evaluate(in facts);          // allocation-free
            Console.WriteLine(decision.ToString(in facts));               // Block by SecurityIntelligence 'SI_BLOCK_CUSTOM' (#1), name toos.cisco.com matched toos.cisco.com
            Console.WriteLine(policy.Explain(in facts));                  // every list and rule consulted, and why
            #endregion
        }

        /// <summary>"What a caller needs": a policy file at <paramref name="path"/> (lists beside it) applied to one connection.</summary>
        public static (PolicyDecision Decision, string? Matched, string? Pattern, PolicyExplanation Why) WhatACallerNeeds(
            string path, TlsConnectionObserver observer, in ServerIdentity identity, in ServerIdentityEvidence evidence)
        {
            #region WhatACallerNeeds
            AccessPolicy policy = PolicyText.Parse(File.ReadAllText(path),
                openList: p => new StreamReader(Path.Combine(Path.GetDirectoryName(path)!, p)));
            ConnectionFacts facts = ConnectionFacts.From(observer, in identity, in evidence);
            PolicyDecision d = policy.Evaluate(in facts);
            // d.Action, d.Stage, d.RuleIndex, d.RuleName, d.Tag, d.IdentityRejectReason, d.MonitorCount, d.FirstMonitorName
            string? matched = d.GetMatchedName(in facts);      // the name that matched (allocates; TryGetMatchedName copies into a span)
            string? pattern = d.GetMatchedPattern(in facts);   // the pattern, or the listed suffix of the name
            PolicyExplanation why = policy.Explain(in facts);  // for --explain: why.Steps, why.MatchedName, why.ToString()
            #endregion

            return (d, matched, pattern, why);
        }
    }
}
