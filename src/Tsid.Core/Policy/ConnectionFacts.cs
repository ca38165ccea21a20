using System;
using Tsid.Identity;
using Tsid.Tls;

namespace Tsid.Policy
{
    /// <summary>
    /// What a policy knows about one connection, read straight from the stages that know it: the identity result (the
    /// resolved name as a span, where it came from, SNI coverage, a rejection), the names the connection presented (a view
    /// over the handshake), addresses and ports as bytes and numbers, the TLS version and the two ALPN facts. A view:
    /// nothing is copied or allocated, and the facts must not outlive the buffers they point into (the resolver's name
    /// buffer, the observer's copies). Every member is optional; an unknown fact never satisfies a condition on it.
    /// </summary>
    /// <example>
    /// <code>
    /// ServerIdentity identity = resolver.Resolve(in evidence, nameBuffer);
    /// PolicyDecision decision = policy.Evaluate(ConnectionFacts.From(observer, in identity, in evidence) with { SourceAddress = clientIp });
    /// </code>
    /// </example>
    public readonly ref struct ConnectionFacts
    {
        /// <summary>The name the identity resolver chose (<see cref="ServerIdentity.Name"/>); empty when none.</summary>
        public ReadOnlySpan<char> ResolvedName { get; init; }

        /// <summary>Where <see cref="ResolvedName"/> came from (<see cref="IdentitySource.None"/> when nothing was resolved).</summary>
        public IdentitySource ResolvedSource { get; init; }

        /// <summary>Whether the leaf certificate covers the SNI (<see cref="SniCoverage.Unknown"/>: no SNI or no certificate).</summary>
        public SniCoverage CertificateCoversSni { get; init; }

        /// <summary>
        /// True when the identity resolver rejected the connection (<see cref="ServerIdentity.IsRejected"/>): the policy then
        /// decides at its <see cref="PolicyStage.Identity"/> stage with <see cref="AccessPolicy.RejectedIdentityAction"/>.
        /// </summary>
        public bool IdentityRejected { get; init; }

        /// <summary>Why the resolver rejected it (<see cref="ServerIdentity.RejectReason"/>), copied into the decision.</summary>
        public IdentityDiagnostics IdentityRejectReason { get; init; }

        /// <summary>
        /// Every name the connection presented (SNI, every subject CN, every SAN dNSName), read from the handshake itself
        /// (<see cref="ServerIdentityEvidence.PresentedNames"/>). Used in <see cref="MatchMode.AnyPresentedName"/>.
        /// </summary>
        public PresentedNames PresentedNames { get; init; }

        /// <summary>The client's address: 4 or 16 bytes in network order; empty (or any other length) when unknown.</summary>
        public ReadOnlySpan<byte> SourceAddress { get; init; }

        /// <summary>The server's address: 4 or 16 bytes in network order; empty when unknown.</summary>
        public ReadOnlySpan<byte> DestinationAddress { get; init; }

        /// <summary>The client's TCP port (0 = unknown).</summary>
        public int SourcePort { get; init; }

        /// <summary>The server's TCP port (0 = unknown).</summary>
        public int DestinationPort { get; init; }

        /// <summary>
        /// The host the client asked a proxy for (<see cref="ServerIdentityEvidence.ProxyTarget"/>: CONNECT authority, SOCKS
        /// domain name, PROXY v2 authority; a <c>:port</c> suffix is ignored when matching); empty when the connection came
        /// through no proxy. Matched by <see cref="RuleBuilder.ToProxyTarget(string, Dialect)"/>.
        /// </summary>
        public ReadOnlySpan<char> ProxyTarget { get; init; }

        /// <summary>The negotiated TLS version (<see cref="TlsProtocolVersion.None"/> = unknown).</summary>
        public TlsProtocolVersion TlsVersion { get; init; }

        /// <summary>The protocols the client offered in its ClientHello (RFC 7301 3.1), in its order; empty when it sent no ALPN.</summary>
        public ProtocolNameList AlpnOffered { get; init; }

        /// <summary>
        /// The protocol the server selected, when the ServerHello shows it (TLS 1.2 and older); empty when unknown — always
        /// under TLS 1.3, where the choice travels in the encrypted EncryptedExtensions (RFC 8446 4.3.1).
        /// </summary>
        public ReadOnlySpan<byte> AlpnNegotiated { get; init; }

        /// <summary>
        /// The client's JA4 (<see cref="Fingerprints.Ja4"/>, hashed form, 36 characters); empty when unknown. Computed by the
        /// caller into its own buffer, and only needed when <see cref="AccessPolicy.UsesJa4"/>.
        /// </summary>
        public ReadOnlySpan<char> Ja4 { get; init; }

        /// <summary>The client's JA3 hash (<see cref="Fingerprints.Ja3"/>, 32 lower-case hex digits); empty when unknown. Needed when <see cref="AccessPolicy.UsesJa3"/>.</summary>
        public ReadOnlySpan<char> Ja3 { get; init; }

        /// <summary>
        /// The facts the identity result and its evidence give: the resolved name (a view into the resolver's name buffer),
        /// its source, SNI coverage, a rejection and its reason, the presented names, the destination address and port, and the
        /// proxy target.
        /// </summary>
        /// <param name="identity">What the resolver returned for <paramref name="evidence"/>.</param>
        /// <param name="evidence">What it was resolved from.</param>
        /// <returns>The facts; add what only the caller knows with <c>with { SourceAddress = …, SourcePort = … }</c>.</returns>
        public static ConnectionFacts From(scoped in ServerIdentity identity, scoped in ServerIdentityEvidence evidence) => new ConnectionFacts
        {
            ResolvedName = identity.Name,
            ResolvedSource = identity.Source,
            CertificateCoversSni = identity.CertificateCoversSni,
            IdentityRejected = identity.IsRejected,
            IdentityRejectReason = identity.RejectReason,
            PresentedNames = evidence.PresentedNames,
            DestinationAddress = evidence.DestinationAddress,
            DestinationPort = evidence.DestinationPort,
            ProxyTarget = evidence.ProxyTarget,
        };

        /// <summary>
        /// The same as <see cref="From(in ServerIdentity, in ServerIdentityEvidence)"/> plus what the handshake says: the
        /// negotiated TLS version, the client's ALPN list from the ClientHello and the server's choice from the ServerHello
        /// (only when it is visible there).
        /// </summary>
        /// <param name="observer">The observer both directions were fed to (the one the evidence came from).</param>
        /// <param name="identity">What the resolver returned.</param>
        /// <param name="evidence">What it was resolved from.</param>
        /// <returns>The facts (views into the observer's buffers: use them before it is reset).</returns>
        public static ConnectionFacts From(TlsConnectionObserver observer, scoped in ServerIdentity identity, scoped in ServerIdentityEvidence evidence)
        {
            if (observer is null)
            {
                throw new ArgumentNullException(nameof(observer));
            }

            ProtocolNameList offered = default;
            if (observer.TryGetClientHello(out ClientHello hello))
            {
                hello.TryGetAlpn(out offered);
            }

            ReadOnlySpan<byte> negotiated = default;
            if (observer.TryGetServerHello(out ServerHello serverHello) && !serverHello.IsHelloRetryRequest)
            {
                serverHello.TryGetSelectedProtocol(out negotiated);
            }

            return From(in identity, in evidence) with
            {
                TlsVersion = observer.NegotiatedVersion,
                AlpnOffered = offered,
                AlpnNegotiated = negotiated,
            };
        }
    }
}
