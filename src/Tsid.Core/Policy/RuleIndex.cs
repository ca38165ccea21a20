using System;
using System.Collections.Generic;

namespace Tsid.Policy
{
    /// <summary>
    /// Candidate bitsets over the rules, indexed by destination port, source and destination network and the
    /// fingerprint of a single plain host pattern, so that evaluation visits only rules that might match instead
    /// of every rule. A rule left out of a bitset cannot match; a rule in it is still checked in full, in order.
    /// </summary>
    internal sealed class RuleIndex
    {
        /// <summary>Policies with more rules are evaluated without the index (the candidate bitsets live on the stack).</summary>
        public const int MaxRules = 4096;

        private readonly int _words;
        private readonly ulong[] _portAny;
        private readonly Dictionary<int, ulong[]> _ports = new Dictionary<int, ulong[]>();
        private readonly ulong[] _hostAny;
        private readonly Dictionary<ulong, ulong[]> _hostExact = new Dictionary<ulong, ulong[]>();
        private readonly Dictionary<ulong, ulong[]> _hostDomain = new Dictionary<ulong, ulong[]>();
        private readonly NetworkIndex _sources;
        private readonly NetworkIndex _destinations;

        private RuleIndex(PolicyRule[] rules, RuleFilter[] filters)
        {
            _words = (rules.Length + 63) / 64;
            _portAny = new ulong[_words];
            _hostAny = new ulong[_words];
            _sources = new NetworkIndex(_words);
            _destinations = new NetworkIndex(_words);
            for (int i = 0; i < rules.Length; i++)
            {
                PolicyRule r = rules[i];
                bool singlePorts = r.Ports.Length != 0;
                foreach (PortRange p in r.Ports)
                {
                    singlePorts &= p.First == p.Last;
                }

                if (singlePorts)
                {
                    foreach (PortRange p in r.Ports)
                    {
                        Set(Get(_ports, p.First), i);
                    }
                }
                else
                {
                    Set(_portAny, i);
                }

                RuleFilter f = filters[i];
                if (f.HostKind == 1)
                {
                    Set(Get(_hostExact, f.HostFingerprint), i);
                }
                else if (f.HostKind == 2)
                {
                    Set(Get(_hostDomain, f.HostFingerprint), i);
                }
                else
                {
                    Set(_hostAny, i);
                }

                _sources.Add(r.SourceNets, i);
                _destinations.Add(r.DestinationNets, i);
            }
        }

        public int Words => _words;

        public static RuleIndex? For(PolicyRule[] rules, RuleFilter[] filters) =>
            rules.Length == 0 || rules.Length > MaxRules ? null : new RuleIndex(rules, filters);

        /// <summary>Fills <paramref name="result"/> with the rules that might match.</summary>
        /// <param name="result">Words bits.</param>
        /// <param name="scratch">Words bits of scratch space.</param>
        /// <param name="port">The destination port.</param>
        /// <param name="source">The source address.</param>
        /// <param name="destination">The destination address.</param>
        /// <param name="nameLabels">Label count of the only name host conditions look at, or -1 to skip the host index.</param>
        /// <param name="suffixes">The name's suffix fingerprints (same seed as the rule filters).</param>
        public void Candidates(Span<ulong> result, Span<ulong> scratch, int port, in AddressKey source, in AddressKey destination, int nameLabels, ReadOnlySpan<ulong> suffixes)
        {
            _portAny.AsSpan().CopyTo(result);
            if (_ports.TryGetValue(port, out ulong[]? byPort))
            {
                Or(result, byPort);
            }

            if (nameLabels >= 0)
            {
                _hostAny.AsSpan().CopyTo(scratch);
                if (_hostExact.TryGetValue(suffixes[nameLabels - 1], out ulong[]? exact))
                {
                    Or(scratch, exact);
                }

                for (int k = 0; k < nameLabels; k++)
                {
                    if (_hostDomain.TryGetValue(suffixes[k], out ulong[]? domain))
                    {
                        Or(scratch, domain);
                    }
                }

                And(result, scratch);
            }

            _sources.Candidates(scratch, in source);
            And(result, scratch);
            _destinations.Candidates(scratch, in destination);
            And(result, scratch);
        }

        /// <summary>The first set bit at or after <paramref name="from"/>, or <paramref name="count"/> when none.</summary>
        public static int Next(ReadOnlySpan<ulong> bits, int from, int count)
        {
            int w = from >> 6;
            if (w >= bits.Length)
            {
                return count;
            }

            ulong word = bits[w] & (ulong.MaxValue << (from & 63));
            while (true)
            {
                if (word != 0)
                {
                    int i = (w << 6) + TrailingZeros(word);
                    return i < count ? i : count;
                }

                if (++w == bits.Length)
                {
                    return count;
                }

                word = bits[w];
            }
        }

        private static int TrailingZeros(ulong v)
        {
#if NET
            return System.Numerics.BitOperations.TrailingZeroCount(v);
#else
            int n = 0;
            while ((v & 1) == 0)
            {
                v >>= 1;
                n++;
            }

            return n;
#endif
        }

        private ulong[] Get<TKey>(Dictionary<TKey, ulong[]> map, TKey key)
            where TKey : notnull
        {
            if (!map.TryGetValue(key, out ulong[]? bits))
            {
                bits = new ulong[_words];
                map.Add(key, bits);
            }

            return bits;
        }

        private static void Set(ulong[] bits, int i) => bits[i >> 6] |= 1UL << (i & 63);

        private static void Or(Span<ulong> into, ulong[] from)
        {
            for (int w = 0; w < into.Length; w++)
            {
                into[w] |= from[w];
            }
        }

        private static void And(Span<ulong> into, ReadOnlySpan<ulong> from)
        {
            for (int w = 0; w < into.Length; w++)
            {
                into[w] &= from[w];
            }
        }

        /// <summary>Networks grouped by family and prefix length: one masked lookup per group present.</summary>
        private sealed class NetworkIndex
        {
            private readonly int _words;
            private readonly ulong[] _any;
            private readonly List<Group> _groups = new List<Group>();

            public NetworkIndex(int words)
            {
                _words = words;
                _any = new ulong[words];
            }

            public void Add(IpNetwork[] nets, int rule)
            {
                if (nets.Length == 0)
                {
                    Set(_any, rule);
                    return;
                }

                foreach (IpNetwork n in nets)
                {
                    n.Describe(out bool v6, out ulong high, out ulong low, out ulong maskHigh, out ulong maskLow);
                    Group? g = null;
                    foreach (Group candidate in _groups)
                    {
                        if (candidate.V6 == v6 && candidate.MaskHigh == maskHigh && candidate.MaskLow == maskLow)
                        {
                            g = candidate;
                            break;
                        }
                    }

                    if (g is null)
                    {
                        g = new Group(v6, maskHigh, maskLow);
                        _groups.Add(g);
                    }

                    if (!g.Map.TryGetValue((high, low), out ulong[]? bits))
                    {
                        bits = new ulong[_words];
                        g.Map.Add((high, low), bits);
                    }

                    Set(bits, rule);
                }
            }

            public void Candidates(Span<ulong> result, in AddressKey address)
            {
                _any.AsSpan().CopyTo(result);
                if (!address.Known)
                {
                    return;
                }

                foreach (Group g in _groups)
                {
                    if (g.V6 == address.IsIPv6 && g.Map.TryGetValue((address.High & g.MaskHigh, address.Low & g.MaskLow), out ulong[]? bits))
                    {
                        Or(result, bits);
                    }
                }
            }

            private sealed class Group
            {
                public Group(bool v6, ulong maskHigh, ulong maskLow)
                {
                    V6 = v6;
                    MaskHigh = maskHigh;
                    MaskLow = maskLow;
                }

                public bool V6 { get; }

                public ulong MaskHigh { get; }

                public ulong MaskLow { get; }

                public Dictionary<(ulong, ulong), ulong[]> Map { get; } = new Dictionary<(ulong, ulong), ulong[]>();
            }
        }
    }
}
