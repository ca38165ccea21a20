using System;
using System.Net;
using Tsid.Identity;
using Tsid.Tls;

namespace Tsid.Policy
{
    /// <summary>
    /// What a policy knows about one connection: the resolved server name and where it came from, the names the
    /// connection presented, addresses, ports and the negotiated TLS parameters. Every member is optional. A
    /// plain value: building one allocates nothing beyond what the caller already holds.
    /// </summary>
    public readonly struct ConnectionFacts
    {
        /// <summary>The name the identity resolver chose (e.g. <c>ServerIdentity.Name</c>), or <see langword="null"/>.</summary>
        public string? ResolvedName { get; init; }

        /// <summary>Where <see cref="ResolvedName"/> came from.</summary>
        public IdentitySource ResolvedSource { get; init; }

        /// <summary>
        /// Every name the connection presented: the SNI host name, every subject CN and every SAN dNSName of the leaf
        /// certificate, in any order; duplicates are harmless. Used in <see cref="MatchMode.AnyPresentedName"/>.
        /// </summary>
        public ReadOnlyMemory<string> PresentedNames { get; init; }

        /// <summary>The client's address.</summary>
        public IPAddress? SourceAddress { get; init; }

        /// <summary>The server's address.</summary>
        public IPAddress? DestinationAddress { get; init; }

        /// <summary>The client's TCP port (0 = unknown).</summary>
        public int SourcePort { get; init; }

        /// <summary>The server's TCP port (0 = unknown).</summary>
        public int DestinationPort { get; init; }

        /// <summary>The negotiated TLS version (<see cref="TlsProtocolVersion.None"/> = unknown).</summary>
        public TlsProtocolVersion TlsVersion { get; init; }

        /// <summary>The negotiated ALPN protocol (RFC 7301), e.g. <c>h2</c>, or <see langword="null"/>.</summary>
        public string? Alpn { get; init; }

        /// <summary>Whether the leaf certificate covers the SNI name (<see langword="null"/> = unknown, e.g. no SNI or no certificate).</summary>
        public bool? CertificateCoversSni { get; init; }
    }
}
