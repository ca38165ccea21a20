using System;
using System.Collections.Generic;
using Xunit;

namespace Tsid.Docs.Tests
{
    /// <summary>
    /// Every C# block in README.md and docs/ is a compiled region of Samples/ (so it compiles) and equals it (so the
    /// docs show the code that runs). The samples themselves run in the tests beside them.
    /// </summary>
    public class DocsSampleTests
    {
        public static IEnumerable<object[]> Blocks()
        {
            foreach (string file in DocsSamples.MarkdownFiles())
            {
                foreach (CodeBlock block in DocsSamples.BlocksOf(file))
                {
                    yield return new object[] { block.ToString() };
                }
            }
        }

        [Theory]
        [MemberData(nameof(Blocks))]
        public void Code_block_is_a_compiled_sample(string where)
        {
            CodeBlock block = Find(where);
            Assert.True(block.Marker is not null, $"{where}: a C# block needs a '{DocsSamples.MarkerPrefix}Samples/FILE.cs#REGION{DocsSamples.MarkerSuffix}' line above it");
            string? region = DocsSamples.RegionText(block.Marker!, out string? problem);
            Assert.True(region is not null, $"{where}: {problem}");
            Assert.True(region == block.Text, $"{where}: the block differs from {block.Marker}.\n--- docs ---\n{block.Text}--- sample ---\n{region}");
        }

        [Fact]
        public void The_docs_have_code_blocks_to_check()
        {
            int count = 0;
            foreach (object[] _ in Blocks())
            {
                count++;
            }

            // README.md and every capability page show code; an extractor that finds none is broken.
            Assert.True(count >= 10, $"only {count} C# blocks found");
        }

        [Fact]
        public void Normalise_removes_common_indentation_and_trailing_space()
        {
            string text = DocsSamples.Normalise(new List<string> { "", "    a  ", "      b", "", "    c", "  " });
            Assert.Equal("a\n  b\n\nc\n", text);
        }

        private static CodeBlock Find(string where)
        {
            foreach (string file in DocsSamples.MarkdownFiles())
            {
                foreach (CodeBlock block in DocsSamples.BlocksOf(file))
                {
                    if (block.ToString() == where)
                    {
                        return block;
                    }
                }
            }

            throw new InvalidOperationException("block vanished: " + where);
        }
    }
}
