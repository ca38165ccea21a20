using System;
using System.Text;
using Tsid.Identity;
using Tsid.X509;

namespace Tsid.Testing
{
    /// <summary>
    /// Everything a test hands a resolver, as plain managed data. <see cref="ServerIdentityEvidence"/> is a ref struct
    /// over spans and cannot live in a field or a test's data table; this record can, and makes the evidence on demand:
    /// <see cref="Resolve"/> in one line, or <see cref="Use{TResult}"/> to run any code (a custom rule, a policy) on it.
    /// </summary>
    /// <example>
    /// <code>
    /// ServerIdentityRecord identity = TestEvidence.FromCertificate(der, dnsNames: new[] { "tools.cisco.com" })
    ///     .Resolve(ServerIdentityPresets.HintAware);
    /// </code>
    /// </example>
    public sealed record TestEvidence
    {
        /// <summary>The leaf certificate's DER, or null when the server's certificate was not visible (TLS 1.3).</summary>
        public byte[]? Certificate { get; init; }

        /// <summary>The SNI host_name as text (written as UTF-8), or null for no SNI. <see cref="ServerNameBytes"/> wins when set.</summary>
        public string? ServerName { get; init; }

        /// <summary>The SNI host_name as exact bytes (odd bytes, a U-label, NUL…), or null.</summary>
        public byte[]? ServerNameBytes { get; init; }

        /// <summary><see cref="ServerIdentityEvidence.ServerNameCount"/>: how many host_names the hello carried (0 = not told).</summary>
        public int ServerNameCount { get; init; }

        /// <summary><see cref="ServerIdentityEvidence.EncryptedClientHello"/>: the name is an ECH public name.</summary>
        public bool EncryptedClientHello { get; init; }

        /// <summary><see cref="ServerIdentityEvidence.CertificateChainLength"/> (0 = not told).</summary>
        public int CertificateChainLength { get; init; }

        /// <summary>The destination address in network byte order (4 or 16 bytes), or null.</summary>
        public byte[]? DestinationAddress { get; init; }

        /// <summary>The destination port (0 = unknown).</summary>
        public ushort DestinationPort { get; init; }

        /// <summary>Names a DNS cache maps to the destination, most trusted first, or null.</summary>
        public string[]? DnsNames { get; init; }

        /// <summary>The HTTP Host header seen on the connection, or null.</summary>
        public string? HttpHost { get; init; }

        /// <summary>The proxy CONNECT / SOCKS / PROXY-protocol target, or null.</summary>
        public string? ProxyTarget { get; init; }

        /// <summary>A cached identity for the destination, or null.</summary>
        public string? CachedIdentity { get; init; }

        /// <summary>Evidence of a handshake whose leaf certificate was visible.</summary>
        /// <param name="certificate">The leaf's DER (e.g. from <see cref="CertificateBuilder.ToDer"/>).</param>
        /// <param name="serverName">The SNI, or null for none (the seed case).</param>
        /// <param name="dnsNames">DNS hints, or null.</param>
        /// <param name="destinationAddress">The destination address bytes, or null.</param>
        /// <returns>The evidence.</returns>
        public static TestEvidence FromCertificate(byte[] certificate, string? serverName = null, string[]? dnsNames = null, byte[]? destinationAddress = null) => new()
        {
            Certificate = certificate ?? throw new ArgumentNullException(nameof(certificate)),
            ServerName = serverName,
            DnsNames = dnsNames,
            DestinationAddress = destinationAddress,
        };

        /// <summary>Evidence of a handshake with SNI and no visible certificate (TLS 1.3).</summary>
        /// <param name="serverName">The SNI.</param>
        /// <returns>The evidence.</returns>
        public static TestEvidence FromServerName(string serverName) => new() { ServerName = serverName ?? throw new ArgumentNullException(nameof(serverName)) };

        /// <summary>Resolves the evidence with a resolver (a preset or one made with <see cref="ServerIdentityResolverBuilder"/>).</summary>
        /// <param name="resolver">The resolver.</param>
        /// <param name="explain">Whether to fill the record's explanation.</param>
        /// <returns>The owned result.</returns>
        /// <exception cref="InvalidOperationException"><see cref="Certificate"/> does not parse.</exception>
        public ServerIdentityRecord Resolve(ServerIdentityResolver resolver, bool explain = false)
        {
            if (resolver is null)
            {
                throw new ArgumentNullException(nameof(resolver));
            }

            return Use((in ServerIdentityEvidence evidence) => resolver.ResolveToRecord(in evidence, explain));
        }

        /// <summary>Makes the <see cref="ServerIdentityEvidence"/> and hands it to <paramref name="use"/> (it is valid only during the call).</summary>
        /// <typeparam name="TResult">What the callback returns.</typeparam>
        /// <param name="use">The code to run on the evidence.</param>
        /// <returns>What <paramref name="use"/> returned.</returns>
        /// <exception cref="InvalidOperationException"><see cref="Certificate"/> does not parse.</exception>
        public TResult Use<TResult>(EvidenceFunc<TResult> use)
        {
            if (use is null)
            {
                throw new ArgumentNullException(nameof(use));
            }

            ReadOnlySpan<byte> serverName = ServerNameBytes ?? (ServerName is null ? null : Encoding.UTF8.GetBytes(ServerName));
            var evidence = new ServerIdentityEvidence
            {
                ServerName = serverName,
                ServerNameCount = ServerNameCount,
                EncryptedClientHello = EncryptedClientHello,
                CertificateChainLength = CertificateChainLength,
                DestinationAddress = DestinationAddress,
                DestinationPort = DestinationPort,
                DnsNames = DnsNames,
                HttpHost = HttpHost.AsSpan(),
                CachedIdentity = CachedIdentity.AsSpan(),
                ProxyTarget = ProxyTarget.AsSpan(),
            };

            if (Certificate is null)
            {
                return use(in evidence);
            }

            if (!X509.Certificate.TryParse(Certificate, out Certificate leaf, out X509Error error))
            {
                throw new InvalidOperationException("the test certificate does not parse: " + error.ToString());
            }

            var withLeaf = evidence with { LeafCertificate = leaf };
            return use(in withLeaf);
        }
    }
}
