using System;
using Tsid.Capture;
using Tsid.Fingerprints;
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
            // Client fingerprints only when a rule looks at them, into stack buffers (Tsid.Fingerprints allocates nothing).
            Span<char> ja4 = stackalloc char[Ja4.Length];
            Span<char> ja3 = stackalloc char[Ja3.HashLength];
            int ja4Length = 0, ja3Length = 0;
            if (hasClientHello && options.Policy is { } fingerprinted)
            {
                if (fingerprinted.UsesJa4)
                {
                    Ja4.TryFormat(in clientHello, observer.Protocol, Ja4Form.Hashed, ja4, out ja4Length);
                }

                if (fingerprinted.UsesJa3)
                {
                    Ja3.TryFormatHash(in clientHello, ja3, out ja3Length);
                }
            }

            ConnectionFacts facts = ConnectionFacts.From(observer, in identity, in evidence) with
            {
                SourceAddress = client.Slice(0, clientLength),
                SourcePort = source.Port,
                Ja4 = ja4.Slice(0, ja4Length),
                Ja3 = ja3.Slice(0, ja3Length),
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
