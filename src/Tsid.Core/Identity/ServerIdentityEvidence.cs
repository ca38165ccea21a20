using System;
using Tsid.Tls;
using Tsid.X509;

namespace Tsid.Identity
{
    /// <summary>
    /// Everything known about one TLS connection that can name its server. Every part is optional; set what you have with
    /// object-initializer syntax. A view: spans point into the caller's buffers (ClientHello, Certificate message), nothing
    /// is copied, and the evidence must not outlive them. The resolver reads it and never keeps it.
    /// </summary>
    /// <example>
    /// <code>
    /// var evidence = new ServerIdentityEvidence
    /// {
    ///     ServerName = sniBytes,          // host_name from the ClientHello, empty when absent
    ///     LeafCertificate = leaf,         // Tsid.X509.Certificate parsed from the Certificate message
    ///     DestinationAddress = ipBytes,   // 4 or 16 bytes
    ///     DnsNames = namesFromDnsCache,   // string[] the caller's DNS cache maps to that address
    /// };
    /// </code>
    /// </example>
    public readonly ref struct ServerIdentityEvidence
    {
        private readonly Certificate _leafCertificate;

        // The two parts of the leaf every rule reads, taken once: a Certificate view is large, and copying it on each access
        // would dominate a resolve.
        private readonly DistinguishedName _leafSubject;
        private readonly SubjectAltName _leafSubjectAltName;
        private readonly bool _hasLeafSubjectAltName;

        /// <summary>
        /// The host_name of the ClientHello server_name extension (RFC 6066 3) as sent (ASCII bytes); empty when the client sent
        /// no SNI. With <see cref="EncryptedClientHello"/> this is the outer ClientHello's name: the ECH public name.
        /// </summary>
        public ReadOnlySpan<byte> ServerName { get; init; }

        /// <summary>True when <see cref="ServerName"/> is not empty.</summary>
        public bool HasServerName => !ServerName.IsEmpty;

        /// <summary>
        /// How many host_name entries the ClientHello carried, when the caller knows (0 = not told). More than one breaks
        /// RFC 6066 3 and is reported as <see cref="IdentityDiagnostics.SeveralServerNames"/>; <see cref="ServerName"/> is the first.
        /// </summary>
        public int ServerNameCount { get; init; }

        /// <summary>True when the ClientHello carried an encrypted_client_hello extension of the outer type (RFC 9849 5).</summary>
        public bool EncryptedClientHello { get; init; }

        /// <summary>The server's leaf certificate, when it was visible (TLS 1.2 and older). Setting it sets <see cref="HasLeafCertificate"/>.</summary>
        public Certificate LeafCertificate
        {
            get => _leafCertificate;
            init
            {
                _leafCertificate = value;
                _leafSubject = value.Subject;
                _hasLeafSubjectAltName = value.TryGetSubjectAltName(out _leafSubjectAltName);
                HasLeafCertificate = true;
            }
        }

        /// <summary>True when <see cref="LeafCertificate"/> was set.</summary>
        public bool HasLeafCertificate { get; private init; }

        /// <summary>The leaf's subject (default when there is no leaf).</summary>
        internal DistinguishedName LeafSubject => _leafSubject;

        /// <summary>The leaf's subjectAltName, when present.</summary>
        internal bool TryGetLeafSubjectAltName(out SubjectAltName subjectAltName)
        {
            subjectAltName = _leafSubjectAltName;
            return _hasLeafSubjectAltName;
        }

        /// <summary>The number of certificates in the chain the server sent, leaf included, when known (0 = not told). Informational.</summary>
        public int CertificateChainLength { get; init; }

        /// <summary>The destination IP address in network byte order: 4 or 16 bytes; empty when unknown.</summary>
        public ReadOnlySpan<byte> DestinationAddress { get; init; }

        /// <summary>The destination TCP/UDP port; 0 when unknown. Informational: no built-in rule names a server by its port.</summary>
        public ushort DestinationPort { get; init; }

        /// <summary>Names the caller's DNS cache maps to <see cref="DestinationAddress"/>, most trusted first. Null entries are ignored.</summary>
        public ReadOnlySpan<string> DnsNames { get; init; }

        /// <summary>The HTTP Host header the caller saw for this connection (a <c>:port</c> suffix is ignored).</summary>
        public ReadOnlySpan<char> HttpHost { get; init; }

        /// <summary>
        /// The host the client asked a proxy to connect to, when the connection came through one: the HTTP CONNECT authority,
        /// the SOCKS 4a/5 domain name (or address), the PROXY v2 PP2_TYPE_AUTHORITY value (a <c>:port</c> suffix is ignored).
        /// Stronger evidence than a DNS answer — the client named it for this very connection — but still only a hint: the
        /// hint rule takes it when the certificate covers it.
        /// </summary>
        public ReadOnlySpan<char> ProxyTarget { get; init; }

        /// <summary>An identity the caller resolved for this destination earlier and cached.</summary>
        public ReadOnlySpan<char> CachedIdentity { get; init; }

        /// <summary>
        /// Every name the connection presented — the SNI, the subject commonNames (DER order), the subjectAltName dNSNames
        /// (wire order) — as a view over the same buffers (no allocation; <see cref="PresentedNames.ToArray"/> makes
        /// normalised, de-duplicated strings). The policy's any-presented-name mode reads it.
        /// </summary>
        public PresentedNames PresentedNames => new PresentedNames(ServerName, _leafSubject, HasLeafCertificate, _leafSubjectAltName, _hasLeafSubjectAltName);

        /// <summary>
        /// The evidence a <see cref="TlsConnectionObserver"/> saw: the first SNI host_name (and how many there were, and
        /// whether it is an ECH public name), and the leaf certificate when it was visible and parses (lenient X.509).
        /// The spans point into the observer's buffers: use the evidence before the observer is reset or disposed. Add
        /// what only the caller knows with a <c>with</c> expression: <c>FromHandshake(o) with { DnsNames = names }</c>.
        /// </summary>
        /// <param name="observer">The observer that was fed both directions of the connection.</param>
        /// <returns>The evidence (no allocation).</returns>
        public static ServerIdentityEvidence FromHandshake(TlsConnectionObserver observer)
        {
            if (observer is null)
            {
                throw new ArgumentNullException(nameof(observer));
            }

            ReadOnlySpan<byte> serverName = default;
            bool ech = false;
            int count = 0;
            if (observer.TryGetClientHello(out ClientHello hello))
            {
                if (hello.TryGetServerName(out serverName))
                {
                    ech = hello.ServerNameIsEchPublicName;
                }

                if (hello.TryGetServerNames(out ServerNameList names))
                {
                    count = names.Count;
                }
            }

            if (observer.TryGetServerCertificates(out CertificateMessage chain)
                && chain.TryGetLeaf(out ReadOnlySpan<byte> der)
                && Certificate.TryParse(der, out Certificate leaf, out _))
            {
                return new ServerIdentityEvidence
                {
                    ServerName = serverName,
                    ServerNameCount = count,
                    EncryptedClientHello = ech,
                    LeafCertificate = leaf,
                    CertificateChainLength = chain.Count,
                };
            }

            return new ServerIdentityEvidence { ServerName = serverName, ServerNameCount = count, EncryptedClientHello = ech };
        }
    }
}
