using System;

namespace Tsid.Tls
{
    /// <content>Typed readers for the ClientHello extensions.</content>
    public readonly ref partial struct ClientHello
    {
        /// <summary>True when server_name is present.</summary>
        public bool HasServerName => _serverNameOffset >= 0;

        /// <summary>
        /// True when an outer encrypted_client_hello is present: the server_name is then only the ECH public name
        /// (draft-ietf-tls-esni 6.1), not the name the client is visiting.
        /// </summary>
        public bool ServerNameIsEchPublicName => (_flags & ClientHelloFlags.HasEch) != 0 && _ech.IsOuter;

        /// <summary>True when pre_shared_key is present (RFC 8446 4.2.11).</summary>
        public bool HasPreSharedKey => (_flags & ClientHelloFlags.HasPreSharedKey) != 0;

        /// <summary>True when early_data is present (RFC 8446 4.2.10).</summary>
        public bool HasEarlyData => (_flags & ClientHelloFlags.HasEarlyData) != 0;

        /// <summary>All server_name entries (RFC 6066 3).</summary>
        /// <param name="names">The list.</param>
        /// <returns>False when the extension is absent.</returns>
        public bool TryGetServerNames(out ServerNameList names)
        {
            if (_serverNameOffset < 0)
            {
                names = default;
                return false;
            }

            // Skip the uint16 list length; the parser checked it.
            names = new ServerNameList(_body.Slice(_serverNameOffset + 2, _serverNameLength - 2), _serverNameOffset + 2);
            return true;
        }

        /// <summary>The first host_name of server_name: the SNI most callers want.</summary>
        /// <param name="hostName">The ASCII bytes.</param>
        /// <returns>False when there is no host_name entry.</returns>
        public bool TryGetServerName(out ReadOnlySpan<byte> hostName)
        {
            if (TryGetServerNames(out ServerNameList names))
            {
                return names.TryGetFirstHostName(out hostName);
            }

            hostName = default;
            return false;
        }

        /// <summary>The ALPN protocol names offered (RFC 7301 3.1).</summary>
        /// <param name="protocols">The list.</param>
        /// <returns>False when absent.</returns>
        public bool TryGetAlpn(out ProtocolNameList protocols)
        {
            if (_alpnOffset < 0)
            {
                protocols = default;
                return false;
            }

            protocols = new ProtocolNameList(_body.Slice(_alpnOffset + 2, _alpnLength - 2));
            return true;
        }

        /// <summary>The versions offered in supported_versions (RFC 8446 4.2.1), GREASE kept.</summary>
        /// <param name="versions">The list.</param>
        /// <returns>False when absent.</returns>
        public bool TryGetSupportedVersions(out TlsUInt16List versions)
        {
            if (_supportedVersionsOffset < 0)
            {
                versions = default;
                return false;
            }

            versions = new TlsUInt16List(_body.Slice(_supportedVersionsOffset + 1, _supportedVersionsLength - 1));
            return true;
        }

        /// <summary>The key shares offered (RFC 8446 4.2.8): group and key bytes of each.</summary>
        /// <param name="shares">The list.</param>
        /// <returns>False when absent.</returns>
        public bool TryGetKeyShares(out KeyShareList shares)
        {
            if (_keyShareOffset < 0)
            {
                shares = default;
                return false;
            }

            shares = new KeyShareList(_body.Slice(_keyShareOffset + 2, _keyShareLength - 2));
            return true;
        }

        /// <summary>The encrypted_client_hello extension (draft-ietf-tls-esni 5).</summary>
        /// <param name="ech">Its fields.</param>
        /// <returns>False when absent.</returns>
        public bool TryGetEncryptedClientHello(out EncryptedClientHello ech)
        {
            ech = _ech;
            return (_flags & ClientHelloFlags.HasEch) != 0;
        }

        /// <summary>supported_groups (RFC 8446 4.2.7).</summary>
        /// <param name="groups">The list.</param>
        /// <returns>False when absent.</returns>
        public bool TryGetSupportedGroups(out TlsUInt16List groups) => TryGetUInt16Prefixed(TlsExtensionType.SupportedGroups, out groups);

        /// <summary>signature_algorithms (RFC 8446 4.2.3).</summary>
        /// <param name="schemes">The list.</param>
        /// <returns>False when absent.</returns>
        public bool TryGetSignatureAlgorithms(out TlsUInt16List schemes) => TryGetUInt16Prefixed(TlsExtensionType.SignatureAlgorithms, out schemes);

        /// <summary>psk_key_exchange_modes (RFC 8446 4.2.9).</summary>
        /// <param name="modes">The modes (0 = psk_ke, 1 = psk_dhe_ke).</param>
        /// <returns>False when absent.</returns>
        public bool TryGetPskKeyExchangeModes(out ReadOnlySpan<byte> modes) => TryGetUInt8Prefixed(TlsExtensionType.PskKeyExchangeModes, out modes);

        /// <summary>ec_point_formats (RFC 8422 5.1.2).</summary>
        /// <param name="formats">The formats.</param>
        /// <returns>False when absent.</returns>
        public bool TryGetEcPointFormats(out ReadOnlySpan<byte> formats) => TryGetUInt8Prefixed(TlsExtensionType.EcPointFormats, out formats);

        /// <summary>The status_type of status_request (RFC 6066 8; 1 = ocsp).</summary>
        /// <param name="statusType">The type.</param>
        /// <returns>False when absent.</returns>
        public bool TryGetStatusRequestType(out byte statusType)
        {
            if (Extensions.TryGet(TlsExtensionType.StatusRequest, out ReadOnlySpan<byte> data))
            {
                statusType = data[0];
                return true;
            }

            statusType = 0;
            return false;
        }

        /// <summary>The session_ticket extension's data (RFC 5077; empty when the client asks for a new ticket).</summary>
        /// <param name="ticket">The ticket.</param>
        /// <returns>False when absent.</returns>
        public bool TryGetSessionTicket(out ReadOnlySpan<byte> ticket) => Extensions.TryGet(TlsExtensionType.SessionTicket, out ticket);

        /// <summary>renegotiation_info's renegotiated_connection (RFC 5746 3.2; empty on an initial handshake).</summary>
        /// <param name="renegotiatedConnection">The value.</param>
        /// <returns>False when absent.</returns>
        public bool TryGetRenegotiationInfo(out ReadOnlySpan<byte> renegotiatedConnection) => TryGetUInt8Prefixed(TlsExtensionType.RenegotiationInfo, out renegotiatedConnection);

        /// <summary>The length of the padding extension (RFC 7685).</summary>
        /// <param name="length">The number of padding bytes.</param>
        /// <returns>False when absent.</returns>
        public bool TryGetPaddingLength(out int length)
        {
            bool found = Extensions.TryGet(TlsExtensionType.Padding, out ReadOnlySpan<byte> data);
            length = data.Length;
            return found;
        }

        /// <summary>record_size_limit (RFC 8449 4).</summary>
        /// <param name="limit">The limit.</param>
        /// <returns>False when absent.</returns>
        public bool TryGetRecordSizeLimit(out ushort limit)
        {
            if (Extensions.TryGet(TlsExtensionType.RecordSizeLimit, out ReadOnlySpan<byte> data))
            {
                limit = (ushort)((data[0] << 8) | data[1]);
                return true;
            }

            limit = 0;
            return false;
        }

        /// <summary>compress_certificate algorithms (RFC 8879 3: 1 = zlib, 2 = brotli, 3 = zstd).</summary>
        /// <param name="algorithms">The list.</param>
        /// <returns>False when absent.</returns>
        public bool TryGetCompressCertificateAlgorithms(out TlsUInt16List algorithms)
        {
            if (TryGetUInt8Prefixed(TlsExtensionType.CompressCertificate, out ReadOnlySpan<byte> list))
            {
                algorithms = new TlsUInt16List(list);
                return true;
            }

            algorithms = default;
            return false;
        }

        /// <summary>quic_transport_parameters, raw (RFC 9001 8.2; present only in QUIC's ClientHello).</summary>
        /// <param name="parameters">The raw parameters.</param>
        /// <returns>False when absent.</returns>
        public bool TryGetQuicTransportParameters(out ReadOnlySpan<byte> parameters) => Extensions.TryGet(TlsExtensionType.QuicTransportParameters, out parameters);

        private bool TryGetUInt16Prefixed(TlsExtensionType type, out TlsUInt16List list)
        {
            if (Extensions.TryGet(type, out ReadOnlySpan<byte> data))
            {
                list = new TlsUInt16List(data.Slice(2));
                return true;
            }

            list = default;
            return false;
        }

        private bool TryGetUInt8Prefixed(TlsExtensionType type, out ReadOnlySpan<byte> content)
        {
            if (Extensions.TryGet(type, out ReadOnlySpan<byte> data))
            {
                content = data.Slice(1);
                return true;
            }

            content = default;
            return false;
        }
    }
}
