using System;
using System.IO;
using Tsid.Identity;
using Tsid.Inspection;
using Tsid.Policy;

namespace Tsid.Inspection.Tests
{
    /// <summary>
    /// The program of docs/capture.md ("A program in ten lines"), compiled here: the statements of <see cref="Run"/> are the
    /// docs' top-level statements, line for line. <see cref="DocsSampleTests"/> runs it and checks what it prints.
    /// </summary>
    internal static class DocsSample
    {
        public static void Run(string[] args)
        {
            var options = new InspectionOptions { Resolver = ServerIdentityPresets.HintAware, Policy = PolicyText.Parse(File.ReadAllText(args[1])) };
            using FileStream capture = File.OpenRead(args[0]);
            InspectionSummary summary = new ConnectionInspector(options).Inspect(capture, (in InspectedConnection c) =>
                Console.WriteLine($"{c.Client} -> {c.Server}  {c.Identity.ToString()}  {c.Decision.ToString(c.Facts)}"));
            Console.WriteLine($"{summary.Connections} connections, capture: {summary.Capture.Error}");
        }
    }
}
