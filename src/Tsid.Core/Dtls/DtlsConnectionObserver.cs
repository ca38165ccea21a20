using System;
using System.Buffers;
using Tsid.Tls;

namespace Tsid.Dtls
{
    /// <summary>
    /// Watches both directions of one DTLS connection (RFC 6347; RFC 9147 detected) and keeps what a passive observer
    /// can learn: the ClientHello the handshake continued with (after a HelloVerifyRequest, the one with the cookie),
    /// the ServerHello, the server's certificate chain (in clear up to DTLS 1.2), the version, errors and counters.
    /// <para>
    /// <see cref="Feed"/> each UDP datagram of the connection with its direction, in capture order. The DTLS layer
    /// reads the records (RFC 6347 4.1) and handshake fragments (4.2.2) of epoch 0, places each fragment in its
    /// direction's handshake stream (see <see cref="DtlsLimits"/>), and feeds that to <see cref="Handshake"/>, a
    /// <see cref="TlsConnectionObserver"/> in <see cref="HandshakeProtocol.Dtls"/> mode: the one reassembler and
    /// the one ClientHello, ServerHello and Certificate parsers of TLS. Retransmissions (re-fragmented or not),
    /// duplicates, overlaps and out-of-order fragments make no difference. Records of a later epoch are encrypted
    /// and only counted; so are DTLS 1.3 unified-header records (RFC 9147 4), whose presence reports DTLS 1.3.
    /// </para>
    /// <para>
    /// Datagrams whose first byte is not DTLS (RFC 7983: STUN, RTP, …) are counted and ignored, so a WebRTC port can be
    /// fed whole. A malformed record makes its direction invalid (final), with <see cref="DtlsError"/> saying which
    /// datagram and where; nothing on the wire throws. Not thread-safe: one observer per connection.
    /// </para>
    /// </summary>
    public sealed class DtlsConnectionObserver : IDisposable
    {
        private readonly DtlsLimits _limits;
        private readonly DtlsHandshakeStream _client;
        private readonly DtlsHandshakeStream _server;
        private DtlsError _clientError;
        private DtlsError _serverError;
        private bool _clientEncrypted;
        private bool _serverEncrypted;
        private bool _serverChangeCipherSpec;

        /// <summary>Creates an observer.</summary>
        /// <param name="limits">The DTLS layer's bounds (null for <see cref="DtlsLimits.Default"/>).</param>
        /// <param name="handshakeLimits">The handshake reassembler's caps (null for <see cref="TlsHandshakeLimits.Default"/>).</param>
        public DtlsConnectionObserver(DtlsLimits? limits = null, TlsHandshakeLimits? handshakeLimits = null)
        {
            _limits = limits ?? DtlsLimits.Default;
            Handshake = new TlsConnectionObserver(handshakeLimits, HandshakeProtocol.Dtls);
            _client = new DtlsHandshakeStream(Handshake, TlsDirection.ClientToServer, _limits);
            _server = new DtlsHandshakeStream(Handshake, TlsDirection.ServerToClient, _limits);
        }

        /// <summary>The limits in force.</summary>
        public DtlsLimits Limits => _limits;

        /// <summary>
        /// The handshake as TLS sees it: <see cref="TlsConnectionObserver.TryGetClientHello"/> (its
        /// <see cref="ClientHello.Cookie"/> is the DTLS cookie), <see cref="TlsConnectionObserver.TryGetServerHello"/>,
        /// <see cref="TlsConnectionObserver.TryGetServerCertificates"/>, … Its errors carry handshake-stream offsets.
        /// Fed by this observer only.
        /// </summary>
        public TlsConnectionObserver Handshake { get; }

        /// <summary>
        /// The DTLS version: the ServerHello's (supported_versions, else server_version) once seen; before that
        /// <see cref="TlsProtocolVersion.Dtls13"/> when a unified header was seen; otherwise <see cref="TlsProtocolVersion.None"/>
        /// (see <see cref="RecordVersion"/>).
        /// </summary>
        public TlsProtocolVersion Version
        {
            get
            {
                TlsProtocolVersion negotiated = Handshake.NegotiatedVersion;
                if (negotiated != TlsProtocolVersion.None)
                {
                    return negotiated;
                }

                return UnifiedHeaderSeen ? TlsProtocolVersion.Dtls13 : TlsProtocolVersion.None;
            }
        }

        /// <summary>The version field of the first DTLSPlaintext record seen (either direction), or none.</summary>
        public TlsProtocolVersion RecordVersion { get; private set; }

        /// <summary>True once a DTLS 1.3 unified-header record (RFC 9147 4) was seen: the connection is DTLS 1.3.</summary>
        public bool UnifiedHeaderSeen { get; private set; }

        /// <summary>True when the server sent a HelloVerifyRequest (RFC 6347 4.2.1).</summary>
        public bool HelloVerifyRequestSeen => Handshake.HelloVerifyRequestSeen;

        /// <summary>The HelloVerifyRequest cookie's length (0 when none was seen).</summary>
        public int HelloVerifyRequestCookieLength => Handshake.HelloVerifyRequestCookieLength;

        /// <summary>
        /// Whether the server's certificate chain is visible: the handshake's answer, or
        /// <see cref="TlsCertificateVisibility.NotSent"/> when the server changed cipher spec after its ServerHello
        /// without a Certificate (an abbreviated handshake, RFC 5246 7.3).
        /// </summary>
        public TlsCertificateVisibility ServerCertificateVisibility =>
            Handshake.ServerCertificateVisibility == TlsCertificateVisibility.Unknown && _serverChangeCipherSpec && Handshake.ServerHelloSeen
                ? TlsCertificateVisibility.NotSent
                : Handshake.ServerCertificateVisibility;

        /// <summary>The first error of either direction, or none.</summary>
        public DtlsError Error => _clientError.IsError && (!_serverError.IsError || _clientError.DatagramIndex <= _serverError.DatagramIndex) ? _clientError : _serverError;

        /// <summary>The client direction's error (final for that direction), or none.</summary>
        public DtlsError ClientError => _clientError;

        /// <summary>The server direction's error (final for that direction), or none.</summary>
        public DtlsError ServerError => _serverError;

        /// <summary>True when either direction is invalid.</summary>
        public bool HasError => _clientError.IsError || _serverError.IsError;

        /// <summary>True once the client sent a record of epoch &gt; 0 (or a unified header): its later records are encrypted.</summary>
        public bool ClientEncrypted => _clientEncrypted;

        /// <summary>True once the server sent a record of epoch &gt; 0 (or a unified header).</summary>
        public bool ServerEncrypted => _serverEncrypted;

        /// <summary>Datagrams fed (both directions, DTLS or not).</summary>
        public long DatagramCount { get; private set; }

        /// <summary>Datagrams ignored because their first byte is not DTLS (RFC 7983: STUN, RTP, TURN, …) or they were empty.</summary>
        public long IgnoredDatagramCount { get; private set; }

        /// <summary>Records read (both directions, plaintext and encrypted).</summary>
        public long RecordCount { get; private set; }

        /// <summary>Handshake fragments read in epoch 0.</summary>
        public long HandshakeFragmentCount { get; private set; }

        /// <summary>Fragments of messages that were already complete (retransmitted flights).</summary>
        public int RetransmittedFragmentCount => _client.RetransmittedFragmentCount + _server.RetransmittedFragmentCount;

        /// <summary>Fragments still waiting for an earlier message of their direction (never seen, so far).</summary>
        public int PendingFragmentCount => _client.PendingFragmentCount + _server.PendingFragmentCount;

        /// <summary>Records of epoch &gt; 0, DTLS 1.3 unified-header records and RFC 9146 connection-ID records: protected, counted only.</summary>
        public long EncryptedRecordCount { get; private set; }

        /// <summary>change_cipher_spec records (both directions).</summary>
        public int ChangeCipherSpecCount { get; private set; }

        /// <summary>Plaintext alerts (epoch 0, both directions); the first is <see cref="FirstAlert"/>.</summary>
        public int AlertCount { get; private set; }

        /// <summary>The first plaintext alert (its offset is in its datagram); meaningful when <see cref="AlertCount"/> &gt; 0.</summary>
        public TlsAlert FirstAlert { get; private set; }

        /// <summary>Epoch-0 records of other content types (application data, heartbeat, ACK), counted and ignored.</summary>
        public long IgnoredRecordCount { get; private set; }

        /// <summary>The first SNI host_name of the ClientHello kept, as a string (allocates), or null.</summary>
        /// <returns>The name.</returns>
        public string? GetServerNameString() => Handshake.GetServerNameString();

        /// <summary>Feeds one UDP datagram (one or more DTLS records) of one direction.</summary>
        /// <param name="direction">Which direction the datagram went.</param>
        /// <param name="datagram">The UDP payload.</param>
        /// <returns>
        /// <see cref="OperationStatus.NeedMoreData"/>: keep feeding; <see cref="OperationStatus.Done"/>: this direction
        /// is encrypted now, nothing more will be learnt from it except retransmitted plaintext (feeding more is
        /// harmless); <see cref="OperationStatus.InvalidData"/>: this direction is invalid (see <see cref="ClientError"/>
        /// / <see cref="ServerError"/>), final.
        /// </returns>
        public OperationStatus Feed(TlsDirection direction, ReadOnlySpan<byte> datagram)
        {
            long index = DatagramCount++;
            bool fromClient = direction == TlsDirection.ClientToServer;
            if ((fromClient ? _clientError : _serverError).IsError)
            {
                return OperationStatus.InvalidData;
            }

            if (DtlsRecord.Classify(datagram) != DatagramKind.Dtls)
            {
                IgnoredDatagramCount++;
                return Status(fromClient);
            }

            DtlsErrorCode code = ReadDatagram(direction, datagram, out int at);
            if (code != DtlsErrorCode.None)
            {
                var error = new DtlsError(code, direction, index, at);
                if (fromClient)
                {
                    _clientError = error;
                }
                else
                {
                    _serverError = error;
                }

                return OperationStatus.InvalidData;
            }

            return Status(fromClient);
        }

        /// <summary>Forgets the connection so the observer can serve another one; rented buffers go back to the pool.</summary>
        public void Reset()
        {
            Handshake.Reset();
            _client.Reset();
            _server.Reset();
            _clientError = default;
            _serverError = default;
            _clientEncrypted = false;
            _serverEncrypted = false;
            _serverChangeCipherSpec = false;
            RecordVersion = TlsProtocolVersion.None;
            UnifiedHeaderSeen = false;
            DatagramCount = 0;
            IgnoredDatagramCount = 0;
            RecordCount = 0;
            HandshakeFragmentCount = 0;
            EncryptedRecordCount = 0;
            ChangeCipherSpecCount = 0;
            AlertCount = 0;
            FirstAlert = default;
            IgnoredRecordCount = 0;
        }

        /// <summary>Returns rented buffers.</summary>
        public void Dispose()
        {
            Reset();
            _client.Dispose();
            _server.Dispose();
            Handshake.Dispose();
        }

        private OperationStatus Status(bool fromClient) => (fromClient ? _clientEncrypted : _serverEncrypted) ? OperationStatus.Done : OperationStatus.NeedMoreData;

        private void MarkEncrypted(TlsDirection direction)
        {
            EncryptedRecordCount++;
            if (direction == TlsDirection.ClientToServer)
            {
                _clientEncrypted = true;
            }
            else
            {
                _serverEncrypted = true;
            }
        }

        private DtlsErrorCode ReadDatagram(TlsDirection direction, ReadOnlySpan<byte> datagram, out int at)
        {
            int pos = 0;
            int records = 0;
            while (pos < datagram.Length)
            {
                at = pos;
                if (++records > _limits.MaxRecordsPerDatagram)
                {
                    return DtlsErrorCode.TooManyRecords;
                }

                ReadOnlySpan<byte> rest = datagram.Slice(pos);
                byte first = rest[0];
                if (DtlsUnifiedHeader.IsUnifiedHeader(first))
                {
                    // RFC 9147 4: a protected DTLS 1.3 record. Without its length (L clear) it runs to the datagram's
                    // end; with a connection ID (C) its length is unknowable here: either way the datagram ends for us.
                    UnifiedHeaderSeen = true;
                    RecordCount++;
                    MarkEncrypted(direction);
                    if (!DtlsUnifiedHeader.TryRead(rest, out DtlsUnifiedHeader unified))
                    {
                        return DtlsErrorCode.TruncatedRecord;
                    }

                    if (unified.HasConnectionId || !unified.HasLength)
                    {
                        break;
                    }

                    if (unified.HeaderLength + unified.Length > rest.Length)
                    {
                        at = pos + unified.HeaderLength - 2;
                        return DtlsErrorCode.TruncatedRecord;
                    }

                    pos += unified.HeaderLength + unified.Length;
                    continue;
                }

                if (!DtlsRecordHeader.TryRead(rest, out DtlsRecordHeader header))
                {
                    return DtlsErrorCode.TruncatedRecord;
                }

                if (!DtlsRecord.IsDtlsVersion(header.Version))
                {
                    at = pos + 1;
                    return DtlsErrorCode.InvalidRecordVersion;
                }

                RecordCount++;
                if (RecordVersion == TlsProtocolVersion.None)
                {
                    RecordVersion = (TlsProtocolVersion)header.Version;
                }

                if (header.ContentType == DtlsRecord.TlsCidContentType)
                {
                    // RFC 9146 6: tls12_cid records put a connection ID of negotiated length before the length field.
                    MarkEncrypted(direction);
                    break;
                }

                at = pos + 11;
                if (header.Length > DtlsRecord.MaxRecordLength)
                {
                    return DtlsErrorCode.RecordTooLong;
                }

                if (DtlsRecord.HeaderLength + header.Length > rest.Length)
                {
                    return DtlsErrorCode.TruncatedRecord;
                }

                int bodyStart = pos + DtlsRecord.HeaderLength;
                ReadOnlySpan<byte> fragment = rest.Slice(DtlsRecord.HeaderLength, header.Length);
                pos = bodyStart + header.Length;
                if (header.Epoch != 0)
                {
                    // RFC 6347 4.1: the epoch changes with each ChangeCipherSpec; everything after is protected.
                    MarkEncrypted(direction);
                    continue;
                }

                DtlsErrorCode code = ReadPlaintext(direction, (TlsContentType)header.ContentType, fragment, bodyStart, out at);
                if (code != DtlsErrorCode.None)
                {
                    return code;
                }
            }

            at = 0;
            return DtlsErrorCode.None;
        }

        private DtlsErrorCode ReadPlaintext(TlsDirection direction, TlsContentType type, ReadOnlySpan<byte> fragment, int bodyStart, out int at)
        {
            at = bodyStart;
            switch (type)
            {
                case TlsContentType.Handshake:
                    // RFC 6347 4.2.3: a record may carry several handshake fragments, none split across records.
                    int pos = 0;
                    while (pos < fragment.Length)
                    {
                        at = bodyStart + pos;
                        if (!DtlsHandshakeHeader.TryRead(fragment.Slice(pos), out DtlsHandshakeHeader header))
                        {
                            return DtlsErrorCode.TruncatedFragment;
                        }

                        int dataStart = pos + DtlsRecord.HandshakeHeaderLength;
                        if (header.FragmentLength > fragment.Length - dataStart)
                        {
                            at += 9;
                            return DtlsErrorCode.TruncatedFragment;
                        }

                        HandshakeFragmentCount++;
                        DtlsHandshakeStream stream = direction == TlsDirection.ClientToServer ? _client : _server;
                        DtlsErrorCode code = stream.Add(in header, fragment.Slice(dataStart, header.FragmentLength));
                        if (code != DtlsErrorCode.None)
                        {
                            if (code == DtlsErrorCode.InvalidFragment)
                            {
                                at += 6;
                            }
                            else if (code == DtlsErrorCode.MessageSequenceTooHigh)
                            {
                                at += 4;
                            }

                            return code;
                        }

                        pos = dataStart + header.FragmentLength;
                    }

                    return DtlsErrorCode.None;

                case TlsContentType.ChangeCipherSpec:
                    ChangeCipherSpecCount++;
                    if (direction == TlsDirection.ServerToClient)
                    {
                        _serverChangeCipherSpec = true;
                    }

                    return DtlsErrorCode.None;

                case TlsContentType.Alert:
                    if (AlertCount++ == 0 && fragment.Length >= 2)
                    {
                        FirstAlert = new TlsAlert(direction, (TlsAlertLevel)fragment[0], (TlsAlertDescription)fragment[1], bodyStart);
                    }

                    return DtlsErrorCode.None;

                default:
                    IgnoredRecordCount++;
                    return DtlsErrorCode.None;
            }
        }
    }
}
