using System;
using Tsid.Identity;

namespace Tsid.Samples.TlsGate
{
    /// <summary>
    /// Finds a preset by the tool's kebab-case name (<c>hint-aware</c>, <c>fortigate-strict</c>) or the library's
    /// (<c>hintaware</c>): tries the name as given, then without dashes, so it works whichever spelling
    /// <see cref="ServerIdentityPresets.TryGet"/> accepts.
    /// </summary>
    public static class PresetNames
    {
        /// <summary>Looks a preset up.</summary>
        /// <param name="name">The configured name.</param>
        /// <param name="resolver">The preset.</param>
        /// <returns>False when no preset has that name.</returns>
        public static bool TryGet(string? name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ServerIdentityResolver? resolver)
        {
            resolver = null;
            if (string.IsNullOrWhiteSpace(name))
            {
                return false;
            }

            return ServerIdentityPresets.TryGet(name, out resolver)
                || ServerIdentityPresets.TryGet(name.Replace("-", string.Empty, StringComparison.Ordinal), out resolver);
        }
    }
}
