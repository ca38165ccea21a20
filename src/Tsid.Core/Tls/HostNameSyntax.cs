using System;

namespace Tsid.Tls
{
    /// <summary>
    /// The library's one host-name syntax check (RFC 1035 2.3.4, RFC 1123 2.1, RFC 6125 6.4.3): a single pass over a name
    /// given as bytes or characters that measures it label by label into a <see cref="HostNameShape"/>. The SNI check
    /// (<see cref="SniHostName"/>), identity normalisation and matching (<c>Tsid.Identity.HostName</c>,
    /// <c>HostNameMatcher</c>) and the policy's list and pattern checks all read that shape; they differ only in which
    /// facts they call an error and in what order they report them.
    /// </summary>
    internal static class HostNameSyntax
    {
        /// <summary>The longest name without a trailing dot (RFC 1035 2.3.4: 255 octets on the wire).</summary>
        public const int MaxLength = 253;

        /// <summary>The longest label (RFC 1035 2.3.4).</summary>
        public const int MaxLabelLength = 63;

        // Character classes of ASCII, one table lookup per character. Other = anything that may not stand in a name.
        private const int Digit = 1;
        private const int Letter = 2;
        private const int Upper = 4;
        private const int Hyphen = 8;
        private const int UnderscoreClass = 16;
        private const int Dot = 32;
        private const int Star = 64;
        private const int Colon = 128;
        private const int Other = 256;

        private static readonly ushort[] Classes = BuildClasses();

        /// <summary>Measures a name given as bytes (ASCII expected; any byte from 0x80 up is an illegal character).</summary>
        /// <param name="name">The name; a trailing dot is not removed (it ends an empty last label).</param>
        /// <param name="wildcards">Where an asterisk may stand.</param>
        /// <param name="hyphenEdges">Whether a label may start or end with a hyphen.</param>
        /// <returns>The shape.</returns>
        public static HostNameShape Scan(ReadOnlySpan<byte> name, WildcardSyntax wildcards, HyphenEdges hyphenEdges) =>
            Scan<byte, ByteUnit, NoCopy>(name, default, wildcards, hyphenEdges);

        /// <summary>Measures a name given as characters (any character from U+0080 up is an illegal character).</summary>
        /// <param name="name">The name; a trailing dot is not removed (it ends an empty last label).</param>
        /// <param name="wildcards">Where an asterisk may stand.</param>
        /// <param name="hyphenEdges">Whether a label may start or end with a hyphen.</param>
        /// <returns>The shape.</returns>
        public static HostNameShape Scan(ReadOnlySpan<char> name, WildcardSyntax wildcards, HyphenEdges hyphenEdges) =>
            Scan<char, CharUnit, NoCopy>(name, default, wildcards, hyphenEdges);

        /// <summary>
        /// Measures an ASCII name and, in the same pass, writes it lower-cased to <paramref name="lower"/> (at least as long
        /// as <paramref name="name"/>). Stops at the first non-ASCII byte with <see cref="HostNameShape.NonAscii"/> set:
        /// such a name needs IDN processing first.
        /// </summary>
        /// <param name="name">The name without its trailing dot.</param>
        /// <param name="lower">Where the lower-cased copy goes.</param>
        /// <param name="wildcards">Where an asterisk may stand.</param>
        /// <param name="hyphenEdges">Whether a label may start or end with a hyphen.</param>
        /// <returns>The shape.</returns>
        public static HostNameShape ScanLower(ReadOnlySpan<byte> name, Span<char> lower, WildcardSyntax wildcards, HyphenEdges hyphenEdges) =>
            Scan<byte, ByteUnit, LowerCopy>(name, lower, wildcards, hyphenEdges);

        /// <summary>The same as <see cref="ScanLower(ReadOnlySpan{byte}, Span{char}, WildcardSyntax, HyphenEdges)"/> for characters.</summary>
        /// <param name="name">The name without its trailing dot.</param>
        /// <param name="lower">Where the lower-cased copy goes.</param>
        /// <param name="wildcards">Where an asterisk may stand.</param>
        /// <param name="hyphenEdges">Whether a label may start or end with a hyphen.</param>
        /// <returns>The shape.</returns>
        public static HostNameShape ScanLower(ReadOnlySpan<char> name, Span<char> lower, WildcardSyntax wildcards, HyphenEdges hyphenEdges) =>
            Scan<char, CharUnit, LowerCopy>(name, lower, wildcards, hyphenEdges);

        /// <summary>True for an ASCII letter, digit, hyphen or underscore (underscores occur in real names and are accepted everywhere).</summary>
        /// <param name="c">The code unit.</param>
        /// <returns>True when it may stand in a label.</returns>
        public static bool IsLabelCharacter(int c) => (uint)c < 0x80 && (Classes[c] & (Digit | Letter | Hyphen | UnderscoreClass)) != 0;

        // One implementation for both widths and both modes: the JIT specialises it per value-type unit reader and copy mode.
        private static HostNameShape Scan<T, TUnit, TCopy>(ReadOnlySpan<T> name, Span<char> lower, WildcardSyntax wildcards, HyphenEdges hyphenEdges)
            where TUnit : struct, ICodeUnit<T>
            where TCopy : struct, ICopyMode
        {
            TUnit unit = default;
            ushort[] classes = Classes;
            var shape = new HostNameShape(name.Length);
            int illegal = wildcards == WildcardSyntax.None ? Other | Colon | Star : Other | Colon;
            int seen = 0;
            int labelStart = 0;
            int labelIllegal = -1;
            int stars = 0;
            for (int i = 0; i < name.Length; i++)
            {
                int c = unit.Value(name[i]);
                int k = (uint)c < (uint)classes.Length ? classes[c] : Other;
                if (default(TCopy).Copy)
                {
                    if (k == Other && c >= 0x80)
                    {
                        shape.NonAscii = true;
                        return shape;
                    }

                    lower[i] = (char)(c | ((k & Upper) << 3)); // Upper (4) << 3 is the ASCII case bit 0x20
                }

                seen |= k;
                if (k == Dot)
                {
                    EndLabel<T, TUnit>(name, labelStart, i, labelIllegal, stars, wildcards, hyphenEdges, ref shape);
                    labelStart = i + 1;
                    labelIllegal = -1;
                    stars = 0;
                }
                else if ((k & illegal) != 0)
                {
                    if (labelIllegal < 0)
                    {
                        labelIllegal = i;
                    }

                    if (shape.FirstIllegalOffset < 0)
                    {
                        shape.FirstIllegalOffset = i;
                    }
                }
                else if (k == Star)
                {
                    stars++;
                }
            }

            EndLabel<T, TUnit>(name, labelStart, name.Length, labelIllegal, stars, wildcards, hyphenEdges, ref shape);
            shape.NonAscii = (seen & Other) != 0 && HasNonAscii<T, TUnit>(name);
            shape.DigitsAndDotsOnly = (seen & ~(Digit | Dot)) == 0;
            shape.HasColon = (seen & Colon) != 0;
            shape.Underscore = (seen & UnderscoreClass) != 0;
            shape.CaseFolded = (seen & Upper) != 0;
            return shape;
        }

        private static bool HasNonAscii<T, TUnit>(ReadOnlySpan<T> name)
            where TUnit : struct, ICodeUnit<T>
        {
            TUnit unit = default;
            for (int i = 0; i < name.Length; i++)
            {
                if (unit.Value(name[i]) >= 0x80)
                {
                    return true;
                }
            }

            return false;
        }

        private static ushort[] BuildClasses()
        {
            var classes = new ushort[0x80];
            for (int c = 0; c < classes.Length; c++)
            {
                classes[c] = c >= '0' && c <= '9' ? (ushort)Digit
                    : c >= 'a' && c <= 'z' ? (ushort)Letter
                    : c >= 'A' && c <= 'Z' ? (ushort)(Letter | Upper)
                    : c == '-' ? (ushort)Hyphen
                    : c == '_' ? (ushort)UnderscoreClass
                    : c == '.' ? (ushort)Dot
                    : c == '*' ? (ushort)Star
                    : c == ':' ? (ushort)Colon
                    : (ushort)Other;
            }

            return classes;
        }

        // The end of a label. Most labels are plain (1..63 label characters, no asterisk, no hyphen at an edge, not an "xn--"
        // candidate); only the others take the full check.
        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
        private static void EndLabel<T, TUnit>(ReadOnlySpan<T> name, int start, int end, int illegal, int stars, WildcardSyntax wildcards, HyphenEdges hyphenEdges, ref HostNameShape shape)
            where TUnit : struct, ICodeUnit<T>
        {
            TUnit unit = default;
            int length = end - start;
            if (shape.Problem == HostNameProblem.None
                && ((uint)(length - 1) >= MaxLabelLength || illegal >= 0 || stars != 0
                    || unit.Value(name[start]) == '-' || unit.Value(name[end - 1]) == '-'
                    || (length >= 4 && (unit.Value(name[start]) | 0x20) == 'x')))
            {
                LabelProblem<T, TUnit>(name, start, end, illegal, stars, shape.Labels == 0, wildcards, hyphenEdges, ref shape);
            }

            shape.Labels++;
        }

        // Within a label: empty, too long, an illegal character, a misplaced asterisk, a hyphen at an edge.
        private static void LabelProblem<T, TUnit>(ReadOnlySpan<T> name, int start, int end, int illegal, int stars, bool leftMost, WildcardSyntax wildcards, HyphenEdges hyphenEdges, ref HostNameShape shape)
            where TUnit : struct, ICodeUnit<T>
        {
            TUnit unit = default;
            int length = end - start;
            if (length == 0)
            {
                shape.Fail(HostNameProblem.EmptyLabel, start);
                return;
            }

            if (length > MaxLabelLength)
            {
                shape.Fail(HostNameProblem.LabelTooLong, start);
                return;
            }

            if (illegal >= 0)
            {
                shape.Fail(HostNameProblem.IllegalCharacter, illegal);
                return;
            }

            if (stars > 0)
            {
                // RFC 6125 6.4.3: at most one asterisk, in the left-most label; list syntaxes: '*' as a whole label.
                bool ok = wildcards == WildcardSyntax.LeftMostLabel ? leftMost && stars == 1 : length == 1;
                if (!ok)
                {
                    shape.Fail(HostNameProblem.InvalidWildcard, start);
                    return;
                }

                shape.Wildcard = true;
                shape.PartialWildcard |= length > 1;
            }

            if (hyphenEdges == HyphenEdges.Forbidden && (unit.Value(name[start]) == '-' || unit.Value(name[end - 1]) == '-'))
            {
                // RFC 952, RFC 1123 2.1.
                shape.Fail(HostNameProblem.HyphenAtLabelEdge, start);
                return;
            }

            // RFC 5890 2.3.2.1: "xn--" starts an A-label (checked further by the callers that decode IDNs).
            if (length >= 4 && (unit.Value(name[start]) | 0x20) == 'x' && (unit.Value(name[start + 1]) | 0x20) == 'n'
                && unit.Value(name[start + 2]) == '-' && unit.Value(name[start + 3]) == '-')
            {
                shape.ALabelPrefix = true;
            }
        }

        private interface ICodeUnit<T>
        {
            int Value(T unit);
        }

        private readonly struct ByteUnit : ICodeUnit<byte>
        {
            public int Value(byte unit) => unit;
        }

        private readonly struct CharUnit : ICodeUnit<char>
        {
            public int Value(char unit) => unit;
        }

        private interface ICopyMode
        {
            bool Copy { get; }
        }

        private readonly struct NoCopy : ICopyMode
        {
            public bool Copy => false;
        }

        private readonly struct LowerCopy : ICopyMode
        {
            public bool Copy => true;
        }
    }

    /// <summary>Where <see cref="HostNameSyntax"/> accepts an asterisk.</summary>
    internal enum WildcardSyntax : byte
    {
        /// <summary>Nowhere: an asterisk is an illegal character.</summary>
        None,

        /// <summary>RFC 6125 6.4.3: at most one, in the left-most label (<c>*.example.com</c>, <c>f*.example.com</c>).</summary>
        LeftMostLabel,

        /// <summary>As a whole label anywhere (<c>www.*.com</c>, the Cisco Security Intelligence list syntax).</summary>
        WholeLabels,
    }

    /// <summary>Whether <see cref="HostNameSyntax"/> reports a label that starts or ends with a hyphen.</summary>
    internal enum HyphenEdges : byte
    {
        /// <summary>Accepted (SNI and lists take what real traffic carries).</summary>
        Allowed,

        /// <summary>Reported as <see cref="HostNameProblem.HyphenAtLabelEdge"/> (RFC 952, RFC 1123 2.1).</summary>
        Forbidden,
    }

    /// <summary>The first problem of the first label that has one.</summary>
    internal enum HostNameProblem : byte
    {
        /// <summary>Every label is well formed.</summary>
        None,

        /// <summary>A label is empty (a leading dot, two dots in a row, a trailing dot).</summary>
        EmptyLabel,

        /// <summary>A label is longer than 63 characters.</summary>
        LabelTooLong,

        /// <summary>A character other than a letter, digit, hyphen, underscore (or an allowed asterisk).</summary>
        IllegalCharacter,

        /// <summary>An asterisk where the wildcard syntax does not allow one.</summary>
        InvalidWildcard,

        /// <summary>A label starts or ends with a hyphen, and that is forbidden.</summary>
        HyphenAtLabelEdge,
    }

    /// <summary>What <see cref="HostNameSyntax.Scan(ReadOnlySpan{char}, WildcardSyntax, HyphenEdges)"/> measured.</summary>
    internal struct HostNameShape
    {
        public HostNameShape(int length)
        {
            Length = length;
            Labels = 0;
            Problem = HostNameProblem.None;
            ProblemOffset = -1;
            FirstIllegalOffset = -1;
            HasColon = false;
            DigitsAndDotsOnly = false;
            NonAscii = false;
            CaseFolded = false;
            Underscore = false;
            Wildcard = false;
            PartialWildcard = false;
            ALabelPrefix = false;
        }

        /// <summary>The length of the name as given.</summary>
        public int Length;

        /// <summary>The number of labels, empty ones included.</summary>
        public int Labels;

        /// <summary>The first problem of the first label that has one.</summary>
        public HostNameProblem Problem;

        /// <summary>Where <see cref="Problem"/> is: the illegal character, else the start of the label; -1 when none.</summary>
        public int ProblemOffset;

        /// <summary>The first illegal character anywhere, or -1.</summary>
        public int FirstIllegalOffset;

        /// <summary>A colon occurs (an IPv6 literal, or a port).</summary>
        public bool HasColon;

        /// <summary>Only digits and dots (an IPv4 literal, or something shaped like one).</summary>
        public bool DigitsAndDotsOnly;

        /// <summary>A character from U+0080 (or a byte from 0x80) up occurs.</summary>
        public bool NonAscii;

        /// <summary>An ASCII upper-case letter occurs (the lower-cased copy differs from the input).</summary>
        public bool CaseFolded;

        /// <summary>A label holds an underscore.</summary>
        public bool Underscore;

        /// <summary>An accepted asterisk occurs.</summary>
        public bool Wildcard;

        /// <summary>An accepted asterisk shares its label with other characters (<c>f*.example.com</c>).</summary>
        public bool PartialWildcard;

        /// <summary>A label starts with <c>xn--</c> (any case).</summary>
        public bool ALabelPrefix;

        public void Fail(HostNameProblem problem, int offset)
        {
            Problem = problem;
            ProblemOffset = offset;
        }
    }
}
