using System;

namespace Tsid.Identity
{
    /// <summary>
    /// A caller hint confirmed by the certificate: the first hint (the proxy target the client named, then the HTTP Host,
    /// then DNS names in the caller's order, then the cached identity) that a dNSName or commonName of the certificate covers
    /// (RFC 6125 6.4). The hint itself is the resolved name — more specific than a wildcard that covers it — reported as
    /// <see cref="IdentitySource.ProxyTargetHint"/>, <see cref="IdentitySource.HttpHostHint"/>, <see cref="IdentitySource.DnsHint"/>
    /// or <see cref="IdentitySource.CachedIdentityHint"/>.
    /// This is what fixes the Smart Licensing case when the firewall saw the DNS answer for tools.cisco.com.
    /// A hint the certificate does not cover is never taken: hints are not trusted on their own.
    /// </summary>
    public sealed class HintCoveredByCertificateRule : IServerIdentityRule
    {
        /// <summary>The rule over every kind of hint.</summary>
        public static HintCoveredByCertificateRule Instance { get; } = new HintCoveredByCertificateRule(IdentityHintKinds.All);

        /// <summary>Creates the rule for some kinds of hint.</summary>
        /// <param name="kinds">Which hints to look at (not <see cref="IdentityHintKinds.None"/>).</param>
        public HintCoveredByCertificateRule(IdentityHintKinds kinds)
        {
            if ((kinds & IdentityHintKinds.All) == 0 || (kinds & ~IdentityHintKinds.All) != 0)
            {
                throw new ArgumentOutOfRangeException(nameof(kinds), kinds, "Choose at least one kind of hint.");
            }

            Kinds = kinds;
            Name = kinds == IdentityHintKinds.All ? "HintCoveredByCertificate" : "HintCoveredByCertificate(" + kinds.ToString() + ")";
        }

        /// <summary>The kinds of hint looked at.</summary>
        public IdentityHintKinds Kinds { get; }

        /// <inheritdoc/>
        public string Name { get; }

        /// <inheritdoc/>
        public bool TryResolve(scoped in ServerIdentityEvidence evidence, ref ServerIdentityRuleContext context)
        {
            if (!evidence.HasLeafCertificate)
            {
                context.Note(default(ReadOnlySpan<char>), IdentitySource.DnsHint, CandidateVerdict.Missing, "no certificate visible to confirm a hint");
                return false;
            }

            bool any = false;
            if ((Kinds & IdentityHintKinds.ProxyTarget) != 0 && !evidence.ProxyTarget.IsEmpty)
            {
                // First: the client named this host to its proxy for this very connection.
                any = true;
                if (TryHint(evidence, StripPort(evidence.ProxyTarget), IdentitySource.ProxyTargetHint, ref context))
                {
                    return true;
                }
            }

            if ((Kinds & IdentityHintKinds.HttpHost) != 0 && !evidence.HttpHost.IsEmpty)
            {
                any = true;
                if (TryHint(evidence, StripPort(evidence.HttpHost), IdentitySource.HttpHostHint, ref context))
                {
                    return true;
                }
            }

            if ((Kinds & IdentityHintKinds.DnsName) != 0)
            {
                foreach (string? name in evidence.DnsNames)
                {
                    if (name is null || name.Length == 0)
                    {
                        continue;
                    }

                    any = true;
                    if (TryHint(evidence, name.AsSpan(), IdentitySource.DnsHint, ref context))
                    {
                        return true;
                    }
                }
            }

            if ((Kinds & IdentityHintKinds.CachedIdentity) != 0 && !evidence.CachedIdentity.IsEmpty)
            {
                any = true;
                if (TryHint(evidence, evidence.CachedIdentity, IdentitySource.CachedIdentityHint, ref context))
                {
                    return true;
                }
            }

            if (!any)
            {
                context.Note(default(ReadOnlySpan<char>), IdentitySource.DnsHint, CandidateVerdict.Missing, "no hint given");
            }

            return false;
        }

        /// <summary>Drops a <c>:port</c> suffix and IPv6 brackets from an HTTP authority (RFC 9110 7.2).</summary>
        internal static ReadOnlySpan<char> StripPort(ReadOnlySpan<char> authority)
        {
            if (authority.Length > 0 && authority[0] == '[')
            {
                int close = authority.IndexOf(']');
                return close > 0 ? authority.Slice(1, close - 1) : authority;
            }

            int colon = authority.LastIndexOf(':');
            if (colon > 0 && authority.IndexOf(':') == colon)
            {
                return authority.Slice(0, colon);
            }

            return authority;
        }

        private static bool TryHint(scoped in ServerIdentityEvidence evidence, ReadOnlySpan<char> hint, IdentitySource source, ref ServerIdentityRuleContext context)
        {
            // The hint is normalised once, in the resolver's name buffer: coverage is checked on the normal form, and that
            // form is taken as it stands.
            HostNameStatus status = context.NormalizeInPlace(hint, out ReadOnlySpan<char> name, out HostNameFlags flags);
            if (status != HostNameStatus.Valid || (flags & HostNameFlags.Wildcard) != 0)
            {
                context.AddDiagnostics(IdentityDiagnostics.InvalidCandidatesSkipped);
                if (context.IsExplaining)
                {
                    context.Note(hint, source, CandidateVerdict.Invalid, "hint is not a host name: " + (status == HostNameStatus.Valid ? "wildcard" : status.ToString()));
                }

                return false;
            }

            NameMatchResult covered = (flags & (HostNameFlags.IPv4Literal | HostNameFlags.IPv6Literal)) != 0
                ? CertificateNames.Covers(evidence, name, CommonNameFallback.Always, context.Options.MatchOptions)
                : CertificateNames.CoversHostName(evidence, name, CommonNameFallback.Always, context.Options.MatchOptions);
            if (covered == NameMatchResult.Match)
            {
                return context.TakeNormalized(name.Length, flags, source);
            }

            context.Note(hint, source, CandidateVerdict.NotCovered, "no certificate name covers the hint");
            return false;
        }
    }
}
