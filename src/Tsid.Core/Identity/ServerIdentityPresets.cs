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
        public static ServerIdentityResolver Firepower { get; } = ServerIdentityResolver.CreateBuilder()
            .WithName("Firepower").WithInvalidNames(InvalidNameHandling.KeepFlagged)
            .UseSni().ThenSubjectCommonName().ThenFirstSubjectAltName().ThenOrganizationalUnit()
            .Build();

        /// <summary>Palo Alto Networks PAN-OS: SNI, else subject CN.</summary>
        public static ServerIdentityResolver PaloAlto { get; } = ServerIdentityResolver.CreateBuilder()
            .WithName("PaloAlto").WithInvalidNames(InvalidNameHandling.KeepFlagged)
            .UseSni().ThenSubjectCommonName()
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
        public static ServerIdentityResolver Squid { get; } = ServerIdentityResolver.CreateBuilder()
            .WithName("Squid").WithInvalidNames(InvalidNameHandling.KeepFlagged)
            .UseAnyCertificateName().ThenSni()
            .Build();

        /// <summary>
        /// RFC 6125: the SNI when a dNSName covers it (the CN only when there are no dNSNames), else the first dNSName, else the
        /// CN when there are no dNSNames, else the unconfirmed SNI (no certificate visible). Names that are not host names are skipped.
        /// </summary>
        public static ServerIdentityResolver Rfc6125 { get; } = ServerIdentityResolver.CreateBuilder()
            .WithName("Rfc6125")
            .UseSubjectAltNameMatchingSni().ThenFirstSubjectAltName().ThenSubjectCommonName(onlyWhenNoDnsSubjectAltName: true).ThenSni()
            .Build();

        /// <summary>
        /// Firepower's order with the trap removed: SNI → a caller hint (DNS answer, HTTP Host, cached identity) that the
        /// certificate covers → CN → first SAN dNSName → OU. Names that are not host names are skipped. With the DNS answer for
        /// tools.cisco.com as a hint, the Smart Licensing certificate resolves to <c>tools.cisco.com</c>.
        /// </summary>
        public static ServerIdentityResolver HintAware { get; } = ServerIdentityResolver.CreateBuilder()
            .WithName("HintAware")
            .UseSni().ThenSubjectAltNameMatchingHint().ThenSubjectCommonName().ThenFirstSubjectAltName().ThenOrganizationalUnit()
            .Build();

        /// <summary>Every preset, for listing in tools.</summary>
        public static IReadOnlyList<ServerIdentityResolver> All { get; } = Array.AsReadOnly(new[] { Firepower, PaloAlto, FortiGate, FortiGateStrict, Squid, Rfc6125, HintAware });

        /// <summary>A FortiGate resolver for a given <c>sni-server-cert-check</c> setting.</summary>
        /// <param name="check">The setting.</param>
        /// <returns>The resolver.</returns>
        public static ServerIdentityResolver ForFortiGate(FortiGateSniCheck check)
        {
            ServerIdentityResolverBuilder builder = ServerIdentityResolver.CreateBuilder().WithInvalidNames(InvalidNameHandling.KeepFlagged);
            switch (check)
            {
                case FortiGateSniCheck.Enable:
                    builder.WithName("FortiGate").UseSubjectAltNameMatchingSni(CommonNameFallback.Always, SniMismatchAction.Continue, acceptWithoutCertificate: true);
                    break;
                case FortiGateSniCheck.Strict:
                    builder.WithName("FortiGateStrict").UseSubjectAltNameMatchingSni(CommonNameFallback.Always, SniMismatchAction.Reject, acceptWithoutCertificate: true);
                    break;
                case FortiGateSniCheck.Disable:
                    builder.WithName("FortiGateNoSniCheck").UseSni();
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(check), check, "Unknown sni-server-cert-check setting.");
            }

            return builder.ThenSubjectCommonName().ThenFirstSubjectAltName().Build();
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
