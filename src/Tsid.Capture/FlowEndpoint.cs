using System;
using System.Globalization;

namespace Tsid.Capture
{
    /// <summary>One end of a transport flow: an address and a port, held by value.</summary>
    public readonly struct FlowEndpoint : IEquatable<FlowEndpoint>
    {
        /// <summary>Creates an endpoint.</summary>
        public FlowEndpoint(PacketAddress address, ushort port)
        {
            Address = address;
            Port = port;
        }

        /// <summary>The IP address.</summary>
        public PacketAddress Address { get; }

        /// <summary>The TCP or UDP port.</summary>
        public ushort Port { get; }

        /// <summary>"192.0.2.1:443", or "[2001:db8::1]:443" for IPv6 (RFC 3986 3.2.2 brackets); allocates.</summary>
        public override string ToString() => Address.IsIPv6
            ? "[" + Address.ToString() + "]:" + Port.ToString(CultureInfo.InvariantCulture)
            : Address.ToString() + ":" + Port.ToString(CultureInfo.InvariantCulture);

        /// <inheritdoc />
        public bool Equals(FlowEndpoint other) => Port == other.Port && Address.Equals(other.Address);

        /// <inheritdoc />
        public override bool Equals(object? obj) => obj is FlowEndpoint other && Equals(other);

        /// <inheritdoc />
        public override int GetHashCode() => Address.GetHashCode() ^ (Port * 0x01000193);

        /// <summary>Value equality.</summary>
        public static bool operator ==(FlowEndpoint left, FlowEndpoint right) => left.Equals(right);

        /// <summary>Value inequality.</summary>
        public static bool operator !=(FlowEndpoint left, FlowEndpoint right) => !left.Equals(right);
    }
}
