using System;
using System.Collections.Generic;

namespace Tsid.Identity
{
    /// <summary>
    /// Ready-made resolvers that reproduce how products name a TLS server, plus two that avoid their traps. Each is an
    /// ordinary <see cref="ServerIdentityResolver"/> built from the public rule types; see docs/identity.md for the table.
    /// </summary>
    public static class ServerIdentityPresets
    {
        /// <summary>
        /// Cisco Firepower TLS Server Identity Discovery: SNI, else subject CN → first SAN dNSName → subject OU. Certificate
        /// fields are kept even when they are not host names (flagged). Reproduces the Smart Licensing case: no SNI and a
        /// certificate without CN listing <c>toos.cisco.com</c> first names the server <c>toos.cisco.com</c>.
        /// </summary>
        public static ServerIdentityResolver Firepower { get; } = new ServerIdentityResolverBuilder()
            .WithName("Firepower").WithInvalidNames(InvalidNameHandling.KeepFlagged)
            .Sni().SubjectCommonName().FirstSubjectAltName().OrganizationalUnit()
            .Build();

        /// <summary>Palo Alto Networks PAN-OS: SNI, else subject CN.</summary>
        public static ServerIdentityResolver PaloAlto { get; } = new ServerIdentityResolverBuilder()
            .WithName("PaloAlto").WithInvalidNames(InvalidNameHandling.KeepFlagged)
            .Sni().SubjectCommonName()
            .Build();

        /// <summary>
        /// FortiGate with <c>sni-server-cert-check enable</c> (the FortiOS default): the SNI when the certificate's CN or a SAN
        /// covers it (or when no certificate is visible); on a mismatch, or without SNI, the CN; then (our addition, when
        /// there is no CN) the first SAN dNSName.
        /// </summary>
        public static ServerIdentityResolver FortiGate { get; } = ForFortiGate(FortiGateSniCheck.Enable);

        /// <summary>FortiGate with <c>sni-server-cert-check strict</c>: as <see cref="FortiGate"/>, but a mismatch rejects the connection (no name, <see cref="IdentityDiagnostics.SniCheckRejected"/>).</summary>
        public static ServerIdentityResolver FortiGateStrict { get; } = ForFortiGate(FortiGateSniCheck.Strict);

        /// <summary>
        /// Squid <c>ssl::server_name</c>: any certificate name — the first one that covers the SNI, else the CN, else the first
        /// SAN dNSName — and the SNI only when no certificate is visible.
        /// </summary>
        public static ServerIdentityResolver Squid { get; } = new ServerIdentityResolverBuilder()
            .WithName("Squid").WithInvalidNames(InvalidNameHandling.KeepFlagged)
            .AnyCertificateName().Sni()
            .Build();

        /// <summary>
        /// RFC 6125: the SNI when a dNSName covers it (the CN only when there are no dNSNames), else the first dNSName, else the
        /// CN when there are no dNSNames, else the unconfirmed SNI (no certificate visible). Names that are not host names are skipped.
        /// </summary>
        public static ServerIdentityResolver Rfc6125 { get; } = new ServerIdentityResolverBuilder()
            .WithName("Rfc6125")
            .SniCoveredByCertificate().FirstSubjectAltName().SubjectCommonName(onlyWhenNoDnsSubjectAltName: true).Sni()
            .Build();

        /// <summary>
        /// Firepower's order with the trap removed: SNI → a caller hint (the proxy target the client named, HTTP Host, DNS
        /// answer, cached identity) that the certificate covers → CN → first SAN dNSName → OU. Names that are not host names are
        /// skipped. With the DNS answer for tools.cisco.com as a hint — or a <c>CONNECT tools.cisco.com:443</c> in front of the
        /// handshake — the Smart Licensing certificate resolves to <c>tools.cisco.com</c>.
        /// </summary>
        public static ServerIdentityResolver HintAware { get; } = new ServerIdentityResolverBuilder()
            .WithName("HintAware")
            .Sni().HintCoveredByCertificate().SubjectCommonName().FirstSubjectAltName().OrganizationalUnit()
            .Build();

        /// <summary>Every preset, for listing in tools.</summary>
        public static IReadOnlyList<ServerIdentityResolver> All { get; } = Array.AsReadOnly(new[] { Firepower, PaloAlto, FortiGate, FortiGateStrict, Squid, Rfc6125, HintAware });

        /// <summary>A FortiGate resolver for a given <c>sni-server-cert-check</c> setting.</summary>
        /// <param name="check">The setting.</param>
        /// <returns>The resolver.</returns>
        public static ServerIdentityResolver ForFortiGate(FortiGateSniCheck check)
        {
            ServerIdentityResolverBuilder builder = new ServerIdentityResolverBuilder().WithInvalidNames(InvalidNameHandling.KeepFlagged);
            switch (check)
            {
                case FortiGateSniCheck.Enable:
                    builder.WithName("FortiGate").SniCoveredByCertificate(CommonNameFallback.Always, SniMismatchAction.Continue, acceptWithoutCertificate: true);
                    break;
                case FortiGateSniCheck.Strict:
                    builder.WithName("FortiGateStrict").SniCoveredByCertificate(CommonNameFallback.Always, SniMismatchAction.Reject, acceptWithoutCertificate: true);
                    break;
                case FortiGateSniCheck.Disable:
                    builder.WithName("FortiGateNoSniCheck").Sni();
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(check), check, "Unknown sni-server-cert-check setting.");
            }

            return builder.SubjectCommonName().FirstSubjectAltName().Build();
        }

        /// <summary>Finds a preset by name, ignoring case (<c>firepower</c>, <c>paloalto</c>, <c>fortigate</c>, <c>fortigatestrict</c>, <c>squid</c>, <c>rfc6125</c>, <c>hintaware</c>).</summary>
        /// <param name="name">The name.</param>
        /// <param name="resolver">The preset.</param>
        /// <returns>False when no preset has that name.</returns>
        public static bool TryGet(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ServerIdentityResolver? resolver)
        {
            foreach (ServerIdentityResolver preset in All)
            {
                if (string.Equals(preset.Name, name, StringComparison.OrdinalIgnoreCase))
                {
                    resolver = preset;
                    return true;
                }
            }

            resolver = null;
            return false;
        }
    }
}
