using System;
using Tsid.Identity;
using System.Collections.Generic;

namespace Tsid.Policy
{
    public sealed partial class DomainSet
    {
        /// <summary>Collects fingerprints line by line, then sorts, removes duplicates and lays out the table.</summary>
        private sealed class Accumulator
        {
            private readonly DomainListMode _mode;
            private readonly bool _hostsLines;
            private readonly ulong _seed = NewSeed();
            // Scratch grows with the entries (doubling from a small start): a one-entry list must not pay for a big one.
            private const int InitialCapacity = 8;

            private readonly List<DomainListError> _errors = new List<DomainListError>();
            private ulong[] _fingerprints = new ulong[InitialCapacity];
            private ulong[] _parents = new ulong[InitialCapacity];
            private int _count;
            private ulong _labelCounts;
            private int _maxLabels;
            private int _lines;
            private int _ignored;
            private int _badLines;

            public Accumulator(DomainListMode mode, bool hostsLines)
            {
                _mode = mode;
                _hostsLines = hostsLines;
            }

            public void Line(ReadOnlySpan<char> line)
            {
                _lines++;
                if (line.Length > MaxLineLength)
                {
                    Bad(line, "longer than " + MaxLineLength + " characters");
                    return;
                }

                int hash = line.IndexOf('#');
                if (hash >= 0)
                {
                    line = line.Slice(0, hash);
                }

                line = line.Trim();
                if (line.Length == 0)
                {
                    return;
                }

                int space = IndexOfWhitespace(line);
                if (space < 0)
                {
                    Entry(line, line);
                    return;
                }

                // hosts(5): "address name [aliases...]"; the address is ignored, every name is an entry.
                ReadOnlySpan<char> first = line.Slice(0, space);
                if (!_hostsLines || !LooksLikeAddress(first))
                {
                    Bad(line, _hostsLines ? "more than one word, and the first is not an IP address (a hosts-file line starts with one)" : "whitespace inside a name");
                    return;
                }

                ReadOnlySpan<char> rest = line.Slice(space);
                int before = _badLines;
                while (true)
                {
                    rest = rest.TrimStart();
                    if (rest.Length == 0 || _badLines != before)
                    {
                        return;
                    }

                    int next = IndexOfWhitespace(rest);
                    ReadOnlySpan<char> name = next < 0 ? rest : rest.Slice(0, next);
                    rest = next < 0 ? default : rest.Slice(next);
                    if (IsLocalName(name))
                    {
                        _ignored++;
                        continue;
                    }

                    Entry(name, line);
                }
            }

            private void Entry(ReadOnlySpan<char> name, ReadOnlySpan<char> line)
            {
                // ".example.com" (Squid style) means the same as "example.com" here: every entry covers its subdomains.
                if (name.Length > 1 && name[0] == '.')
                {
                    name = name.Slice(1);
                }

                name = HostNames.TrimTrailingDot(name);
                string? problem = name.IndexOf('*') >= 0
                    ? "wildcards are not supported in a domain list (every entry already covers its subdomains)"
                    : HostNames.CheckDomain(name, allowWildcardLabels: false);
                if (problem != null)
                {
                    Bad(line, problem);
                    return;
                }

                if (_count == MaxEntries)
                {
                    Bad(line, "more than " + MaxEntries + " entries in one list");
                    return;
                }

                ulong fp = DomainHash.OfName(_seed, name, out int labels, out ulong parent);
                if (_count == _fingerprints.Length)
                {
                    Array.Resize(ref _fingerprints, _fingerprints.Length * 2);
                    Array.Resize(ref _parents, _fingerprints.Length);
                }

                _parents[_count] = parent;
                _fingerprints[_count++] = fp;
                _labelCounts |= 1UL << (labels < 64 ? labels - 1 : 63);
                if (labels > _maxLabels)
                {
                    _maxLabels = labels;
                }
            }

            private void Bad(ReadOnlySpan<char> line, string reason)
            {
                _badLines++;
                if (_errors.Count < MaxReportedErrors)
                {
                    ReadOnlySpan<char> text = line.Length > MaxReportedTextLength ? line.Slice(0, MaxReportedTextLength) : line;
                    _errors.Add(new DomainListError(_lines, reason, text.ToString()));
                }
            }

            public DomainSet Finish(out DomainListReport report)
            {
                if (_mode == DomainListMode.Strict && _badLines != 0)
                {
                    throw new DomainListFormatException(_errors.ToArray(), _badLines);
                }

                Array.Sort(_fingerprints, 0, _count);
                int distinct = 0;
                for (int i = 0; i < _count; i++)
                {
                    if (distinct == 0 || _fingerprints[distinct - 1] != _fingerprints[i])
                    {
                        _fingerprints[distinct++] = _fingerprints[i];
                    }
                }

                // Smallest power of two keeping the load factor at or below 3/4.
                long needed = ((long)distinct * LoadDenominator + LoadNumerator - 1) / LoadNumerator;
                int capacity = 4;
                while (capacity < needed)
                {
                    capacity <<= 1;
                }

                var slots = new ulong[capacity];
                int mask = capacity - 1;
                for (int i = 0; i < distinct; i++)
                {
                    ulong fp = _fingerprints[i];
                    int slot = (int)fp & mask;
                    while (slots[slot] != 0)
                    {
                        slot = (slot + 1) & mask;
                    }

                    slots[slot] = fp;
                }

                // The parent filter: 8 bits per entry (a power of two, at least 64), so ~1/8 or fewer of the
                // two-label suffixes not in it pass by chance.
                long bits = 64;
                while (bits < 8L * distinct)
                {
                    bits <<= 1;
                }

                var filter = new ulong[bits / 64];
                int shift = 64 - Log2((int)bits);
                for (int i = 0; i < _count; i++)
                {
                    if (_parents[i] != 0)
                    {
                        ulong bit = _parents[i] >> shift;
                        filter[(int)(bit >> 6)] |= 1UL << (int)bit;
                    }
                }

                report = new DomainListReport(_lines, _count, distinct, _ignored, _badLines, _errors.ToArray());
                _fingerprints = Array.Empty<ulong>();
                _parents = Array.Empty<ulong>();
                return new DomainSet(slots, filter, _seed, _labelCounts, _maxLabels, distinct);
            }

            private static int IndexOfWhitespace(ReadOnlySpan<char> s)
            {
                for (int i = 0; i < s.Length; i++)
                {
                    if (char.IsWhiteSpace(s[i]))
                    {
                        return i;
                    }
                }

                return -1;
            }

            /// <summary>
            /// The first word of a hosts(5) line: a dotted-quad IPv4 or an RFC 4291 IPv6 address (with an optional
            /// <c>%zone</c>). Hex digits and dots alone are not enough: <c>a..</c> or <c>dead.beef</c> is a name,
            /// and a line starting with one is a bad line, not an address whose names are taken.
            /// </summary>
            private static bool LooksLikeAddress(ReadOnlySpan<char> s)
            {
                Span<byte> address = stackalloc byte[16];
                if (s.IndexOf(':') < 0)
                {
                    return IPAddressText.TryParseIPv4(s, address);
                }

                int zone = s.IndexOf('%');
                if (zone >= 0)
                {
                    if (zone == s.Length - 1)
                    {
                        return false;
                    }

                    s = s.Slice(0, zone);
                }

                return IPAddressText.TryParseIPv6(s, address);
            }

            // Names that hosts files map to the machine itself; blocking them would block the loopback.
            private static readonly string[] LocalNames =
            {
                "localhost", "localhost.localdomain", "local", "broadcasthost", "ip6-localhost", "ip6-loopback",
                "ip6-localnet", "ip6-mcastprefix", "ip6-allnodes", "ip6-allrouters", "ip6-allhosts", "0.0.0.0",
            };

            private static bool IsLocalName(ReadOnlySpan<char> name)
            {
                foreach (string local in LocalNames)
                {
                    if (HostName.EqualsIgnoreAsciiCase(name, local.AsSpan()))
                    {
                        return true;
                    }
                }

                return false;
            }
        }
    }
}
