using System;
using System.Collections.Frozen;
using System.Collections.Generic;
using Tsid.Policy;

namespace Tsid.Benchmarks
{
    /// <summary>
    /// Managed memory each structure keeps after it is built from the list text and the text and every
    /// intermediate are dropped: GC.GetTotalMemory(forceFullCollection: true) after the build minus before.
    /// Printed into the benchmark log ("// DomainSet memory: ...").
    /// </summary>
    internal static class DomainSetMemory
    {
        private static bool _reported;

        public static void Report(string text, int domains)
        {
            if (_reported)
            {
                return;
            }

            _reported = true;
            Console.WriteLine("// memory after build, input dropped, " + domains + " domains:");
            long before = GC.GetTotalMemory(true);
            DomainSet set = DomainSet.Parse(text);
            long after = GC.GetTotalMemory(true);
            Print("DomainSet", after - before, domains, "table " + set.TableBytes + " bytes");
            GC.KeepAlive(set);
            set = null!;

            before = GC.GetTotalMemory(true);
            var hash = new HashSet<string>(text.Split('\n'), StringComparer.OrdinalIgnoreCase);
            after = GC.GetTotalMemory(true);
            Print("HashSet<string>", after - before, domains, "strings included");

            before = GC.GetTotalMemory(true);
            FrozenSet<string> frozen = hash.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
            after = GC.GetTotalMemory(true);
            Print("FrozenSet<string> (sharing the HashSet's strings)", after - before, domains, string.Empty);
            GC.KeepAlive(hash);
            GC.KeepAlive(frozen);
        }

        private static void Print(string name, long bytes, int domains, string note) =>
            Console.WriteLine("// " + name + ": " + bytes + " bytes = " + ((double)bytes / domains).ToString("F1", System.Globalization.CultureInfo.InvariantCulture) + " bytes/domain " + note);
    }
}
