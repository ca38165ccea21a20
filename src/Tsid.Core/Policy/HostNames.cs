using System;
using Tsid.Identity;
using Tsid.Tls;

namespace Tsid.Policy
{
    /// <summary>Allocation-free helpers for comparing host names: ASCII case-insensitive, one trailing dot ignored.</summary>
    internal static class HostNames
    {
        public static ReadOnlySpan<char> TrimTrailingDot(ReadOnlySpan<char> host) =>
            host.Length != 0 && host[host.Length - 1] == '.' ? host.Slice(0, host.Length - 1) : host;

        /// <summary><paramref name="host"/> is <paramref name="domain"/> or a subdomain of it (the match starts at a label boundary).</summary>
        public static bool IsSameOrSubdomain(ReadOnlySpan<char> host, ReadOnlySpan<char> domain)
        {
            if (host.Length == domain.Length)
            {
                return HostName.EqualsIgnoreAsciiCase(host, domain);
            }

            return host.Length > domain.Length
                && host[host.Length - domain.Length - 1] == '.'
                && HostName.EqualsIgnoreAsciiCase(host.Slice(host.Length - domain.Length), domain);
        }

        /// <summary>Lowercases ASCII letters and drops one trailing dot (the canonical form patterns are stored in).</summary>
        public static string Canonical(string name)
        {
            ReadOnlySpan<char> s = TrimTrailingDot(name.AsSpan());
            char[] chars = new char[s.Length];
            for (int i = 0; i < s.Length; i++)
            {
                chars[i] = HostName.FoldAscii(s[i]);
            }

            return new string(chars);
        }

        /// <summary>
        /// Checks a domain name as list entries and patterns must be written, with the one host-name scanner
        /// (<see cref="HostNameSyntax"/>): ASCII letters, digits, '-' and '_' (underscores occur in real service names
        /// and lists), labels of 1–63 characters, at most 253 characters (RFC 1035 2.3.4), no trailing dot (callers
        /// remove it first). Internationalised names must be A-labels (RFC 5890 2.3.2.1), the form every vendor list
        /// requires. Returns why the name is not acceptable, or null.
        /// </summary>
        public static string? CheckDomain(ReadOnlySpan<char> name, bool allowWildcardLabels)
        {
            if (name.Length == 0)
            {
                return "empty name";
            }

            if (name.Length > DomainSet.MaxNameLength)
            {
                return "name longer than " + DomainSet.MaxNameLength + " characters";
            }

            HostNameShape shape = HostNameSyntax.Scan(name, allowWildcardLabels ? WildcardSyntax.WholeLabels : WildcardSyntax.None, HyphenEdges.Allowed);
            switch (shape.Problem)
            {
                case HostNameProblem.None:
                    return null;
                case HostNameProblem.EmptyLabel:
                    return "empty label";
                case HostNameProblem.LabelTooLong:
                    return "label longer than " + DomainSet.MaxLabelLength + " characters";
                case HostNameProblem.InvalidWildcard:
                    return "'*' must stand for a whole label";
            }

            char c = name[shape.ProblemOffset];
            if (c == '*')
            {
                return "wildcards are not allowed here";
            }

            if (c >= 0x80)
            {
                return "non-ASCII character: internationalised names must be written as punycode A-labels (xn--...)";
            }

            return c == '/' || c == ':'
                ? "a URL or port where a host name was expected"
                : "character '" + c + "' is not allowed in a host name";
        }
    }
}
