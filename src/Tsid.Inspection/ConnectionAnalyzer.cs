using System;
using Tsid.Capture;
using Tsid.Identity;
using Tsid.Policy;
using Tsid.Tls;

namespace Tsid.Inspection
{
    /// <summary>
    /// Turns one observed TLS connection into an <see cref="InspectedConnection"/>: the handshake's evidence plus what only
    /// the capture knows (destination, DNS hints), the resolver's identity and the policy's decision. Views all the way:
    /// nothing is formatted here.
    /// </summary>
    internal static class ConnectionAnalyzer
    {
        public static void Analyze(PendingConnection connection, InspectionOptions options, Span<char> nameBuffer, InspectionCounters counters, ConnectionHandler handler)
        {
            TlsConnectionObserver observer = connection.Observer;
            bool hasClientHello = observer.TryGetClientHello(out ClientHello clientHello);
            bool hasServerHello = observer.TryGetServerHello(out ServerHello serverHello);
            bool hasCertificates = observer.TryGetServerCertificates(out CertificateMessage certificates);

            Span<byte> address = stackalloc byte[16];
            connection.Server.Address.TryWriteBytes(address, out int addressLength);
            ServerIdentityEvidence evidence = ServerIdentityEvidence.FromHandshake(observer) with
            {
                DestinationAddress = address.Slice(0, addressLength),
                DestinationPort = connection.Server.Port,
                DnsNames = connection.DnsHints,
                ProxyTarget = (connection.Tunnel?.RequestedHost).AsSpan(),
            };
            ServerIdentity identity = options.Resolver.Resolve(in evidence, nameBuffer, options.Explain);

            // The policy reads the identity result and the handshake directly (ConnectionFacts.From): the negotiated ALPN
            // only when the ServerHello shows it, the client's list as its own fact; only the client end is the capture's —
            // or, behind a PROXY protocol header, the original client the load balancer names.
            FlowEndpoint source = connection.Tunnel is { HasSource: true } proxied ? proxied.Source : connection.Client;
            Span<byte> client = stackalloc byte[16];
            source.Address.TryWriteBytes(client, out int clientLength);
            ConnectionFacts facts = ConnectionFacts.From(observer, in identity, in evidence) with
            {
                SourceAddress = client.Slice(0, clientLength),
                SourcePort = source.Port,
            };

            PolicyDecision decision = default;
            PolicyExplanation? explanation = null;
            if (options.Policy is { } policy)
            {
                if (options.Explain)
                {
                    explanation = policy.Explain(in facts);
                    decision = explanation.Decision;
                }
                else
                {
                    decision = policy.Evaluate(in facts);
                }
            }

            var inspected = new InspectedConnection(
                connection, hasClientHello, in clientHello, hasServerHello, in serverHello, hasCertificates, in certificates,
                in evidence, in identity, in facts, options.Policy is not null, decision, explanation);
            counters.Count(in inspected);
            handler(in inspected);
        }
    }
}
