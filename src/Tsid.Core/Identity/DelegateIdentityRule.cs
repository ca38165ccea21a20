using System;

namespace Tsid.Identity
{
    /// <summary>Adapts a <see cref="ServerIdentityRuleCallback"/> into a rule, for one-off custom logic.</summary>
    public sealed class DelegateIdentityRule : IServerIdentityRule
    {
        private readonly ServerIdentityRuleCallback _callback;

        /// <summary>Wraps <paramref name="callback"/> under <paramref name="name"/>.</summary>
        /// <param name="name">The rule's unique name.</param>
        /// <param name="callback">The logic; it must be thread-safe and must not throw.</param>
        public DelegateIdentityRule(string name, ServerIdentityRuleCallback callback)
        {
            if (string.IsNullOrWhiteSpace(name))
            {
                throw new ArgumentException("A rule needs a name.", nameof(name));
            }

            Name = name;
            _callback = callback ?? throw new ArgumentNullException(nameof(callback));
        }

        /// <inheritdoc/>
        public string Name { get; }

        /// <inheritdoc/>
        public bool TryResolve(scoped in ServerIdentityEvidence evidence, ref ServerIdentityRuleContext context) => _callback(in evidence, ref context);
    }
}
