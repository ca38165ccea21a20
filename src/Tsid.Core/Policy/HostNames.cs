using System;

namespace Tsid.Policy
{
    /// <summary>Allocation-free helpers for comparing host names: ASCII case-insensitive, one trailing dot ignored.</summary>
    internal static class HostNames
    {
        public static ReadOnlySpan<char> TrimTrailingDot(ReadOnlySpan<char> host) =>
            host.Length != 0 && host[host.Length - 1] == '.' ? host.Slice(0, host.Length - 1) : host;

        /// <summary>Ordinal comparison with ASCII letters folded (RFC 4343: DNS names compare case-insensitively in ASCII only).</summary>
        public static bool EqualsIgnoreAsciiCase(ReadOnlySpan<char> a, ReadOnlySpan<char> b)
        {
            if (a.Length != b.Length)
            {
                return false;
            }

            for (int i = a.Length - 1; i >= 0; i--)
            {
                if (a[i] != b[i] && DomainHash.Fold(a[i]) != DomainHash.Fold(b[i]))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary><paramref name="host"/> is <paramref name="domain"/> or a subdomain of it (the match starts at a label boundary).</summary>
        public static bool IsSameOrSubdomain(ReadOnlySpan<char> host, ReadOnlySpan<char> domain)
        {
            if (host.Length == domain.Length)
            {
                return EqualsIgnoreAsciiCase(host, domain);
            }

            return host.Length > domain.Length
                && host[host.Length - domain.Length - 1] == '.'
                && EqualsIgnoreAsciiCase(host.Slice(host.Length - domain.Length), domain);
        }

        /// <summary>Lowercases ASCII letters and drops one trailing dot (the canonical form patterns are stored in).</summary>
        public static string Canonical(string name)
        {
            ReadOnlySpan<char> s = TrimTrailingDot(name.AsSpan());
            char[] chars = new char[s.Length];
            for (int i = 0; i < s.Length; i++)
            {
                chars[i] = DomainHash.Fold(s[i]);
            }

            return new string(chars);
        }

        /// <summary>
        /// Checks a domain name as list entries and patterns must be written: ASCII letters, digits, '-' and '_'
        /// (underscores occur in real service names and lists), labels of 1–63 characters, at most 253 characters
        /// (RFC 1035 2.3.4), no trailing dot (callers remove it first). Internationalised names must be A-labels
        /// (RFC 5890 2.3.2.1), the form every vendor list requires.
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

            int labelStart = 0;
            for (int i = 0; i <= name.Length; i++)
            {
                if (i == name.Length || name[i] == '.')
                {
                    int len = i - labelStart;
                    if (len == 0)
                    {
                        return "empty label";
                    }

                    if (len > DomainSet.MaxLabelLength)
                    {
                        return "label longer than " + DomainSet.MaxLabelLength + " characters";
                    }

                    ReadOnlySpan<char> label = name.Slice(labelStart, len);
                    if (label.IndexOf('*') >= 0 && !(allowWildcardLabels && len == 1))
                    {
                        return allowWildcardLabels
                            ? "'*' must stand for a whole label"
                            : "wildcards are not allowed here";
                    }

                    labelStart = i + 1;
                    continue;
                }

                char c = name[i];
                if (c >= 0x80)
                {
                    return "non-ASCII character: internationalised names must be written as punycode A-labels (xn--...)";
                }

                bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '*';
                if (!ok)
                {
                    return c == '/' || c == ':'
                        ? "a URL or port where a host name was expected"
                        : "character '" + c + "' is not allowed in a host name";
                }
            }

            return null;
        }
    }
}
