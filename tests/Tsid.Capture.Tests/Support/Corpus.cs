using System;
using System.IO;

namespace Tsid.Capture.Tests.Support
{
    /// <summary>
    /// Locates the third-party corpus (real captures and certificates with peer-made expected values).
    /// It is never copied into the repository: tests find it through <c>TSID_CORPUS</c>, or
    /// <c>../shared/corpus</c> beside the repository root. When it is absent, corpus tests report a skip.
    /// </summary>
    internal static class Corpus
    {
        public const string Variable = "TSID_CORPUS";

        private static readonly Lazy<string?> Root = new(Locate);

        /// <summary>The corpus folder, or null when it cannot be found.</summary>
        public static string? Directory => Root.Value;

        /// <summary>Why corpus tests are skipped, or null when the corpus is present.</summary>
        public static string? SkipReason => Directory is null
            ? $"corpus absent: set {Variable} or place it at ../shared/corpus beside the repository root"
            : null;

        public static string PathOf(string relative) =>
            Path.Combine(Directory ?? throw new InvalidOperationException(SkipReason), relative);

        private static string? Locate()
        {
            string? configured = Environment.GetEnvironmentVariable(Variable);
            if (!string.IsNullOrEmpty(configured))
            {
                return System.IO.Directory.Exists(configured) ? Path.GetFullPath(configured) : null;
            }

            // Walk up from the test assembly to the repository root (the folder holding Tsid.Core.sln).
            for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Tsid.Core.sln")))
                {
                    string candidate = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "corpus"));
                    return System.IO.Directory.Exists(candidate) ? candidate : null;
                }
            }

            return null;
        }
    }
}
