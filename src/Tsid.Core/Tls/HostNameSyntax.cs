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

        /// <summary>Measures a name given as bytes (ASCII expected; any byte from 0x80 up is an illegal character).</summary>
        /// <param name="name">The name; a trailing dot is not removed (it ends an empty last label).</param>
        /// <param name="wildcards">Where an asterisk may stand.</param>
        /// <param name="hyphenEdges">Whether a label may start or end with a hyphen.</param>
        /// <returns>The shape.</returns>
        public static HostNameShape Scan(ReadOnlySpan<byte> name, WildcardSyntax wildcards, HyphenEdges hyphenEdges) =>
            Scan<byte, ByteUnit>(name, wildcards, hyphenEdges);

        /// <summary>Measures a name given as characters (any character from U+0080 up is an illegal character).</summary>
        /// <param name="name">The name; a trailing dot is not removed (it ends an empty last label).</param>
        /// <param name="wildcards">Where an asterisk may stand.</param>
        /// <param name="hyphenEdges">Whether a label may start or end with a hyphen.</param>
        /// <returns>The shape.</returns>
        public static HostNameShape Scan(ReadOnlySpan<char> name, WildcardSyntax wildcards, HyphenEdges hyphenEdges) =>
            Scan<char, CharUnit>(name, wildcards, hyphenEdges);

        /// <summary>True for an ASCII letter, digit, hyphen or underscore (underscores occur in real names and are accepted everywhere).</summary>
        /// <param name="c">The code unit.</param>
        /// <returns>True when it may stand in a label.</returns>
        public static bool IsLabelCharacter(int c) =>
            (uint)((c | 0x20) - 'a') <= 'z' - 'a' || (uint)(c - '0') <= 9 || c == '-' || c == '_';

        // One implementation for both widths: the JIT specialises it per value-type unit reader.
        private static HostNameShape Scan<T, TUnit>(ReadOnlySpan<T> name, WildcardSyntax wildcards, HyphenEdges hyphenEdges)
            where TUnit : struct, ICodeUnit<T>
        {
            TUnit unit = default;
            var shape = new HostNameShape(name.Length);
            int labelStart = 0;
            int labelIllegal = -1;
            int stars = 0;
            bool digitsAndDots = true;
            for (int i = 0; i <= name.Length; i++)
            {
                int c = i < name.Length ? unit.Value(name[i]) : '.';
                if (c == '.')
                {
                    if (shape.Problem == HostNameProblem.None)
                    {
                        LabelProblem<T, TUnit>(name, labelStart, i, labelIllegal, stars, shape.Labels == 0, wildcards, hyphenEdges, ref shape);
                    }

                    shape.Labels++;
                    labelStart = i + 1;
                    labelIllegal = -1;
                    stars = 0;
                    continue;
                }

                if ((uint)(c - '0') <= 9)
                {
                    continue;
                }

                digitsAndDots = false;
                if (IsLabelCharacter(c))
                {
                    shape.Underscore |= c == '_';
                    continue;
                }

                if (c == '*' && wildcards != WildcardSyntax.None)
                {
                    stars++;
                    continue;
                }

                shape.HasColon |= c == ':';
                if (labelIllegal < 0)
                {
                    labelIllegal = i;
                }

                if (shape.FirstIllegalOffset < 0)
                {
                    shape.FirstIllegalOffset = i;
                }
            }

            shape.DigitsAndDotsOnly = digitsAndDots;
            return shape;
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
