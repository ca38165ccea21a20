using System;

namespace Tsid.Tls
{
    /// <content>Typed readers for the ClientHello extensions: each reads the place the parse recorded, no search.</content>
    public readonly ref partial struct ClientHello
    {
        /// <summary>True when server_name is present.</summary>
        public bool HasServerName => _layout.ServerName != 0;

        /// <summary>
        /// True when an outer encrypted_client_hello is present: the server_name is then only the ECH public name
        /// (draft-ietf-tls-esni 6.1), not the name the client is visiting.
        /// </summary>
        public bool ServerNameIsEchPublicName => (_layout.Flags & ClientHelloFlags.HasEch) != 0 && _layout.Ech.IsOuter;

        /// <summary>True when pre_shared_key is present (RFC 8446 4.2.11).</summary>
        public bool HasPreSharedKey => (_layout.Flags & ClientHelloFlags.HasPreSharedKey) != 0;

        /// <summary>True when early_data is present (RFC 8446 4.2.10).</summary>
        public bool HasEarlyData => (_layout.Flags & ClientHelloFlags.HasEarlyData) != 0;

        /// <summary>All server_name entries (RFC 6066 3).</summary>
        /// <param name="names">The list.</param>
        /// <returns>False when the extension is absent.</returns>
        public bool TryGetServerNames(out ServerNameList names)
        {
            if (!TryGetData(_layout.ServerName, 2, out ReadOnlySpan<byte> entries, out int offset))
            {
                names = default;
                return false;
            }

            names = new ServerNameList(entries, offset, _layout.ServerNameCount);
            return true;
        }

        /// <summary>The first host_name of server_name: the SNI most callers want.</summary>
        /// <param name="hostName">The ASCII bytes.</param>
        /// <returns>False when there is no host_name entry.</returns>
        public bool TryGetServerName(out ReadOnlySpan<byte> hostName)
        {
            if (_layout.ServerName != 0 && _layout.HostNameOffset >= 0)
            {
                hostName = _body.Slice(_layout.HostNameOffset, _layout.HostNameLength);
                return true;
            }

            hostName = default;
            return false;
        }

        /// <summary>The ALPN protocol names offered (RFC 7301 3.1).</summary>
        /// <param name="protocols">The list.</param>
        /// <returns>False when absent.</returns>
        public bool TryGetAlpn(out ProtocolNameList protocols)
        {
            bool found = TryGetData(_layout.Alpn, 2, out ReadOnlySpan<byte> names, out _);
            protocols = new ProtocolNameList(names);
            return found;
        }

        /// <summary>The versions offered in supported_versions (RFC 8446 4.2.1), GREASE kept.</summary>
        /// <param name="versions">The list.</param>
        /// <returns>False when absent.</returns>
        public bool TryGetSupportedVersions(out TlsUInt16List versions) => TryGetUInt16List(_layout.SupportedVersions, 1, out versions);

        /// <summary>The key shares offered (RFC 8446 4.2.8): group and key bytes of each.</summary>
        /// <param name="shares">The list.</param>
        /// <returns>False when absent.</returns>
        public bool TryGetKeyShares(out KeyShareList shares)
        {
            bool found = TryGetData(_layout.KeyShare, 2, out ReadOnlySpan<byte> entries, out _);
            shares = new KeyShareList(entries);
            return found;
        }

        /// <summary>The encrypted_client_hello extension (draft-ietf-tls-esni 5).</summary>
        /// <param name="ech">Its fields.</param>
        /// <returns>False when absent.</returns>
        public bool TryGetEncryptedClientHello(out EncryptedClientHello ech)
        {
            ech = _layout.Ech;
            return (_layout.Flags & ClientHelloFlags.HasEch) != 0;
        }

        /// <summary>supported_groups (RFC 8446 4.2.7).</summary>
        /// <param name="groups">The list.</param>
        /// <returns>False when absent.</returns>
        public bool TryGetSupportedGroups(out TlsUInt16List groups) => TryGetUInt16List(_layout.SupportedGroups, 2, out groups);

        /// <summary>signature_algorithms (RFC 8446 4.2.3).</summary>
        /// <param name="schemes">The list.</param>
        /// <returns>False when absent.</returns>
        public bool TryGetSignatureAlgorithms(out TlsUInt16List schemes) => TryGetUInt16List(_layout.SignatureAlgorithms, 2, out schemes);

        /// <summary>signature_algorithms_cert (RFC 8446 4.2.3): the schemes accepted in certificates, when they differ.</summary>
        /// <param name="schemes">The list.</param>
        /// <returns>False when absent.</returns>
        public bool TryGetSignatureAlgorithmsCert(out TlsUInt16List schemes) => TryGetUInt16List(_layout.SignatureAlgorithmsCert, 2, out schemes);

        /// <summary>psk_key_exchange_modes (RFC 8446 4.2.9).</summary>
        /// <param name="modes">The modes (0 = psk_ke, 1 = psk_dhe_ke).</param>
        /// <returns>False when absent.</returns>
        public bool TryGetPskKeyExchangeModes(out ReadOnlySpan<byte> modes) => TryGetData(_layout.PskKeyExchangeModes, 1, out modes, out _);

        /// <summary>ec_point_formats (RFC 8422 5.1.2).</summary>
        /// <param name="formats">The formats.</param>
        /// <returns>False when absent.</returns>
        public bool TryGetEcPointFormats(out ReadOnlySpan<byte> formats) => TryGetData(_layout.EcPointFormats, 1, out formats, out _);

        /// <summary>The status_type of status_request (RFC 6066 8; 1 = ocsp).</summary>
        /// <param name="statusType">The type.</param>
        /// <returns>False when absent.</returns>
        public bool TryGetStatusRequestType(out byte statusType)
        {
            if (TryGetData(_layout.StatusRequest, 0, out ReadOnlySpan<byte> data, out _))
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
        public bool TryGetSessionTicket(out ReadOnlySpan<byte> ticket) => TryGetData(_layout.SessionTicket, 0, out ticket, out _);

        /// <summary>renegotiation_info's renegotiated_connection (RFC 5746 3.2; empty on an initial handshake).</summary>
        /// <param name="renegotiatedConnection">The value.</param>
        /// <returns>False when absent.</returns>
        public bool TryGetRenegotiationInfo(out ReadOnlySpan<byte> renegotiatedConnection) => TryGetData(_layout.RenegotiationInfo, 1, out renegotiatedConnection, out _);

        /// <summary>The length of the padding extension (RFC 7685).</summary>
        /// <param name="length">The number of padding bytes.</param>
        /// <returns>False when absent.</returns>
        public bool TryGetPaddingLength(out int length)
        {
            length = (int)(_layout.Padding & 0xffff);
            return _layout.Padding != 0;
        }

        /// <summary>record_size_limit (RFC 8449 4).</summary>
        /// <param name="limit">The limit.</param>
        /// <returns>False when absent.</returns>
        public bool TryGetRecordSizeLimit(out ushort limit)
        {
            if (TryGetData(_layout.RecordSizeLimit, 0, out ReadOnlySpan<byte> data, out _))
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
        public bool TryGetCompressCertificateAlgorithms(out TlsUInt16List algorithms) => TryGetUInt16List(_layout.CompressCertificate, 1, out algorithms);

        /// <summary>quic_transport_parameters, raw (RFC 9001 8.2; present only in QUIC's ClientHello).</summary>
        /// <param name="parameters">The raw parameters.</param>
        /// <returns>False when absent.</returns>
        public bool TryGetQuicTransportParameters(out ReadOnlySpan<byte> parameters) => TryGetData(_layout.QuicTransportParameters, 0, out parameters, out _);

        /// <summary>An extension's data from its recorded slot, without its first <paramref name="skip"/> bytes (a vector length the parse checked).</summary>
        private bool TryGetData(uint slot, int skip, out ReadOnlySpan<byte> data, out int offset)
        {
            if (slot == 0)
            {
                data = default;
                offset = 0;
                return false;
            }

            offset = _layout.ExtensionsOffset + (int)(slot >> 16) + skip;
            data = _body.Slice(offset, (int)(slot & 0xffff) - skip);
            return true;
        }

        private bool TryGetUInt16List(uint slot, int skip, out TlsUInt16List list)
        {
            bool found = TryGetData(slot, skip, out ReadOnlySpan<byte> data, out _);
            list = new TlsUInt16List(data);
            return found;
        }
    }
}
