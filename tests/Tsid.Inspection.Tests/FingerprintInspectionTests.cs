using System;
using System.Collections.Generic;
using System.IO;
using Tsid.Fingerprints;
using Tsid.Identity;
using Tsid.Inspection.Tests.Support;
using Tsid.Policy;
using Tsid.Tls;
using Xunit;

namespace Tsid.Inspection.Tests
{
    /// <summary>
    /// Fingerprints on the inspection path: records carry them, the analyzer gives them to a policy that uses them (and
    /// only then computes them), and deciding on them allocates nothing per connection.
    /// </summary>
    public class FingerprintInspectionTests
    {
        private const int Connections = 100;

        private static readonly byte[] Mixed = Captures.Make(w =>
        {
            for (int i = 0; i < Connections; i++)
            {
                Captures.Connection(w, Captures.Client(i), i % 2 == 0 ? Captures.Tls12SniAlpn : Captures.Tls13SniAlpn);
            }
        });

        [Fact]
        public void Records_carry_the_fingerprints_of_the_hellos_they_were_made_from()
        {
            var seen = new List<(string Ja4, string Ja4Raw, string Ja3, string Ja3String, string? Ja3S)>();
            var records = new List<ConnectionRecord>();
            new ConnectionInspector().Inspect(new MemoryStream(Mixed), (in InspectedConnection c) =>
            {
                ClientHello hello = c.ClientHello;
                ServerHello server = c.ServerHello;
                seen.Add((Ja4.GetString(in hello, c.Handshake.Protocol), Ja4.GetString(in hello, c.Handshake.Protocol, Ja4Form.Raw), Ja3.GetHashString(in hello), Ja3.GetString(in hello), c.HasServerHello ? Ja3S.GetHashString(in server) : null));
                records.Add(c.ToRecord());
            });

            Assert.Equal(Connections, records.Count);
            for (int i = 0; i < records.Count; i++)
            {
                Assert.Equal(seen[i].Ja4, records[i].Ja4);
                Assert.Equal(seen[i].Ja4Raw, records[i].Ja4Raw);
                Assert.Equal(seen[i].Ja3, records[i].Ja3);
                Assert.Equal(seen[i].Ja3String, records[i].Ja3String);
                Assert.Equal(seen[i].Ja3S, records[i].Ja3S);
                Assert.NotNull(records[i].Ja3S);
            }

            Assert.StartsWith("t12d", records[0].Ja4, StringComparison.Ordinal);
            Assert.StartsWith("t13d", records[1].Ja4, StringComparison.Ordinal);
            Assert.NotEqual(records[0].Ja3, records[1].Ja3);
        }

        [Fact]
        public void A_policy_on_JA4_and_JA3_decides_through_the_inspector_without_allocating_per_connection()
        {
            var records = new List<ConnectionRecord>();
            new ConnectionInspector().Inspect(new MemoryStream(Mixed), (in InspectedConnection c) => records.Add(c.ToRecord()));
            string tls13Ja3 = records[1].Ja3!;
            AccessPolicy policy = PolicyText.Parse(
                "rule TLS13_BY_JA4 monitor\n  ja4 t13d*_*_*\nend\n" +
                "rule TLS13_BY_JA3 block\n  ja3 " + tls13Ja3 + "\nend\n" +
                "default allow\n");

            var decisions = new List<(PolicyAction Action, string? Fingerprint, int Monitors)>();
            var options = new InspectionOptions { Resolver = ServerIdentityPresets.Firepower, Policy = policy };
            var inspector = new ConnectionInspector(options);
            inspector.Inspect(new MemoryStream(Mixed), (in InspectedConnection c) => decisions.Add((c.Decision.Action, c.Decision.MatchedFingerprint, c.Decision.MonitorCount)));
            Assert.Equal((PolicyAction.Allow, (string?)null, 0), decisions[0]);
            Assert.Equal((PolicyAction.Block, (string?)tls13Ja3, 1), decisions[1]);

            // Deciding on fingerprints costs what deciding on names costs: the fingerprints are computed on the stack.
            var plain = new ConnectionInspector(options with { Policy = PolicyText.Parse("rule R block\n  port 8443\nend\ndefault allow\n") });
            ConnectionHandler nothing = (in InspectedConnection c) => { };
            plain.Inspect(new MemoryStream(Mixed), nothing);
            inspector.Inspect(new MemoryStream(Mixed), nothing);
            long before = GC.GetAllocatedBytesForCurrentThread();
            plain.Inspect(new MemoryStream(Mixed), nothing);
            long withoutFingerprints = GC.GetAllocatedBytesForCurrentThread() - before;
            before = GC.GetAllocatedBytesForCurrentThread();
            inspector.Inspect(new MemoryStream(Mixed), nothing);
            long withFingerprints = GC.GetAllocatedBytesForCurrentThread() - before;
            Assert.True(withFingerprints <= withoutFingerprints + 1024, $"with fingerprint rules {withFingerprints} B, without {withoutFingerprints} B");
        }
    }
}
