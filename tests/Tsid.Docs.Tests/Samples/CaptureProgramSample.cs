#region TenLineProgram
using System;
using System.IO;
using Tsid.Identity;
using Tsid.Inspection;
using Tsid.Policy;
#endregion

namespace Tsid.Docs.Tests.Samples
{
    /// <summary>The program of docs/capture.md, "A program in ten lines": its top-level statements are <see cref="Run"/>.</summary>
    internal static class CaptureProgramSample
    {
        /// <summary>args[0]: a capture; args[1]: a policy file.</summary>
        public static void Run(string[] args)
        {
            #region TenLineProgram
            var options = new InspectionOptions { Resolver = ServerIdentityPresets.HintAware, Policy = PolicyText.Parse(File.ReadAllText(args[1])) };
            using FileStream capture = File.OpenRead(args[0]);
            InspectionSummary summary = new ConnectionInspector(options).Inspect(capture, (in InspectedConnection c) =>
                Console.WriteLine($"{c.Client} -> {c.Server}  {c.Identity.ToString()}  {c.Decision.ToString(c.Facts)}"));
            Console.WriteLine($"{summary.Connections} connections, capture: {summary.Capture.Error}");
            #endregion
        }
    }
}
