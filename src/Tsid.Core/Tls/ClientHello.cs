using System;

namespace Tsid.Tls
{
    /// <summary>
    /// A ClientHello (RFC 8446 4.1.2; RFC 5246 7.4.1.2 for older versions), a view over the handshake message body:
    /// <code>
    /// struct {
    ///     ProtocolVersion legacy_version;
    ///     Random random;
    ///     opaque legacy_session_id&lt;0..32&gt;;
    ///     CipherSuite cipher_suites&lt;2..2^16-2&gt;;
    ///     opaque legacy_compression_methods&lt;1..2^8-1&gt;;
    ///     Extension extensions&lt;8..2^16-1&gt;;   /* may be absent before TLS 1.3 */
    /// } ClientHello;
    /// </code>
    /// <see cref="TryParse(ReadOnlySpan{byte}, out ClientHello, out TlsError)"/> checks every length and the syntax
    /// of every extension it has a typed reader for, so the typed getters below never fail on a parsed hello.
    /// </summary>
    public readonly ref partial struct ClientHello
    {
        /// <summary>The size of <c>Random</c>.</summary>
        public const int RandomLength = 32;

        /// <summary>The longest legacy_session_id (RFC 8446 4.1.2).</summary>
        public const int MaxSessionIdLength = 32;

        private readonly ReadOnlySpan<byte> _body;
        private readonly int _sessionIdLength;
        private readonly int _cipherSuitesOffset;
        private readonly int _cipherSuitesLength;
        private readonly int _compressionOffset;
        private readonly int _compressionLength;
        private readonly int _extensionsOffset;
        private readonly int _extensionsLength;
        private readonly int _extensionCount;
        private readonly int _serverNameOffset;
        private readonly int _serverNameLength;
        private readonly int _alpnOffset;
        private readonly int _alpnLength;
        private readonly int _supportedVersionsOffset;
        private readonly int _supportedVersionsLength;
        private readonly int _keyShareOffset;
        private readonly int _keyShareLength;
        private readonly EncryptedClientHello _ech;
        private readonly ClientHelloFlags _flags;

        private ClientHello(ReadOnlySpan<byte> body, scoped in Layout layout)
        {
            _body = body;
            _sessionIdLength = layout.SessionIdLength;
            _cipherSuitesOffset = layout.CipherSuitesOffset;
            _cipherSuitesLength = layout.CipherSuitesLength;
            _compressionOffset = layout.CompressionOffset;
            _compressionLength = layout.CompressionLength;
            _extensionsOffset = layout.ExtensionsOffset;
            _extensionsLength = layout.ExtensionsLength;
            _extensionCount = layout.ExtensionCount;
            _serverNameOffset = layout.ServerNameOffset;
            _serverNameLength = layout.ServerNameLength;
            _alpnOffset = layout.AlpnOffset;
            _alpnLength = layout.AlpnLength;
            _supportedVersionsOffset = layout.SupportedVersionsOffset;
            _supportedVersionsLength = layout.SupportedVersionsLength;
            _keyShareOffset = layout.KeyShareOffset;
            _keyShareLength = layout.KeyShareLength;
            _ech = layout.Ech;
            _flags = layout.Flags;
        }

        [Flags]
        private enum ClientHelloFlags : byte
        {
            None = 0,
            HasExtensionsBlock = 1,
            HasEch = 2,
            HasPreSharedKey = 4,
            HasEarlyData = 8,
        }

        /// <summary>The whole message body this view reads.</summary>
        public ReadOnlySpan<byte> Encoded => _body;

        /// <summary>legacy_version (0x0303 for TLS 1.3 clients; the real versions are in supported_versions).</summary>
        public TlsProtocolVersion LegacyVersion => (TlsProtocolVersion)((_body[0] << 8) | _body[1]);

        /// <summary>The 32-byte random.</summary>
        public ReadOnlySpan<byte> Random => _body.Slice(2, RandomLength);

        /// <summary>legacy_session_id (0..32 bytes).</summary>
        public ReadOnlySpan<byte> LegacySessionId => _body.Slice(2 + RandomLength + 1, _sessionIdLength);

        /// <summary>cipher_suites in wire order (GREASE kept).</summary>
        public TlsUInt16List CipherSuites => new TlsUInt16List(_body.Slice(_cipherSuitesOffset, _cipherSuitesLength));

        /// <summary>legacy_compression_methods.</summary>
        public ReadOnlySpan<byte> CompressionMethods => _body.Slice(_compressionOffset, _compressionLength);

        /// <summary>True when the hello carries an extensions block (always for TLS 1.2+ clients in practice).</summary>
        public bool HasExtensions => (_flags & ClientHelloFlags.HasExtensionsBlock) != 0;

        /// <summary>Every extension in wire order as (type, data); unknown and GREASE untouched.</summary>
        public TlsExtensionList Extensions => new TlsExtensionList(_body.Slice(_extensionsOffset, _extensionsLength), _extensionsOffset, _extensionCount);

        /// <summary>
        /// Parses a ClientHello message body (the bytes after the 4-byte handshake header).
        /// </summary>
        /// <param name="body">The body.</param>
        /// <param name="hello">The view.</param>
        /// <param name="error">What was wrong and where (offset within <paramref name="body"/>).</param>
        /// <returns>True when the hello is well formed.</returns>
        public static bool TryParse(ReadOnlySpan<byte> body, out ClientHello hello, out TlsError error)
        {
            hello = default;
            var layout = default(Layout);
            TlsErrorCode code = Parse(body, ref layout, out int at);
            if (code != TlsErrorCode.None)
            {
                error = new TlsError(code, at);
                return false;
            }

            error = default;
            hello = new ClientHello(body, layout);
            return true;
        }

        /// <summary>
        /// Parses a ClientHello that sits whole in one TLS record (the usual case for small hellos): record header,
        /// handshake header, body. A hello that spans records needs <see cref="TlsHandshakeReassembler"/>; here it
        /// is reported as <see cref="TlsErrorCode.Truncated"/>.
        /// </summary>
        /// <param name="record">Bytes starting at the record header.</param>
        /// <param name="hello">The view.</param>
        /// <param name="error">What was wrong and where (offset within <paramref name="record"/>).</param>
        /// <returns>True when the hello is well formed.</returns>
        public static bool TryParseRecord(ReadOnlySpan<byte> record, out ClientHello hello, out TlsError error)
        {
            hello = default;
            if (TlsRecordHeader.TryRead(record, out TlsRecordHeader header, out error) != System.Buffers.OperationStatus.Done)
            {
                if (!error.IsError)
                {
                    error = new TlsError(TlsErrorCode.Truncated, record.Length);
                }

                return false;
            }

            const int hs = TlsRecordHeader.Size + 4;
            if (header.ContentType != TlsContentType.Handshake || record.Length < hs || record[TlsRecordHeader.Size] != (byte)TlsHandshakeType.ClientHello)
            {
                error = new TlsError(record.Length < hs ? TlsErrorCode.Truncated : TlsErrorCode.UnexpectedMessage, record.Length < hs ? record.Length : 0);
                return false;
            }

            int length = (record[6] << 16) | (record[7] << 8) | record[8];
            if (length > header.Length - 4 || record.Length - hs < length)
            {
                error = new TlsError(TlsErrorCode.Truncated, record.Length);
                return false;
            }

            if (!TryParse(record.Slice(hs, length), out hello, out TlsError inner))
            {
                error = new TlsError(inner.Code, inner.Offset + hs);
                return false;
            }

            return true;
        }

        private static TlsErrorCode Parse(ReadOnlySpan<byte> b, ref Layout layout, out int at)
        {
            // Direct indexing with one running offset: this is the hot path, so no nested readers here. Every
            // length is checked against what is left before it is used.
            int p = 2 + RandomLength;
            at = p;
            if (b.Length <= p)
            {
                at = b.Length;
                return TlsErrorCode.Truncated;
            }

            int sessionId = b[p];
            if (sessionId > b.Length - p - 1)
            {
                return TlsErrorCode.Truncated;
            }

            if (sessionId > MaxSessionIdLength)
            {
                return TlsErrorCode.InvalidSessionId;
            }

            layout.SessionIdLength = sessionId;
            p += 1 + sessionId;
            at = p;
            if (b.Length - p < 2)
            {
                return TlsErrorCode.Truncated;
            }

            int suites = (b[p] << 8) | b[p + 1];
            if (suites > b.Length - p - 2)
            {
                return TlsErrorCode.Truncated;
            }

            if (suites < 2 || (suites & 1) != 0)
            {
                return TlsErrorCode.InvalidCipherSuites;
            }

            layout.CipherSuitesOffset = p + 2;
            layout.CipherSuitesLength = suites;
            p += 2 + suites;
            at = p;
            if (p >= b.Length)
            {
                return TlsErrorCode.Truncated;
            }

            int compression = b[p];
            if (compression > b.Length - p - 1)
            {
                return TlsErrorCode.Truncated;
            }

            if (compression == 0)
            {
                return TlsErrorCode.InvalidCompressionMethods;
            }

            layout.CompressionOffset = p + 1;
            layout.CompressionLength = compression;
            p += 1 + compression;
            layout.ExtensionsOffset = p;
            layout.ServerNameOffset = -1;
            layout.AlpnOffset = -1;
            layout.SupportedVersionsOffset = -1;
            layout.KeyShareOffset = -1;

            // RFC 5246 7.4.1.2: a hello without extensions simply ends here.
            if (p == b.Length)
            {
                return TlsErrorCode.None;
            }

            at = p;
            if (b.Length - p < 2)
            {
                return TlsErrorCode.Truncated;
            }

            int length = (b[p] << 8) | b[p + 1];
            if (length > b.Length - p - 2)
            {
                return TlsErrorCode.Truncated;
            }

            if (length != b.Length - p - 2)
            {
                at = p + 2 + length;
                return TlsErrorCode.TrailingData;
            }

            layout.Flags |= ClientHelloFlags.HasExtensionsBlock;
            layout.ExtensionsOffset = p + 2;
            layout.ExtensionsLength = length;
            return ParseExtensions(b, p + 2, length, ref layout, out at);
        }

        /// <summary>Bloom-filter hits on high extension types that are rescanned before one exact pass over the block.</summary>
        private const int MaxRescans = 8;

        private static TlsErrorCode ParseExtensions(ReadOnlySpan<byte> b, int start, int length, ref Layout layout, out int at)
        {
            int end = start + length;
            int p = start;
            ulong low = 0;
            ulong high0 = 0;
            ulong high1 = 0;
            int rescans = 0;
            int firstDuplicate = -2; // -2: still tracking; else the exact answer for the whole block (-1: none)
            bool pskSeen = false;
            while (p < end)
            {
                at = p;
                if (pskSeen)
                {
                    return TlsErrorCode.PreSharedKeyNotLast;
                }

                if (end - p < 4)
                {
                    return TlsErrorCode.Truncated;
                }

                int type = (b[p] << 8) | b[p + 1];
                int size = (b[p + 2] << 8) | b[p + 3];
                int d = p + 4;
                if (size > end - d)
                {
                    return TlsErrorCode.Truncated;
                }

                // RFC 8446 4.2: no extension type twice. Exact and allocation-free; hostile hellos with many distinct
                // high types switch to one exact pass over the block, so the work stays linear.
                if (firstDuplicate == -2)
                {
                    if (type < 64)
                    {
                        ulong bit = 1UL << type;
                        if ((low & bit) != 0)
                        {
                            return TlsErrorCode.DuplicateExtension;
                        }

                        low |= bit;
                    }
                    else
                    {
                        // Higher types (GREASE, renegotiation_info, ECH, ALPS, …): a 128-bit Bloom filter; a hit is
                        // confirmed by rescanning the earlier headers, and many hits switch to the exact pass.
                        int h = (int)((uint)(type * 0x9E3779B1u) >> 25);
                        ulong bit = 1UL << (h & 63);
                        bool hit = h < 64 ? (high0 & bit) != 0 : (high1 & bit) != 0;
                        if (hit)
                        {
                            if (++rescans > MaxRescans)
                            {
                                int first = ExtensionDuplicateFilter.FindFirstDuplicate(b.Slice(start, length));
                                firstDuplicate = first < 0 ? -1 : start + first;
                            }
                            else if (AppearsBefore(b, start, p, type))
                            {
                                return TlsErrorCode.DuplicateExtension;
                            }
                        }

                        if (h < 64)
                        {
                            high0 |= bit;
                        }
                        else
                        {
                            high1 |= bit;
                        }
                    }
                }

                if (p == firstDuplicate)
                {
                    return TlsErrorCode.DuplicateExtension;
                }

                layout.ExtensionCount++;
                at = d;
                ReadOnlySpan<byte> data = b.Slice(d, size);
                TlsErrorCode code = TlsErrorCode.None;
                switch ((TlsExtensionType)type)
                {
                    case TlsExtensionType.ServerName:
                        code = ValidateServerName(data);
                        layout.ServerNameOffset = d;
                        layout.ServerNameLength = size;
                        break;
                    case TlsExtensionType.ApplicationLayerProtocolNegotiation:
                        code = ValidateAlpn(data);
                        layout.AlpnOffset = d;
                        layout.AlpnLength = size;
                        break;
                    case TlsExtensionType.SupportedVersions:
                        code = ValidateUInt8Prefixed16List(data, TlsErrorCode.InvalidSupportedVersions);
                        layout.SupportedVersionsOffset = d;
                        layout.SupportedVersionsLength = size;
                        break;
                    case TlsExtensionType.KeyShare:
                        code = ValidateKeyShare(data);
                        layout.KeyShareOffset = d;
                        layout.KeyShareLength = size;
                        break;
                    case TlsExtensionType.SupportedGroups:
                        code = ValidateUInt16Prefixed16List(data, TlsErrorCode.InvalidSupportedGroups);
                        break;
                    case TlsExtensionType.SignatureAlgorithms:
                    case TlsExtensionType.SignatureAlgorithmsCert:
                        code = ValidateUInt16Prefixed16List(data, TlsErrorCode.InvalidSignatureAlgorithms);
                        break;
                    case TlsExtensionType.PskKeyExchangeModes:
                        code = ValidateUInt8PrefixedBytes(data, TlsErrorCode.InvalidPskKeyExchangeModes);
                        break;
                    case TlsExtensionType.EcPointFormats:
                        code = ValidateUInt8PrefixedBytes(data, TlsErrorCode.InvalidEcPointFormats);
                        break;
                    case TlsExtensionType.CompressCertificate:
                        code = ValidateUInt8Prefixed16List(data, TlsErrorCode.InvalidCompressCertificate);
                        break;
                    case TlsExtensionType.PreSharedKey:
                        code = ValidatePreSharedKey(data);
                        pskSeen = true;
                        layout.Flags |= ClientHelloFlags.HasPreSharedKey;
                        break;
                    case TlsExtensionType.EarlyData:
                        code = data.IsEmpty ? TlsErrorCode.None : TlsErrorCode.InvalidEarlyData;
                        layout.Flags |= ClientHelloFlags.HasEarlyData;
                        break;
                    case TlsExtensionType.EncryptedClientHello:
                        code = EncryptedClientHello.Parse(new TlsReader(data, d), out layout.Ech);
                        layout.Flags |= ClientHelloFlags.HasEch;
                        break;
                    case TlsExtensionType.StatusRequest:
                        code = ValidateStatusRequest(data);
                        break;
                    case TlsExtensionType.RenegotiationInfo:
                        code = data.Length >= 1 && data[0] == data.Length - 1 ? TlsErrorCode.None : TlsErrorCode.InvalidRenegotiationInfo;
                        break;
                    case TlsExtensionType.RecordSizeLimit:
                        // RFC 8449 4: uint16 RecordSizeLimit, at least 64.
                        code = data.Length == 2 && ((data[0] << 8) | data[1]) >= 64 ? TlsErrorCode.None : TlsErrorCode.InvalidRecordSizeLimit;
                        break;
                }

                if (code != TlsErrorCode.None)
                {
                    return code;
                }

                p = d + size;
            }

            at = 0;
            return TlsErrorCode.None;
        }

        private static int UInt16At(ReadOnlySpan<byte> data, int at) => (data[at] << 8) | data[at + 1];

        /// <summary>True when an extension of <paramref name="type"/> appears in [start, end) (headers already checked).</summary>
        private static bool AppearsBefore(ReadOnlySpan<byte> b, int start, int end, int type)
        {
            for (int q = start; q < end; q += 4 + UInt16At(b, q + 2))
            {
                if (UInt16At(b, q) == type)
                {
                    return true;
                }
            }

            return false;
        }

        private static TlsErrorCode ValidateServerName(ReadOnlySpan<byte> data)
        {
            // RFC 6066 3: ServerName server_name_list<1..2^16-1>; every name type carries a uint16-prefixed name
            // (unknown types are read the same way, they are unparseable otherwise), HostName<1..2^16-1>.
            if (data.Length < 2 || UInt16At(data, 0) != data.Length - 2 || data.Length == 2)
            {
                return TlsErrorCode.InvalidServerName;
            }

            for (int q = 2; q < data.Length;)
            {
                if (data.Length - q < 3)
                {
                    return TlsErrorCode.InvalidServerName;
                }

                int name = UInt16At(data, q + 1);
                if (name == 0 || name > data.Length - q - 3)
                {
                    return TlsErrorCode.InvalidServerName;
                }

                q += 3 + name;
            }

            return TlsErrorCode.None;
        }

        private static TlsErrorCode ValidateAlpn(ReadOnlySpan<byte> data)
        {
            // RFC 7301 3.1: ProtocolName protocol_name_list<2..2^16-1>; ProtocolName<1..2^8-1>.
            if (data.Length < 4 || UInt16At(data, 0) != data.Length - 2)
            {
                return TlsErrorCode.InvalidAlpn;
            }

            for (int q = 2; q < data.Length;)
            {
                int name = data[q];
                if (name == 0 || name > data.Length - q - 1)
                {
                    return TlsErrorCode.InvalidAlpn;
                }

                q += 1 + name;
            }

            return TlsErrorCode.None;
        }

        private static TlsErrorCode ValidateKeyShare(ReadOnlySpan<byte> data)
        {
            // RFC 8446 4.2.8: KeyShareEntry client_shares<0..2^16-1>; key_exchange<1..2^16-1>.
            if (data.Length < 2 || UInt16At(data, 0) != data.Length - 2)
            {
                return TlsErrorCode.InvalidKeyShare;
            }

            for (int q = 2; q < data.Length;)
            {
                if (data.Length - q < 4)
                {
                    return TlsErrorCode.InvalidKeyShare;
                }

                int key = UInt16At(data, q + 2);
                if (key == 0 || key > data.Length - q - 4)
                {
                    return TlsErrorCode.InvalidKeyShare;
                }

                q += 4 + key;
            }

            return TlsErrorCode.None;
        }

        private static TlsErrorCode ValidatePreSharedKey(ReadOnlySpan<byte> data)
        {
            // RFC 8446 4.2.11: PskIdentity identities<7..2^16-1>; PskBinderEntry binders<33..2^16-1>.
            if (data.Length < 2)
            {
                return TlsErrorCode.InvalidPreSharedKey;
            }

            int identities = UInt16At(data, 0);
            int rest = data.Length - 2 - identities;
            if (identities == 0 || rest < 2)
            {
                return TlsErrorCode.InvalidPreSharedKey;
            }

            int binders = UInt16At(data, 2 + identities);
            return binders != 0 && binders == rest - 2 ? TlsErrorCode.None : TlsErrorCode.InvalidPreSharedKey;
        }

        private static TlsErrorCode ValidateUInt8Prefixed16List(ReadOnlySpan<byte> data, TlsErrorCode error) =>
            data.Length >= 3 && data[0] == data.Length - 1 && (data[0] & 1) == 0 ? TlsErrorCode.None : error;

        private static TlsErrorCode ValidateUInt16Prefixed16List(ReadOnlySpan<byte> data, TlsErrorCode error) =>
            data.Length >= 4 && UInt16At(data, 0) == data.Length - 2 && (data.Length & 1) == 0 ? TlsErrorCode.None : error;

        private static TlsErrorCode ValidateUInt8PrefixedBytes(ReadOnlySpan<byte> data, TlsErrorCode error) =>
            data.Length >= 2 && data[0] == data.Length - 1 ? TlsErrorCode.None : error;

        private static TlsErrorCode ValidateStatusRequest(ReadOnlySpan<byte> data)
        {
            // RFC 6066 8: CertificateStatusType status_type; case ocsp: ResponderID responder_id_list<0..2^16-1>; Extensions request_extensions<0..2^16-1>.
            if (data.IsEmpty)
            {
                return TlsErrorCode.InvalidStatusRequest;
            }

            if (data[0] != 1)
            {
                return TlsErrorCode.None;
            }

            if (data.Length < 5)
            {
                return TlsErrorCode.InvalidStatusRequest;
            }

            int responders = UInt16At(data, 1);
            int rest = data.Length - 3 - responders;
            return rest >= 2 && UInt16At(data, 3 + responders) == rest - 2 ? TlsErrorCode.None : TlsErrorCode.InvalidStatusRequest;
        }

        private struct Layout
        {
            public int SessionIdLength;
            public int CipherSuitesOffset;
            public int CipherSuitesLength;
            public int CompressionOffset;
            public int CompressionLength;
            public int ExtensionsOffset;
            public int ExtensionsLength;
            public int ExtensionCount;
            public int ServerNameOffset;
            public int ServerNameLength;
            public int AlpnOffset;
            public int AlpnLength;
            public int SupportedVersionsOffset;
            public int SupportedVersionsLength;
            public int KeyShareOffset;
            public int KeyShareLength;
            public EncryptedClientHello Ech;
            public ClientHelloFlags Flags;
        }
    }
}
