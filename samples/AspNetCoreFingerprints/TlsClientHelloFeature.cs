using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Tsid.Fingerprints;
using Tsid.Policy;
using Tsid.Tls;

namespace Tsid.Samples.AspNetCoreFingerprints
{
    /// <summary>
    /// The one object the callback allocates per connection: the SNI, the ALPN list and both fingerprints are copied into
    /// inline buffers of this object (the callback's bytes are gone when it returns), and strings are made only when a
    /// reader asks for them.
    /// </summary>
    public sealed class TlsClientHelloFeature : ITlsClientHelloFeature
    {
        /// <summary>The longest SNI kept (RFC 1035 2.3.4: a name is at most 255 octets); a longer one leaves <see cref="Sni"/> null.</summary>
        public const int MaxServerNameLength = 255;

        /// <summary>The most ALPN list bytes kept (RFC 7301 3.1 allows 2^16-1; real clients send under 30).</summary>
        public const int MaxAlpnLength = 256;

        private const int ByteCapacity = MaxServerNameLength + MaxAlpnLength;
        private const int CharCapacity = Fingerprints.Ja4.Length + Fingerprints.Ja3.HashLength;

        private ByteBuffer _bytes;
        private CharBuffer _chars;
        private int _sniLength;
        private int _alpnLength;
        private int _ja4Length;
        private int _ja3Length;
        private string? _sni;
        private string? _ja4;
        private string? _ja3;
        private string[]? _alpn;

        /// <inheritdoc />
        public ClientHelloStatus Status { get; internal set; }

        /// <inheritdoc />
        public TlsError Error { get; internal set; }

        /// <inheritdoc />
        public int RecordLength { get; internal set; }

        /// <inheritdoc />
        public int HelloLength { get; internal set; }

        /// <inheritdoc />
        public bool HasServerName { get; internal set; }

        /// <inheritdoc />
        public bool IsAlpnTruncated { get; private set; }

        /// <inheritdoc />
        public PolicyAction Verdict { get; internal set; }

        /// <inheritdoc />
        public PolicyDecision? Decision { get; internal set; }

        /// <inheritdoc />
        public TimeSpan InspectDuration { get; internal set; }

        /// <inheritdoc />
        public long InspectAllocatedBytes { get; internal set; }

        /// <inheritdoc />
        public string? Sni
        {
            get
            {
                if (_sni is null && _sniLength > 0)
                {
                    _sni = Latin1(ServerNameBytes);
                }

                return _sni;
            }
        }

        /// <summary>The SNI bytes as sent (a view into this object), empty when <see cref="Sni"/> is null.</summary>
        public ReadOnlySpan<byte> ServerNameBytes => ((ReadOnlySpan<byte>)_bytes).Slice(0, _sniLength);

        /// <inheritdoc />
        public IReadOnlyList<string> Alpn => _alpn ??= MakeAlpn();

        /// <inheritdoc />
        public string? Ja4 => _ja4 ??= _ja4Length == 0 ? null : new string(((ReadOnlySpan<char>)_chars).Slice(0, _ja4Length));

        /// <inheritdoc />
        public string? Ja3 => _ja3 ??= _ja3Length == 0 ? null : new string(((ReadOnlySpan<char>)_chars).Slice(Fingerprints.Ja4.Length, _ja3Length));

        /// <summary>JA4 as characters in this object (no string made), empty when unknown.</summary>
        public ReadOnlySpan<char> Ja4Chars => ((ReadOnlySpan<char>)_chars).Slice(0, _ja4Length);

        /// <summary>JA3 as characters in this object (no string made), empty when unknown.</summary>
        public ReadOnlySpan<char> Ja3Chars => ((ReadOnlySpan<char>)_chars).Slice(Fingerprints.Ja4.Length, _ja3Length);

        /// <summary>The raw ALPN protocol_name_list entries kept (each a length byte and the name), a view into this object.</summary>
        public ReadOnlySpan<byte> AlpnBytes => ((ReadOnlySpan<byte>)_bytes).Slice(MaxServerNameLength, _alpnLength);

        /// <summary>Copies what a parsed hello says into this object; computes JA4 and JA3 into its buffers.</summary>
        internal void SetFrom(scoped in ClientHello hello)
        {
            Status = ClientHelloStatus.Parsed;
            if (hello.TryGetServerName(out ReadOnlySpan<byte> name))
            {
                HasServerName = true;
                if (name.Length <= MaxServerNameLength)
                {
                    name.CopyTo(_bytes);
                    _sniLength = name.Length;
                }
            }

            if (hello.TryGetAlpn(out ProtocolNameList protocols))
            {
                Span<byte> alpn = ((Span<byte>)_bytes).Slice(MaxServerNameLength);
                foreach (ReadOnlySpan<byte> protocol in protocols)
                {
                    // RFC 7301 3.1: ProtocolName protocol_name_list<2..2^16-1>, each opaque ProtocolName<1..2^8-1>.
                    if (_alpnLength + 1 + protocol.Length > MaxAlpnLength)
                    {
                        IsAlpnTruncated = true;
                        break;
                    }

                    alpn[_alpnLength] = (byte)protocol.Length;
                    protocol.CopyTo(alpn.Slice(_alpnLength + 1));
                    _alpnLength += 1 + protocol.Length;
                }
            }

            Span<char> chars = _chars;
            Fingerprints.Ja4.TryFormat(in hello, HandshakeProtocol.Tls, Ja4Form.Hashed, chars.Slice(0, Fingerprints.Ja4.Length), out _ja4Length);
            Fingerprints.Ja3.TryFormatHash(in hello, chars.Slice(Fingerprints.Ja4.Length), out _ja3Length);
        }

        private string[] MakeAlpn()
        {
            ReadOnlySpan<byte> list = AlpnBytes;
            int count = 0;
            for (int i = 0; i < list.Length; i += 1 + list[i])
            {
                count++;
            }

            string[] names = new string[count];
            int n = 0;
            for (int i = 0; i < list.Length; i += 1 + list[i])
            {
                names[n++] = Latin1(list.Slice(i + 1, list[i]));
            }

            return names;
        }

        // One character per byte: SNI and ALPN are octets on the wire (RFC 6066 3, RFC 7301 3.1), shown as sent.
        private static string Latin1(ReadOnlySpan<byte> bytes) => System.Text.Encoding.Latin1.GetString(bytes);

        [InlineArray(ByteCapacity)]
        private struct ByteBuffer
        {
            private byte _element0;
        }

        [InlineArray(CharCapacity)]
        private struct CharBuffer
        {
            private char _element0;
        }
    }
}
