using System;
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
            };
            ServerIdentity identity = options.Resolver.Resolve(in evidence, nameBuffer, options.Explain);

            PolicyDecision decision = default;
            PolicyExplanation? explanation = null;
            if (options.Policy is { } policy)
            {
                ReadOnlySpan<byte> alpn = hasServerHello && serverHello.TryGetSelectedProtocol(out ReadOnlySpan<byte> selected) ? selected : default;
                decision = Decide(policy, in identity, in evidence, connection, observer.NegotiatedVersion, alpn, options.Explain, out explanation);
            }

            var inspected = new InspectedConnection(
                connection, hasClientHello, in clientHello, hasServerHello, in serverHello, hasCertificates, in certificates,
                in evidence, in identity, options.Policy is not null, decision, explanation);
            counters.Count(in inspected);
            handler(in inspected);
        }

        /// <summary>The policy's facts about the connection, and its decision (with the explanation when asked).</summary>
        private static PolicyDecision Decide(
            AccessPolicy policy, in ServerIdentity identity, in ServerIdentityEvidence evidence, PendingConnection connection,
            TlsProtocolVersion version, ReadOnlySpan<byte> alpnNegotiated, bool explain, out PolicyExplanation? explanation)
        {
            var facts = new ConnectionFacts
            {
                ResolvedName = identity.IsResolved ? identity.GetName() : null,
                ResolvedSource = identity.Source,
                PresentedNames = policy.Mode == MatchMode.AnyPresentedName ? evidence.GetPresentedNames() : default,
                SourceAddress = connection.Client.Address.ToIPAddress(),
                DestinationAddress = connection.Server.Address.ToIPAddress(),
                SourcePort = connection.Client.Port,
                DestinationPort = connection.Server.Port,
                TlsVersion = version,
                // Only what the server chose: the client's offer is not the negotiated protocol (and TLS 1.3 hides the choice).
                Alpn = alpnNegotiated.IsEmpty ? null : Text.Latin1(alpnNegotiated),
                CertificateCoversSni = identity.CoversSni,
            };
            if (explain)
            {
                explanation = policy.Explain(facts);
                return explanation.Decision;
            }

            explanation = null;
            return policy.Evaluate(facts);
        }
    }
}
