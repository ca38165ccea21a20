using System;
using System.Collections.Generic;
using Tsid.Identity;

namespace Tsid.Cli
{
    /// <summary>The command-line names of the identity presets.</summary>
    internal static class Presets
    {
        public static readonly string[] Names = { "firepower", "paloalto", "fortigate", "fortigate-strict", "squid", "rfc6125", "hint-aware" };

        public static ServerIdentityResolver Get(string name) => name switch
        {
            "firepower" => ServerIdentityPresets.Firepower,
            "paloalto" => ServerIdentityPresets.PaloAlto,
            "fortigate" => ServerIdentityPresets.FortiGate,
            "fortigate-strict" => ServerIdentityPresets.FortiGateStrict,
            "squid" => ServerIdentityPresets.Squid,
            "rfc6125" => ServerIdentityPresets.Rfc6125,
            "hint-aware" => ServerIdentityPresets.HintAware,
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown preset"),
        };

        public static IEnumerable<(string Name, ServerIdentityResolver Resolver)> All()
        {
            foreach (string name in Names)
            {
                yield return (name, Get(name));
            }
        }
    }
}
