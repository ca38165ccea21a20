using System;

namespace Tsid.Capture
{
    /// <summary>A SOCKS 4/4a or 5 request (or a SOCKS 5 reply's bound address): a view into the bytes it was read from.</summary>
    public readonly ref struct SocksRequest
    {
        internal SocksRequest(byte version, byte command, SocksAddressType addressType, ReadOnlySpan<byte> address, ushort port, ReadOnlySpan<byte> userId)
        {
            Version = version;
            Command = command;
            AddressType = addressType;
            Address = address;
            Port = port;
            UserId = userId;
        }

        /// <summary>4 or 5.</summary>
        public byte Version { get; }

        /// <summary>CMD: 1 CONNECT, 2 BIND, 3 UDP ASSOCIATE (SOCKS 5 only); in a SOCKS 5 reply, the REP code.</summary>
        public byte Command { get; }

        /// <summary>How <see cref="Address"/> names the destination.</summary>
        public SocksAddressType AddressType { get; }

        /// <summary>4 or 16 address bytes in network order, or the domain name's bytes.</summary>
        public ReadOnlySpan<byte> Address { get; }

        /// <summary>The destination port (0 is possible on the wire).</summary>
        public ushort Port { get; }

        /// <summary>The SOCKS 4 USERID (empty for SOCKS 5).</summary>
        public ReadOnlySpan<byte> UserId { get; }
    }
}
