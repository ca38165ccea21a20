using System;
using System.Linq;
using System.Net;
using FsCheck;
using FsCheck.Fluent;
using Tsid.Identity;
using Tsid.Policy;
using Tsid.Tls;

namespace Tsid.Tests.Policy
{
    /// <summary>
    /// Evaluate uses a flat prefilter to skip rules; Explain checks every rule in full. On random policies and
    /// connections the two must always reach the same decision, and a catch-all-free policy's decision must be
    /// the first rule (in order) whose conditions a direct check says hold.
    /// </summary>
    public class AccessPolicyProperties
    {
        private static readonly string[] Names = { "tools.cisco.com", "toos.cisco.com", "www.example.com", "example.com", "a.b.example.org", "WWW.Example.COM.", "x.y", "localhost" };
        private static readonly string[] Networks = { "10.0.0.0/8", "10.12.1.0/24", "192.0.2.0/24", "2001:db8::/32", "0.0.0.0/0" };
        private static readonly string[] Addresses = { "10.12.1.20", "10.99.0.1", "192.0.2.7", "2001:db8::5", "198.51.100.1", "::ffff:10.12.1.9" };

        private sealed record RuleSpec(int Kind, int A, int B, PolicyAction Action)
        {
            public void Apply(RuleBuilder r)
            {
                switch (Kind)
                {
                    case 0: r.ToPort(A % 2 == 0 ? 443 : 80); break;
                    case 1: r.ToPorts(400 + A, 500 + B); break;
                    case 2: r.FromNetwork(Networks[A % Networks.Length]); break;
                    case 3: r.ToNetwork(Networks[A % Networks.Length]); break;
                    case 4: r.ToHost(Names[A % 6].TrimEnd('.'), Dialect.Exact); break;
                    case 5: r.ToHost(Names[A % 6].TrimEnd('.'), Dialect.CiscoSecurityIntelligence); break;
                    case 6: r.ToHost("*." + Names[A % 4], Dialect.Wildcard); break;
                    case 7: r.WithTlsVersion(A % 2 == 0 ? TlsProtocolVersion.Tls12 : TlsProtocolVersion.Tls13); break;
                    case 8: r.FromNetwork(Networks[A % Networks.Length]).ToHost(Names[B % 6].TrimEnd('.'), Dialect.ChromeUrlBlocklist); break;
                    default: r.ToPort(443).ToPort(8443).FromNetwork(Networks[A % 3]).FromNetwork(Networks[B % 5]); break;
                }

                switch (Action)
                {
                    case PolicyAction.Allow: r.Allow(); break;
                    case PolicyAction.Block: r.Block(); break;
                    default: r.Monitor(); break;
                }
            }
        }

        private sealed record Case(RuleSpec[] Rules, MatchMode Mode, int Name, int Src, int Dst, int Port, bool Tls13);

        private static Arbitrary<Case> Cases =>
            (from rules in (from kind in Gen.Choose(0, 9)
                            from a in Gen.Choose(0, 20)
                            from b in Gen.Choose(0, 20)
                            from action in Gen.Elements(PolicyAction.Allow, PolicyAction.Block, PolicyAction.Monitor)
                            select new RuleSpec(kind, a, b, action)).ArrayOf()
             from mode in Gen.Elements(MatchMode.ResolvedIdentity, MatchMode.AnyPresentedName)
             from name in Gen.Choose(0, Names.Length)
             from src in Gen.Choose(0, Addresses.Length)
             from dst in Gen.Choose(0, Addresses.Length)
             from port in Gen.Elements(0, 80, 443, 450, 8443)
             from tls13 in Gen.Elements(true, false)
             select new Case(rules, mode, name, src, dst, port, tls13)).ToArbitrary();

        [FsCheck.Xunit.Property(MaxTest = 300)]
        public Property The_prefilter_never_changes_a_decision()
        {
            return Prop.ForAll(Cases, c =>
            {
                var builder = new PolicyBuilder().Match(c.Mode).BlockList(DomainSet.Parse("toos.cisco.com"), "SI").Default(PolicyAction.Block);
                for (int i = 0; i < c.Rules.Length; i++)
                {
                    RuleSpec spec = c.Rules[i];
                    builder.Rule("R" + i, spec.Apply);
                }

                AccessPolicy policy = builder.Build();
                var facts = new ConnectionFacts
                {
                    ResolvedName = c.Name < Names.Length ? Names[c.Name] : null,
                    PresentedNames = PresentedNames.FromList(new[] { "toos.cisco.com", "tools.cisco.com" }),
                    SourceAddress = c.Src < Addresses.Length ? IPAddress.Parse(Addresses[c.Src]).GetAddressBytes() : null,
                    DestinationAddress = c.Dst < Addresses.Length ? IPAddress.Parse(Addresses[c.Dst]).GetAddressBytes() : null,
                    DestinationPort = c.Port,
                    TlsVersion = c.Tls13 ? TlsProtocolVersion.Tls13 : TlsProtocolVersion.Tls12,
                };
                PolicyDecision fast = policy.Evaluate(facts);
                PolicyExplanation full = policy.Explain(facts);
                PolicyTraceStep? deciding = full.Steps.LastOrDefault(s => s.Matched);
                return fast.ToString(facts) == full.Decision.ToString(facts)
                    && fast.MonitorCount == full.Decision.MonitorCount
                    && (fast.Stage != PolicyStage.Rule || (deciding != null && deciding.Index == fast.RuleIndex && deciding.Stage == PolicyStage.Rule));
            });
        }
    }
}
