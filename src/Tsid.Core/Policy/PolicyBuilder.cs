using System;
using System.Collections.Generic;

namespace Tsid.Policy
{
    /// <summary>
    /// Builds a <see cref="AccessPolicy"/>: what a rejected identity gets, Security-Intelligence lists, ordered rules, a
    /// default action. Start with <c>new PolicyBuilder()</c> (as <c>new ServerIdentityResolverBuilder()</c>). Methods read
    /// like the policy; <see cref="Build"/> validates everything at once and lists every problem. Single use:
    /// after <see cref="Build"/> the builder refuses further calls.
    /// </summary>
    /// <example>
    /// <code>
    /// AccessPolicy policy = new PolicyBuilder()
    ///     .BlockList(DomainSet.Parse("toos.cisco.com"), "SI_BLOCK")
    ///     .Rule("ALLOW_FMC_ASA_SNT_CISCO", r => r.FromNetwork("10.12.1.0/24").ToHost("tools.cisco.com", Dialect.CiscoSecurityIntelligence).Allow())
    ///     .Default(PolicyAction.Block)
    ///     .Build();
    /// </code>
    /// </example>
    public sealed class PolicyBuilder
    {
        private readonly List<NamedDomainSet> _blockLists = new List<NamedDomainSet>();
        private readonly List<NamedDomainSet> _allowLists = new List<NamedDomainSet>();
        private readonly List<(string Name, RuleBuilder Rule)> _rules = new List<(string, RuleBuilder)>();
        private readonly List<string> _problems = new List<string>();
        private PolicyAction? _default;
        private string? _defaultTag;
        private PolicyAction _rejectedIdentity = PolicyAction.Block;
        private string? _rejectedIdentityTag;
        private MatchMode _mode = MatchMode.ResolvedIdentity;
        private ICategoryLookup? _categories;
        private bool _built;

        /// <summary>Adds a Security-Intelligence block list: a name on it (or under a domain on it) is blocked before any rule, unless an allow list exempts that name.</summary>
        /// <param name="set">The domains.</param>
        /// <param name="name">The list's name for decisions.</param>
        /// <param name="action"><see cref="PolicyAction.Block"/>, or <see cref="PolicyAction.Monitor"/> for a monitor-only list.</param>
        /// <returns>This builder.</returns>
        public PolicyBuilder BlockList(DomainSet set, string name = "SI block list", PolicyAction action = PolicyAction.Block)
        {
            Check();
            if (action == PolicyAction.Allow)
            {
                _problems.Add("block list '" + name + "': action must be Block or Monitor (use AllowList to exempt names)");
            }

            _blockLists.Add(new NamedDomainSet(name, set ?? throw new ArgumentNullException(nameof(set)), action));
            return this;
        }

        /// <summary>
        /// Adds a Security-Intelligence allow list ("Do Not Block"): a name on it is exempt from every block list.
        /// It does not allow the connection by itself; the rules still decide.
        /// </summary>
        /// <param name="set">The domains.</param>
        /// <param name="name">The list's name for explanations.</param>
        /// <returns>This builder.</returns>
        public PolicyBuilder AllowList(DomainSet set, string name = "SI allow list")
        {
            Check();
            _allowLists.Add(new NamedDomainSet(name, set ?? throw new ArgumentNullException(nameof(set)), PolicyAction.Allow));
            return this;
        }

        /// <summary>Appends a rule; rules are evaluated in the order added and the first that matches decides (Monitor rules record and continue).</summary>
        /// <param name="name">The rule's name (required, unique, case-insensitive).</param>
        /// <param name="configure">Sets the rule's conditions and ends with its action.</param>
        /// <returns>This builder.</returns>
        public PolicyBuilder Rule(string name, Action<RuleBuilder> configure)
        {
            Check();
            if (configure is null)
            {
                throw new ArgumentNullException(nameof(configure));
            }

            var rule = new RuleBuilder();
            configure(rule);
            _rules.Add((name, rule));
            return this;
        }

        /// <summary>The action when no list or rule decided (Allow or Block; required).</summary>
        /// <param name="action">The action.</param>
        /// <param name="tag">The caller's tag for default decisions.</param>
        /// <returns>This builder.</returns>
        public PolicyBuilder Default(PolicyAction action, string? tag = null)
        {
            Check();
            _default = action;
            _defaultTag = tag;
            return this;
        }

        /// <summary>
        /// What a connection the identity resolver rejected gets (<see cref="ConnectionFacts.IdentityRejected"/>, e.g.
        /// FortiGate <c>strict</c> on a certificate that does not cover the SNI): <see cref="PolicyAction.Block"/> (the
        /// default) or <see cref="PolicyAction.Allow"/> decide at the <see cref="PolicyStage.Identity"/> stage, before any
        /// list; <see cref="PolicyAction.Monitor"/> records it and lets the lists and rules decide on the unnamed connection.
        /// </summary>
        /// <param name="action">The action.</param>
        /// <param name="tag">The caller's tag for such decisions.</param>
        /// <returns>This builder.</returns>
        public PolicyBuilder OnRejectedIdentity(PolicyAction action, string? tag = null)
        {
            Check();
            if (action != PolicyAction.Allow && action != PolicyAction.Block && action != PolicyAction.Monitor)
            {
                _problems.Add("rejected identity: unknown action " + (int)action);
            }

            _rejectedIdentity = action;
            _rejectedIdentityTag = tag;
            return this;
        }

        /// <summary>Which names lists and host conditions look at (default <see cref="MatchMode.ResolvedIdentity"/>).</summary>
        /// <param name="mode">The mode.</param>
        /// <returns>This builder.</returns>
        public PolicyBuilder Match(MatchMode mode)
        {
            Check();
            _mode = mode;
            return this;
        }

        /// <summary>The URL-category database rules with <see cref="RuleBuilder.InCategory"/> consult.</summary>
        /// <param name="lookup">The lookup (e.g. a <see cref="CategoryMap"/>).</param>
        /// <returns>This builder.</returns>
        public PolicyBuilder Categories(ICategoryLookup lookup)
        {
            Check();
            _categories = lookup ?? throw new ArgumentNullException(nameof(lookup));
            return this;
        }

        /// <summary>Validates and builds the immutable, thread-safe policy.</summary>
        /// <returns>The policy.</returns>
        /// <exception cref="PolicyValidationException">Every problem found: bad CIDRs, empty or duplicate rule names, patterns invalid in their dialect, missing actions, rules that can never match after a catch-all, a missing or Monitor default.</exception>
        /// <exception cref="InvalidOperationException">The builder was already used.</exception>
        public AccessPolicy Build()
        {
            Check();
            _built = true;
            var problems = new List<string>(_problems);
            var rules = new PolicyRule[_rules.Count];
            var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            PolicyRule? catchAll = null;
            for (int i = 0; i < _rules.Count; i++)
            {
                (string name, RuleBuilder builder) = _rules[i];
                string label = "rule #" + (i + 1) + (string.IsNullOrWhiteSpace(name) ? string.Empty : " '" + name + "'");
                if (string.IsNullOrWhiteSpace(name))
                {
                    problems.Add(label + ": the rule name is empty");
                }
                else if (!names.Add(name))
                {
                    problems.Add(label + ": another rule has the same name");
                }

                if (builder.UsesCategories && _categories is null)
                {
                    problems.Add(label + ": uses a category but the policy has no category lookup (call Categories(...))");
                }

                PolicyRule? rule = builder.Build(name ?? string.Empty, i);
                foreach (string p in builder.Problems)
                {
                    problems.Add(label + ": " + p);
                }

                if (rule is null)
                {
                    continue;
                }

                if (catchAll != null)
                {
                    problems.Add(label + ": unreachable, because rule #" + (catchAll.Index + 1) + " '" + catchAll.Name + "' before it matches every connection");
                }
                else if (rule.IsCatchAll && rule.Action != PolicyAction.Monitor)
                {
                    catchAll = rule;
                }

                rules[i] = rule;
            }

            if (_default is null)
            {
                problems.Add("no default action: call Default(PolicyAction.Allow) or Default(PolicyAction.Block)");
            }
            else if (_default == PolicyAction.Monitor)
            {
                problems.Add("the default action must be Allow or Block (Monitor does not decide)");
            }

            if (problems.Count != 0)
            {
                throw new PolicyValidationException(problems);
            }

            return new AccessPolicy(_blockLists.ToArray(), _allowLists.ToArray(), rules, _default!.Value, _defaultTag, _mode, _categories, _rejectedIdentity, _rejectedIdentityTag);
        }

        private void Check()
        {
            if (_built)
            {
                throw new InvalidOperationException("This PolicyBuilder has already built its policy; create a new builder for another policy.");
            }
        }
    }
}
