using System;
using Tsid.Tls;

namespace Tsid.Identity
{
    /// <summary>
    /// RFC 6125 6.4 matching of a presented identifier (a certificate dNSName or CN) against a reference identifier (the
    /// name the client wanted: SNI, a DNS hint, a Host header), and of iPAddress SAN entries against addresses.
    /// ASCII case-insensitive; one trailing dot ignored on either side; a wildcard only as the whole left-most label,
    /// never over a single remaining label (<c>*.com</c>), never inside an A-label; partial-label wildcards only with
    /// <see cref="HostNameMatchOptions.AllowPartialLabelWildcards"/>. Results are tri-state (<see cref="NameMatchResult"/>).
    /// Reference identifiers must be ASCII (normalise IDNs with <see cref="HostName"/> first). Nothing allocates.
    /// </summary>
    public static class HostNameMatcher
    {
        /// <summary>Matches a presented DNS identifier against a reference DNS identifier.</summary>
        /// <param name="presented">The certificate's name; may be a wildcard.</param>
        /// <param name="reference">The name the client wanted; never a wildcard.</param>
        /// <param name="options">Matching options.</param>
        /// <returns>Match, no match, or invalid input.</returns>
        public static NameMatchResult Match(ReadOnlySpan<char> presented, ReadOnlySpan<char> reference, HostNameMatchOptions options = HostNameMatchOptions.None)
        {
            presented = TrimDot(presented);
            reference = TrimDot(reference);
            if (!IsIdentifier(presented, true, out int presentedLabels, out bool wildcard))
            {
                return NameMatchResult.InvalidInput;
            }

            if (IsIPLiteral(reference))
            {
                // RFC 6125 1.7.2 / RFC 5280 4.2.1.6: an IP reference is matched against iPAddress entries only.
                return NameMatchResult.NoMatch;
            }

            if (!IsIdentifier(reference, false, out int referenceLabels, out _))
            {
                return NameMatchResult.InvalidInput;
            }

            if (!wildcard)
            {
                return HostName.EqualsIgnoreAsciiCase(presented, reference) ? NameMatchResult.Match : NameMatchResult.NoMatch;
            }

            // RFC 6125 6.4.3: the wildcard stands for exactly one label, and a wildcard over a single remaining label
            // (*.com, a public-suffix-like label) is never honoured.
            if (presentedLabels != referenceLabels || presentedLabels < 3)
            {
                return NameMatchResult.NoMatch;
            }

            int presentedDot = presented.IndexOf('.');
            int referenceDot = reference.IndexOf('.');
            if (!HostName.EqualsIgnoreAsciiCase(presented.Slice(presentedDot), reference.Slice(referenceDot)))
            {
                return NameMatchResult.NoMatch;
            }

            ReadOnlySpan<char> pattern = presented.Slice(0, presentedDot);
            ReadOnlySpan<char> label = reference.Slice(0, referenceDot);
            if (pattern.Length == 1)
            {
                return NameMatchResult.Match;
            }

            if ((options & HostNameMatchOptions.AllowPartialLabelWildcards) == 0 || IsALabel(pattern) || IsALabel(label))
            {
                return NameMatchResult.NoMatch;
            }

            int star = pattern.IndexOf('*');
            ReadOnlySpan<char> prefix = pattern.Slice(0, star);
            ReadOnlySpan<char> suffix = pattern.Slice(star + 1);
            if (prefix.Length + suffix.Length > label.Length)
            {
                return NameMatchResult.NoMatch;
            }

            return HostName.EqualsIgnoreAsciiCase(label.Slice(0, prefix.Length), prefix)
                && HostName.EqualsIgnoreAsciiCase(label.Slice(label.Length - suffix.Length), suffix)
                ? NameMatchResult.Match
                : NameMatchResult.NoMatch;
        }

        /// <summary>Matches names given as ASCII bytes (a SAN dNSName against an SNI host_name).</summary>
        /// <param name="presented">The certificate's name as IA5 bytes.</param>
        /// <param name="reference">The wanted name as ASCII bytes.</param>
        /// <param name="options">Matching options.</param>
        /// <returns>Match, no match, or invalid input (non-ASCII bytes included).</returns>
        public static NameMatchResult Match(ReadOnlySpan<byte> presented, ReadOnlySpan<byte> reference, HostNameMatchOptions options = HostNameMatchOptions.None)
        {
            if (presented.Length > HostName.MaxLength + 1 || reference.Length > HostName.MaxLength + 1)
            {
                return NameMatchResult.InvalidInput;
            }

            Span<char> p = stackalloc char[presented.Length];
            Span<char> r = stackalloc char[reference.Length];
            if (!Widen(presented, p) || !Widen(reference, r))
            {
                return NameMatchResult.InvalidInput;
            }

            return Match(p, r, options);
        }

        /// <summary>Matches a presented name given as ASCII bytes against a reference name given as text.</summary>
        /// <param name="presented">The certificate's name as IA5 bytes.</param>
        /// <param name="reference">The wanted name.</param>
        /// <param name="options">Matching options.</param>
        /// <returns>Match, no match, or invalid input.</returns>
        public static NameMatchResult Match(ReadOnlySpan<byte> presented, ReadOnlySpan<char> reference, HostNameMatchOptions options = HostNameMatchOptions.None)
        {
            if (presented.Length > HostName.MaxLength + 1)
            {
                return NameMatchResult.InvalidInput;
            }

            Span<char> p = stackalloc char[presented.Length];
            if (!Widen(presented, p))
            {
                return NameMatchResult.InvalidInput;
            }

            return Match(p, reference, options);
        }

        /// <summary>Matches an iPAddress SAN entry (4 or 16 octets, RFC 5280 4.2.1.6) against an address in the same form.</summary>
        /// <param name="presented">The SAN iPAddress content.</param>
        /// <param name="reference">The address the client connected to or asked for.</param>
        /// <returns>Match when the octets are equal; invalid input when either is not 4 or 16 octets long.</returns>
        public static NameMatchResult MatchIPAddress(ReadOnlySpan<byte> presented, ReadOnlySpan<byte> reference)
        {
            if ((presented.Length != 4 && presented.Length != 16) || (reference.Length != 4 && reference.Length != 16))
            {
                return NameMatchResult.InvalidInput;
            }

            return presented.SequenceEqual(reference) ? NameMatchResult.Match : NameMatchResult.NoMatch;
        }

        /// <summary>Matches an iPAddress SAN entry against an address written as text (IPv4 dotted decimal or IPv6).</summary>
        /// <param name="presented">The SAN iPAddress content (4 or 16 octets).</param>
        /// <param name="reference">The address as text, for example an SNI that is (against RFC 6066 3) an IP literal.</param>
        /// <returns>Match, no match, or invalid input when the text is not an address.</returns>
        public static NameMatchResult MatchIPAddress(ReadOnlySpan<byte> presented, ReadOnlySpan<char> reference)
        {
            Span<byte> address = stackalloc byte[16];
            int length = IPAddressText.TryParse(TrimDot(reference), address);
            if (length == 0)
            {
                return NameMatchResult.InvalidInput;
            }

            return MatchIPAddress(presented, address.Slice(0, length));
        }

        /// <summary>True when <paramref name="name"/> is an IPv4 or IPv6 literal.</summary>
        /// <param name="name">The text.</param>
        /// <returns>True for an IP literal.</returns>
        public static bool IsIPLiteral(ReadOnlySpan<char> name)
        {
            Span<byte> address = stackalloc byte[16];
            return IPAddressText.TryParse(name, address) != 0;
        }

        /// <summary>
        /// Fast path for checking many presented names against one reference that the caller has already validated as a DNS
        /// host name (not an IP literal, no wildcard): a non-wildcard name of another length cannot match and is not examined.
        /// </summary>
        internal static bool Covers(ReadOnlySpan<byte> presented, ReadOnlySpan<char> validReference, HostNameMatchOptions options)
        {
            if (presented.Length > 1 && presented[presented.Length - 1] == (byte)'.')
            {
                presented = presented.Slice(0, presented.Length - 1);
            }

            if (validReference.Length > 1 && validReference[validReference.Length - 1] == '.')
            {
                validReference = validReference.Slice(0, validReference.Length - 1);
            }

            // An equal name matches (a '*' never equals a character of a valid reference, so this also settles wildcards of the same length).
            if (presented.Length == validReference.Length)
            {
                int i = presented.Length - 1;
                while (i >= 0 && presented[i] < 0x80 && HostName.FoldAscii((char)presented[i]) == HostName.FoldAscii(validReference[i]))
                {
                    i--;
                }

                if (i < 0)
                {
                    return true;
                }
            }

            // Otherwise only a wildcard can match, and only in the left-most label (at its start unless partial-label
            // wildcards are allowed): everything else is left out without a search.
            bool candidate = (options & HostNameMatchOptions.AllowPartialLabelWildcards) == 0
                ? presented.Length > 1 && presented[0] == (byte)'*'
                : presented.IndexOf((byte)'*') >= 0;
            return candidate && Match(presented, validReference, options) == NameMatchResult.Match;
        }

        /// <summary>True when <paramref name="reference"/> is a well-formed DNS reference identifier (no wildcard; not an IP literal check).</summary>
        internal static bool IsValidReference(ReadOnlySpan<char> reference) => IsIdentifier(TrimDot(reference), false, out _, out _);

        internal static bool Widen(ReadOnlySpan<byte> ascii, Span<char> chars)
        {
            for (int i = 0; i < ascii.Length; i++)
            {
                byte b = ascii[i];
                if (b >= 0x80)
                {
                    return false;
                }

                chars[i] = (char)b;
            }

            return true;
        }

        private static ReadOnlySpan<char> TrimDot(ReadOnlySpan<char> name) =>
            name.Length > 1 && name[name.Length - 1] == '.' ? name.Slice(0, name.Length - 1) : name;

        private static bool IsALabel(ReadOnlySpan<char> label) =>
            label.Length >= 4 && (label[0] | 0x20) == 'x' && (label[1] | 0x20) == 'n' && label[2] == '-' && label[3] == '-';

        /// <summary>Syntax check of an identifier with the one host-name scanner: letters, digits, hyphen, underscore; labels
        /// 1..63; at most one asterisk, in the left-most label, when <paramref name="allowWildcard"/>.</summary>
        private static bool IsIdentifier(ReadOnlySpan<char> name, bool allowWildcard, out int labels, out bool wildcard)
        {
            labels = 0;
            wildcard = false;
            if (name.IsEmpty || name.Length > HostName.MaxLength)
            {
                return false;
            }

            HostNameShape shape = HostNameSyntax.Scan(name, allowWildcard ? WildcardSyntax.LeftMostLabel : WildcardSyntax.None, HyphenEdges.Allowed);
            labels = shape.Labels;
            wildcard = shape.Wildcard;
            return shape.Problem == HostNameProblem.None;
        }
    }
}
