using System;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Tsid.Policy
{
    /// <summary>
    /// An IPv4 or IPv6 network in CIDR notation (RFC 4632 3.1, RFC 4291 2.3), e.g. <c>10.12.1.0/24</c> or
    /// <c>2001:db8::/32</c>; a bare address is a /32 or /128. IPv4-mapped IPv6 addresses (<c>::ffff:a.b.c.d</c>,
    /// RFC 4291 2.5.5.2) are compared as IPv4.
    /// </summary>
    public readonly struct IpNetwork : IEquatable<IpNetwork>
    {
        private readonly ulong _high;
        private readonly ulong _low;
        private readonly ulong _maskHigh;
        private readonly ulong _maskLow;

        private IpNetwork(bool v6, ulong high, ulong low, int prefix)
        {
            IsIPv6 = v6;
            _high = high;
            _low = low;
            PrefixLength = prefix;
            Mask(v6 ? prefix : prefix + 96, out _maskHigh, out _maskLow);
        }

        /// <summary>True for an IPv6 network.</summary>
        public bool IsIPv6 { get; }

        /// <summary>The prefix length (0–32 for IPv4, 0–128 for IPv6).</summary>
        public int PrefixLength { get; }

        /// <summary>Parses CIDR notation.</summary>
        /// <param name="text">e.g. <c>10.12.1.0/24</c>.</param>
        /// <param name="network">The network when valid.</param>
        /// <param name="error">Why the text is invalid, otherwise <see langword="null"/>.</param>
        /// <returns><see langword="true"/> when valid.</returns>
        public static bool TryParse(string? text, out IpNetwork network, [System.Diagnostics.CodeAnalysis.NotNullWhen(false)] out string? error)
        {
            network = default;
            if (string.IsNullOrWhiteSpace(text))
            {
                error = "empty network";
                return false;
            }

            string t = text!.Trim();
            int slash = t.IndexOf('/');
            string addressText = slash < 0 ? t : t.Substring(0, slash);
            if (addressText.IndexOf('%') >= 0 || !IPAddress.TryParse(addressText, out IPAddress? address))
            {
                error = "'" + addressText + "' is not an IP address";
                return false;
            }

            if (address.AddressFamily == AddressFamily.InterNetwork && addressText.Split('.').Length != 4)
            {
                error = "'" + addressText + "' is not a dotted-quad IPv4 address";
                return false;
            }

            bool v6 = address.AddressFamily == AddressFamily.InterNetworkV6;
            int max = v6 ? 128 : 32;
            int prefix = max;
            if (slash >= 0 && (!int.TryParse(t.Substring(slash + 1), NumberStyles.None, CultureInfo.InvariantCulture, out prefix) || prefix > max))
            {
                error = "prefix length must be 0-" + max;
                return false;
            }

            Split(address.GetAddressBytes(), out ulong high, out ulong low);
            Mask(v6 ? prefix : prefix + 96, out ulong mh, out ulong ml);
            if (!v6)
            {
                mh = ulong.MaxValue;
            }

            if ((high & ~mh) != 0 || (low & ~ml) != 0)
            {
                error = "host bits are set after the /" + prefix + " prefix";
                return false;
            }

            network = new IpNetwork(v6, high, low, prefix);
            error = null;
            return true;
        }

        /// <summary>Parses CIDR notation, throwing on bad input.</summary>
        /// <param name="text">e.g. <c>10.12.1.0/24</c>.</param>
        /// <returns>The network.</returns>
        /// <exception cref="FormatException">The text is not valid CIDR notation.</exception>
        public static IpNetwork Parse(string text) =>
            TryParse(text, out IpNetwork n, out string? error) ? n : throw new FormatException("Invalid network '" + text + "': " + error);

        /// <summary>Is <paramref name="address"/> inside this network? Allocation-free on .NET 8+.</summary>
        /// <param name="address">The address (IPv4-mapped IPv6 addresses count as IPv4).</param>
        /// <returns><see langword="true"/> when inside.</returns>
        public bool Contains(IPAddress? address) => Contains(AddressKey.From(address));

        internal void Describe(out bool v6, out ulong high, out ulong low, out ulong maskHigh, out ulong maskLow)
        {
            v6 = IsIPv6;
            high = _high;
            low = _low;
            maskHigh = _maskHigh;
            maskLow = _maskLow;
        }

        internal bool Contains(in AddressKey key) =>
            key.Known && key.IsIPv6 == IsIPv6 && (key.High & _maskHigh) == _high && (key.Low & _maskLow) == _low;

        /// <inheritdoc/>
        public bool Equals(IpNetwork other) => IsIPv6 == other.IsIPv6 && _high == other._high && _low == other._low && PrefixLength == other.PrefixLength;

        /// <inheritdoc/>
        public override bool Equals(object? obj) => obj is IpNetwork n && Equals(n);

        /// <inheritdoc/>
        public override int GetHashCode() => (_high ^ _low ^ (ulong)PrefixLength).GetHashCode();

        /// <inheritdoc/>
        public override string ToString()
        {
            byte[] bytes = new byte[IsIPv6 ? 16 : 4];
            ulong high = _high, low = _low;
            for (int i = bytes.Length - 1; i >= 0; i--)
            {
                int fromEnd = bytes.Length - 1 - i;
                bytes[i] = (byte)(fromEnd < 8 ? low >> (8 * fromEnd) : high >> (8 * (fromEnd - 8)));
            }

            return new IPAddress(bytes).ToString() + "/" + PrefixLength.ToString(CultureInfo.InvariantCulture);
        }

        // Big-endian bytes into a 128-bit number; an IPv4 address lands in the low 32 bits.
        internal static void Split(ReadOnlySpan<byte> bytes, out ulong high, out ulong low)
        {
            high = 0;
            low = 0;
            int offset = 16 - bytes.Length;
            for (int i = 0; i < bytes.Length; i++)
            {
                int pos = offset + i;
                if (pos < 8)
                {
                    high = (high << 8) | bytes[i];
                }
                else
                {
                    low = (low << 8) | bytes[i];
                }
            }
        }

        private static void Mask(int prefix128, out ulong high, out ulong low)
        {
            high = prefix128 >= 64 ? ulong.MaxValue : prefix128 == 0 ? 0 : ulong.MaxValue << (64 - prefix128);
            int rest = prefix128 - 64;
            low = rest <= 0 ? 0 : rest >= 64 ? ulong.MaxValue : ulong.MaxValue << (64 - rest);
        }
    }
}
