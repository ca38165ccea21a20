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

        private static TlsErrorCode Parse(ReadOnlySpan<byte> body, ref Layout layout, out int at)
        {
            var reader = new TlsReader(body);
            at = 0;
            if (!reader.TrySkip(2 + RandomLength))
            {
                at = reader.Position;
                return TlsErrorCode.Truncated;
            }

            at = reader.Position;
            if (!reader.TryReadUInt8LengthPrefixed(out TlsReader sessionId))
            {
                return TlsErrorCode.Truncated;
            }

            if (sessionId.Remaining > MaxSessionIdLength)
            {
                return TlsErrorCode.InvalidSessionId;
            }

            layout.SessionIdLength = sessionId.Remaining;
            at = reader.Position;
            if (!reader.TryReadUInt16LengthPrefixed(out TlsReader suites))
            {
                return TlsErrorCode.Truncated;
            }

            if (suites.Remaining < 2 || (suites.Remaining & 1) != 0)
            {
                return TlsErrorCode.InvalidCipherSuites;
            }

            layout.CipherSuitesOffset = suites.Position;
            layout.CipherSuitesLength = suites.Remaining;
            at = reader.Position;
            if (!reader.TryReadUInt8LengthPrefixed(out TlsReader compression))
            {
                return TlsErrorCode.Truncated;
            }

            if (compression.IsEmpty)
            {
                return TlsErrorCode.InvalidCompressionMethods;
            }

            layout.CompressionOffset = compression.Position;
            layout.CompressionLength = compression.Remaining;
            layout.ExtensionsOffset = reader.Position;
            layout.ServerNameOffset = -1;
            layout.AlpnOffset = -1;
            layout.SupportedVersionsOffset = -1;
            layout.KeyShareOffset = -1;

            // RFC 5246 7.4.1.2: a hello without extensions simply ends here.
            if (reader.IsEmpty)
            {
                return TlsErrorCode.None;
            }

            at = reader.Position;
            if (!reader.TryReadUInt16LengthPrefixed(out TlsReader extensions))
            {
                return TlsErrorCode.Truncated;
            }

            if (!reader.IsEmpty)
            {
                at = reader.Position;
                return TlsErrorCode.TrailingData;
            }

            layout.Flags |= ClientHelloFlags.HasExtensionsBlock;
            layout.ExtensionsOffset = extensions.Position;
            layout.ExtensionsLength = extensions.Remaining;
            return ParseExtensions(extensions, ref layout, out at);
        }

        private static TlsErrorCode ParseExtensions(TlsReader extensions, ref Layout layout, out int at)
        {
            ReadOnlySpan<byte> block = extensions.RemainingBytes;
            int blockStart = extensions.Position;
            var duplicates = default(ExtensionDuplicateFilter);
            bool pskSeen = false;
            while (!extensions.IsEmpty)
            {
                at = extensions.Position;
                if (pskSeen)
                {
                    return TlsErrorCode.PreSharedKeyNotLast;
                }

                if (!extensions.TryReadUInt16(out ushort type) || !extensions.TryReadUInt16LengthPrefixed(out TlsReader data))
                {
                    return TlsErrorCode.Truncated;
                }

                if (duplicates.IsDuplicate(type, block, at - blockStart))
                {
                    return TlsErrorCode.DuplicateExtension;
                }

                layout.ExtensionCount++;
                at = data.Position;
                TlsErrorCode code = TlsErrorCode.None;
                switch ((TlsExtensionType)type)
                {
                    case TlsExtensionType.ServerName:
                        code = ServerNameList.Validate(data, out _);
                        layout.ServerNameOffset = data.Position;
                        layout.ServerNameLength = data.Remaining;
                        break;
                    case TlsExtensionType.ApplicationLayerProtocolNegotiation:
                        code = ProtocolNameList.Validate(data, out _);
                        layout.AlpnOffset = data.Position;
                        layout.AlpnLength = data.Remaining;
                        break;
                    case TlsExtensionType.SupportedVersions:
                        code = ValidateUInt8Prefixed16List(data, TlsErrorCode.InvalidSupportedVersions);
                        layout.SupportedVersionsOffset = data.Position;
                        layout.SupportedVersionsLength = data.Remaining;
                        break;
                    case TlsExtensionType.KeyShare:
                        code = KeyShareList.Validate(data, out _);
                        layout.KeyShareOffset = data.Position;
                        layout.KeyShareLength = data.Remaining;
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
                        // RFC 8446 4.2.11: identities<7..2^16-1>, binders<33..2^16-1>.
                        code = data.TryReadUInt16LengthPrefixed(out TlsReader identities) && !identities.IsEmpty
                            && data.TryReadUInt16LengthPrefixed(out TlsReader binders) && !binders.IsEmpty && data.IsEmpty
                            ? TlsErrorCode.None
                            : TlsErrorCode.InvalidPreSharedKey;
                        pskSeen = true;
                        layout.Flags |= ClientHelloFlags.HasPreSharedKey;
                        break;
                    case TlsExtensionType.EarlyData:
                        code = data.IsEmpty ? TlsErrorCode.None : TlsErrorCode.InvalidEarlyData;
                        layout.Flags |= ClientHelloFlags.HasEarlyData;
                        break;
                    case TlsExtensionType.EncryptedClientHello:
                        code = EncryptedClientHello.Parse(data, out layout.Ech);
                        layout.Flags |= ClientHelloFlags.HasEch;
                        break;
                    case TlsExtensionType.StatusRequest:
                        code = ValidateStatusRequest(data);
                        break;
                    case TlsExtensionType.RenegotiationInfo:
                        code = data.TryReadUInt8LengthPrefixed(out _) && data.IsEmpty ? TlsErrorCode.None : TlsErrorCode.InvalidRenegotiationInfo;
                        break;
                    case TlsExtensionType.RecordSizeLimit:
                        // RFC 8449 4: uint16 RecordSizeLimit, at least 64.
                        code = data.TryReadUInt16(out ushort limit) && data.IsEmpty && limit >= 64 ? TlsErrorCode.None : TlsErrorCode.InvalidRecordSizeLimit;
                        break;
                }

                if (code != TlsErrorCode.None)
                {
                    return code;
                }
            }

            at = 0;
            return TlsErrorCode.None;
        }

        private static TlsErrorCode ValidateUInt8Prefixed16List(TlsReader data, TlsErrorCode error) =>
            data.TryReadUInt8LengthPrefixed(out TlsReader list) && data.IsEmpty && list.Remaining >= 2 && (list.Remaining & 1) == 0 ? TlsErrorCode.None : error;

        private static TlsErrorCode ValidateUInt16Prefixed16List(TlsReader data, TlsErrorCode error) =>
            data.TryReadUInt16LengthPrefixed(out TlsReader list) && data.IsEmpty && list.Remaining >= 2 && (list.Remaining & 1) == 0 ? TlsErrorCode.None : error;

        private static TlsErrorCode ValidateUInt8PrefixedBytes(TlsReader data, TlsErrorCode error) =>
            data.TryReadUInt8LengthPrefixed(out TlsReader list) && data.IsEmpty && !list.IsEmpty ? TlsErrorCode.None : error;

        private static TlsErrorCode ValidateStatusRequest(TlsReader data)
        {
            // RFC 6066 8: CertificateStatusType status_type; select (status_type) { case ocsp: OCSPStatusRequest; }.
            if (!data.TryReadUInt8(out byte type))
            {
                return TlsErrorCode.InvalidStatusRequest;
            }

            if (type != 1)
            {
                return TlsErrorCode.None;
            }

            return data.TryReadUInt16LengthPrefixed(out _) && data.TryReadUInt16LengthPrefixed(out _) && data.IsEmpty
                ? TlsErrorCode.None
                : TlsErrorCode.InvalidStatusRequest;
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
