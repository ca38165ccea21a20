using System;
using System.Collections.Generic;
using System.IO;
using System.Text;

namespace Tsid.Docs.Tests
{
    /// <summary>
    /// Finds the C# code blocks of README.md, docs/*.md and the package READMEs (src/*/README.md) and the compiled sample regions they must equal.
    /// <para>
    /// A block is written as
    /// <code>
    /// &lt;!-- sample: Samples/ReadmeSamples.cs#SeedCase --&gt;
    /// ```csharp
    /// ...
    /// ```
    /// </code>
    /// and the named file holds <c>#region SeedCase</c> … <c>#endregion</c>. The region's lines, with their common
    /// indentation removed, must be the block's lines (trailing white space ignored).
    /// </para>
    /// <para>
    /// A block that mixes what C# keeps apart (using directives, then statements, then a type: a top-level program) is
    /// written as several regions of the same name, in file order: the usings at the top of the file, the statements
    /// in a method, the type beside it. Each part is normalised on its own and the parts are joined by one blank line.
    /// </para>
    /// </summary>
    internal static class DocsSamples
    {
        public const string MarkerPrefix = "<!-- sample: ";
        public const string MarkerSuffix = " -->";

        private static readonly Lazy<string> Root = new(LocateRoot);

        /// <summary>The repository root (the folder holding Tsid.Core.sln).</summary>
        public static string RepositoryRoot => Root.Value;

        /// <summary>The folder of this project's sources (Samples/ lives there).</summary>
        public static string ProjectDirectory => Path.Combine(RepositoryRoot, "tests", "Tsid.Docs.Tests");

        /// <summary>Every Markdown file whose code blocks are checked, relative to the root: README.md, docs/, and each package's src/&lt;Project&gt;/README.md.</summary>
        public static IEnumerable<string> MarkdownFiles()
        {
            yield return "README.md";
            yield return "src/Tsid.Core.Testing/README.md";
            string docs = Path.Combine(RepositoryRoot, "docs");
            string[] files = Directory.GetFiles(docs, "*.md", SearchOption.AllDirectories);
            Array.Sort(files, StringComparer.Ordinal);
            foreach (string file in files)
            {
                yield return Path.GetRelativePath(RepositoryRoot, file).Replace('\\', '/');
            }

            // The package READMEs (src/<Project>/README.md, PackageReadmeFile) are read on the package page: same rule.
            string[] projects = Directory.GetDirectories(Path.Combine(RepositoryRoot, "src"));
            Array.Sort(projects, StringComparer.Ordinal);
            foreach (string project in projects)
            {
                string readme = Path.Combine(project, "README.md");
                if (File.Exists(readme))
                {
                    yield return Path.GetRelativePath(RepositoryRoot, readme).Replace('\\', '/');
                }
            }
        }

        /// <summary>Every C# block of one Markdown file.</summary>
        public static List<CodeBlock> BlocksOf(string markdownFile)
        {
            string[] lines = File.ReadAllLines(Path.Combine(RepositoryRoot, markdownFile));
            var blocks = new List<CodeBlock>();
            for (int i = 0; i < lines.Length; i++)
            {
                string fence = lines[i].Trim();
                if (!IsCSharpFence(fence))
                {
                    continue;
                }

                string? marker = null;
                for (int j = i - 1; j >= 0; j--)
                {
                    string previous = lines[j].Trim();
                    if (previous.Length == 0)
                    {
                        continue;
                    }

                    if (previous.StartsWith(MarkerPrefix, StringComparison.Ordinal) && previous.EndsWith(MarkerSuffix, StringComparison.Ordinal))
                    {
                        marker = previous.Substring(MarkerPrefix.Length, previous.Length - MarkerPrefix.Length - MarkerSuffix.Length).Trim();
                    }

                    break;
                }

                var body = new List<string>();
                int start = i + 1;
                for (i++; i < lines.Length && lines[i].Trim() != "```"; i++)
                {
                    body.Add(lines[i]);
                }

                blocks.Add(new CodeBlock(markdownFile, start + 1, marker, Normalise(body)));
            }

            return blocks;
        }

        /// <summary>
        /// The text of a region named by a marker (<c>Samples/File.cs#Region</c>): its parts, each normalised, joined by one
        /// blank line; or null with a reason.
        /// </summary>
        public static string? RegionText(string marker, out string? problem)
        {
            problem = null;
            int hash = marker.IndexOf('#');
            if (hash <= 0 || hash == marker.Length - 1)
            {
                problem = $"marker '{marker}' must read FILE#REGION";
                return null;
            }

            string file = Path.Combine(ProjectDirectory, marker.Substring(0, hash));
            string region = marker.Substring(hash + 1);
            if (!File.Exists(file))
            {
                problem = $"sample file {file} does not exist";
                return null;
            }

            string[] lines = File.ReadAllLines(file);
            var parts = new List<string>();
            List<string>? body = null;
            foreach (string line in lines)
            {
                string trimmed = line.Trim();
                if (body is null && trimmed == "#region " + region)
                {
                    body = new List<string>();
                    continue;
                }

                if (body is not null && trimmed.StartsWith("#endregion", StringComparison.Ordinal))
                {
                    parts.Add(Normalise(body));
                    body = null;
                    continue;
                }

                body?.Add(line);
            }

            if (body is not null)
            {
                problem = $"region {region} in {file} has no #endregion";
                return null;
            }

            if (parts.Count == 0)
            {
                problem = $"region {region} not found in {file}";
                return null;
            }

            return string.Join("\n", parts);
        }

        /// <summary>
        /// The output a page shows for a sample: the text of the first fenced block after the C# block whose marker names
        /// <paramref name="marker"/>, line for line, each line ending in "\n".
        /// </summary>
        public static string ShownOutput(string markdownFile, string marker)
        {
            string[] lines = File.ReadAllLines(Path.Combine(RepositoryRoot, markdownFile));
            int at = Array.FindIndex(lines, line => line.Trim() == MarkerPrefix + marker + MarkerSuffix);
            if (at < 0)
            {
                throw new InvalidOperationException($"{markdownFile} has no block marked {marker}");
            }

            int fences = 0;
            var output = new StringBuilder();
            for (int i = at + 1; i < lines.Length; i++)
            {
                bool fence = lines[i].TrimStart().StartsWith("```", StringComparison.Ordinal);
                if (fence)
                {
                    fences++;
                    if (fences == 4)
                    {
                        return output.ToString();
                    }
                }
                else if (fences == 3)
                {
                    output.Append(lines[i]).Append('\n');
                }
            }

            throw new InvalidOperationException($"{markdownFile} shows no output block after {marker}");
        }

        /// <summary>
        /// The output a block states in a comment: the text after <c>// </c> on the block's first line that contains
        /// <paramref name="code"/> (the block is the region named by <paramref name="marker"/>, equal to the docs).
        /// </summary>
        public static string ShownInComment(string marker, string code)
        {
            string text = RegionText(marker, out string? problem) ?? throw new InvalidOperationException(problem);
            foreach (string line in text.Split('\n'))
            {
                int comment = line.IndexOf("// ", StringComparison.Ordinal);
                if (line.Contains(code, StringComparison.Ordinal) && comment > line.IndexOf(code, StringComparison.Ordinal))
                {
                    return line.Substring(comment + 3).Trim();
                }
            }

            throw new InvalidOperationException($"no line of {marker} has {code} and a comment");
        }

        private static bool IsCSharpFence(string line) =>
            line == "```csharp" || line == "```cs" || line == "```c#" || line == "```C#";

        /// <summary>Drops leading/trailing blank lines, the common indentation and trailing white space.</summary>
        internal static string Normalise(List<string> lines)
        {
            int first = 0, last = lines.Count - 1;
            while (first <= last && lines[first].Trim().Length == 0)
            {
                first++;
            }

            while (last >= first && lines[last].Trim().Length == 0)
            {
                last--;
            }

            int indent = int.MaxValue;
            for (int i = first; i <= last; i++)
            {
                string line = lines[i];
                if (line.Trim().Length == 0)
                {
                    continue;
                }

                int spaces = 0;
                while (spaces < line.Length && line[spaces] == ' ')
                {
                    spaces++;
                }

                indent = Math.Min(indent, spaces);
            }

            var text = new StringBuilder();
            for (int i = first; i <= last; i++)
            {
                string line = lines[i].TrimEnd();
                text.Append(line.Length >= indent ? line.Substring(indent) : line.TrimStart()).Append('\n');
            }

            return text.ToString();
        }

        private static string LocateRoot()
        {
            for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Tsid.Core.sln")))
                {
                    return dir.FullName;
                }
            }

            throw new InvalidOperationException("Tsid.Core.sln not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>One C# block of a Markdown file.</summary>
    /// <param name="File">The Markdown file, relative to the repository root.</param>
    /// <param name="Line">The 1-based line of the block's first code line.</param>
    /// <param name="Marker">The sample marker above it, or null.</param>
    /// <param name="Text">The normalised code.</param>
    internal sealed record CodeBlock(string File, int Line, string? Marker, string Text)
    {
        public override string ToString() => File + ":" + Line;
    }
}
