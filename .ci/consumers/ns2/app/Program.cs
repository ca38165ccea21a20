// Calls every setter of the netstandard2.0 consumer against the Tsid.Core and Tsid.Capture builds this runtime loads,
// and checks the consumer covers every public init accessor those builds have (found by reflection here, independently
// of the generator). Issue 13's failure was a MissingMethodException at the first call.
using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Runtime.Versioning;

var failures = new List<string>();
var runtimeSet = new SortedSet<string>(StringComparer.Ordinal);
string frameworks = "";
foreach (Assembly assembly in new[] { typeof(Tsid.Identity.ServerIdentityEvidence).Assembly, typeof(Tsid.Capture.TcpReassemblerOptions).Assembly })
{
    frameworks += $" {assembly.GetName().Name}={assembly.GetCustomAttribute<TargetFrameworkAttribute>()?.FrameworkName}";
    foreach (Type type in assembly.GetExportedTypes())
    {
        foreach (PropertyInfo p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
        {
            MethodInfo? setter = p.GetSetMethod(nonPublic: false);
            if (setter is not null && setter.ReturnParameter.GetRequiredCustomModifiers().Any(m => m.FullName == "System.Runtime.CompilerServices.IsExternalInit"))
            {
                runtimeSet.Add($"{type.FullName}.{p.Name}");
            }
        }
    }
}

var touched = new SortedSet<string>(Ns2Consumer.Touch.Members, StringComparer.Ordinal);
foreach (string missing in runtimeSet.Except(touched))
{
    failures.Add("not exercised by the consumer: " + missing);
}

foreach (string extra in touched.Except(runtimeSet))
{
    failures.Add("the consumer sets an accessor this build does not have as init: " + extra);
}

int bound = 0, checkedByAccessor = 0;
for (int i = 0; i < Ns2Consumer.Touch.Setters.Length; i++)
{
    try
    {
        Ns2Consumer.Touch.Setters[i]();
        bound++;
    }
    catch (MissingMethodException e)
    {
        failures.Add(Ns2Consumer.Touch.Members[i] + ": " + e.Message);
    }
    catch (ArgumentException)
    {
        // The accessor ran and refused the value (a bounds check): bound all the same.
        bound++;
        checkedByAccessor++;
    }
}

string runtime = System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription;
if (failures.Count > 0)
{
    foreach (string f in failures)
    {
        Console.Error.WriteLine(f);
    }

    Console.WriteLine($"ns2 consumer on {runtime}: FAILED ({failures.Count} problems;{frameworks})");
    return 1;
}

Console.WriteLine($"ns2 consumer on {runtime}: {bound} of {runtimeSet.Count} init accessors bound and set ({checkedByAccessor} refused the value by their own check;{frameworks})");
return 0;
