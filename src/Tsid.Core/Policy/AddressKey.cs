using System;
using System.Net;
using System.Net.Sockets;

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

        public static AddressKey From(IPAddress? address)
        {
            if (address is null)
            {
                return default;
            }

            ulong high, low;
#if NET
            Span<byte> bytes = stackalloc byte[16];
            if (!address.TryWriteBytes(bytes, out int written))
            {
                return default;
            }

            IpNetwork.Split(bytes.Slice(0, written), out high, out low);
#else
            IpNetwork.Split(address.GetAddressBytes(), out high, out low);
#endif
            bool v6 = address.AddressFamily == AddressFamily.InterNetworkV6;
            if (v6 && high == 0 && (low >> 32) == 0xFFFF)
            {
                return new AddressKey(false, 0, low & 0xFFFF_FFFFUL); // ::ffff:a.b.c.d (RFC 4291 2.5.5.2)
            }

            return new AddressKey(v6, high, low);
        }
    }
}
