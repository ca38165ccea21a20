using System;
using System.Collections.Generic;
using Tsid.Identity;

namespace Tsid.Cli
{
    /// <summary>
    /// The identity presets as the tool names them: the library's one name table (<see cref="ServerIdentityPresets.Names"/>,
    /// <see cref="ServerIdentityPresets.TryGet"/>), so <c>--preset</c>, the JSON <c>preset</c> field and the library agree.
    /// </summary>
    internal static class Presets
    {
        /// <summary>The canonical names, in listing order (<c>firepower</c> first: the default).</summary>
        public static IReadOnlyList<string> Names => ServerIdentityPresets.Names;

        /// <summary>The preset called <paramref name="name"/> (any spelling <see cref="ServerIdentityPresets.TryGet"/> accepts).</summary>
        public static ServerIdentityResolver Get(string name) =>
            ServerIdentityPresets.TryGet(name, out ServerIdentityResolver? resolver)
                ? resolver
                : throw new ArgumentOutOfRangeException(nameof(name), name, "unknown preset");

        /// <summary>Every preset with its canonical name.</summary>
        public static IEnumerable<(string Name, ServerIdentityResolver Resolver)> All()
        {
            foreach (ServerIdentityResolver preset in ServerIdentityPresets.All)
            {
                yield return (preset.Name, preset);
            }
        }
    }
}
