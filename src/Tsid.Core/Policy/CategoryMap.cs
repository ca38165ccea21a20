using System;
using System.Collections.Generic;

namespace Tsid.Policy
{
    /// <summary>An in-memory <see cref="ICategoryLookup"/>: one <see cref="DomainSet"/> per category (a host is in a category when it or a parent domain is listed).</summary>
    public sealed class CategoryMap : ICategoryLookup
    {
        private readonly Dictionary<string, DomainSet> _sets;

        /// <summary>Creates the map. Category names compare case-insensitively.</summary>
        /// <param name="categories">Category name → domains in it.</param>
        public CategoryMap(IEnumerable<KeyValuePair<string, DomainSet>> categories)
        {
            if (categories is null)
            {
                throw new ArgumentNullException(nameof(categories));
            }

            _sets = new Dictionary<string, DomainSet>(StringComparer.OrdinalIgnoreCase);
            foreach (KeyValuePair<string, DomainSet> pair in categories)
            {
                _sets[pair.Key] = pair.Value ?? throw new ArgumentException("Category '" + pair.Key + "' has no set.", nameof(categories));
            }
        }

        /// <summary>The category names.</summary>
        public IEnumerable<string> Categories => _sets.Keys;

        /// <inheritdoc/>
        public bool IsInCategory(ReadOnlySpan<char> host, string category) =>
            _sets.TryGetValue(category, out DomainSet? set) && set.Contains(host);
    }
}
