using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using Tsid.X509;

namespace Tsid.Identity
{
    /// <summary>
    /// Names the server of a TLS connection from its <see cref="ServerIdentityEvidence"/> by consulting an ordered list of
    /// rules: the first rule that accepts a name (or rejects the connection) decides. Immutable and thread-safe: build one
    /// (with a <see cref="ServerIdentityResolverBuilder"/>, or take a preset from <see cref="ServerIdentityPresets"/>) and share it.
    /// Resolving allocates nothing unless an explanation is asked for.
    /// </summary>
    public sealed class ServerIdentityResolver
    {
        /// <summary>The smallest name buffer <see cref="Resolve"/> accepts: enough for any normalised host name or IP literal.</summary>
        public const int NameBufferLength = HostName.MaxLength;

        private static readonly IReadOnlyList<string> NoNames = new ReadOnlyCollection<string>(Array.Empty<string>());

        private readonly IServerIdentityRule[] _rules;

        internal ServerIdentityResolver(string name, IServerIdentityRule[] rules, ServerIdentityOptions options)
        {
            Name = name;
            _rules = rules;
            Rules = new ReadOnlyCollection<IServerIdentityRule>(rules);
            Options = options;
        }

        /// <summary>The resolver's name (a preset's name, or the one given to the builder).</summary>
        public string Name { get; }

        /// <summary>The rules, in the order they are consulted.</summary>
        public IReadOnlyList<IServerIdentityRule> Rules { get; }

        /// <summary>The settings every rule sees.</summary>
        public ServerIdentityOptions Options { get; }

        /// <summary>
        /// Resolves the server's identity. The name is written into <paramref name="nameBuffer"/>, and the returned view points
        /// there; nothing is allocated unless <paramref name="explain"/> is true.
        /// </summary>
        /// <param name="evidence">What is known about the connection.</param>
        /// <param name="nameBuffer">At least <see cref="NameBufferLength"/> characters (a <c>stackalloc</c> is fine).</param>
        /// <param name="explain">Also record every candidate considered and why (allocates).</param>
        /// <returns>The identity; <see cref="ServerIdentity.IsResolved"/> is false when no rule named the server.</returns>
        /// <exception cref="ArgumentException"><paramref name="nameBuffer"/> is shorter than <see cref="NameBufferLength"/>.</exception>
        public ServerIdentity Resolve(scoped in ServerIdentityEvidence evidence, Span<char> nameBuffer, bool explain = false)
        {
            if (nameBuffer.Length < NameBufferLength)
            {
                throw new ArgumentException("The name buffer must hold at least " + NameBufferLength.ToString(System.Globalization.CultureInfo.InvariantCulture) + " characters.", nameof(nameBuffer));
            }

            List<IdentityCandidate>? candidates = explain ? new List<IdentityCandidate>() : null;
            var context = new ServerIdentityRuleContext(nameBuffer, Options, candidates);
            IServerIdentityRule[] rules = _rules;
            int winner = -1;
            for (int i = 0; i < rules.Length; i++)
            {
                context.BeginRule(rules[i]);
                rules[i].TryResolve(in evidence, ref context);
                if (context.IsDecided)
                {
                    winner = i;
                    break;
                }
            }

            if (candidates is not null)
            {
                for (int j = winner < 0 ? rules.Length : winner + 1; j < rules.Length; j++)
                {
                    context.NoteNotConsulted(rules[j].Name);
                }
            }

            bool resolved = winner >= 0 && !context.Rejected;
            int length = resolved ? context.Length : 0;
            IdentitySource source = resolved ? context.Source : IdentitySource.None;
            HostNameFlags flags = resolved ? context.NameFlags : HostNameFlags.None;
            IdentityDiagnostics diagnostics = context.Diagnostics | DiagnosticsOf(flags);
            if (evidence.ServerNameCount > 1)
            {
                diagnostics |= IdentityDiagnostics.SeveralServerNames;
            }

            if (evidence.EncryptedClientHello && evidence.HasServerName)
            {
                diagnostics |= IdentityDiagnostics.EchPublicName;
            }

            ReadOnlySpan<char> name = nameBuffer.Slice(0, length);
            IServerIdentityRule? decider = winner >= 0 ? rules[winner] : null;
            bool plainName = resolved && (context.Diagnostics & IdentityDiagnostics.NotAHostName) == 0
                && (flags & (HostNameFlags.ConvertedFromUnicode | HostNameFlags.Wildcard | HostNameFlags.IPv4Literal | HostNameFlags.IPv6Literal)) == 0;
            SniCoverage coverage = context.KnownSniCoverage;
            if (coverage == SniCoverage.Unknown && evidence.HasServerName && evidence.HasLeafCertificate)
            {
                // When an SNI rule took the SNI as a plain host name, its normal form is the reference: no second validation.
                NameMatchResult covers = plainName && (decider is SniRule || decider is SniCoveredByCertificateRule)
                    ? CertificateNames.CoversHostName(evidence, name, CommonNameFallback.WhenNoDnsSubjectAltName, Options.MatchOptions)
                    : CertificateNames.Covers(evidence, evidence.ServerName, CommonNameFallback.WhenNoDnsSubjectAltName, Options.MatchOptions);
                coverage = covers == NameMatchResult.Match ? SniCoverage.Covered : SniCoverage.NotCovered;
            }

            List<string>? nearDuplicates = null;
            if (resolved && IsCertificateSource(source) && evidence.HasLeafCertificate
                && evidence.TryGetLeafSubjectAltName(out SubjectAltName san))
            {
                // Is the chosen certificate name one edit from another dNSName (toos/tools)? Stops at the first unless explaining.
                // A plain name the first-SAN rule took is that first dNSName itself, never its own near-duplicate: skipped.
                bool skipFirst = plainName && decider is FirstSubjectAltNameRule;
                foreach (GeneralName entry in san.Enumerate(GeneralNameType.DnsName))
                {
                    if (skipFirst)
                    {
                        skipFirst = false;
                        continue;
                    }

                    if (HostName.IsNearDuplicate(name, entry.Value))
                    {
                        diagnostics |= IdentityDiagnostics.NearDuplicateName;
                        if (candidates is null)
                        {
                            break;
                        }

                        (nearDuplicates ??= new List<string>()).Add(ServerIdentityRuleContext.Display(entry.Value));
                    }
                }
            }

            ServerIdentityExplanation? explanation = candidates is null
                ? null
                : new ServerIdentityExplanation(Name, candidates.AsReadOnly(), nearDuplicates is null ? NoNames : nearDuplicates.AsReadOnly());
            return new ServerIdentity(name, source, decider, winner, coverage, diagnostics, flags, context.Rejected, context.RejectReason, explanation);
        }

        /// <summary>Resolves and returns an owned copy of the result (allocates: for tools and tests, not the hot path).</summary>
        /// <param name="evidence">What is known about the connection.</param>
        /// <param name="explain">Also record the explanation.</param>
        /// <returns>The result as a record.</returns>
        public ServerIdentityRecord ResolveToRecord(scoped in ServerIdentityEvidence evidence, bool explain = false)
        {
            Span<char> buffer = stackalloc char[NameBufferLength];
            return Resolve(in evidence, buffer, explain).ToRecord();
        }

        /// <inheritdoc/>
        public override string ToString()
        {
            var names = new string[_rules.Length];
            for (int i = 0; i < _rules.Length; i++)
            {
                names[i] = _rules[i].Name;
            }

            return Name + ": " + string.Join(" -> ", names);
        }

        private static bool IsCertificateSource(IdentitySource source) =>
            source == IdentitySource.SubjectCommonName || source == IdentitySource.FirstSubjectAltName
            || source == IdentitySource.SubjectAltName || source == IdentitySource.OrganizationalUnit;

        private static IdentityDiagnostics DiagnosticsOf(HostNameFlags flags)
        {
            IdentityDiagnostics diagnostics = IdentityDiagnostics.None;
            if ((flags & HostNameFlags.Wildcard) != 0)
            {
                diagnostics |= IdentityDiagnostics.WildcardName;
            }

            if ((flags & HostNameFlags.IdnALabel) != 0)
            {
                diagnostics |= IdentityDiagnostics.IdnName;
            }

            if ((flags & HostNameFlags.ConvertedFromUnicode) != 0)
            {
                diagnostics |= IdentityDiagnostics.IdnConverted;
            }

            if ((flags & (HostNameFlags.IPv4Literal | HostNameFlags.IPv6Literal)) != 0)
            {
                diagnostics |= IdentityDiagnostics.IPLiteral;
            }

            return diagnostics;
        }
    }
}
