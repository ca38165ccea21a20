using Xunit;

namespace Tsid.Capture.Tests.Support
{
    /// <summary>A fact that needs the third-party corpus; it reports itself skipped, with the reason, when the corpus is absent.</summary>
    public sealed class CorpusFactAttribute : FactAttribute
    {
        public CorpusFactAttribute()
        {
            if (Corpus.SkipReason is { } reason)
            {
                Skip = reason;
            }
        }
    }

    /// <summary>A theory that needs the third-party corpus; skipped, with the reason, when the corpus is absent.</summary>
    public sealed class CorpusTheoryAttribute : TheoryAttribute
    {
        public CorpusTheoryAttribute()
        {
            if (Corpus.SkipReason is { } reason)
            {
                Skip = reason;
            }
        }
    }
}
