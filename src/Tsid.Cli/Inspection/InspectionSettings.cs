using Tsid.Identity;
using Tsid.Policy;

namespace Tsid.Cli.Inspection
{
    /// <summary>What the user chose for one run of <c>tsid inspect</c> (or the demo).</summary>
    internal sealed class InspectionSettings
    {
        public ServerIdentityResolver Resolver { get; init; } = ServerIdentityPresets.Firepower;

        /// <summary>The preset's command-line spelling, e.g. <c>hint-aware</c>.</summary>
        public string PresetName { get; init; } = "firepower";

        public AccessPolicy? Policy { get; init; }

        public bool UseDnsHints { get; init; } = true;

        public bool Explain { get; init; }
    }
}
