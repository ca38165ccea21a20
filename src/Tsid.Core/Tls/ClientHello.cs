using System;
using System.Buffers;
using System.Runtime.CompilerServices;

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
    /// <see cref="TryParse(ReadOnlySpan{byte}, out ClientHello, out TlsError)"/> walks the hello once: it checks every
    /// length and the syntax of every extension it has a typed reader for, and records where each field and each
    /// typed extension is (the <see cref="Layout"/>), so the typed getters below neither search nor fail.
    /// </summary>
    public readonly ref partial struct ClientHello
    {
        /// <summary>The size of <c>Random</c>.</summary>
        public const int RandomLength = 32;

        /// <summary>The longest legacy_session_id (RFC 8446 4.1.2: <c>opaque legacy_session_id&lt;0..32&gt;</c>).</summary>
        public const int MaxLegacySessionIdLength = 32;

        private readonly ReadOnlySpan<byte> _body;
        private readonly Layout _layout;

        /// <summary>Rebuilds a view from a body and the layout its parse recorded; nothing is checked again.</summary>
        /// <param name="body">The body the layout was recorded on (or an identical copy of it).</param>
        /// <param name="layout">The layout.</param>
        internal ClientHello(ReadOnlySpan<byte> body, scoped in Layout layout)
        {
            _body = body;
            _layout = layout;
        }

        [Flags]
        internal enum ClientHelloFlags : byte
        {
            None = 0,
            HasExtensionsBlock = 1,
            HasEch = 2,
            HasPreSharedKey = 4,
            HasEarlyData = 8,
            Dtls = 16,
        }

        /// <summary>The whole message body this view reads.</summary>
        public ReadOnlySpan<byte> Encoded => _body;

        /// <summary>legacy_version (0x0303 for TLS 1.3 clients; the real versions are in supported_versions).</summary>
        public TlsProtocolVersion LegacyVersion => (TlsProtocolVersion)((_body[0] << 8) | _body[1]);

        /// <summary>The 32-byte random.</summary>
        public ReadOnlySpan<byte> Random => _body.Slice(2, RandomLength);

        /// <summary>legacy_session_id (0..32 bytes).</summary>
        public ReadOnlySpan<byte> LegacySessionId => _body.Slice(2 + RandomLength + 1, _layout.SessionIdLength);

        /// <summary>
        /// The DTLS cookie (RFC 6347 4.2.1: <c>opaque cookie&lt;0..2^8-1&gt;</c> after legacy_session_id; RFC 9147 5.3
        /// <c>legacy_cookie</c>): empty in the first ClientHello, the server's HelloVerifyRequest cookie in the second.
        /// Always empty for a hello parsed as TLS or QUIC.
        /// </summary>
        public ReadOnlySpan<byte> Cookie => _body.Slice(_layout.CookieOffset, _layout.CookieLength);

        /// <summary>True when the hello was parsed as a DTLS ClientHello (with its cookie field).</summary>
        public bool IsDtls => (_layout.Flags & ClientHelloFlags.Dtls) != 0;

        /// <summary>cipher_suites in wire order (GREASE kept).</summary>
        public TlsUInt16List CipherSuites => new TlsUInt16List(_body.Slice(_layout.CipherSuitesOffset, _layout.CipherSuitesLength));

        /// <summary>legacy_compression_methods (RFC 8446 4.1.2: exactly one byte, 0, from TLS 1.3 clients).</summary>
        public ReadOnlySpan<byte> LegacyCompressionMethods => _body.Slice(_layout.CompressionOffset, _layout.CompressionLength);

        /// <summary>True when the hello carries an extensions block (always for TLS 1.2+ clients in practice).</summary>
        public bool HasExtensions => (_layout.Flags & ClientHelloFlags.HasExtensionsBlock) != 0;

        /// <summary>Every extension in wire order as (type, data); unknown and GREASE untouched.</summary>
        public TlsExtensionList Extensions => new TlsExtensionList(_body.Slice(_layout.ExtensionsOffset, _layout.ExtensionsLength), _layout.ExtensionsOffset, _layout.ExtensionCount);

        /// <summary>The layout the parse recorded, for callers that keep the body and rebuild the view later.</summary>
        internal Layout Index => _layout;

        /// <summary>
        /// Parses a ClientHello message body (the bytes after the 4-byte handshake header).
        /// </summary>
        /// <param name="body">The body.</param>
        /// <param name="hello">The view.</param>
        /// <param name="error">
        /// What was wrong and where (offset within <paramref name="body"/>; for <see cref="TlsErrorCode.Truncated"/> the
        /// start of the field that runs past the end, or the body length when the fixed fields do not fit).
        /// </param>
        /// <returns>True when the hello is well formed.</returns>
        public static bool TryParse(ReadOnlySpan<byte> body, out ClientHello hello, out TlsError error) => TryParse(body, HandshakeProtocol.Tls, out hello, out error);

        /// <summary>
        /// Parses a ClientHello message body carried by <paramref name="protocol"/>: for
        /// <see cref="HandshakeProtocol.Dtls"/> the walk reads the cookie after legacy_session_id (RFC 6347 4.2.1);
        /// TLS and QUIC hellos have none.
        /// </summary>
        /// <param name="body">The body (for DTLS: the reassembled body, without the 12-byte DTLS handshake header).</param>
        /// <param name="protocol">The carrier.</param>
        /// <param name="hello">The view.</param>
        /// <param name="error">What was wrong and where (offset within <paramref name="body"/>).</param>
        /// <returns>True when the hello is well formed.</returns>
        public static bool TryParse(ReadOnlySpan<byte> body, HandshakeProtocol protocol, out ClientHello hello, out TlsError error)
        {
            if (ParseCounters.Enabled)
            {
                ParseCounters.ClientHello++;
            }

            var layout = default(Layout);
            bool dtls = protocol == HandshakeProtocol.Dtls;
            if (dtls)
            {
                layout.Flags = ClientHelloFlags.Dtls;
            }

            TlsErrorCode code = WalkFixedFields(body, dtls, out layout.SessionIdLength, out layout.CookieOffset, out layout.CookieLength, out layout.CipherSuitesOffset, out layout.CipherSuitesLength, out layout.CompressionOffset, out layout.CompressionLength, out TlsReader extensions, out bool hasExtensions, out int at);
            layout.HostNameOffset = -1;
            layout.ExtensionsOffset = extensions.Position;
            layout.ExtensionsLength = extensions.Remaining;
            if (code == TlsErrorCode.None && hasExtensions)
            {
                layout.Flags |= ClientHelloFlags.HasExtensionsBlock;
                code = WalkExtensions(extensions, ref layout, out at);
            }

            if (code != TlsErrorCode.None)
            {
                hello = default;
                error = new TlsError(code, at);
                return false;
            }

            error = default;
            hello = new ClientHello(body, layout);
            return true;
        }

        /// <summary>
        /// Parses a ClientHello that sits whole in one TLS record (the usual case): record header, handshake header,
        /// body. A hello that spans records needs <see cref="TlsRecordLayer"/>; here it is reported as
        /// <see cref="TlsErrorCode.Truncated"/> at the end of <paramref name="record"/>.
        /// </summary>
        /// <param name="record">Bytes starting at the record header.</param>
        /// <param name="hello">The view.</param>
        /// <param name="error">What was wrong and where (offset within <paramref name="record"/>).</param>
        /// <returns>True when the hello is well formed.</returns>
        public static bool TryParseRecord(ReadOnlySpan<byte> record, out ClientHello hello, out TlsError error)
        {
            hello = default;
            OperationStatus status = LocateInFirstRecord(record, out ReadOnlySpan<byte> body, out error);
            if (status != OperationStatus.Done)
            {
                if (status == OperationStatus.NeedMoreData)
                {
                    error = new TlsError(TlsErrorCode.Truncated, record.Length);
                }

                return false;
            }

            if (!TryParse(body, out hello, out TlsError inner))
            {
                error = new TlsError(inner.Code, inner.Offset + BodyOffsetInRecord);
                return false;
            }

            return true;
        }

        /// <summary>Where a ClientHello body starts in a stream that begins with its record: record header + handshake header.</summary>
        internal const int BodyOffsetInRecord = TlsRecordHeader.Size + 4;

        /// <summary>
        /// Finds the body of a ClientHello that sits whole in the first record of <paramref name="record"/>:
        /// <see cref="OperationStatus.NeedMoreData"/> while the record, or the hello inside it, is incomplete (also
        /// when the hello continues in a further record), <see cref="OperationStatus.InvalidData"/> when the record
        /// cannot start a client's stream.
        /// </summary>
        internal static OperationStatus LocateInFirstRecord(ReadOnlySpan<byte> record, out ReadOnlySpan<byte> body, out TlsError error)
        {
            body = default;
            OperationStatus status = TlsRecordHeader.TryRead(record, out TlsRecordHeader header, out error);
            if (status != OperationStatus.Done)
            {
                return status;
            }

            if (header.ContentType != TlsContentType.Handshake)
            {
                error = new TlsError(TlsErrorCode.UnexpectedMessage, 0);
                return OperationStatus.InvalidData;
            }

            // RFC 8446 4: struct { HandshakeType msg_type; uint24 length; ClientHello body; } Handshake.
            ReadOnlySpan<byte> fragment = record.Slice(TlsRecordHeader.Size);
            var reader = new TlsReader(fragment.Length > header.Length ? fragment.Slice(0, header.Length) : fragment, TlsRecordHeader.Size);
            if (!reader.TryReadUInt8(out byte type))
            {
                return OperationStatus.NeedMoreData;
            }

            if (type != (byte)TlsHandshakeType.ClientHello)
            {
                error = new TlsError(TlsErrorCode.UnexpectedMessage, TlsRecordHeader.Size);
                return OperationStatus.InvalidData;
            }

            int at = reader.Position;
            if (!reader.TryReadUInt24(out int length))
            {
                return OperationStatus.NeedMoreData;
            }

            if (length > TlsHandshakeLimits.DefaultMaxClientHelloLength)
            {
                error = new TlsError(TlsErrorCode.ClientHelloTooLarge, at);
                return OperationStatus.InvalidData;
            }

            return reader.TryReadBytes(length, out body) ? OperationStatus.Done : OperationStatus.NeedMoreData;
        }

        /// <summary>
        /// The SNI peek over the same walk: the fixed fields and the extensions block exactly as in a full parse, then
        /// extension headers up to server_name, which the one server_name validator reads; it does not look at other
        /// extensions' contents or at duplicates.
        /// </summary>
        [MethodImpl(MethodImplOptions.NoInlining)] // its own inlining budget: the reader's calls must all inline here
        internal static TlsErrorCode PeekServerName(ReadOnlySpan<byte> body, out ReadOnlySpan<byte> hostName, out int at)
        {
            hostName = default;
            TlsErrorCode code = WalkFixedFields(body, false, out _, out _, out _, out _, out _, out _, out _, out TlsReader extensions, out bool hasExtensions, out at);
            if (code != TlsErrorCode.None || !hasExtensions)
            {
                return code;
            }

            while (!extensions.IsEmpty)
            {
                at = extensions.Position;
                if (!TryReadExtension(ref extensions, out ushort type, out TlsReader data))
                {
                    return TlsErrorCode.Truncated;
                }

                if (type == (ushort)TlsExtensionType.ServerName)
                {
                    // The hello is complete, so nothing later can change the first host_name: stop here.
                    at = data.Position;
                    code = ServerNameList.Validate(data, out _, out int offset, out int length);
                    if (code == TlsErrorCode.None && offset >= 0)
                    {
                        hostName = body.Slice(offset, length);
                    }

                    return code;
                }
            }

            return TlsErrorCode.None;
        }

        /// <summary>
        /// The fixed fields of the one ClientHello walk, and the framing of the extensions block (RFC 8446 4.1.2),
        /// shared by the full parse and the peek.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static TlsErrorCode WalkFixedFields(
            ReadOnlySpan<byte> body,
            bool dtls,
            out int sessionIdLength,
            out int cookieOffset,
            out int cookieLength,
            out int suitesOffset,
            out int suitesLength,
            out int compressionOffset,
            out int compressionLength,
            out TlsReader extensions,
            out bool hasExtensions,
            out int at)
        {
            sessionIdLength = cookieOffset = cookieLength = suitesOffset = suitesLength = compressionOffset = compressionLength = 0;
            extensions = default;
            hasExtensions = false;
            var reader = new TlsReader(body);

            // legacy_version, random.
            if (!reader.TrySkip(2 + RandomLength))
            {
                at = body.Length;
                return TlsErrorCode.Truncated;
            }

            at = reader.Position;
            if (!reader.TryReadUInt8LengthPrefixed(out TlsReader sessionId))
            {
                return TlsErrorCode.Truncated;
            }

            sessionIdLength = sessionId.Remaining;
            if (sessionIdLength > MaxLegacySessionIdLength)
            {
                return TlsErrorCode.InvalidSessionId;
            }

            if (dtls)
            {
                // RFC 6347 4.2.1: opaque cookie<0..2^8-1> follows legacy_session_id in a DTLS ClientHello.
                at = reader.Position;
                if (!reader.TryReadUInt8LengthPrefixed(out TlsReader cookie))
                {
                    return TlsErrorCode.Truncated;
                }

                cookieOffset = cookie.Position;
                cookieLength = cookie.Remaining;
            }

            at = reader.Position;
            if (!reader.TryReadUInt16LengthPrefixed(out TlsReader suites))
            {
                return TlsErrorCode.Truncated;
            }

            suitesOffset = suites.Position;
            suitesLength = suites.Remaining;
            if (suitesLength < 2 || (suitesLength & 1) != 0)
            {
                return TlsErrorCode.InvalidCipherSuites;
            }

            at = reader.Position;
            if (!reader.TryReadUInt8LengthPrefixed(out TlsReader compression))
            {
                return TlsErrorCode.Truncated;
            }

            compressionOffset = compression.Position;
            compressionLength = compression.Remaining;
            if (compressionLength == 0)
            {
                return TlsErrorCode.InvalidCompressionMethods;
            }

            // RFC 5246 7.4.1.2: a hello without extensions simply ends here.
            extensions = new TlsReader(default, reader.Position);
            if (reader.IsEmpty)
            {
                return TlsErrorCode.None;
            }

            at = reader.Position;
            if (!reader.TryReadUInt16LengthPrefixed(out extensions))
            {
                return TlsErrorCode.Truncated;
            }

            if (!reader.IsEmpty)
            {
                at = reader.Position;
                return TlsErrorCode.TrailingData;
            }

            hasExtensions = true;
            return TlsErrorCode.None;
        }

        /// <summary>RFC 8446 4.2: <c>struct { ExtensionType extension_type; opaque extension_data&lt;0..2^16-1&gt;; } Extension</c>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static bool TryReadExtension(ref TlsReader extensions, out ushort type, out TlsReader data)
        {
            if (extensions.TryReadUInt16(out type) && extensions.TryReadUInt16LengthPrefixed(out data))
            {
                return true;
            }

            data = default;
            return false;
        }

        /// <summary>The full parse's extension loop: duplicates, order, and every typed extension's syntax; records each slot.</summary>
        private static TlsErrorCode WalkExtensions(TlsReader extensions, ref Layout layout, out int at)
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
                    // RFC 8446 4.2.11: pre_shared_key MUST be the last extension.
                    return TlsErrorCode.PreSharedKeyNotLast;
                }

                if (!TryReadExtension(ref extensions, out ushort type, out TlsReader data))
                {
                    return TlsErrorCode.Truncated;
                }

                if (duplicates.IsDuplicate(type, block, at - blockStart))
                {
                    return TlsErrorCode.DuplicateExtension;
                }

                layout.ExtensionCount++;
                at = data.Position;

                // Where the data is, relative to the block (always >= 4, so 0 means "absent"); block <= 2^16-1 bytes.
                uint slot = ((uint)(at - blockStart) << 16) | (uint)data.Remaining;
                TlsErrorCode code = TlsErrorCode.None;
                switch ((TlsExtensionType)type)
                {
                    case TlsExtensionType.ServerName:
                        code = ServerNameList.Validate(data, out layout.ServerNameCount, out layout.HostNameOffset, out layout.HostNameLength);
                        layout.ServerName = slot;
                        break;
                    case TlsExtensionType.ApplicationLayerProtocolNegotiation:
                        code = ProtocolNameList.Validate(data);
                        layout.Alpn = slot;
                        break;
                    case TlsExtensionType.SupportedVersions:
                        // RFC 8446 4.2.1: ProtocolVersion versions<2..254>.
                        code = ValidateUInt16List(data, true, TlsErrorCode.InvalidSupportedVersions);
                        layout.SupportedVersions = slot;
                        break;
                    case TlsExtensionType.KeyShare:
                        code = KeyShareList.Validate(data);
                        layout.KeyShare = slot;
                        break;
                    case TlsExtensionType.SupportedGroups:
                        // RFC 8446 4.2.7: NamedGroup named_group_list<2..2^16-1>.
                        code = ValidateUInt16List(data, false, TlsErrorCode.InvalidSupportedGroups);
                        layout.SupportedGroups = slot;
                        break;
                    case TlsExtensionType.SignatureAlgorithms:
                        // RFC 8446 4.2.3: SignatureScheme supported_signature_algorithms<2..2^16-2>.
                        code = ValidateUInt16List(data, false, TlsErrorCode.InvalidSignatureAlgorithms);
                        layout.SignatureAlgorithms = slot;
                        break;
                    case TlsExtensionType.SignatureAlgorithmsCert:
                        code = ValidateUInt16List(data, false, TlsErrorCode.InvalidSignatureAlgorithms);
                        layout.SignatureAlgorithmsCert = slot;
                        break;
                    case TlsExtensionType.PskKeyExchangeModes:
                        // RFC 8446 4.2.9: PskKeyExchangeMode ke_modes<1..255>.
                        code = ValidateUInt8Vector(data, TlsErrorCode.InvalidPskKeyExchangeModes);
                        layout.PskKeyExchangeModes = slot;
                        break;
                    case TlsExtensionType.EcPointFormats:
                        // RFC 8422 5.1.2: ECPointFormat ec_point_format_list<1..2^8-1>.
                        code = ValidateUInt8Vector(data, TlsErrorCode.InvalidEcPointFormats);
                        layout.EcPointFormats = slot;
                        break;
                    case TlsExtensionType.CompressCertificate:
                        // RFC 8879 3: CertificateCompressionAlgorithm algorithms<2..2^8-2>.
                        code = ValidateUInt16List(data, true, TlsErrorCode.InvalidCompressCertificate);
                        layout.CompressCertificate = slot;
                        break;
                    case TlsExtensionType.PreSharedKey:
                        code = ValidatePreSharedKey(data);
                        pskSeen = true;
                        layout.Flags |= ClientHelloFlags.HasPreSharedKey;
                        break;
                    case TlsExtensionType.EarlyData:
                        // RFC 8446 4.2.10: empty in a ClientHello.
                        code = data.IsEmpty ? TlsErrorCode.None : TlsErrorCode.InvalidEarlyData;
                        layout.Flags |= ClientHelloFlags.HasEarlyData;
                        break;
                    case TlsExtensionType.EncryptedClientHello:
                        code = EncryptedClientHello.Parse(data, out layout.Ech);
                        layout.Flags |= ClientHelloFlags.HasEch;
                        break;
                    case TlsExtensionType.StatusRequest:
                        code = ValidateStatusRequest(data);
                        layout.StatusRequest = slot;
                        break;
                    case TlsExtensionType.RenegotiationInfo:
                        // RFC 5746 3.2: opaque renegotiated_connection<0..255>.
                        code = data.TryReadUInt8LengthPrefixed(out _) && data.IsEmpty ? TlsErrorCode.None : TlsErrorCode.InvalidRenegotiationInfo;
                        layout.RenegotiationInfo = slot;
                        break;
                    case TlsExtensionType.RecordSizeLimit:
                        // RFC 8449 4: uint16 RecordSizeLimit, at least 64.
                        code = data.TryReadUInt16(out ushort limit) && data.IsEmpty && limit >= 64 ? TlsErrorCode.None : TlsErrorCode.InvalidRecordSizeLimit;
                        layout.RecordSizeLimit = slot;
                        break;
                    case TlsExtensionType.SessionTicket:
                        layout.SessionTicket = slot;
                        break;
                    case TlsExtensionType.Padding:
                        layout.Padding = slot;
                        break;
                    case TlsExtensionType.QuicTransportParameters:
                        layout.QuicTransportParameters = slot;
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

        /// <summary>A vector of uint16 values with a 1- or 2-byte length: at least one value, an even length, nothing after it.</summary>
        private static TlsErrorCode ValidateUInt16List(TlsReader data, bool uint8Length, TlsErrorCode error)
        {
            TlsReader list;
            bool read = uint8Length ? data.TryReadUInt8LengthPrefixed(out list) : data.TryReadUInt16LengthPrefixed(out list);
            return read && data.IsEmpty && list.Remaining >= 2 && (list.Remaining & 1) == 0 ? TlsErrorCode.None : error;
        }

        /// <summary>A non-empty vector of bytes with a 1-byte length and nothing after it.</summary>
        private static TlsErrorCode ValidateUInt8Vector(TlsReader data, TlsErrorCode error) =>
            data.TryReadUInt8LengthPrefixed(out TlsReader list) && data.IsEmpty && !list.IsEmpty ? TlsErrorCode.None : error;

        private static TlsErrorCode ValidatePreSharedKey(TlsReader data)
        {
            // RFC 8446 4.2.11: struct { PskIdentity identities<7..2^16-1>; PskBinderEntry binders<33..2^16-1>; } OfferedPsks.
            return data.TryReadUInt16LengthPrefixed(out TlsReader identities) && !identities.IsEmpty
                && data.TryReadUInt16LengthPrefixed(out TlsReader binders) && !binders.IsEmpty && data.IsEmpty
                ? TlsErrorCode.None
                : TlsErrorCode.InvalidPreSharedKey;
        }

        private static TlsErrorCode ValidateStatusRequest(TlsReader data)
        {
            // RFC 6066 8: CertificateStatusType status_type; case ocsp: ResponderID responder_id_list<0..2^16-1>;
            // Extensions request_extensions<0..2^16-1>. Other status types are kept as sent.
            if (!data.TryReadUInt8(out byte statusType))
            {
                return TlsErrorCode.InvalidStatusRequest;
            }

            if (statusType != 1)
            {
                return TlsErrorCode.None;
            }

            return data.TryReadUInt16LengthPrefixed(out _) && data.TryReadUInt16LengthPrefixed(out _) && data.IsEmpty
                ? TlsErrorCode.None
                : TlsErrorCode.InvalidStatusRequest;
        }

        /// <summary>
        /// Where a parsed hello's fields and typed extensions are: the offset index the parse records once, from
        /// which a view is rebuilt without checking anything again. Extension slots pack the data's offset in the
        /// extensions block (high 16 bits, never 0) and its length (low 16 bits); 0 means absent.
        /// </summary>
        internal struct Layout
        {
            public int SessionIdLength;

            /// <summary>The DTLS cookie's offset in the body and length (0, 0 when not DTLS).</summary>
            public int CookieOffset;
            public int CookieLength;
            public int CipherSuitesOffset;
            public int CipherSuitesLength;
            public int CompressionOffset;
            public int CompressionLength;
            public int ExtensionsOffset;
            public int ExtensionsLength;
            public int ExtensionCount;

            /// <summary>server_name entries (of any name type).</summary>
            public int ServerNameCount;

            /// <summary>The first host_name's offset in the body, or -1.</summary>
            public int HostNameOffset;
            public int HostNameLength;

            public uint ServerName;
            public uint Alpn;
            public uint SupportedVersions;
            public uint KeyShare;
            public uint SupportedGroups;
            public uint SignatureAlgorithms;
            public uint SignatureAlgorithmsCert;
            public uint PskKeyExchangeModes;
            public uint EcPointFormats;
            public uint CompressCertificate;
            public uint StatusRequest;
            public uint RenegotiationInfo;
            public uint RecordSizeLimit;
            public uint SessionTicket;
            public uint Padding;
            public uint QuicTransportParameters;
            public EncryptedClientHello Ech;
            public ClientHelloFlags Flags;
        }
    }
}
