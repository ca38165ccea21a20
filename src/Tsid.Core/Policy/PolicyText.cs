using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.RegularExpressions;
using Tsid.Identity;
using Tsid.Tls;

namespace Tsid.Policy
{
    /// <summary>
    /// Reads the line format of a policy (docs/policy.md, "Policy files"): one statement per line, <c>#</c>
    /// comments, <c>list</c> and <c>rule</c> blocks closed by <c>end</c>. The library does no file I/O: lists
    /// given as <c>file=PATH</c> are opened through the caller's <c>openList</c> callback (fingerprint lists,
    /// <c>fingerprints NAME file=PATH</c>, too).
    /// </summary>
    public static class PolicyText
    {
        /// <summary>Longest policy line read, in characters; a longer one is an error on its line (a policy is written by people).</summary>
        public const int MaxLineLength = 8192;

        /// <summary>Parses a policy text.</summary>
        /// <param name="text">The policy.</param>
        /// <param name="openList">Opens the reader for <c>list NAME file=PATH</c> (the <c>tsid</c> tool resolves PATH relative to the policy file); <see langword="null"/> forbids such lists.</param>
        /// <param name="categories">The category lookup for <c>category</c> conditions, if any.</param>
        /// <returns>The built policy.</returns>
        /// <exception cref="PolicyFormatException">Every syntax and validation problem, with line numbers.</exception>
        public static AccessPolicy Parse(string text, Func<string, TextReader>? openList = null, ICategoryLookup? categories = null) =>
            Parse(new StringReader(text ?? throw new ArgumentNullException(nameof(text))), openList, categories);

        /// <summary>Parses a policy text from a reader (read to its end, not disposed).</summary>
        /// <param name="reader">The policy.</param>
        /// <param name="openList">Opens the reader for <c>list NAME file=PATH</c>; <see langword="null"/> forbids such lists.</param>
        /// <param name="categories">The category lookup for <c>category</c> conditions, if any.</param>
        /// <returns>The built policy.</returns>
        /// <exception cref="PolicyFormatException">Every syntax and validation problem, with line numbers.</exception>
        public static AccessPolicy Parse(TextReader reader, Func<string, TextReader>? openList = null, ICategoryLookup? categories = null)
        {
            if (reader is null)
            {
                throw new ArgumentNullException(nameof(reader));
            }

            var parser = new Parser(openList);
            string? line;
            while ((line = reader.ReadLine()) != null)
            {
                parser.Line(line);
            }

            return parser.Finish(categories);
        }

        private static readonly char[] WordSeparators = { ' ', '\t' };

        private sealed class Parser
        {
            private readonly Func<string, TextReader>? _openList;
            private readonly List<PolicyTextError> _errors = new List<PolicyTextError>();
            private readonly Dictionary<string, DomainSet> _lists = new Dictionary<string, DomainSet>(StringComparer.OrdinalIgnoreCase);
            private readonly PolicyBuilder _builder = new PolicyBuilder();
            private readonly List<int> _ruleLines = new List<int>();
            private int _line;

            // The block being read: an inline list or a rule.
            private string? _listName;
            private int _listStart;
            private System.Text.StringBuilder? _listText;
            private string? _ruleName;
            private int _ruleStart;
            private PolicyAction _ruleAction;
            private string? _ruleTag;
            private List<(int Line, string[] Words)>? _ruleLinesInBlock;
            private bool _sawDefault;

            // Fingerprint lists ('fingerprints NAME [file=PATH] [lenient]'), and the inline one being read.
            private readonly Dictionary<string, FingerprintSet> _fingerprintLists = new Dictionary<string, FingerprintSet>(StringComparer.OrdinalIgnoreCase);
            private string? _fingerprintsName;
            private int _fingerprintsStart;
            private System.Text.StringBuilder? _fingerprintsText;

            public Parser(Func<string, TextReader>? openList) => _openList = openList;

            private void Error(string message) => _errors.Add(new PolicyTextError(_line, message));

            public void Line(string raw)
            {
                _line++;
                if (raw.Length > MaxLineLength)
                {
                    Error("line longer than " + MaxLineLength + " characters");
                    return;
                }

                int hash = raw.IndexOf('#');
                string text = (hash >= 0 ? raw.Substring(0, hash) : raw).Trim();
                if (_fingerprintsText != null)
                {
                    if (text == "end")
                    {
                        EndFingerprints();
                    }
                    else
                    {
                        _fingerprintsText.Append(text).Append('\n');
                    }

                    return;
                }

                if (_listText != null)
                {
                    if (text == "end")
                    {
                        EndList();
                    }
                    else
                    {
                        _listText.Append(text).Append('\n');
                    }

                    return;
                }

                if (text.Length == 0)
                {
                    return;
                }

                string[] words = text.Split(WordSeparators, StringSplitOptions.RemoveEmptyEntries);
                if (_ruleLinesInBlock != null)
                {
                    if (words[0] == "end")
                    {
                        EndRule();
                    }
                    else
                    {
                        _ruleLinesInBlock.Add((_line, words));
                    }

                    return;
                }

                switch (words[0])
                {
                    case "match":
                        if (words.Length != 2 || !TryMode(words[1], out MatchMode mode))
                        {
                            Error("expected 'match resolved-identity' or 'match any-presented-name'");
                        }
                        else
                        {
                            _builder.Match(mode);
                        }

                        break;
                    case "default":
                        if (words.Length < 2 || !TryAction(words[1], out PolicyAction action) || !TryTag(words, 2, out string? tag))
                        {
                            Error("expected 'default allow|block [tag=TEXT]'");
                        }
                        else
                        {
                            _sawDefault = true;
                            _builder.Default(action, tag);
                        }

                        break;
                    case "rejected-identity":
                        if (words.Length < 2 || !TryAction(words[1], out PolicyAction rejected) || !TryTag(words, 2, out string? rejectedTag))
                        {
                            Error("expected 'rejected-identity allow|block|monitor [tag=TEXT]'");
                        }
                        else
                        {
                            _builder.OnRejectedIdentity(rejected, rejectedTag);
                        }

                        break;
                    case "list":
                        StartList(words);
                        break;
                    case "blocklist":
                    case "allowlist":
                        UseList(words);
                        break;
                    case "rule":
                        StartRule(words);
                        break;
                    case "fingerprints":
                        StartFingerprints(words);
                        break;
                    case "end":
                        Error("'end' without an open 'list' or 'rule'");
                        break;
                    default:
                        Error("unknown statement '" + words[0] + "' (expected match, default, rejected-identity, list, fingerprints, blocklist, allowlist or rule)");
                        break;
                }
            }

            private void StartList(string[] words)
            {
                if (words.Length < 2)
                {
                    Error("expected 'list NAME' or 'list NAME file=PATH [lenient]'");
                    return;
                }

                string name = words[1];
                if (_lists.ContainsKey(name))
                {
                    Error("list '" + name + "' is defined twice");
                }

                ReadListOptions(words, "list", out string? file, out DomainListMode mode);

                if (file is null)
                {
                    _listName = name;
                    _listStart = _line;
                    _listText = new System.Text.StringBuilder();
                    return;
                }

                if (TryLoadListFile("list", name, file, reader => DomainSet.Load(reader, mode, out _), out DomainSet? set))
                {
                    _lists[name] = set!;
                }
            }

            private void StartFingerprints(string[] words)
            {
                if (words.Length < 2)
                {
                    Error("expected 'fingerprints NAME' or 'fingerprints NAME file=PATH [lenient]'");
                    return;
                }

                string name = words[1];
                if (_fingerprintLists.ContainsKey(name))
                {
                    Error("fingerprint list '" + name + "' is defined twice");
                }

                ReadListOptions(words, "fingerprint list", out string? file, out DomainListMode mode);

                if (file is null)
                {
                    _fingerprintsName = name;
                    _fingerprintsStart = _line;
                    _fingerprintsText = new System.Text.StringBuilder();
                    return;
                }

                if (TryLoadListFile("fingerprint list", name, file, reader => FingerprintSet.Load(reader, mode, out _), out FingerprintSet? set))
                {
                    _fingerprintLists[name] = set!;
                }
            }

            /// <summary>The options of <c>list</c> and <c>fingerprints</c> after NAME: <c>file=PATH</c> and <c>lenient</c>, in any order.</summary>
            private void ReadListOptions(string[] words, string what, out string? file, out DomainListMode mode)
            {
                file = null;
                mode = DomainListMode.Strict;
                for (int i = 2; i < words.Length; i++)
                {
                    if (words[i].StartsWith("file=", StringComparison.Ordinal))
                    {
                        file = words[i].Substring(5);
                    }
                    else if (words[i] == "lenient")
                    {
                        mode = DomainListMode.Lenient;
                    }
                    else
                    {
                        Error("unknown " + what + " option '" + words[i] + "'");
                    }
                }
            }

            /// <summary>
            /// Loads a list file through the caller's opener (domain or fingerprint list: one way to open, report and
            /// fail); every problem becomes a policy error that names the list and the file.
            /// </summary>
            private bool TryLoadListFile<T>(string what, string name, string file, Func<TextReader, T> load, out T? result)
                where T : class
            {
                result = null;
                if (_openList is null)
                {
                    Error(what + " '" + name + "' names a file but this reader cannot open files");
                    return false;
                }

                try
                {
                    using TextReader reader = _openList(file);
                    result = load(reader);
                    return true;
                }
                catch (DomainListFormatException ex)
                {
                    foreach (DomainListError e in ex.Errors)
                    {
                        Error(what + " '" + name + "' (" + file + ") " + e);
                    }
                }
                catch (IOException ex)
                {
                    Error(what + " '" + name + "': cannot read " + file + ": " + ex.Message);
                }
                catch (UnauthorizedAccessException ex)
                {
                    Error(what + " '" + name + "': cannot read " + file + ": " + ex.Message);
                }

                return false;
            }

            private void EndFingerprints()
            {
                string name = _fingerprintsName!;
                try
                {
                    _fingerprintLists[name] = FingerprintSet.Parse(_fingerprintsText!.ToString());
                }
                catch (DomainListFormatException ex)
                {
                    foreach (DomainListError e in ex.Errors)
                    {
                        _errors.Add(new PolicyTextError(_fingerprintsStart + e.Line, "fingerprint list '" + name + "': " + e.Reason + " ('" + e.Text + "')"));
                    }
                }

                _fingerprintsText = null;
                _fingerprintsName = null;
            }

            private void EndList()
            {
                string name = _listName!;
                try
                {
                    _lists[name] = DomainSet.Parse(_listText!.ToString());
                }
                catch (DomainListFormatException ex)
                {
                    foreach (DomainListError e in ex.Errors)
                    {
                        _errors.Add(new PolicyTextError(_listStart + e.Line, "list '" + name + "': " + e.Reason + " ('" + e.Text + "')"));
                    }
                }

                _listText = null;
                _listName = null;
            }

            private void UseList(string[] words)
            {
                bool block = words[0] == "blocklist";
                if (words.Length < 2 || words.Length > 3 || (words.Length == 3 && !(block && words[2] == "monitor")))
                {
                    Error(block ? "expected 'blocklist LIST [monitor]'" : "expected 'allowlist LIST'");
                    return;
                }

                if (!_lists.TryGetValue(words[1], out DomainSet? set))
                {
                    Error("unknown list '" + words[1] + "' (define it with 'list' first)");
                    return;
                }

                if (block)
                {
                    _builder.BlockList(set, words[1], words.Length == 3 ? PolicyAction.Monitor : PolicyAction.Block);
                }
                else
                {
                    _builder.AllowList(set, words[1]);
                }
            }

            private void StartRule(string[] words)
            {
                if (words.Length < 3 || !TryAction(words[2], out PolicyAction action) || !TryTag(words, 3, out string? tag))
                {
                    Error("expected 'rule NAME allow|block|monitor [tag=TEXT]'");
                    _ruleName = null;
                    _ruleLinesInBlock = new List<(int, string[])>(); // still consume the block up to 'end'
                    _ruleStart = -1;
                    return;
                }

                _ruleName = words[1];
                _ruleAction = action;
                _ruleTag = tag;
                _ruleStart = _line;
                _ruleLinesInBlock = new List<(int, string[])>();
            }

            private void EndRule()
            {
                List<(int Line, string[] Words)> lines = _ruleLinesInBlock!;
                _ruleLinesInBlock = null;
                if (_ruleStart < 0)
                {
                    return;
                }

                int saved = _line;
                var conditions = new List<Action<RuleBuilder>>();
                foreach ((int lineNo, string[] w) in lines)
                {
                    _line = lineNo;
                    Action<RuleBuilder>? c = Condition(w);
                    if (c != null)
                    {
                        conditions.Add(c);
                    }
                }

                _line = saved;
                PolicyAction action = _ruleAction;
                string? tag = _ruleTag;
                _ruleLines.Add(_ruleStart);
                _builder.Rule(_ruleName!, r =>
                {
                    foreach (Action<RuleBuilder> c in conditions)
                    {
                        c(r);
                    }

                    switch (action)
                    {
                        case PolicyAction.Allow: r.Allow(tag); break;
                        case PolicyAction.Block: r.Block(tag); break;
                        default: r.Monitor(tag); break;
                    }
                });
            }

            private Action<RuleBuilder>? Condition(string[] w)
            {
                if (w.Length < 2)
                {
                    Error("condition '" + w[0] + "' needs at least one value");
                    return null;
                }

                var values = new string[w.Length - 1];
                Array.Copy(w, 1, values, 0, values.Length);
                switch (w[0])
                {
                    case "from":
                        return r => { foreach (string v in values) { r.FromNetwork(v); } };
                    case "to":
                        return r => { foreach (string v in values) { r.ToNetwork(v); } };
                    case "port":
                        var ports = new List<PortRange>();
                        foreach (string v in values)
                        {
                            if (PortRange.TryParse(v, out PortRange p))
                            {
                                ports.Add(p);
                            }
                            else
                            {
                                Error("'" + v + "' is not a port or port range (1-65535)");
                            }
                        }

                        return r => { foreach (PortRange p in ports) { r.ToPorts(p.First, p.Last); } };
                    case "host":
                        if (values.Length < 2 || !TryDialect(values[0], out Dialect dialect))
                        {
                            Error("expected 'host DIALECT PATTERN...' with DIALECT one of cisco-si, cisco-url, squid, chrome, exact, wildcard");
                            return null;
                        }

                        return r => { for (int i = 1; i < values.Length; i++) { r.ToHost(values[i], dialect); } };
                    case "proxy-target":
                        if (values.Length < 2 || !TryDialect(values[0], out Dialect proxyDialect))
                        {
                            Error("expected 'proxy-target DIALECT PATTERN...' with DIALECT one of cisco-si, cisco-url, squid, chrome, exact, wildcard");
                            return null;
                        }

                        return r => { for (int i = 1; i < values.Length; i++) { r.ToProxyTarget(values[i], proxyDialect); } };
                    case "host-list":
                        var sets = new List<(string, DomainSet)>();
                        foreach (string v in values)
                        {
                            if (_lists.TryGetValue(v, out DomainSet? s))
                            {
                                sets.Add((v, s));
                            }
                            else
                            {
                                Error("unknown list '" + v + "' (define it with 'list' first)");
                            }
                        }

                        return r => { foreach ((string n, DomainSet s) in sets) { r.ToHostIn(s, n); } };
                    case "tls":
                        var versions = new List<TlsProtocolVersion>();
                        foreach (string v in values)
                        {
                            if (TryVersion(v, out TlsProtocolVersion tv))
                            {
                                versions.Add(tv);
                            }
                            else
                            {
                                Error("unknown TLS version '" + v + "' (ssl3, 1.0, 1.1, 1.2, 1.3)");
                            }
                        }

                        return r => { foreach (TlsProtocolVersion v in versions) { r.WithTlsVersion(v); } };
                    case "alpn":
                        return r => { foreach (string v in values) { r.WithAlpn(v); } };
                    case "alpn-offered":
                        return r => { foreach (string v in values) { r.WithOfferedAlpn(v); } };
                    case "source":
                        var sources = new List<IdentitySource>();
                        foreach (string v in values)
                        {
                            if (Enum.TryParse(v.Replace("-", string.Empty), ignoreCase: true, out IdentitySource s) && Enum.IsDefined(typeof(IdentitySource), s) && !IsNumber(v))
                            {
                                sources.Add(s);
                            }
                            else
                            {
                                Error("unknown identity source '" + v + "' (e.g. sni, subject-common-name, first-subject-alt-name, dns-hint)");
                            }
                        }

                        return r => { foreach (IdentitySource s in sources) { r.WithIdentitySource(s); } };
                    case "covers-sni":
                        if (values.Length != 1 || (values[0] != "yes" && values[0] != "no"))
                        {
                            Error("expected 'covers-sni yes' or 'covers-sni no'");
                            return null;
                        }

                        bool covers = values[0] == "yes";
                        return r => r.WhenCertificateCoversSni(covers);
                    case "category":
                        return r => { foreach (string v in values) { r.InCategory(v); } };
                    case "ja4":
                        return r => { foreach (string v in values) { r.WithJa4(v); } };
                    case "ja3":
                        return r => { foreach (string v in values) { r.WithJa3(v); } };
                    case "fingerprint-list":
                        var fingerprintSets = new List<(string, FingerprintSet)>();
                        foreach (string v in values)
                        {
                            if (_fingerprintLists.TryGetValue(v, out FingerprintSet? s))
                            {
                                fingerprintSets.Add((v, s));
                            }
                            else
                            {
                                Error("unknown fingerprint list '" + v + "' (define it with 'fingerprints' first)");
                            }
                        }

                        return r => { foreach ((string n, FingerprintSet s) in fingerprintSets) { r.WithFingerprintIn(s, n); } };
                    default:
                        Error("unknown condition '" + w[0] + "' (from, to, port, host, host-list, proxy-target, tls, alpn, alpn-offered, source, covers-sni, category, ja4, ja3, fingerprint-list)");
                        return null;
                }
            }

            public AccessPolicy Finish(ICategoryLookup? categories)
            {
                _line++;
                if (_listText != null)
                {
                    Error("list '" + _listName + "' (line " + _listStart + ") has no 'end'");
                }

                if (_ruleLinesInBlock != null)
                {
                    Error("rule '" + _ruleName + "' (line " + _ruleStart + ") has no 'end'");
                }

                if (_fingerprintsText != null)
                {
                    Error("fingerprint list '" + _fingerprintsName + "' (line " + _fingerprintsStart + ") has no 'end'");
                }

                if (!_sawDefault && _errors.Count == 0)
                {
                    Error("no 'default allow' or 'default block' line");
                }

                if (categories != null)
                {
                    _builder.Categories(categories);
                }

                if (_errors.Count != 0)
                {
                    throw new PolicyFormatException(_errors);
                }

                try
                {
                    return _builder.Build();
                }
                catch (PolicyValidationException ex)
                {
                    var errors = new List<PolicyTextError>();
                    foreach (string problem in ex.Problems)
                    {
                        Match m = Regex.Match(problem, @"^rule #(\d+)");
                        int index = m.Success ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) - 1 : -1;
                        errors.Add(new PolicyTextError(index >= 0 && index < _ruleLines.Count ? _ruleLines[index] : 0, problem));
                    }

                    throw new PolicyFormatException(errors);
                }
            }

            private static bool IsNumber(string s) => s.Length != 0 && (char.IsDigit(s[0]) || s[0] == '-');

            private static bool TryMode(string s, out MatchMode mode)
            {
                mode = s == "any-presented-name" ? MatchMode.AnyPresentedName : MatchMode.ResolvedIdentity;
                return s == "resolved-identity" || s == "any-presented-name";
            }

            private static bool TryAction(string s, out PolicyAction action)
            {
                action = s switch { "allow" => PolicyAction.Allow, "block" => PolicyAction.Block, "monitor" => PolicyAction.Monitor, _ => 0 };
                return action != 0;
            }

            private static bool TryTag(string[] words, int at, out string? tag)
            {
                tag = null;
                if (words.Length == at)
                {
                    return true;
                }

                if (words.Length == at + 1 && words[at].StartsWith("tag=", StringComparison.Ordinal) && words[at].Length > 4)
                {
                    tag = words[at].Substring(4);
                    return true;
                }

                return false;
            }

            private static bool TryDialect(string s, out Dialect dialect)
            {
                dialect = s switch
                {
                    "cisco-si" => Dialect.CiscoSecurityIntelligence,
                    "cisco-url" => Dialect.CiscoUrlObject,
                    "squid" => Dialect.SquidDstdomain,
                    "chrome" => Dialect.ChromeUrlBlocklist,
                    "exact" => Dialect.Exact,
                    "wildcard" => Dialect.Wildcard,
                    _ => 0,
                };
                return dialect != 0;
            }

            private static bool TryVersion(string s, out TlsProtocolVersion v)
            {
                v = s switch
                {
                    "ssl3" => TlsProtocolVersion.Ssl30,
                    "1.0" => TlsProtocolVersion.Tls10,
                    "1.1" => TlsProtocolVersion.Tls11,
                    "1.2" => TlsProtocolVersion.Tls12,
                    "1.3" => TlsProtocolVersion.Tls13,
                    _ => TlsProtocolVersion.None,
                };
                return v != TlsProtocolVersion.None;
            }
        }
    }
}
