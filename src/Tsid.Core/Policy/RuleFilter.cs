using System;
using Tsid.Tls;

namespace Tsid.Policy
{
    /// <summary>
    /// A conservative summary of one rule's cheap conditions, laid out flat so a policy can skip most rules with a
    /// few integer compares. Passing the filter proves nothing: the rule is then checked in full; failing it
    /// proves the rule cannot match.
    /// </summary>
    internal struct RuleFilter
    {
        public int PortFirst;
        public uint PortSpan; // Last - First; uint.MaxValue with PortFirst = int.MinValue when there is no port condition
        public uint VersionBits; // bit (version - 0x0300) for SSL 3.0 .. TLS 1.3; all ones = no filter
        public bool SourceCheck;
        public bool SourceV6;
        public ulong SourceHigh, SourceLow, SourceMaskHigh, SourceMaskLow;
        public bool DestinationCheck;
        public bool DestinationV6;
        public ulong DestinationHigh, DestinationLow, DestinationMaskHigh, DestinationMaskLow;
        public int HostKind; // 0 none, 1 exact, 2 domain and subdomains (single simple pattern, no lists)
        public int HostLabels;
        public ulong HostFingerprint;

        public const int MaxNameLabels = 16;

        public static RuleFilter For(PolicyRule r, ulong seed)
        {
            var f = new RuleFilter { PortFirst = int.MinValue, PortSpan = uint.MaxValue, VersionBits = uint.MaxValue };
            if (r.Ports.Length != 0)
            {
                int first = int.MaxValue, last = int.MinValue;
                foreach (PortRange p in r.Ports)
                {
                    first = Math.Min(first, p.First);
                    last = Math.Max(last, p.Last);
                }

                f.PortFirst = first;
                f.PortSpan = (uint)(last - first);
            }

            if (r.Versions.Length != 0)
            {
                uint bits = 0;
                foreach (TlsProtocolVersion v in r.Versions)
                {
                    int bit = (int)v - 0x0300;
                    if (bit < 0 || bit > 31)
                    {
                        bits = uint.MaxValue; // an exotic version: no filter
                        break;
                    }

                    bits |= 1u << bit;
                }

                f.VersionBits = bits;
            }

            if (r.SourceNets.Length == 1)
            {
                f.SourceCheck = true;
                r.SourceNets[0].Describe(out f.SourceV6, out f.SourceHigh, out f.SourceLow, out f.SourceMaskHigh, out f.SourceMaskLow);
            }

            if (r.DestinationNets.Length == 1)
            {
                f.DestinationCheck = true;
                r.DestinationNets[0].Describe(out f.DestinationV6, out f.DestinationHigh, out f.DestinationLow, out f.DestinationMaskHigh, out f.DestinationMaskLow);
            }

            if (r.HostPatterns.Length == 1 && r.HostLists.Length == 0 && r.HostPatterns[0].SimpleKind != 0)
            {
                HostPattern p = r.HostPatterns[0];
                f.HostKind = p.SimpleKind;
                f.HostFingerprint = DomainHash.OfName(seed, p.Value.AsSpan(), out f.HostLabels, out _);
                if (f.HostLabels > MaxNameLabels)
                {
                    f.HostKind = 0;
                }
            }

            return f;
        }

        /// <summary>Fingerprints of the name's suffixes by label count (index k = the last k+1 labels); returns the label count, or -1 when the name is too deep to use.</summary>
        public static int Suffixes(ulong seed, ReadOnlySpan<char> name, Span<ulong> fingerprints)
        {
            name = HostNames.TrimTrailingDot(name);
            if (name.Length == 0)
            {
                return -1;
            }

            ulong h = seed;
            int end = name.Length;
            int labels = 0;
            while (true)
            {
                int dot = end - 1;
                while (dot >= 0 && name[dot] != '.')
                {
                    dot--;
                }

                if (labels == fingerprints.Length)
                {
                    return -1;
                }

                h = DomainHash.AddLabel(h, name.Slice(dot + 1, end - dot - 1));
                fingerprints[labels++] = DomainHash.Finish(h);
                if (dot < 0)
                {
                    return labels;
                }

                end = dot;
            }
        }
    }
}
