using System;

namespace Tsid.Tls
{
    /// <summary>
    /// A ServerHello or HelloRetryRequest (RFC 8446 4.1.3; RFC 5246 7.4.1.3), a view over the message body:
    /// <code>
    /// struct {
    ///     ProtocolVersion legacy_version = 0x0303;
    ///     Random random;
    ///     opaque legacy_session_id_echo&lt;0..32&gt;;
    ///     CipherSuite cipher_suite;
    ///     uint8 legacy_compression_method = 0;
    ///     Extension extensions&lt;6..2^16-1&gt;;     /* may be absent before TLS 1.3 */
    /// } ServerHello;
    /// </code>
    /// TLS 1.3 drafts up to 21 (legacy_version 0x7fXX or 0x0304) used a shorter form without session id and compression
    /// method; it is read too, because real captures hold it.
    /// </summary>
    public readonly ref struct ServerHello
    {
        private readonly ReadOnlySpan<byte> _body;
        private readonly Layout _layout;

        /// <summary>Rebuilds a view from a body and the layout its parse recorded; nothing is checked again.</summary>
        /// <param name="body">The body the layout was recorded on (or an identical copy of it).</param>
        /// <param name="layout">The layout.</param>
        internal ServerHello(ReadOnlySpan<byte> body, scoped in Layout layout)
        {
            _body = body;
            _layout = layout;
        }

        /// <summary>
        /// The random of a HelloRetryRequest: SHA-256("HelloRetryRequest") (RFC 8446 4.1.3).
        /// </summary>
        public static ReadOnlySpan<byte> HelloRetryRequestRandom => new byte[]
        {
            0xCF, 0x21, 0xAD, 0x74, 0xE5, 0x9A, 0x61, 0x11, 0xBE, 0x1D, 0x8C, 0x02, 0x1E, 0x65, 0xB8, 0x91,
            0xC2, 0xA2, 0x11, 0x16, 0x7A, 0xBB, 0x8C, 0x5E, 0x07, 0x9E, 0x09, 0xE2, 0xC8, 0xA8, 0x33, 0x9C,
        };

        /// <summary>The whole message body.</summary>
        public ReadOnlySpan<byte> Encoded => _body;

        /// <summary>legacy_version (0x0303 in TLS 1.3; the real version is <see cref="SelectedVersion"/>).</summary>
        public TlsProtocolVersion LegacyVersion => (TlsProtocolVersion)((_body[0] << 8) | _body[1]);

        /// <summary>The 32-byte random.</summary>
        public ReadOnlySpan<byte> Random => _body.Slice(2, ClientHello.RandomLength);

        /// <summary>True when this is a HelloRetryRequest (RFC 8446 4.1.3: the special random).</summary>
        public bool IsHelloRetryRequest => Random.SequenceEqual(HelloRetryRequestRandom);

        /// <summary>legacy_session_id_echo: the client's legacy_session_id sent back (empty in the draft form).</summary>
        public ReadOnlySpan<byte> LegacySessionIdEcho => _body.Slice(_layout.SessionIdOffset, _layout.SessionIdLength);

        /// <summary>The selected cipher_suite.</summary>
        public ushort CipherSuite => (ushort)((_body[_layout.CipherSuiteOffset] << 8) | _body[_layout.CipherSuiteOffset + 1]);

        /// <summary>The selected_version from supported_versions (RFC 8446 4.2.1), or <see cref="TlsProtocolVersion.None"/> when absent.</summary>
        public TlsProtocolVersion SelectedVersion => (TlsProtocolVersion)_layout.SelectedVersion;

        /// <summary>The version in use: <see cref="SelectedVersion"/> when present, else <see cref="LegacyVersion"/>.</summary>
        public TlsProtocolVersion NegotiatedVersion => SelectedVersion != TlsProtocolVersion.None ? SelectedVersion : LegacyVersion;

        /// <summary>True when TLS 1.3 (or a 0x7fXX draft of it) was selected: everything after this message is encrypted.</summary>
        public bool IsTls13 => IsTls13Version(NegotiatedVersion);

        /// <summary>The key_share group (RFC 8446 4.2.8: the server's share, or the group a HelloRetryRequest asks for); 0 when absent.</summary>
        public TlsNamedGroup KeyShareGroup => (TlsNamedGroup)_layout.KeyShareGroup;

        /// <summary>True when the message carries an extensions block.</summary>
        public bool HasExtensions => _layout.ExtensionsOffset >= 0;

        /// <summary>The extensions in wire order.</summary>
        public TlsExtensionList Extensions => _layout.ExtensionsOffset < 0
            ? default
            : new TlsExtensionList(_body.Slice(_layout.ExtensionsOffset, _layout.ExtensionsLength), _layout.ExtensionsOffset, _layout.ExtensionCount);

        /// <summary>The layout the parse recorded, for callers that keep the body and rebuild the view later.</summary>
        internal Layout Index => _layout;

        /// <summary>The ALPN protocol the server selected (TLS 1.2; in TLS 1.3 it is in the encrypted EncryptedExtensions).</summary>
        /// <param name="protocol">The protocol name.</param>
        /// <returns>False when absent.</returns>
        public bool TryGetSelectedProtocol(out ReadOnlySpan<byte> protocol)
        {
            if (_layout.AlpnOffset >= 0)
            {
                foreach (ReadOnlySpan<byte> name in new ProtocolNameList(_body.Slice(_layout.AlpnOffset + 2, _layout.AlpnLength - 2)))
                {
                    protocol = name;
                    return true;
                }
            }

            protocol = default;
            return false;
        }

        /// <summary>True for 0x0304, the 0x7fXX drafts of TLS 1.3, and DTLS 1.3 (0xfefc, RFC 9147: the TLS 1.3 handshake).</summary>
        /// <param name="version">A version.</param>
        /// <returns>True for TLS 1.3.</returns>
        public static bool IsTls13Version(TlsProtocolVersion version) => version == TlsProtocolVersion.Tls13 || version == TlsProtocolVersion.Dtls13 || ((ushort)version >> 8) == 0x7f;

        /// <summary>Parses a ServerHello message body.</summary>
        /// <param name="body">The bytes after the 4-byte handshake header.</param>
        /// <param name="hello">The view.</param>
        /// <param name="error">What was wrong and where (offset within <paramref name="body"/>).</param>
        /// <returns>True when well formed.</returns>
        public static bool TryParse(ReadOnlySpan<byte> body, out ServerHello hello, out TlsError error)
        {
            if (ParseCounters.Enabled)
            {
                ParseCounters.ServerHello++;
            }

            hello = default;
            var reader = new TlsReader(body);
            int sessionIdOffset = 0;
            int sessionIdLength = 0;
            if (!reader.TryReadUInt16(out ushort legacyVersion) || !reader.TrySkip(ClientHello.RandomLength))
            {
                error = new TlsError(TlsErrorCode.Truncated, reader.Position);
                return false;
            }

            // Drafts up to 21 put the real version here (0x7fXX, or 0x0304 in the earliest ones); the final RFC always sends 0x0303.
            bool draft = (legacyVersion >> 8) == 0x7f || legacyVersion == (ushort)TlsProtocolVersion.Tls13;
            if (!draft)
            {
                int at = reader.Position;
                if (!reader.TryReadUInt8LengthPrefixed(out TlsReader sessionId))
                {
                    error = new TlsError(TlsErrorCode.Truncated, at);
                    return false;
                }

                if (sessionId.Remaining > ClientHello.MaxLegacySessionIdLength)
                {
                    error = new TlsError(TlsErrorCode.InvalidSessionId, at);
                    return false;
                }

                sessionIdOffset = sessionId.Position;
                sessionIdLength = sessionId.Remaining;
            }

            int cipherSuiteOffset = reader.Position;
            if (!reader.TryReadUInt16(out _) || (!draft && !reader.TryReadUInt8(out _)))
            {
                error = new TlsError(TlsErrorCode.Truncated, reader.Position);
                return false;
            }

            int extensionsOffset = -1;
            int extensionsLength = 0;
            int count = 0;
            ushort selected = 0;
            ushort group = 0;
            int alpnOffset = -1;
            int alpnLength = 0;
            if (!reader.IsEmpty)
            {
                int at = reader.Position;
                if (!reader.TryReadUInt16LengthPrefixed(out TlsReader extensions))
                {
                    error = new TlsError(TlsErrorCode.Truncated, at);
                    return false;
                }

                if (!reader.IsEmpty)
                {
                    error = new TlsError(TlsErrorCode.TrailingData, reader.Position);
                    return false;
                }

                extensionsOffset = extensions.Position;
                extensionsLength = extensions.Remaining;
                ReadOnlySpan<byte> block = extensions.RemainingBytes;
                var duplicates = default(ExtensionDuplicateFilter);
                while (!extensions.IsEmpty)
                {
                    at = extensions.Position;
                    if (!extensions.TryReadUInt16(out ushort type) || !extensions.TryReadUInt16LengthPrefixed(out TlsReader data))
                    {
                        error = new TlsError(TlsErrorCode.Truncated, at);
                        return false;
                    }

                    if (duplicates.IsDuplicate(type, block, at - extensionsOffset))
                    {
                        error = new TlsError(TlsErrorCode.DuplicateExtension, at);
                        return false;
                    }

                    count++;
                    at = data.Position;
                    TlsErrorCode code = TlsErrorCode.None;
                    switch ((TlsExtensionType)type)
                    {
                        case TlsExtensionType.SupportedVersions:
                            // RFC 8446 4.2.1: ServerHello carries exactly one ProtocolVersion.
                            code = data.TryReadUInt16(out selected) && data.IsEmpty ? TlsErrorCode.None : TlsErrorCode.InvalidSupportedVersions;
                            break;
                        case TlsExtensionType.KeyShare:
                            // ServerHello: KeyShareEntry server_share; HelloRetryRequest: NamedGroup selected_group.
                            code = data.TryReadUInt16(out group) && (data.IsEmpty || (data.TryReadUInt16LengthPrefixed(out TlsReader key) && !key.IsEmpty && data.IsEmpty))
                                ? TlsErrorCode.None
                                : TlsErrorCode.InvalidKeyShare;
                            break;
                        case TlsExtensionType.ApplicationLayerProtocolNegotiation:
                            code = ProtocolNameList.Validate(data);
                            alpnOffset = data.Position;
                            alpnLength = data.Remaining;
                            break;
                    }

                    if (code != TlsErrorCode.None)
                    {
                        error = new TlsError(code, at);
                        return false;
                    }
                }
            }

            error = default;
            var layout = new Layout
            {
                SessionIdOffset = sessionIdOffset,
                SessionIdLength = sessionIdLength,
                CipherSuiteOffset = cipherSuiteOffset,
                ExtensionsOffset = extensionsOffset,
                ExtensionsLength = extensionsLength,
                ExtensionCount = count,
                AlpnOffset = alpnOffset,
                AlpnLength = alpnLength,
                SelectedVersion = selected,
                KeyShareGroup = group,
            };
            hello = new ServerHello(body, layout);
            return true;
        }

        /// <summary>Where a parsed ServerHello's fields are (the offset index a parse records once); offsets -1 when absent.</summary>
        internal struct Layout
        {
            public int SessionIdOffset;
            public int SessionIdLength;
            public int CipherSuiteOffset;
            public int ExtensionsOffset;
            public int ExtensionsLength;
            public int ExtensionCount;
            public int AlpnOffset;
            public int AlpnLength;
            public ushort SelectedVersion;
            public ushort KeyShareGroup;
        }
    }
}
