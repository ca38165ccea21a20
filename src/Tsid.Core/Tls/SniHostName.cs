using System;

namespace Tsid.Tls
{
    /// <summary>Checks the syntax of a server_name host_name (RFC 6066 3, RFC 1035 2.3.4) with the library's one host-name scanner.</summary>
    public static class SniHostName
    {
        /// <summary>The longest name without a trailing dot (RFC 1035 2.3.4: 255 octets on the wire).</summary>
        public const int MaxLength = HostNameSyntax.MaxLength;

        /// <summary>The longest label (RFC 1035 2.3.4).</summary>
        public const int MaxLabelLength = HostNameSyntax.MaxLabelLength;

        /// <summary>Classifies a host name; the first problem found wins, in the order of <see cref="SniHostNameStatus"/>'s checks.</summary>
        /// <param name="name">The ASCII bytes of the name.</param>
        /// <returns><see cref="SniHostNameStatus.Valid"/> or what is wrong.</returns>
        public static SniHostNameStatus Validate(ReadOnlySpan<byte> name)
        {
            if (name.IsEmpty)
            {
                return SniHostNameStatus.Empty;
            }

            HostNameShape shape = HostNameSyntax.Scan(name, WildcardSyntax.None, HyphenEdges.Allowed);
            if (shape.HasColon)
            {
                return SniHostNameStatus.IPv6Literal;
            }

            if (shape.FirstIllegalOffset >= 0)
            {
                return SniHostNameStatus.IllegalCharacter;
            }

            if (name[name.Length - 1] == (byte)'.')
            {
                return SniHostNameStatus.TrailingDot;
            }

            if (shape.Problem == HostNameProblem.EmptyLabel)
            {
                return SniHostNameStatus.EmptyLabel;
            }

            if (shape.Problem == HostNameProblem.LabelTooLong)
            {
                return SniHostNameStatus.LabelTooLong;
            }

            if (name.Length > MaxLength)
            {
                return SniHostNameStatus.TooLong;
            }

            // A dotted quad (or any all-numeric dotted name) is an IPv4 literal; a top-level label is never all digits.
            return shape.DigitsAndDotsOnly ? SniHostNameStatus.IPv4Literal : SniHostNameStatus.Valid;
        }
    }
}
