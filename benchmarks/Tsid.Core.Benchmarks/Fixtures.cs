using System;
using System.IO;

namespace Tsid.Benchmarks
{
    /// <summary>The project's own fixtures, copied next to the benchmark assembly.</summary>
    internal static class Fixtures
    {
        public static byte[] Bytes(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));
    }
}
