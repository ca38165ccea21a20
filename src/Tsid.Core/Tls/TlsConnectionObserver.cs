using System;
using System.Buffers;

namespace Tsid.Tls
{
    /// <summary>
    /// Watches both directions of one TLS connection and keeps what a passive observer can learn: the ClientHello,
    /// the ServerHello (and HelloRetryRequest), the negotiated version, the server's certificate chain (or that it
    /// is not visible), a client certificate, alerts and errors.
    /// <para>
    /// TLS over TCP: <see cref="Feed"/> each direction's bytes as TCP reassembly produces them, in any chunking,
    /// ideally in arrival order (the client direction needs to know when the server chose TLS 1.3); a
    /// <see cref="TlsRecordLayer"/> per direction reads the records. Handshake bytes that arrived another way (QUIC
    /// CRYPTO frames, DTLS fragments, already decrypted or unwrapped by a transport) go to
    /// <see cref="FeedHandshake"/> at their handshake-stream offset, in any order; both entries end in the same
    /// <see cref="HandshakeMessageReassembler"/> and the same message handling. Use one entry per direction.
    /// </para>
    /// <para>
    /// Each message kept is parsed once, when it completes: its body is copied into an array rented from
    /// <see cref="ArrayPool{T}.Shared"/> together with the offset index the parse recorded, and every getter
    /// (<see cref="TryGetClientHello"/>, …) rebuilds its view from that index without checking anything again. A
    /// message that does not parse makes its direction invalid, with the error kept in <see cref="ClientError"/> /
    /// <see cref="ServerError"/>. The hot path allocates nothing; <see cref="Reset"/> or <see cref="Dispose"/> return
    /// the arrays. Strings are made only by the <c>Get…String</c> helpers. Not thread-safe: one observer per connection.
    /// </para>
    /// </summary>
    public sealed class TlsConnectionObserver : IDisposable
    {
        /// <summary>How many alerts are kept (all are counted).</summary>
        public const int MaxAlertsKept = 8;

        private readonly TlsRecordLayer _client;
        private readonly TlsRecordLayer _server;
        private readonly TlsAlert[] _alerts = new TlsAlert[MaxAlertsKept];

        private StoredMessage _clientHello;
        private StoredMessage _serverHello;
        private StoredMessage _serverCertificate;
        private StoredMessage _clientCertificate;
        private ClientHello.Layout _clientHelloLayout;
        private ServerHello.Layout _serverHelloLayout;
        private CertificateMessage.Layout _serverCertificateLayout;
        private CertificateMessage.Layout _clientCertificateLayout;
        private TlsError _clientError;
        private TlsError _serverError;
        private bool _serverHelloDone;
        private Entry _clientEntry;
        private Entry _serverEntry;

        /// <summary>Creates an observer with <see cref="TlsHandshakeLimits.Default"/>.</summary>
        public TlsConnectionObserver()
            : this(null)
        {
        }

        /// <summary>Creates an observer.</summary>
        /// <param name="limits">Message caps for both directions (null for the defaults).</param>
        public TlsConnectionObserver(TlsHandshakeLimits? limits)
            : this(limits, HandshakeProtocol.Tls)
        {
        }

        /// <summary>Creates an observer for a handshake carried by <paramref name="protocol"/>.</summary>
        /// <param name="limits">Message caps for both directions (null for the defaults).</param>
        /// <param name="protocol">
        /// The carrier: TLS records, DTLS (whose transport removes the DTLS fragment header and whose ClientHello has a
        /// cookie, RFC 6347 4.2.1), or QUIC (CRYPTO frames, RFC 9001 4). DTLS and QUIC feed <see cref="FeedHandshake"/>.
        /// </param>
        public TlsConnectionObserver(TlsHandshakeLimits? limits, HandshakeProtocol protocol)
        {
            _client = new TlsRecordLayer(limits, null);
            _server = new TlsRecordLayer(limits, null);
            Protocol = protocol;
        }

        /// <summary>The protocol that carries this handshake (set at construction).</summary>
        public HandshakeProtocol Protocol { get; }

        /// <summary>Which entry a direction was fed through (they must not be mixed).</summary>
        private enum Entry : byte
        {
            None,
            Records,
            HandshakeBytes,
        }

        /// <summary>True once a ClientHello (TLS or SSLv2-compatible) was read.</summary>
        public bool ClientHelloSeen => ClientHelloCount > 0;

        /// <summary>
        /// How many ClientHellos (two after a HelloRetryRequest or a DTLS HelloVerifyRequest). The first one is kept,
        /// except in DTLS, where a later hello that carries a cookie replaces it: that is the one the handshake
        /// continued with (RFC 6347 4.2.1).
        /// </summary>
        public int ClientHelloCount { get; private set; }

        /// <summary>True when the client spoke the SSLv2-compatible ClientHello (RFC 5246 E.2; no extensions, no SNI).</summary>
        public bool IsSslV2ClientHello { get; private set; }

        /// <summary>The version an SSLv2-compatible ClientHello offered.</summary>
        public TlsProtocolVersion SslV2ClientHelloVersion { get; private set; }

        /// <summary>True once a ServerHello (not a HelloRetryRequest) was read.</summary>
        public bool ServerHelloSeen => _serverHelloDone;

        /// <summary>True when the server sent a DTLS HelloVerifyRequest (RFC 6347 4.2.1; read only for <see cref="HandshakeProtocol.Dtls"/>).</summary>
        public bool HelloVerifyRequestSeen { get; private set; }

        /// <summary>The length of the last HelloVerifyRequest's cookie (0 when none was seen).</summary>
        public int HelloVerifyRequestCookieLength { get; private set; }

        /// <summary>True when the server sent a HelloRetryRequest (RFC 8446 4.1.4).</summary>
        public bool HelloRetryRequestSeen { get; private set; }

        /// <summary>The negotiated version (ServerHello supported_versions, else legacy_version); None before a ServerHello.</summary>
        public TlsProtocolVersion NegotiatedVersion { get; private set; }

        /// <summary>The cipher suite the server chose (0 before a ServerHello).</summary>
        public ushort CipherSuite { get; private set; }

        /// <summary>Whether the server's certificate chain is visible.</summary>
        public TlsCertificateVisibility ServerCertificateVisibility { get; private set; }

        /// <summary>True when the client sent a plaintext Certificate message (TLS 1.2 client authentication), even an empty one.</summary>
        public bool ClientCertificateSeen => _clientCertificate.Array is not null;

        /// <summary>True when the server stapled an OCSP response (CertificateStatus, RFC 6066 8).</summary>
        public bool CertificateStatusSeen { get; private set; }

        /// <summary>The length of the stapled CertificateStatus body.</summary>
        public int CertificateStatusLength { get; private set; }

        /// <summary>Handshake messages counted but not kept (ServerKeyExchange, CertificateRequest, ServerHelloDone, ClientKeyExchange, …), both directions.</summary>
        public int SkippedMessageCount => _client.SkippedMessageCount + _server.SkippedMessageCount;

        /// <summary>True when a CertificateRequest was seen (the server asked for a client certificate).</summary>
        public bool CertificateRequestSeen { get; private set; }

        /// <summary>change_cipher_spec records seen (both directions).</summary>
        public int ChangeCipherSpecCount { get; private set; }

        /// <summary>Alerts seen in plaintext (both directions); the first <see cref="MaxAlertsKept"/> are kept.</summary>
        public int AlertCount { get; private set; }

        /// <summary>The client direction's error (final for that direction), or none.</summary>
        public TlsError ClientError => _clientError;

        /// <summary>The server direction's error (final for that direction), or none.</summary>
        public TlsError ServerError => _serverError;

        /// <summary>True when either direction is invalid.</summary>
        public bool HasError => _clientError.IsError || _serverError.IsError;

        /// <summary>True when the client direction went encrypted.</summary>
        public bool ClientEncrypted => _client.IsEncrypted;

        /// <summary>True when the server direction went encrypted.</summary>
        public bool ServerEncrypted => _server.IsEncrypted;

        /// <summary>Bytes consumed per direction: the stream offset reached through <see cref="Feed"/>, or the handshake-stream offset read in order through <see cref="FeedHandshake"/>.</summary>
        /// <param name="direction">The direction.</param>
        /// <returns>The count.</returns>
        public long BytesConsumed(TlsDirection direction)
        {
            TlsRecordLayer layer = Layer(direction);
            return EntryOf(direction) == Entry.HandshakeBytes ? layer.Handshake.NextOffset : layer.BytesConsumed;
        }

        /// <summary>
        /// Feeds the next bytes of one direction.
        /// </summary>
        /// <param name="direction">Which direction the bytes belong to.</param>
        /// <param name="data">The bytes, in stream order, any size.</param>
        /// <returns>
        /// <see cref="OperationStatus.NeedMoreData"/>: keep feeding; <see cref="OperationStatus.Done"/>: this
        /// direction is encrypted now, nothing more will be learnt from it (feeding more is harmless);
        /// <see cref="OperationStatus.InvalidData"/>: this direction is invalid (see <see cref="ClientError"/> /
        /// <see cref="ServerError"/>), final.
        /// </returns>
        /// <exception cref="InvalidOperationException">The direction was fed through <see cref="FeedHandshake"/>.</exception>
        public OperationStatus Feed(TlsDirection direction, ReadOnlySpan<byte> data)
        {
            UseEntry(direction, Entry.Records);
            TlsRecordLayer layer = Layer(direction);
            if (ErrorOf(direction).IsError)
            {
                return OperationStatus.InvalidData;
            }

            while (true)
            {
                OperationStatus status = layer.Read(data, out int consumed, out TlsFrame frame);
                data = data.Slice(consumed);
                if (status == OperationStatus.InvalidData)
                {
                    SetError(direction, layer.Error);
                    return OperationStatus.InvalidData;
                }

                if (status == OperationStatus.NeedMoreData)
                {
                    return layer.IsEncrypted ? OperationStatus.Done : OperationStatus.NeedMoreData;
                }

                TlsError error = frame.Kind == TlsFrameKind.HandshakeMessage
                    ? HandleMessage(direction, frame.HandshakeType, frame.Body, frame.Length, frame.IsBodySkipped, frame.StreamOffset)
                    : HandleRecordItem(direction, frame);
                if (error.IsError)
                {
                    SetError(direction, error);
                    return OperationStatus.InvalidData;
                }
            }
        }

        /// <summary>
        /// Feeds handshake bytes of one direction that arrived without TLS records: the content of QUIC CRYPTO frames
        /// (RFC 9001 4.1.3) or DTLS handshake fragments mapped onto one stream (see <see cref="HandshakeMessageReassembler"/>),
        /// at their offset in that direction's handshake stream, in any order, overlapping or repeated. Errors then
        /// carry handshake-stream offsets.
        /// </summary>
        /// <param name="direction">Which direction the bytes belong to.</param>
        /// <param name="offset">The handshake-stream offset of <paramref name="data"/>[0] (a CRYPTO frame's offset).</param>
        /// <param name="data">The bytes.</param>
        /// <returns>
        /// <see cref="OperationStatus.NeedMoreData"/>: keep feeding; <see cref="OperationStatus.Done"/>: the server
        /// selected TLS 1.3, so nothing more of this direction's handshake is plaintext (further bytes are ignored);
        /// <see cref="OperationStatus.InvalidData"/>: this direction is invalid (see <see cref="ClientError"/> /
        /// <see cref="ServerError"/>), final.
        /// </returns>
        /// <exception cref="InvalidOperationException">The direction was fed through <see cref="Feed"/>.</exception>
        public OperationStatus FeedHandshake(TlsDirection direction, long offset, ReadOnlySpan<byte> data)
        {
            UseEntry(direction, Entry.HandshakeBytes);
            TlsRecordLayer layer = Layer(direction);
            if (ErrorOf(direction).IsError)
            {
                return OperationStatus.InvalidData;
            }

            HandshakeMessageReassembler reassembler = layer.Handshake;
            while (!layer.IsEncrypted)
            {
                OperationStatus status = reassembler.Read(offset, data, out int consumed, out HandshakeMessage message);
                offset += consumed;
                data = data.Slice(consumed);
                if (status == OperationStatus.InvalidData)
                {
                    SetError(direction, reassembler.Error);
                    return OperationStatus.InvalidData;
                }

                if (status == OperationStatus.NeedMoreData)
                {
                    return OperationStatus.NeedMoreData;
                }

                TlsError error = HandleMessage(direction, message.Type, message.Body, message.Length, message.IsBodySkipped, message.Offset);
                if (error.IsError)
                {
                    SetError(direction, error);
                    return OperationStatus.InvalidData;
                }
            }

            return OperationStatus.Done;
        }

        /// <summary>The alert at <paramref name="index"/> (0 ≤ index &lt; min(<see cref="AlertCount"/>, <see cref="MaxAlertsKept"/>)).</summary>
        /// <param name="index">Which alert.</param>
        /// <returns>The alert.</returns>
        public TlsAlert GetAlert(int index)
        {
            if ((uint)index >= (uint)Math.Min(AlertCount, MaxAlertsKept))
            {
                throw new ArgumentOutOfRangeException(nameof(index));
            }

            return _alerts[index];
        }

        /// <summary>The ClientHello kept (the first; in DTLS the one with a cookie, see <see cref="ClientHelloCount"/>), rebuilt from the index its one parse recorded.</summary>
        /// <param name="hello">A view over the observer's copy (valid until <see cref="Reset"/>).</param>
        /// <returns>False when none was read (or it was SSLv2-compatible, or it did not parse: see <see cref="ClientError"/>).</returns>
        public bool TryGetClientHello(out ClientHello hello)
        {
            hello = _clientHello.Array is null ? default : new ClientHello(_clientHello.Span, in _clientHelloLayout);
            return _clientHello.Array is not null;
        }

        /// <summary>The ServerHello (the HelloRetryRequest when no ServerHello followed), rebuilt from its index.</summary>
        /// <param name="hello">A view over the observer's copy.</param>
        /// <returns>False when none was read (or it did not parse: see <see cref="ServerError"/>).</returns>
        public bool TryGetServerHello(out ServerHello hello)
        {
            hello = _serverHello.Array is null ? default : new ServerHello(_serverHello.Span, in _serverHelloLayout);
            return _serverHello.Array is not null;
        }

        /// <summary>The server's certificate chain as DER spans, leaf first, rebuilt from its index.</summary>
        /// <param name="chain">A view over the observer's copy.</param>
        /// <returns>False when not visible (see <see cref="ServerCertificateVisibility"/>), or it did not parse (see <see cref="ServerError"/>).</returns>
        public bool TryGetServerCertificates(out CertificateMessage chain)
        {
            chain = _serverCertificate.Array is null ? default : new CertificateMessage(_serverCertificate.Span, in _serverCertificateLayout);
            return _serverCertificate.Array is not null;
        }

        /// <summary>The client's certificate chain (TLS 1.2 client authentication), rebuilt from its index.</summary>
        /// <param name="chain">A view over the observer's copy.</param>
        /// <returns>False when no plaintext client Certificate was seen (or it did not parse: see <see cref="ClientError"/>).</returns>
        public bool TryGetClientCertificates(out CertificateMessage chain)
        {
            chain = _clientCertificate.Array is null ? default : new CertificateMessage(_clientCertificate.Span, in _clientCertificateLayout);
            return _clientCertificate.Array is not null;
        }

        /// <summary>The first SNI host_name as a string (allocates), or null.</summary>
        /// <returns>The name.</returns>
        public string? GetServerNameString()
        {
            if (TryGetClientHello(out ClientHello hello) && hello.TryGetServerName(out ReadOnlySpan<byte> name))
            {
                return Latin1.GetString(name);
            }

            return null;
        }

        /// <summary>Forgets the connection so the observer can serve another one; rented buffers go back to the pool.</summary>
        public void Reset()
        {
            _client.Reset();
            _server.Reset();
            _clientHello.Release();
            _serverHello.Release();
            _serverCertificate.Release();
            _clientCertificate.Release();
            _clientHelloLayout = default;
            _serverHelloLayout = default;
            _serverCertificateLayout = default;
            _clientCertificateLayout = default;
            _clientError = default;
            _serverError = default;
            _serverHelloDone = false;
            _clientEntry = Entry.None;
            _serverEntry = Entry.None;
            ClientHelloCount = 0;
            IsSslV2ClientHello = false;
            SslV2ClientHelloVersion = TlsProtocolVersion.None;
            HelloRetryRequestSeen = false;
            HelloVerifyRequestSeen = false;
            HelloVerifyRequestCookieLength = 0;
            NegotiatedVersion = TlsProtocolVersion.None;
            CipherSuite = 0;
            ServerCertificateVisibility = TlsCertificateVisibility.Unknown;
            CertificateStatusSeen = false;
            CertificateStatusLength = 0;
            CertificateRequestSeen = false;
            ChangeCipherSpecCount = 0;
            AlertCount = 0;
        }

        /// <summary>Returns rented buffers.</summary>
        public void Dispose()
        {
            Reset();
            _client.Dispose();
            _server.Dispose();
        }

        private TlsRecordLayer Layer(TlsDirection direction) => direction == TlsDirection.ClientToServer ? _client : _server;

        private Entry EntryOf(TlsDirection direction) => direction == TlsDirection.ClientToServer ? _clientEntry : _serverEntry;

        private void UseEntry(TlsDirection direction, Entry entry)
        {
            ref Entry used = ref direction == TlsDirection.ClientToServer ? ref _clientEntry : ref _serverEntry;
            if (used != entry && used != Entry.None)
            {
                throw new InvalidOperationException("A direction is fed either records (Feed) or handshake bytes (FeedHandshake), not both.");
            }

            used = entry;
        }

        private TlsError ErrorOf(TlsDirection direction) => direction == TlsDirection.ClientToServer ? _clientError : _serverError;

        private void SetError(TlsDirection direction, TlsError error)
        {
            if (direction == TlsDirection.ClientToServer)
            {
                _clientError = error;
            }
            else
            {
                _serverError = error;
            }
        }

        private TlsError HandleRecordItem(TlsDirection direction, TlsFrame frame)
        {
            bool fromClient = direction == TlsDirection.ClientToServer;
            switch (frame.Kind)
            {
                case TlsFrameKind.Alert:
                    if (AlertCount < MaxAlertsKept)
                    {
                        _alerts[AlertCount] = new TlsAlert(direction, frame.AlertLevel, frame.AlertDescription, frame.StreamOffset);
                    }

                    AlertCount++;
                    return default;

                case TlsFrameKind.ChangeCipherSpec:
                    ChangeCipherSpecCount++;
                    if (!fromClient && ServerCertificateVisibility == TlsCertificateVisibility.Unknown && _serverHelloDone)
                    {
                        ServerCertificateVisibility = TlsCertificateVisibility.NotSent;
                    }

                    return default;

                case TlsFrameKind.SslV2ClientHello:
                    if (!fromClient)
                    {
                        return new TlsError(TlsErrorCode.UnexpectedMessage, frame.StreamOffset);
                    }

                    // The record layer checked it (RFC 5246 E.2); the version follows msg_type.
                    ClientHelloCount++;
                    IsSslV2ClientHello = true;
                    SslV2ClientHelloVersion = (TlsProtocolVersion)((frame.Body[1] << 8) | frame.Body[2]);
                    return default;

                default:
                    return default;
            }
        }

        /// <summary>Handles one complete handshake message: each kept message is parsed here, once, and its index stored.</summary>
        private TlsError HandleMessage(TlsDirection direction, TlsHandshakeType type, ReadOnlySpan<byte> body, int length, bool bodySkipped, long offset)
        {
            bool fromClient = direction == TlsDirection.ClientToServer;
            long bodyOffset = offset + 4;
            TlsError error;
            switch (type)
            {
                case TlsHandshakeType.ClientHello:
                    if (!fromClient)
                    {
                        return new TlsError(TlsErrorCode.UnexpectedMessage, offset);
                    }

                    if (!ClientHello.TryParse(body, Protocol, out ClientHello clientHello, out error))
                    {
                        return Shift(error, bodyOffset);
                    }

                    if (ClientHelloCount++ == 0 || !clientHello.Cookie.IsEmpty)
                    {
                        _clientHello.Store(body);
                        _clientHelloLayout = clientHello.Index;
                    }

                    return default;

                case TlsHandshakeType.ServerHello:
                    if (fromClient || _serverHelloDone)
                    {
                        return new TlsError(TlsErrorCode.UnexpectedMessage, offset);
                    }

                    if (!ServerHello.TryParse(body, out ServerHello hello, out error))
                    {
                        return Shift(error, bodyOffset);
                    }

                    NegotiatedVersion = hello.NegotiatedVersion;
                    CipherSuite = hello.CipherSuite;
                    _serverHello.Store(body);
                    _serverHelloLayout = hello.Index;

                    // The record layers do not parse handshake messages: tell both what the server chose.
                    if (hello.IsHelloRetryRequest)
                    {
                        HelloRetryRequestSeen = true;
                        _client.ServerSelectedTls13(true);
                        if (hello.IsTls13)
                        {
                            _server.ServerSelectedTls13(true);
                        }

                        return default;
                    }

                    _serverHelloDone = true;
                    if (hello.IsTls13)
                    {
                        ServerCertificateVisibility = TlsCertificateVisibility.EncryptedTls13;
                        _client.ServerSelectedTls13(false);
                        _server.ServerSelectedTls13(false);
                    }

                    return default;

                case TlsHandshakeType.Certificate:
                    if (!CertificateMessage.TryParse(body, out CertificateMessage chain, out error))
                    {
                        return Shift(error, bodyOffset);
                    }

                    if (fromClient)
                    {
                        _clientCertificate.Store(body);
                        _clientCertificateLayout = chain.Index;
                    }
                    else
                    {
                        _serverCertificate.Store(body);
                        _serverCertificateLayout = chain.Index;
                        ServerCertificateVisibility = TlsCertificateVisibility.Visible;
                    }

                    return default;

                case TlsHandshakeType.CertificateStatus:
                    if (!bodySkipped && !Tls.CertificateStatus.TryParse(body, out _, out error))
                    {
                        return Shift(error, bodyOffset);
                    }

                    CertificateStatusSeen = true;
                    CertificateStatusLength = length;
                    return default;

                case TlsHandshakeType.CertificateRequest:
                    CertificateRequestSeen = true;
                    return default;

                case TlsHandshakeType.HelloVerifyRequest:
                    if (Protocol != HandshakeProtocol.Dtls)
                    {
                        return default;
                    }

                    if (fromClient)
                    {
                        return new TlsError(TlsErrorCode.UnexpectedMessage, offset);
                    }

                    if (bodySkipped)
                    {
                        return new TlsError(TlsErrorCode.HandshakeMessageTooLarge, offset);
                    }

                    if (!Tls.HelloVerifyRequest.TryParse(body, out HelloVerifyRequest verify, out error))
                    {
                        return Shift(error, bodyOffset);
                    }

                    HelloVerifyRequestSeen = true;
                    HelloVerifyRequestCookieLength = verify.Cookie.Length;
                    return default;

                default:
                    return default;
            }
        }

        private static TlsError Shift(TlsError error, long bodyOffset) => new TlsError(error.Code, bodyOffset + error.Offset);

        /// <summary>A message copied into a pooled array.</summary>
        private struct StoredMessage
        {
            public byte[]? Array;
            public int Length;

            public readonly ReadOnlySpan<byte> Span => Array is null ? default : new ReadOnlySpan<byte>(Array, 0, Length);

            public void Store(ReadOnlySpan<byte> body)
            {
                if (Array is null || Array.Length < body.Length)
                {
                    Release();
                    Array = ArrayPool<byte>.Shared.Rent(Math.Max(body.Length, 1));
                }

                body.CopyTo(Array);
                Length = body.Length;
            }

            public void Release()
            {
                if (Array is not null)
                {
                    ArrayPool<byte>.Shared.Return(Array);
                    Array = null;
                    Length = 0;
                }
            }
        }
    }
}
