using System;
using System.Buffers.Binary;
using System.Net;

namespace Tsid.Capture
{
    /// <summary>
    /// An IPv4 or IPv6 address held by value (two 64-bit words, no allocation), so flow keys and DNS answers can be
    /// compared and hashed on the hot path. <see cref="ToIPAddress"/> and <see cref="ToString"/> allocate on request.
    /// </summary>
    public readonly struct PacketAddress : IEquatable<PacketAddress>
    {
        private readonly ulong _high;
        private readonly ulong _low;
        private readonly bool _isIPv6;

        private PacketAddress(ulong high, ulong low, bool isIPv6)
        {
            _high = high;
            _low = low;
            _isIPv6 = isIPv6;
        }

        /// <summary>True for an IPv6 address, false for IPv4.</summary>
        public bool IsIPv6 => _isIPv6;

        /// <summary>The address length in bytes: 4 or 16.</summary>
        public int Length => _isIPv6 ? 16 : 4;

        /// <summary>Reads an address from its wire form: 4 bytes (IPv4) or 16 bytes (IPv6), network byte order.</summary>
        /// <exception cref="ArgumentException">The span is neither 4 nor 16 bytes long.</exception>
        public static PacketAddress FromBytes(ReadOnlySpan<byte> address)
        {
            if (address.Length == 4)
            {
                return new PacketAddress(0, BinaryPrimitives.ReadUInt32BigEndian(address), false);
            }

            if (address.Length == 16)
            {
                return new PacketAddress(
                    BinaryPrimitives.ReadUInt64BigEndian(address),
                    BinaryPrimitives.ReadUInt64BigEndian(address.Slice(8)),
                    true);
            }

            throw new ArgumentException("An IP address is 4 or 16 bytes long.", nameof(address));
        }

        /// <summary>Converts a <see cref="IPAddress"/> (IPv4 or IPv6).</summary>
        public static PacketAddress FromIPAddress(IPAddress address)
        {
            if (address is null)
            {
                throw new ArgumentNullException(nameof(address));
            }

            return FromBytes(address.GetAddressBytes());
        }

        /// <summary>Writes the address in network byte order; returns false when <paramref name="destination"/> is too short.</summary>
        public bool TryWriteBytes(Span<byte> destination, out int bytesWritten)
        {
            bytesWritten = 0;
            if (destination.Length < Length)
            {
                return false;
            }

            if (_isIPv6)
            {
                BinaryPrimitives.WriteUInt64BigEndian(destination, _high);
                BinaryPrimitives.WriteUInt64BigEndian(destination.Slice(8), _low);
                bytesWritten = 16;
            }
            else
            {
                BinaryPrimitives.WriteUInt32BigEndian(destination, (uint)_low);
                bytesWritten = 4;
            }

            return true;
        }

        /// <summary>A new <see cref="IPAddress"/> with the same value (allocates).</summary>
        public IPAddress ToIPAddress()
        {
            byte[] bytes = new byte[Length];
            TryWriteBytes(bytes, out _);
            return new IPAddress(bytes);
        }

        /// <summary>The usual text form (dotted quad, or RFC 5952 IPv6 as <see cref="IPAddress"/> prints it).</summary>
        public override string ToString() => ToIPAddress().ToString();

        /// <inheritdoc />
        public bool Equals(PacketAddress other) => _low == other._low && _high == other._high && _isIPv6 == other._isIPv6;

        /// <inheritdoc />
        public override bool Equals(object? obj) => obj is PacketAddress other && Equals(other);

        /// <inheritdoc />
        public override int GetHashCode()
        {
            ulong mixed = (_low * 0x9E3779B97F4A7C15UL) ^ (_high * 0xC2B2AE3D27D4EB4FUL) ^ (_isIPv6 ? 1UL : 0UL);
            return (int)(mixed ^ (mixed >> 32));
        }

        /// <summary>Value equality.</summary>
        public static bool operator ==(PacketAddress left, PacketAddress right) => left.Equals(right);

        /// <summary>Value inequality.</summary>
        public static bool operator !=(PacketAddress left, PacketAddress right) => !left.Equals(right);

        internal ulong High => _high;

        internal ulong Low => _low;

        internal int CompareTo(PacketAddress other)
        {
            if (_isIPv6 != other._isIPv6)
            {
                return _isIPv6 ? 1 : -1;
            }

            int c = _high.CompareTo(other._high);
            return c != 0 ? c : _low.CompareTo(other._low);
        }
    }
}
