using System;
using BenchmarkDotNet.Attributes;
using Tsid.Identity;
using Tsid.Policy;
using Tsid.Tls;

namespace Tsid.Benchmarks
{
    /// <summary>
    /// Evaluating one connection against a 100-rule policy with two 1,000,000-domain Security-Intelligence lists
    /// (a block list and an allow list): the decision taken by the last rule (every rule consulted), by the
    /// default action, and by the SI block list; and the same last-rule case with an explanation.
    /// </summary>
    [MemoryDiagnoser]
    public class PolicyEvaluationBenchmarks
    {
        private static readonly byte[] Client = { 10, 12, 1, 20 };
        private static readonly byte[] Server = { 72, 163, 4, 38 };
        private AccessPolicy _policy = null!;
        private string _lastRule = string.Empty;
        private string _default = string.Empty;
        private string _siBlock = string.Empty;

        /// <summary>The policy <see cref="Setup"/> built (<see cref="ConnectionBenchmarks"/> evaluates the same one).</summary>
        internal AccessPolicy Policy => _policy;

        [GlobalSetup]
        public void Setup()
        {
            string[] blocked = DomainSetData.Domains(1_000_000, seed: 1);
            DomainSet blockList = DomainSet.Parse(string.Join("\n", blocked));
            DomainSet allowList = DomainSet.Parse(string.Join("\n", DomainSetData.Domains(1_000_000, seed: 7)));
            var builder = new PolicyBuilder()
                .BlockList(blockList, "SI_FEED")
                .AllowList(allowList, "SI_DO_NOT_BLOCK");
            for (int i = 0; i < 99; i++)
            {
                int n = i;
                switch (i % 4)
                {
                    case 0:
                        builder.Rule("NET_" + n, r => r.FromNetwork("10." + (100 + n) + ".0.0/16").ToPort(443).Allow());
                        break;
                    case 1:
                        builder.Rule("APP_" + n, r => r.ToHost("app" + n + ".corp.example", Dialect.CiscoSecurityIntelligence).Allow());
                        break;
                    case 2:
                        builder.Rule("SVC_" + n, r => r.ToHost(".svc" + n + ".example.net", Dialect.SquidDstdomain).ToPort(443).Block());
                        break;
                    default:
                        builder.Rule("DST_" + n, r => r.ToNetwork("192.0." + n + ".0/24").WithTlsVersion(TlsProtocolVersion.Tls12).Allow());
                        break;
                }
            }

            _policy = builder
                .Rule("ALLOW_FMC_ASA_SNT_CISCO", r => r.FromNetwork("10.12.1.0/24").ToHost("tools.cisco.com", Dialect.CiscoSecurityIntelligence).Allow())
                .Default(PolicyAction.Block)
                .Build();

            _lastRule = "tools.cisco.com";
            _default = "www.unlisted-shop.example";
            // A blocked name the (independently generated) allow list does not exempt.
            int pick = 12345;
            while (allowList.Contains(("www." + blocked[pick]).AsSpan()))
            {
                pick++;
            }

            _siBlock = "www." + blocked[pick];
            Check(_lastRule, PolicyStage.Rule, 99);
            Check(_default, PolicyStage.Default, -1);
            Check(_siBlock, PolicyStage.SecurityIntelligence, 0);
        }

        // The facts a caller builds from its resolver's output: the name is a span, addresses are bytes (nothing allocated).
        private static ConnectionFacts Facts(string name) => new ConnectionFacts
        {
            ResolvedName = name,
            ResolvedSource = IdentitySource.Sni,
            SourceAddress = Client,
            DestinationAddress = Server,
            SourcePort = 50123,
            DestinationPort = 443,
            TlsVersion = TlsProtocolVersion.Tls12,
            AlpnNegotiated = "h2"u8,
            CertificateCoversSni = SniCoverage.Covered,
        };

        private void Check(string name, PolicyStage stage, int index)
        {
            PolicyDecision d = _policy.Evaluate(Facts(name));
            if (d.Stage != stage || d.RuleIndex != index)
            {
                throw new InvalidOperationException("unexpected decision for " + name + ": " + d);
            }
        }

        [Benchmark(Baseline = true)]
        public PolicyAction Evaluate_LastRuleOf100() => _policy.Evaluate(Facts(_lastRule)).Action;

        [Benchmark]
        public PolicyAction Evaluate_DefaultAction() => _policy.Evaluate(Facts(_default)).Action;

        [Benchmark]
        public PolicyAction Evaluate_SecurityIntelligenceBlock() => _policy.Evaluate(Facts(_siBlock)).Action;

        [Benchmark]
        public int Explain_LastRuleOf100() => _policy.Explain(Facts(_lastRule)).Steps.Count;
    }
}
