using System;

namespace Tsid.Capture
{
    /// <summary>A PROXY protocol header (v1 or v2): the original connection's endpoints and, for v2, its TLVs. A view into the input.</summary>
    public readonly ref struct ProxyHeader
    {
        internal ProxyHeader(byte version, bool isLocal, bool hasAddresses, FlowEndpoint source, FlowEndpoint destination, ReadOnlySpan<byte> authority, ReadOnlySpan<byte> tlvs)
        {
            Version = version;
            IsLocal = isLocal;
            HasAddresses = hasAddresses;
            Source = source;
            Destination = destination;
            Authority = authority;
            Tlvs = tlvs;
        }

        /// <summary>1 (text) or 2 (binary).</summary>
        public byte Version { get; }

        /// <summary>True for a v2 LOCAL command or a v1 <c>UNKNOWN</c> line: the proxy's own connection (health checks); the addresses are then not the client's.</summary>
        public bool IsLocal { get; }

        /// <summary>True when <see cref="Source"/> and <see cref="Destination"/> hold IPv4 or IPv6 endpoints (TCP4/TCP6, AF_INET/AF_INET6).</summary>
        public bool HasAddresses { get; }

        /// <summary>The original client's address and port.</summary>
        public FlowEndpoint Source { get; }

        /// <summary>The original destination (the address the client connected to, on the proxy).</summary>
        public FlowEndpoint Destination { get; }

        /// <summary>The v2 PP2_TYPE_AUTHORITY TLV value (the host name the client used, usually the SNI or Host); empty when absent.</summary>
        public ReadOnlySpan<byte> Authority { get; }

        /// <summary>Every v2 TLV as sent (type, 2-byte length, value ...); empty for v1.</summary>
        public ReadOnlySpan<byte> Tlvs { get; }
    }
}
