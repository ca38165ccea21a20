using System;
using System.Collections.Generic;

namespace Tsid.Identity
{
    /// <summary>
    /// Builds a <see cref="ServerIdentityResolver"/>. Rules are nouns and read in the order they are consulted —
    /// <c>new ServerIdentityResolverBuilder().Sni().SubjectCommonName().FirstSubjectAltName().Build()</c> — settings start
    /// with <c>With</c>, and <see cref="Build"/> checks everything at once (no rules, duplicate rules, contradictory options, a hint rule with no
    /// hint kinds), throwing one <see cref="ServerIdentityBuilderException"/> that lists every problem. Single use: after
    /// <see cref="Build"/> the builder refuses further calls. Not thread-safe (builders are the only mutable objects).
    /// </summary>
    public sealed class ServerIdentityResolverBuilder
    {
        private readonly List<IServerIdentityRule> _rules = new List<IServerIdentityRule>();
        private readonly List<string> _problems = new List<string>();
        private string _name = "Custom";
        private HostNameMatchOptions? _matchOptions;
        private IdnHandling? _idn;
        private InvalidNameHandling? _invalidNames;
        private EchPublicNameHandling? _echPublicName;
        private bool _built;

        /// <summary>Starts an empty, single-use builder; add rules in the order they should be consulted.</summary>
        public ServerIdentityResolverBuilder()
        {
        }

        /// <summary>Adds <paramref name="rule"/> as the next rule.</summary>
        /// <param name="rule">The rule.</param>
        /// <returns>This builder.</returns>
        public ServerIdentityResolverBuilder Rule(IServerIdentityRule rule) => Add(rule ?? throw new ArgumentNullException(nameof(rule)));

        /// <summary>Adds a one-off custom rule (see <see cref="DelegateIdentityRule"/>) as the next rule.</summary>
        /// <param name="name">The rule's unique name.</param>
        /// <param name="callback">Its logic.</param>
        /// <returns>This builder.</returns>
        public ServerIdentityResolverBuilder Rule(string name, ServerIdentityRuleCallback callback) => Add(new DelegateIdentityRule(name, callback));

        /// <summary>Adds the SNI (<see cref="SniRule"/>) as the next rule.</summary>
        /// <returns>This builder.</returns>
        public ServerIdentityResolverBuilder Sni() => Add(SniRule.Instance);

        /// <summary>Adds the first subject commonName (<see cref="SubjectCommonNameRule"/>) as the next rule.</summary>
        /// <param name="onlyWhenNoDnsSubjectAltName">Use the CN only when the certificate has no dNSName (RFC 6125 6.4.4).</param>
        /// <returns>This builder.</returns>
        public ServerIdentityResolverBuilder SubjectCommonName(bool onlyWhenNoDnsSubjectAltName = false) =>
            Add(onlyWhenNoDnsSubjectAltName ? SubjectCommonNameRule.WhenNoDnsSubjectAltName : SubjectCommonNameRule.Instance);

        /// <summary>Adds the first SAN dNSName in wire order (<see cref="FirstSubjectAltNameRule"/>) as the next rule.</summary>
        /// <returns>This builder.</returns>
        public ServerIdentityResolverBuilder FirstSubjectAltName() => Add(FirstSubjectAltNameRule.Instance);

        /// <summary>Adds, as the next rule, the first caller hint that a certificate dNSName or CN covers (<see cref="HintCoveredByCertificateRule"/>).</summary>
        /// <param name="kinds">Which hints to look at.</param>
        /// <returns>This builder.</returns>
        public ServerIdentityResolverBuilder HintCoveredByCertificate(IdentityHintKinds kinds = IdentityHintKinds.All)
        {
            EnsureNotBuilt();
            if ((kinds & IdentityHintKinds.All) == 0 || (kinds & ~IdentityHintKinds.All) != 0)
            {
                _problems.Add("HintCoveredByCertificate needs at least one hint kind (got " + kinds.ToString() + ").");
                return this;
            }

            return Add(kinds == IdentityHintKinds.All ? HintCoveredByCertificateRule.Instance : new HintCoveredByCertificateRule(kinds));
        }

        /// <summary>Adds, as the next rule, the SNI when the certificate covers it (<see cref="SniCoveredByCertificateRule"/>).</summary>
        /// <param name="commonNames">Whether commonNames count.</param>
        /// <param name="onMismatch">Continue or reject on a mismatch.</param>
        /// <param name="acceptWithoutCertificate">Take the SNI unconfirmed when no certificate is visible.</param>
        /// <returns>This builder.</returns>
        public ServerIdentityResolverBuilder SniCoveredByCertificate(CommonNameFallback commonNames = CommonNameFallback.WhenNoDnsSubjectAltName, SniMismatchAction onMismatch = SniMismatchAction.Continue, bool acceptWithoutCertificate = false) =>
            Add(commonNames == CommonNameFallback.WhenNoDnsSubjectAltName && onMismatch == SniMismatchAction.Continue && !acceptWithoutCertificate
                ? SniCoveredByCertificateRule.Instance
                : new SniCoveredByCertificateRule(commonNames, onMismatch, acceptWithoutCertificate));

        /// <summary>Adds, as the next rule, any certificate name, preferring one that covers the SNI (<see cref="AnyCertificateNameRule"/>).</summary>
        /// <returns>This builder.</returns>
        public ServerIdentityResolverBuilder AnyCertificateName() => Add(AnyCertificateNameRule.Instance);

        /// <summary>Adds the first subject organizationalUnitName (<see cref="OrganizationalUnitRule"/>) as the next rule.</summary>
        /// <returns>This builder.</returns>
        public ServerIdentityResolverBuilder OrganizationalUnit() => Add(OrganizationalUnitRule.Instance);

        /// <summary>Adds the destination IP address as a literal (<see cref="DestinationAddressRule"/>) as the next rule.</summary>
        /// <returns>This builder.</returns>
        public ServerIdentityResolverBuilder DestinationAddress() => Add(DestinationAddressRule.Instance);

        /// <summary>Names the resolver (shown in explanations).</summary>
        /// <param name="name">The name.</param>
        /// <returns>This builder.</returns>
        public ServerIdentityResolverBuilder WithName(string name)
        {
            EnsureNotBuilt();
            if (string.IsNullOrWhiteSpace(name))
            {
                _problems.Add("The resolver name is empty.");
            }
            else
            {
                _name = name;
            }

            return this;
        }

        /// <summary>Sets how certificate wildcards are matched (default: whole left-most label only).</summary>
        /// <param name="options">The matching options.</param>
        /// <returns>This builder.</returns>
        public ServerIdentityResolverBuilder WithMatchOptions(HostNameMatchOptions options)
        {
            EnsureNotBuilt();
            Set(ref _matchOptions, options, "match options");
            return this;
        }

        /// <summary>Sets what happens to Unicode names (default: converted to A-labels).</summary>
        /// <param name="idn">The handling.</param>
        /// <returns>This builder.</returns>
        public ServerIdentityResolverBuilder WithIdnHandling(IdnHandling idn)
        {
            EnsureNotBuilt();
            Set(ref _idn, idn, "IDN handling");
            return this;
        }

        /// <summary>Sets what happens to candidates that are not host names (default: skipped).</summary>
        /// <param name="handling">The handling.</param>
        /// <returns>This builder.</returns>
        public ServerIdentityResolverBuilder WithInvalidNames(InvalidNameHandling handling)
        {
            EnsureNotBuilt();
            Set(ref _invalidNames, handling, "invalid-name handling");
            return this;
        }

        /// <summary>Sets what SNI rules do with an ECH public name (default: reported as such).</summary>
        /// <param name="handling">The handling.</param>
        /// <returns>This builder.</returns>
        public ServerIdentityResolverBuilder WithEchPublicName(EchPublicNameHandling handling)
        {
            EnsureNotBuilt();
            Set(ref _echPublicName, handling, "ECH public-name handling");
            return this;
        }

        /// <summary>Validates the configuration and returns the immutable resolver.</summary>
        /// <returns>The resolver.</returns>
        /// <exception cref="ServerIdentityBuilderException">The configuration is invalid; every problem is listed.</exception>
        /// <exception cref="InvalidOperationException">The builder was already built.</exception>
        public ServerIdentityResolver Build()
        {
            EnsureNotBuilt();
            _built = true;
            var problems = new List<string>(_problems);
            if (_rules.Count == 0)
            {
                problems.Add("No rules: add at least one (for example Sni()).");
            }

            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (IServerIdentityRule rule in _rules)
            {
                if (!seen.Add(rule.Name))
                {
                    problems.Add("Rule '" + rule.Name + "' is added twice; a later copy could never decide.");
                }
            }

            if (problems.Count > 0)
            {
                throw new ServerIdentityBuilderException(problems.AsReadOnly());
            }

            var options = new ServerIdentityOptions
            {
                MatchOptions = _matchOptions ?? HostNameMatchOptions.None,
                Idn = _idn ?? IdnHandling.ConvertToALabels,
                InvalidNames = _invalidNames ?? InvalidNameHandling.Skip,
                EchPublicName = _echPublicName ?? EchPublicNameHandling.Report,
            };
            return new ServerIdentityResolver(_name, _rules.ToArray(), options);
        }

        private ServerIdentityResolverBuilder Add(IServerIdentityRule rule)
        {
            EnsureNotBuilt();
            string? name = rule.Name;
            if (string.IsNullOrWhiteSpace(name))
            {
                _problems.Add("A rule of type " + rule.GetType().Name + " has no name.");
                return this;
            }

            _rules.Add(rule);
            return this;
        }

        private void Set<T>(ref T? field, T value, string what)
            where T : struct, Enum
        {
            if (field.HasValue && !field.Value.Equals(value))
            {
                _problems.Add("Contradictory " + what + ": set to " + field.Value.ToString() + " and to " + value.ToString() + ".");
                return;
            }

            field = value;
        }

        private void EnsureNotBuilt()
        {
            if (_built)
            {
                throw new InvalidOperationException("This builder has already built its resolver; start a new one with new ServerIdentityResolverBuilder().");
            }
        }
    }
}
