// The seed case through the packages, as a user writes it (README "Use it in code", docs/capture.md): the project's
// recording of a TLS 1.2 handshake without SNI to a Cisco-like server (tests/Tsid.Core.Tests/Fixtures/Tls/README.md).
using System;
using System.Collections.Generic;
using System.IO;
using System.Net;
using Tsid.Capture;
using Tsid.Identity;
using Tsid.Inspection;
using Tsid.Policy;
using Tsid.Tls;

string fixtures = args[0];
byte[] clientBytes = File.ReadAllBytes(Path.Combine(fixtures, "tls12-nosni-cisco-chain3.c2s.bin"));
byte[] serverBytes = File.ReadAllBytes(Path.Combine(fixtures, "tls12-nosni-cisco-chain3.s2c.bin"));

// Tsid.Core: bytes -> handshake -> identity, per preset.
using (var observer = new TlsConnectionObserver())
{
    observer.Feed(TlsDirection.ClientToServer, clientBytes);
    observer.Feed(TlsDirection.ServerToClient, serverBytes);
    ServerIdentityEvidence evidence = ServerIdentityEvidence.FromHandshake(observer);
    Span<char> name = stackalloc char[ServerIdentityResolver.NameBufferLength];
    ServerIdentity firepower = ServerIdentityPresets.Firepower.Resolve(evidence, name);
    Console.WriteLine($"core firepower: {firepower.Name.ToString()} from {firepower.Source}");
    ServerIdentity hintAware = ServerIdentityPresets.HintAware.Resolve(evidence with { DnsNames = new[] { "tools.cisco.com" } }, name);
    Console.WriteLine($"core hint-aware: {hintAware.Name.ToString()} from {hintAware.Source}");
}

// Tsid.Capture + Tsid.Inspection: the same connection in a pcap with the DNS answer, under the seed's policy.
var client = new IPEndPoint(IPAddress.Parse("10.12.1.20"), 51514);
var server = new IPEndPoint(IPAddress.Parse("198.51.100.38"), 443);
var capture = new MemoryStream();
using (var writer = new PcapWriter(capture, new PcapWriterOptions { LeaveOpen = true }))
{
    writer.WriteDnsResponse(new IPEndPoint(IPAddress.Parse("10.12.1.1"), 53), client, "tools.cisco.com", new List<IPAddress> { server.Address });
    writer.WriteTcpConnection(client, server, clientBytes, serverBytes);
}

AccessPolicy policy = new PolicyBuilder()
    .BlockList(DomainSet.Parse("toos.cisco.com\n"), "SI_BLOCK_CUSTOM")
    .Rule("ALLOW_FMC_ASA_SNT_CISCO", r => r.FromNetwork("10.12.1.0/24").ToHost("tools.cisco.com", Dialect.CiscoSecurityIntelligence).Allow())
    .Default(PolicyAction.Block)
    .Build();
foreach ((string label, ServerIdentityResolver resolver) in new[] { ("firepower", ServerIdentityPresets.Firepower), ("hint-aware", ServerIdentityPresets.HintAware) })
{
    capture.Position = 0;
    var options = new InspectionOptions { Resolver = resolver, Policy = policy };
    InspectionSummary summary = new ConnectionInspector(options).Inspect(capture, (in InspectedConnection c) =>
        Console.WriteLine($"inspection {label}: {c.Identity.ToString()} -> {c.Decision.Action} ({c.Decision.RuleName})"));
    Console.WriteLine($"inspection {label}: {summary.Connections} connection(s)");
}
