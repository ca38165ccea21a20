using System;
using System.IO;

namespace Tsid.Tests.Support
{
    /// <summary>Reads the project's own fixtures, copied next to the test assembly.</summary>
    internal static class Fixture
    {
        public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

        public static byte[] Bytes(string name) => File.ReadAllBytes(PathOf(name));
    }
}
