using System;
using System.Net;

namespace Tsid.Policy
{
    /// <summary>An address as a 128-bit number, computed once per evaluation so that every network condition is two masks and two compares.</summary>
    internal readonly struct AddressKey
    {
        public readonly bool Known;
        public readonly bool IsIPv6;
        public readonly ulong High;
        public readonly ulong Low;

        private AddressKey(bool v6, ulong high, ulong low)
        {
            Known = true;
            IsIPv6 = v6;
            High = high;
            Low = low;
        }

        /// <summary>An address given as 4 or 16 bytes in network order; any other length is unknown.</summary>
        public static AddressKey From(ReadOnlySpan<byte> address)
        {
            if (address.Length != 4 && address.Length != 16)
            {
                return default;
            }

            IpNetwork.Split(address, out ulong high, out ulong low);
            if (address.Length == 16 && high == 0 && (low >> 32) == 0xFFFF)
            {
                return new AddressKey(false, 0, low & 0xFFFF_FFFFUL); // ::ffff:a.b.c.d (RFC 4291 2.5.5.2)
            }

            return new AddressKey(address.Length == 16, high, low);
        }

        /// <summary>The same for an <see cref="IPAddress"/> (a convenience off the hot path: allocates on netstandard2.0).</summary>
        public static AddressKey From(IPAddress? address)
        {
            if (address is null)
            {
                return default;
            }
#if NET
            Span<byte> bytes = stackalloc byte[16];
            return address.TryWriteBytes(bytes, out int written) ? From(bytes.Slice(0, written)) : default;
#else
            return From(address.GetAddressBytes());
#endif
        }
    }
}
