using System;

namespace Tsid.Policy
{
    /// <summary>
    /// The caller's URL-category database (a vendor feed, a local cache). A policy asks it only for the
    /// categories its rules name. Implementations must be thread-safe and should not allocate.
    /// </summary>
    public interface ICategoryLookup
    {
        /// <summary>Is <paramref name="host"/> in <paramref name="category"/>?</summary>
        /// <param name="host">A host name (as presented; compare case-insensitively).</param>
        /// <param name="category">A category name exactly as written in the rule.</param>
        /// <returns><see langword="true"/> when the host belongs to the category.</returns>
        bool IsInCategory(ReadOnlySpan<char> host, string category);
    }
}
