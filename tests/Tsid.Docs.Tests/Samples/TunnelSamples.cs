#region Inspect
using System;
using System.IO;
using Tsid.Capture;
using Tsid.Identity;
using Tsid.Inspection;
#endregion

namespace Tsid.Docs.Tests.Samples
{
    /// <summary>The code of docs/tunnels.md, called by <see cref="TunnelSampleTests"/> on docs/captures/tunnels.pcap.</summary>
    internal static class TunnelSamples
    {
        /// <summary>Inspects tunnels.pcap from the current directory and prints each connection's tunnel and identity.</summary>
        public static void Inspect()
        {
            #region Inspect
            var inspector = new ConnectionInspector(new InspectionOptions { Resolver = ServerIdentityPresets.HintAware });
            using FileStream capture = File.OpenRead("tunnels.pcap");
            InspectionSummary summary = inspector.Inspect(capture, (in InspectedConnection c) =>
            {
                // c.Client and c.Server are the captured endpoints; the tunnel says what the client asked the proxy for.
                string tunnel = c.Tunnel is { } t
                    ? t.Kind + " to " + t.GetTarget() + (t.HasSource ? " for " + t.Source : "")
                    : "no tunnel";
                Console.WriteLine($"{c.Client} -> {c.Server} ({tunnel}): {c.Identity.GetName()} from {c.Identity.Source}");
            });

            CaptureStatistics counts = summary.Capture.Statistics;
            Console.WriteLine($"{counts.Tunnels} tunnels, {counts.TunnelsToNonTlsServices} to a non-TLS service, {counts.RefusedTunnels} refused");
            #endregion
        }
    }
}
