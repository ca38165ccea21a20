using System;

namespace Tsid.Tls
{
    /// <summary>One key share (RFC 8446 4.2.8 <c>struct { NamedGroup group; opaque key_exchange&lt;1..2^16-1&gt;; } KeyShareEntry</c>).</summary>
    public readonly ref struct KeyShareEntry
    {
        internal KeyShareEntry(TlsNamedGroup group, ReadOnlySpan<byte> keyExchange)
        {
            Group = group;
            KeyExchange = keyExchange;
        }

        /// <summary>The group (GREASE and unknown values kept).</summary>
        public TlsNamedGroup Group { get; }

        /// <summary>The key_exchange bytes (1216 for an X25519MLKEM768 client share).</summary>
        public ReadOnlySpan<byte> KeyExchange { get; }
    }
}
