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
            .WithName("firepower").WithInvalidNames(InvalidNameHandling.KeepFlagged)
            .Sni().SubjectCommonName().FirstSubjectAltName().OrganizationalUnit()
            .Build();

        /// <summary>Palo Alto Networks PAN-OS: SNI, else subject CN.</summary>
        public static ServerIdentityResolver PaloAlto { get; } = new ServerIdentityResolverBuilder()
            .WithName("paloalto").WithInvalidNames(InvalidNameHandling.KeepFlagged)
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
            .WithName("squid").WithInvalidNames(InvalidNameHandling.KeepFlagged)
            .AnyCertificateName().Sni()
            .Build();

        /// <summary>
        /// RFC 6125: the SNI when a dNSName covers it (the CN only when there are no dNSNames), else the first dNSName, else the
        /// CN when there are no dNSNames, else the unconfirmed SNI (no certificate visible). Names that are not host names are skipped.
        /// </summary>
        public static ServerIdentityResolver Rfc6125 { get; } = new ServerIdentityResolverBuilder()
            .WithName("rfc6125")
            .SniCoveredByCertificate().FirstSubjectAltName().SubjectCommonName(onlyWhenNoDnsSubjectAltName: true).Sni()
            .Build();

        /// <summary>
        /// Firepower's order with the trap removed: SNI → a caller hint (the proxy target the client named, HTTP Host, DNS
        /// answer, cached identity) that the certificate covers → CN → first SAN dNSName → OU. Names that are not host names are
        /// skipped. With the DNS answer for tools.cisco.com as a hint — or a <c>CONNECT tools.cisco.com:443</c> in front of the
        /// handshake — the Smart Licensing certificate resolves to <c>tools.cisco.com</c>.
        /// </summary>
        public static ServerIdentityResolver HintAware { get; } = new ServerIdentityResolverBuilder()
            .WithName("hint-aware")
            .Sni().HintCoveredByCertificate().SubjectCommonName().FirstSubjectAltName().OrganizationalUnit()
            .Build();

        /// <summary>
        /// FortiGate with <c>sni-server-cert-check disable</c>: the SNI unchecked, else the CN, then (ours) the first SAN dNSName.
        /// </summary>
        public static ServerIdentityResolver FortiGateNoSniCheck { get; } = ForFortiGate(FortiGateSniCheck.Disable);

        /// <summary>
        /// Every preset, in the order tools list them. Each resolver's <see cref="ServerIdentityResolver.Name"/> is its
        /// canonical name: lower case, words joined by <c>-</c> (<c>firepower</c>, <c>paloalto</c>, <c>fortigate</c>,
        /// <c>fortigate-strict</c>, <c>fortigate-no-sni-check</c>, <c>squid</c>, <c>rfc6125</c>, <c>hint-aware</c>).
        /// </summary>
        public static IReadOnlyList<ServerIdentityResolver> All { get; } = Array.AsReadOnly(new[] { Firepower, PaloAlto, FortiGate, FortiGateStrict, FortiGateNoSniCheck, Squid, Rfc6125, HintAware });

        /// <summary>The canonical names of <see cref="All"/>, in the same order (what <c>tsid --preset</c> lists).</summary>
        public static IReadOnlyList<string> Names { get; } = Array.AsReadOnly(NamesOf(All));

        /// <summary>A FortiGate resolver for a given <c>sni-server-cert-check</c> setting.</summary>
        /// <param name="check">The setting.</param>
        /// <returns>The resolver.</returns>
        public static ServerIdentityResolver ForFortiGate(FortiGateSniCheck check)
        {
            ServerIdentityResolverBuilder builder = new ServerIdentityResolverBuilder().WithInvalidNames(InvalidNameHandling.KeepFlagged);
            switch (check)
            {
                case FortiGateSniCheck.Enable:
                    builder.WithName("fortigate").SniCoveredByCertificate(CommonNameFallback.Always, SniMismatchAction.Continue, acceptWithoutCertificate: true);
                    break;
                case FortiGateSniCheck.Strict:
                    builder.WithName("fortigate-strict").SniCoveredByCertificate(CommonNameFallback.Always, SniMismatchAction.Reject, acceptWithoutCertificate: true);
                    break;
                case FortiGateSniCheck.Disable:
                    builder.WithName("fortigate-no-sni-check").Sni();
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(check), check, "Unknown sni-server-cert-check setting.");
            }

            return builder.SubjectCommonName().FirstSubjectAltName().Build();
        }

        /// <summary>
        /// Finds a preset by name. The canonical name (<c>hint-aware</c>, <c>fortigate-strict</c>) and the earlier spellings
        /// (<c>HintAware</c>, <c>hintaware</c>, <c>FortiGateStrict</c>) are all accepted: case is ignored, and so are
        /// <c>-</c> and <c>_</c> between words.
        /// </summary>
        /// <param name="name">The name.</param>
        /// <param name="resolver">The preset.</param>
        /// <returns>False when no preset has that name.</returns>
        public static bool TryGet(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ServerIdentityResolver? resolver)
        {
            // Separators only between words: "fortigate-" and "-" are no names.
            if (name is { Length: > 0 } && name[0] is not ('-' or '_') && name[name.Length - 1] is not ('-' or '_'))
            {
                foreach (ServerIdentityResolver preset in All)
                {
                    if (SameName(preset.Name, name))
                    {
                        resolver = preset;
                        return true;
                    }
                }
            }

            resolver = null;
            return false;
        }

        /// <summary>Equal ignoring case and word separators: <c>hint-aware</c> = <c>HintAware</c> = <c>hint_aware</c>.</summary>
        private static bool SameName(string canonical, string given)
        {
            int j = 0;
            for (int i = 0; i < canonical.Length; i++)
            {
                if (canonical[i] == '-')
                {
                    continue;
                }

                while (j < given.Length && given[j] is '-' or '_')
                {
                    j++;
                }

                if (j == given.Length || char.ToLowerInvariant(given[j]) != canonical[i])
                {
                    return false;
                }

                j++;
            }

            while (j < given.Length && given[j] is '-' or '_')
            {
                j++;
            }

            return j == given.Length;
        }

        private static string[] NamesOf(IReadOnlyList<ServerIdentityResolver> presets)
        {
            var names = new string[presets.Count];
            for (int i = 0; i < names.Length; i++)
            {
                names[i] = presets[i].Name;
            }

            return names;
        }
    }
}
