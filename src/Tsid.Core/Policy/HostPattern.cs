using System;
using Tsid.Identity;

namespace Tsid.Policy
{
    /// <summary>
    /// One host pattern parsed under a <see cref="Tsid.Policy.Dialect"/>. Immutable; matching is allocation-free,
    /// ASCII case-insensitive, and ignores one trailing dot on the host.
    /// </summary>
    public sealed class HostPattern
    {
        private enum Kind : byte
        {
            Exact,
            SameOrSubdomain,
            OneLabelWildcard,
            Labels,
            UrlSubstring,
            AnyHost,
            Never,
        }

        private const string TlsUrlPrefix = "https://";

        private readonly Kind _kind;
        private readonly string _value; // canonical host/domain, or the URL substring
        private readonly string[]? _labels; // Labels kind: right-most label last, "*" for a wildcard label
        private readonly bool _exactLabels;
        private readonly int _port;

        private HostPattern(string text, Dialect dialect, Kind kind, string value, string[]? labels = null, bool exactLabels = false, int port = 0, string? neverReason = null)
        {
            Text = text;
            Dialect = dialect;
            _kind = kind;
            _value = value;
            _labels = labels;
            _exactLabels = exactLabels;
            _port = port;
            NeverMatchesReason = neverReason;
        }

        /// <summary>The pattern as written.</summary>
        public string Text { get; }

        /// <summary>The dialect it was parsed under.</summary>
        public Dialect Dialect { get; }

        /// <summary>
        /// When the pattern is valid in its product but can never match a TLS connection (a Chrome filter for
        /// another scheme, or with a path), why; otherwise <see langword="null"/>.
        /// </summary>
        public string? NeverMatchesReason { get; }

        /// <summary>Parses a pattern, throwing on bad input.</summary>
        /// <param name="text">The pattern.</param>
        /// <param name="dialect">The syntax it is written in.</param>
        /// <returns>The pattern.</returns>
        /// <exception cref="FormatException">The pattern is invalid in <paramref name="dialect"/>.</exception>
        public static HostPattern Parse(string text, Dialect dialect)
        {
            if (!TryParse(text, dialect, out HostPattern? pattern, out string? error))
            {
                throw new FormatException("Invalid " + dialect + " pattern '" + text + "': " + error);
            }

            return pattern;
        }

        /// <summary>Parses a pattern.</summary>
        /// <param name="text">The pattern.</param>
        /// <param name="dialect">The syntax it is written in.</param>
        /// <param name="pattern">The pattern, when valid.</param>
        /// <param name="error">Why it is invalid, otherwise <see langword="null"/>.</param>
        /// <returns><see langword="true"/> when the pattern is valid in <paramref name="dialect"/>.</returns>
        public static bool TryParse(string? text, Dialect dialect, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out HostPattern? pattern, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? error)
        {
            pattern = null;
            if (string.IsNullOrWhiteSpace(text))
            {
                error = "empty pattern";
                return false;
            }

            string t = text!.Trim();
            switch (dialect)
            {
                case Dialect.Exact:
                    error = Host(t, false, out string exact);
                    pattern = error is null ? new HostPattern(text, dialect, Kind.Exact, exact) : null;
                    break;
                case Dialect.Wildcard:
                    error = ParseWildcard(text, t, out pattern);
                    break;
                case Dialect.SquidDstdomain:
                    bool tree = t.Length > 1 && t[0] == '.';
                    error = Host(tree ? t.Substring(1) : t, false, out string squid);
                    pattern = error is null ? new HostPattern(text, dialect, tree ? Kind.SameOrSubdomain : Kind.Exact, squid) : null;
                    break;
                case Dialect.CiscoSecurityIntelligence:
                    error = ParseCiscoSi(text, t, out pattern);
                    break;
                case Dialect.CiscoUrlObject:
                    error = ParseCiscoUrlObject(text, t, out pattern);
                    break;
                case Dialect.ChromeUrlBlocklist:
                    error = ParseChrome(text, t, out pattern);
                    break;
                default:
                    error = "unknown dialect " + (int)dialect;
                    break;
            }

            return error is null;
        }

        /// <summary>Does the pattern match this host (on any destination port)?</summary>
        /// <param name="host">The host name.</param>
        /// <returns><see langword="true"/> on a match.</returns>
        public bool Matches(ReadOnlySpan<char> host) => Matches(host, 0);

        /// <summary>Does the pattern match this host on this destination port (0 = unknown: port-specific patterns do not match)?</summary>
        /// <param name="host">The host name.</param>
        /// <param name="destinationPort">The TCP destination port, or 0 when unknown.</param>
        /// <returns><see langword="true"/> on a match.</returns>
        public bool Matches(ReadOnlySpan<char> host, int destinationPort)
        {
            host = HostNames.TrimTrailingDot(host);
            if (host.Length == 0)
            {
                return false;
            }

            switch (_kind)
            {
                case Kind.Exact:
                    return PortOk(destinationPort) && HostName.EqualsIgnoreAsciiCase(host, _value.AsSpan());
                case Kind.SameOrSubdomain:
                    return PortOk(destinationPort) && HostNames.IsSameOrSubdomain(host, _value.AsSpan());
                case Kind.OneLabelWildcard:
                    // RFC 6125 6.4.3: "*" stands for exactly one non-empty left-most label.
                    int dot = host.IndexOf('.');
                    return dot > 0 && HostName.EqualsIgnoreAsciiCase(host.Slice(dot + 1), _value.AsSpan());
                case Kind.Labels:
                    return MatchLabels(host);
                case Kind.UrlSubstring:
                    return MatchUrlSubstring(host);
                case Kind.AnyHost:
                    return PortOk(destinationPort);
                default:
                    return false;
            }
        }

        /// <inheritdoc/>
        public override string ToString() => Dialect + ":" + Text;

        /// <summary>0 when the pattern is not a plain host (exact) or domain-and-subdomains match on any port; 1 for exact; 2 for domain and subdomains.</summary>
        internal int SimpleKind => _port != 0 ? 0 : _kind == Kind.Exact ? 1 : _kind == Kind.SameOrSubdomain ? 2 : 0;

        /// <summary>The canonical host or domain of a simple pattern.</summary>
        internal string Value => _value;

        private bool PortOk(int port) => _port == 0 || _port == port;

        private bool MatchLabels(ReadOnlySpan<char> host)
        {
            string[] labels = _labels!;
            int end = host.Length;
            for (int j = labels.Length - 1; j >= 0; j--)
            {
                if (end < 0)
                {
                    return false; // the host has fewer labels than the pattern
                }

                int dot = host.Slice(0, end).LastIndexOf('.');
                ReadOnlySpan<char> label = host.Slice(dot + 1, end - dot - 1);
                string p = labels[j];
                if (p == "*" ? label.Length == 0 : !HostName.EqualsIgnoreAsciiCase(label, p.AsSpan()))
                {
                    return false;
                }

                end = dot; // -1 once the host's left-most label has been used
            }

            return !_exactLabels || end < 0;
        }

        // The URL Firepower can see on a TLS connection without decryption: scheme and host only.
        private static char UrlChar(ReadOnlySpan<char> host, int i) =>
            i < TlsUrlPrefix.Length ? TlsUrlPrefix[i] : i - TlsUrlPrefix.Length < host.Length ? HostName.FoldAscii(host[i - TlsUrlPrefix.Length]) : '/';

        private bool MatchUrlSubstring(ReadOnlySpan<char> host)
        {
            string p = _value;
            int urlLength = TlsUrlPrefix.Length + host.Length + 1;
            for (int start = 0; start + p.Length <= urlLength; start++)
            {
                bool boundary = start == 0 || p[0] == '.' || UrlChar(host, start - 1) == '.'
                    || (start >= 3 && UrlChar(host, start - 3) == ':' && UrlChar(host, start - 2) == '/' && UrlChar(host, start - 1) == '/');
                if (!boundary)
                {
                    continue;
                }

                int k = 0;
                while (k < p.Length && UrlChar(host, start + k) == p[k])
                {
                    k++;
                }

                if (k == p.Length)
                {
                    return true;
                }
            }

            return false;
        }

        private static string? Host(string s, bool wildcards, out string canonical)
        {
            canonical = HostNames.Canonical(s);
            return HostNames.CheckDomain(canonical.AsSpan(), wildcards);
        }

        private static string? ParseWildcard(string text, string t, out HostPattern? pattern)
        {
            pattern = null;
            if (t.StartsWith("*.", StringComparison.Ordinal))
            {
                string? error = Host(t.Substring(2), false, out string rest);
                if (error != null)
                {
                    return error;
                }

                // RFC 6125 7.2 / CA/B Forum: no wildcard directly over a single label such as "*.com".
                if (rest.IndexOf('.') < 0)
                {
                    return "a wildcard needs at least two labels after it ('*.com' would cover a whole TLD)";
                }

                pattern = new HostPattern(text, Dialect.Wildcard, Kind.OneLabelWildcard, rest);
                return null;
            }

            if (t.IndexOf('*') >= 0)
            {
                return "the wildcard must be the whole left-most label ('*.example.com')";
            }

            string? e = Host(t, false, out string exact);
            pattern = e is null ? new HostPattern(text, Dialect.Wildcard, Kind.Exact, exact) : null;
            return e;
        }

        private static string? ParseCiscoSi(string text, string t, out HostPattern? pattern)
        {
            pattern = null;
            int scheme = t.IndexOf("://", StringComparison.Ordinal);
            if (scheme >= 0)
            {
                t = t.Substring(scheme + 3);
            }

            bool exact = false;
            int slash = t.IndexOf('/');
            if (slash >= 0)
            {
                if (slash != t.Length - 1)
                {
                    return "a URL path cannot be matched on a TLS connection (only the host is visible); give the host, or host/ for an exact match";
                }

                exact = true;
                t = t.Substring(0, slash);
            }

            string? error = Host(t, true, out string canonical);
            if (error != null)
            {
                return error;
            }

            if (canonical.IndexOf('*') < 0)
            {
                pattern = new HostPattern(text, Dialect.CiscoSecurityIntelligence, exact ? Kind.Exact : Kind.SameOrSubdomain, canonical);
            }
            else
            {
                pattern = new HostPattern(text, Dialect.CiscoSecurityIntelligence, Kind.Labels, canonical, canonical.Split('.'), exact);
            }

            return null;
        }

        private static string? ParseCiscoUrlObject(string text, string t, out HostPattern? pattern)
        {
            pattern = null;
            if (t.IndexOf('/') >= 0)
            {
                if (t.IndexOf(' ') >= 0)
                {
                    return "spaces are not allowed in a URL";
                }

                pattern = new HostPattern(text, Dialect.CiscoUrlObject, Kind.UrlSubstring, HostNames.Canonical(t));
                return null;
            }

            string? error = Host(t, false, out string host);
            pattern = error is null ? new HostPattern(text, Dialect.CiscoUrlObject, Kind.SameOrSubdomain, host) : null;
            return error;
        }

        private static string? ParseChrome(string text, string t, out HostPattern? pattern)
        {
            pattern = null;
            int fragment = t.IndexOf('#');
            if (fragment >= 0)
            {
                t = t.Substring(0, fragment);
            }

            string? scheme = null;
            int sep = t.IndexOf("://", StringComparison.Ordinal);
            if (sep >= 0)
            {
                scheme = t.Substring(0, sep);
                t = t.Substring(sep + 3);
            }

            int hostEnd = t.IndexOfAny(new[] { '/', '?' });
            int at = t.IndexOf('@');
            if (at >= 0 && (hostEnd < 0 || at < hostEnd))
            {
                t = t.Substring(at + 1); // user:pass@ is ignored
                hostEnd = t.IndexOfAny(new[] { '/', '?' });
            }

            string authority = hostEnd < 0 ? t : t.Substring(0, hostEnd);
            string tail = hostEnd < 0 ? string.Empty : t.Substring(hostEnd);
            int port = 0;
            int colon = authority.LastIndexOf(':');
            if (colon >= 0 && authority.IndexOf(']') < colon)
            {
                string portText = authority.Substring(colon + 1);
                if (!int.TryParse(portText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out port) || port < 1 || port > 65535)
                {
                    return "port must be 1-65535";
                }

                authority = authority.Substring(0, colon);
            }

            bool exactOnly = authority.Length > 1 && authority[0] == '.';
            string host = exactOnly ? authority.Substring(1) : authority;
            if (host.Length > 1 && host[host.Length - 1] == '.')
            {
                host = host.Substring(0, host.Length - 1);
            }

            if (host.Length == 0)
            {
                return "the host is required";
            }

            string? never = null;
            if (scheme != null && scheme != "*" && !scheme.Equals("https", StringComparison.OrdinalIgnoreCase) && !scheme.Equals("wss", StringComparison.OrdinalIgnoreCase))
            {
                never = "scheme '" + scheme + "' is not a TLS scheme";
            }
            else if (tail.Length > 1 || (tail.Length == 1 && tail != "/"))
            {
                never = "a path or query is not visible on a TLS connection";
            }

            if (host == "*")
            {
                pattern = new HostPattern(text, Dialect.ChromeUrlBlocklist, never is null ? Kind.AnyHost : Kind.Never, "*", port: port, neverReason: never);
                return null;
            }

            string canonical;
            if (host[0] == '[')
            {
                if (host[host.Length - 1] != ']')
                {
                    return "unterminated IPv6 literal";
                }

                canonical = HostNames.Canonical(host);
            }
            else
            {
                string? error = Host(host, false, out canonical);
                if (error != null)
                {
                    return error;
                }
            }

            Kind kind = never != null ? Kind.Never : exactOnly ? Kind.Exact : Kind.SameOrSubdomain;
            pattern = new HostPattern(text, Dialect.ChromeUrlBlocklist, kind, canonical, port: port, neverReason: never);
            return null;
        }
    }
}
