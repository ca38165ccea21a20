using System;
using System.Buffers;

namespace Tsid.Tls
{
    /// <summary>
    /// The TLS record layer of one direction of a TLS-over-TCP connection (RFC 8446 5, RFC 5246 6.2), fed bytes in
    /// any chunking (one byte at a time included): it checks record headers, recognises an SSLv2-compatible
    /// ClientHello (RFC 5246 E.2), reads alerts and change_cipher_spec, notices when the direction goes encrypted, and
    /// hands the handshake records' contents, in order, to a <see cref="HandshakeMessageReassembler"/>, which frames
    /// them into messages (a message may span records and a record may hold several). Pull API, in the manner of
    /// <c>Utf8JsonReader</c>:
    /// <code>
    /// while (!data.IsEmpty)
    /// {
    ///     OperationStatus status = recordLayer.Read(data, out int consumed, out TlsFrame frame);
    ///     data = data.Slice(consumed);
    ///     if (status == OperationStatus.Done) { /* use frame before the next Read */ }
    ///     else break; // NeedMoreData: all bytes consumed; InvalidData: see Error
    /// }
    /// </code>
    /// <para>
    /// <see cref="OperationStatus.InvalidData"/> is final: once invalid, no further input makes the stream valid
    /// (the <see cref="OperationStatus"/> promise), and <see cref="BytesConsumed"/> then ends just after the item
    /// that proved it (the record header, the handshake header, the alert, …) however the bytes were chunked. Memory
    /// is bounded by <see cref="TlsHandshakeLimits"/>; a handshake message that sits whole in one input chunk is
    /// handed out as a view over the input without copying. Work is O(n) in the bytes fed, however they are chunked.
    /// </para>
    /// <para>
    /// After a change_cipher_spec (TLS 1.2 and older), application data, or <see cref="ServerSelectedTls13"/> the
    /// direction is encrypted: record headers are still checked and counted, their contents are no longer
    /// interpreted. This layer does not parse handshake messages, so whoever parses the ServerHello (the
    /// <see cref="TlsConnectionObserver"/> does, once) calls <see cref="ServerSelectedTls13"/> on both directions.
    /// </para>
    /// </summary>
    public sealed class TlsRecordLayer : IDisposable
    {
        private readonly HandshakeMessageReassembler _handshake;
        private byte[]? _alert; // an alert split across chunks, created on first need
        private byte[]? _sslV2;
        private bool _releasePending;

        private long _offset;
        private Mode _mode;
        private ulong _header;
        private int _headerFilled;
        private bool _inRecord;
        private TlsContentType _recordType;
        private int _recordRemaining;

        private int _sslV2Length;
        private int _sslV2Filled;

        // For the handshake message in progress: its stream offset minus its handshake-stream offset.
        private long _messageStreamDelta;

        // For the current record: the handshake-stream offset of its first content byte, and that byte's stream offset
        // minus it. Per record, not per call, so that an offset does not depend on how the caller chunked the bytes.
        private long _recordHandshakeStart;
        private long _recordStreamDelta;

        private bool _alertHalf;
        private long _alertStart;

        private bool _encrypted;
        private bool _tls13;
        private TlsError _error;

        /// <summary>Creates a record layer with <see cref="TlsHandshakeLimits.Default"/> and pooled buffers.</summary>
        public TlsRecordLayer()
            : this(null, null)
        {
        }

        /// <summary>Creates a record layer.</summary>
        /// <param name="limits">The caps (null for <see cref="TlsHandshakeLimits.Default"/>).</param>
        /// <param name="buffer">
        /// A caller-owned buffer of at least <see cref="TlsHandshakeLimits.LargestBufferedMessage"/> bytes for handshake
        /// messages split across records or chunks, or null to rent from <see cref="ArrayPool{T}.Shared"/> when needed.
        /// </param>
        /// <exception cref="ArgumentException">The buffer is smaller than the limits need.</exception>
        public TlsRecordLayer(TlsHandshakeLimits? limits, byte[]? buffer)
        {
            _handshake = new HandshakeMessageReassembler(limits, buffer);
        }

        private enum Mode : byte
        {
            Start,
            SslV2Header,
            SslV2Body,
            Tls,
        }

        /// <summary>The limits in force.</summary>
        public TlsHandshakeLimits Limits => _handshake.Limits;

        /// <summary>The number of bytes consumed so far (the stream offset of the next byte).</summary>
        public long BytesConsumed => _offset;

        /// <summary>True after change_cipher_spec (TLS ≤ 1.2), application data, or <see cref="ServerSelectedTls13"/>: contents are no longer interpreted.</summary>
        public bool IsEncrypted => _encrypted;

        /// <summary>True once the stream was found invalid (final).</summary>
        public bool IsInvalid => _error.IsError;

        /// <summary>The error that made the stream invalid, with its stream offset.</summary>
        public TlsError Error => _error;

        /// <summary>Records whose header was read.</summary>
        public int RecordCount { get; private set; }

        /// <summary>Records skipped because they were encrypted (or application data / heartbeat).</summary>
        public int OpaqueRecordCount { get; private set; }

        /// <summary>Plaintext handshake messages completed (kept or skipped), the SSLv2-compatible ClientHello included.</summary>
        public int HandshakeMessageCount => _handshake.MessageCount + (StartedWithSslV2ClientHello ? 1 : 0);

        /// <summary>Handshake messages counted but not kept (ServerKeyExchange, CertificateRequest, ServerHelloDone, …).</summary>
        public int SkippedMessageCount => _handshake.SkippedMessageCount;

        /// <summary>True when the stream began with an SSLv2-compatible ClientHello.</summary>
        public bool StartedWithSslV2ClientHello { get; private set; }

        /// <summary>The reassembler the handshake records feed (for an observer that feeds it from elsewhere instead).</summary>
        internal HandshakeMessageReassembler Handshake => _handshake;

        /// <summary>
        /// Tells this direction that the server selected TLS 1.3, as its ServerHello (or HelloRetryRequest) says; call
        /// it on both directions. After a HelloRetryRequest the client's next ClientHello and the server's next
        /// ServerHello are still plaintext, and a compatibility change_cipher_spec (RFC 8446 D.4) no longer means
        /// "encrypted from here"; after a real ServerHello everything further is encrypted (RFC 8446 2).
        /// </summary>
        /// <param name="helloRetryRequest">True for a HelloRetryRequest, false for the ServerHello.</param>
        public void ServerSelectedTls13(bool helloRetryRequest)
        {
            _tls13 = true;
            if (!helloRetryRequest)
            {
                _encrypted = true;
                _alertHalf = false;
            }
        }

        /// <summary>Forgets everything (buffers returned) so the object can serve another connection.</summary>
        public void Reset()
        {
            ReturnSslV2Buffer();
            _handshake.Reset();
            _releasePending = false;
            _offset = 0;
            _mode = Mode.Start;
            _header = 0;
            _headerFilled = 0;
            _inRecord = false;
            _recordType = 0;
            _recordRemaining = 0;
            _sslV2Length = 0;
            _sslV2Filled = 0;
            _messageStreamDelta = 0;
            _recordHandshakeStart = 0;
            _recordStreamDelta = 0;
            _alertHalf = false;
            _alertStart = 0;
            _encrypted = false;
            _tls13 = false;
            _error = default;
            RecordCount = 0;
            OpaqueRecordCount = 0;
            StartedWithSslV2ClientHello = false;
        }

        /// <summary>Returns rented buffers to the pool.</summary>
        public void Dispose()
        {
            ReturnSslV2Buffer();
            _handshake.Dispose();
        }

        /// <summary>
        /// Consumes bytes until one item is complete or the input is used up.
        /// </summary>
        /// <param name="input">The next bytes of this direction's stream.</param>
        /// <param name="bytesConsumed">How many bytes of <paramref name="input"/> were used; feed the rest next.</param>
        /// <param name="frame">The completed item when <see cref="OperationStatus.Done"/>; valid until the next call.</param>
        /// <returns>
        /// <see cref="OperationStatus.Done"/> (one item complete, maybe input left), <see cref="OperationStatus.NeedMoreData"/>
        /// (all input consumed, nothing complete) or <see cref="OperationStatus.InvalidData"/> (see <see cref="Error"/>; final).
        /// </returns>
        public OperationStatus Read(ReadOnlySpan<byte> input, out int bytesConsumed, out TlsFrame frame)
        {
            frame = default;
            bytesConsumed = 0;
            if (_error.IsError)
            {
                return OperationStatus.InvalidData;
            }

            if (_releasePending)
            {
                _releasePending = false;
                ReturnSslV2Buffer();
            }

            long baseOffset = _offset;
            int pos = 0;
            while (true)
            {
                if (_mode != Mode.Tls)
                {
                    if (pos == input.Length)
                    {
                        return NeedMore(baseOffset, pos, out bytesConsumed);
                    }

                    if (_mode == Mode.Start)
                    {
                        _mode = (input[pos] & 0x80) != 0 ? Mode.SslV2Header : Mode.Tls;
                        continue;
                    }

                    if (_mode == Mode.SslV2Header)
                    {
                        _header = (_header << 8) | input[pos];
                        pos++;
                        if (++_headerFilled < 2)
                        {
                            continue;
                        }

                        // RFC 5246 E.2: 2-byte header, high bit set, 15-bit length.
                        int length = (int)(_header & 0x7fff);
                        _headerFilled = 0;
                        _header = 0;
                        if (length < SslV2ClientHello.MinLength)
                        {
                            return Fail(TlsErrorCode.InvalidSslV2ClientHello, 0, baseOffset, pos, out bytesConsumed);
                        }

                        if (length > _handshake.Limits.MaxClientHelloLength)
                        {
                            return Fail(TlsErrorCode.ClientHelloTooLarge, 0, baseOffset, pos, out bytesConsumed);
                        }

                        _sslV2 = ArrayPool<byte>.Shared.Rent(length);
                        _sslV2Length = length;
                        _sslV2Filled = 0;
                        _mode = Mode.SslV2Body;
                        continue;
                    }

                    // SSLv2 body.
                    int take = Math.Min(_sslV2Length - _sslV2Filled, input.Length - pos);
                    input.Slice(pos, take).CopyTo(_sslV2.AsSpan(_sslV2Filled));
                    pos += take;
                    _sslV2Filled += take;
                    if (_sslV2Filled < _sslV2Length)
                    {
                        continue;
                    }

                    ReadOnlySpan<byte> message = _sslV2.AsSpan(0, _sslV2Length);
                    if (!SslV2ClientHello.TryParse(message, out _, out TlsError v2Error))
                    {
                        return Fail(v2Error.Code, 2 + v2Error.Offset, baseOffset, pos, out bytesConsumed);
                    }

                    _mode = Mode.Tls;
                    StartedWithSslV2ClientHello = true;
                    _releasePending = true;
                    frame = new TlsFrame(TlsFrameKind.SslV2ClientHello, TlsHandshakeType.ClientHello, message, _sslV2Length, 0, false);
                    return Complete(baseOffset, pos, out bytesConsumed);
                }

                if (!_inRecord)
                {
                    OperationStatus headerStatus = ReadRecordHeader(input, ref pos, baseOffset, out bytesConsumed);
                    if (headerStatus != OperationStatus.Done)
                    {
                        return headerStatus;
                    }

                    continue;
                }

                int avail = Math.Min(_recordRemaining, input.Length - pos);
                if (avail == 0)
                {
                    return NeedMore(baseOffset, pos, out bytesConsumed);
                }

                if (_encrypted || _recordType == TlsContentType.ApplicationData || _recordType == TlsContentType.Heartbeat)
                {
                    Advance(ref pos, avail);
                    continue;
                }

                if (_recordType == TlsContentType.ChangeCipherSpec)
                {
                    // RFC 5246 7.1: struct { enum { change_cipher_spec(1), (255) } type; } ChangeCipherSpec.
                    long at = baseOffset + pos;
                    byte value = input[pos];
                    Advance(ref pos, 1);
                    if (value != 1)
                    {
                        return Fail(TlsErrorCode.InvalidChangeCipherSpec, at, baseOffset, pos, out bytesConsumed);
                    }

                    // In TLS 1.3 it is a compatibility no-op (RFC 8446 D.4); before, everything after it is encrypted.
                    if (!_tls13)
                    {
                        _encrypted = true;
                    }

                    frame = new TlsFrame(TlsFrameKind.ChangeCipherSpec, 0, input.Slice(pos - 1, 1), 1, at, false);
                    return Complete(baseOffset, pos, out bytesConsumed);
                }

                if (_recordType == TlsContentType.Alert)
                {
                    // RFC 8446 6: struct { AlertLevel level; AlertDescription description; } Alert.
                    if (!_alertHalf && avail >= 2)
                    {
                        long at = baseOffset + pos;
                        Advance(ref pos, 2);
                        frame = new TlsFrame(TlsFrameKind.Alert, 0, input.Slice(pos - 2, 2), 2, at, false);
                        return Complete(baseOffset, pos, out bytesConsumed);
                    }

                    if (!_alertHalf)
                    {
                        _alertStart = baseOffset + pos;
                        _alert ??= new byte[2];
                        _alert[0] = input[pos];
                        _alertHalf = true;
                        Advance(ref pos, 1);
                        continue;
                    }

                    _alert![1] = input[pos];
                    _alertHalf = false;
                    Advance(ref pos, 1);
                    frame = new TlsFrame(TlsFrameKind.Alert, 0, _alert, 2, _alertStart, false);
                    return Complete(baseOffset, pos, out bytesConsumed);
                }

                // Handshake bytes, in order: the reassembler frames them; this layer maps its handshake-stream offsets
                // back to offsets in this direction's byte stream.
                OperationStatus status = _handshake.Read(input.Slice(pos, avail), out int used, out HandshakeMessage handshakeMessage);
                Advance(ref pos, used);
                if (status == OperationStatus.Done)
                {
                    frame = new TlsFrame(TlsFrameKind.HandshakeMessage, handshakeMessage.Type, handshakeMessage.Body, handshakeMessage.Length, ToStreamOffset(handshakeMessage.Offset), handshakeMessage.IsBodySkipped);
                    return Complete(baseOffset, pos, out bytesConsumed);
                }

                if (status == OperationStatus.InvalidData)
                {
                    TlsError error = _handshake.Error;
                    return Fail(error.Code, ToStreamOffset(error.Offset), baseOffset, pos, out bytesConsumed);
                }

                // The message continues in a later record: remember where it began.
                long incomplete = _handshake.IncompleteMessageOffset;
                if (incomplete >= _recordHandshakeStart)
                {
                    _messageStreamDelta = _recordStreamDelta;
                }
            }
        }

        /// <summary>
        /// A handshake-stream offset as an offset in this direction's stream: exact within the current record; for a
        /// message that began in an earlier record, counted from where the message began (record headers in between
        /// are not counted).
        /// </summary>
        private long ToStreamOffset(long handshakeOffset) =>
            handshakeOffset + (handshakeOffset >= _recordHandshakeStart ? _recordStreamDelta : _messageStreamDelta);

        private OperationStatus ReadRecordHeader(ReadOnlySpan<byte> input, ref int pos, long baseOffset, out int bytesConsumed)
        {
            Span<byte> header = stackalloc byte[TlsRecordHeader.Size];
            if (_headerFilled == 0 && input.Length - pos >= TlsRecordHeader.Size)
            {
                input.Slice(pos, TlsRecordHeader.Size).CopyTo(header);
                pos += TlsRecordHeader.Size;
            }
            else
            {
                while (_headerFilled < TlsRecordHeader.Size && pos < input.Length)
                {
                    _header = (_header << 8) | input[pos];
                    _headerFilled++;
                    pos++;
                }

                if (_headerFilled < TlsRecordHeader.Size)
                {
                    return NeedMore(baseOffset, pos, out bytesConsumed);
                }

                for (int i = TlsRecordHeader.Size - 1; i >= 0; i--)
                {
                    header[i] = (byte)_header;
                    _header >>= 8;
                }

                _header = 0;
                _headerFilled = 0;
            }

            long recordStart = baseOffset + pos - TlsRecordHeader.Size;
            TlsErrorCode code = TlsRecordHeader.Check(header, out int at);
            if (code != TlsErrorCode.None)
            {
                if (RecordCount == 0 && !StartedWithSslV2ClientHello && (code == TlsErrorCode.InvalidContentType || code == TlsErrorCode.InvalidRecordVersion))
                {
                    code = TlsErrorCode.NotTls;
                }

                return Fail(code, recordStart + at, baseOffset, pos, out bytesConsumed);
            }

            var type = (TlsContentType)header[0];
            int length = (header[3] << 8) | header[4];
            if (!_encrypted)
            {
                // RFC 8446 5.1: handshake messages MUST NOT be interleaved with other record types.
                if (_handshake.IsMessageIncomplete && type != TlsContentType.Handshake)
                {
                    return Fail(TlsErrorCode.InterleavedContentType, recordStart, baseOffset, pos, out bytesConsumed);
                }

                if (_alertHalf && type != TlsContentType.Alert)
                {
                    return Fail(TlsErrorCode.InterleavedContentType, recordStart, baseOffset, pos, out bytesConsumed);
                }

                if (type == TlsContentType.ChangeCipherSpec && length != 1)
                {
                    return Fail(TlsErrorCode.InvalidChangeCipherSpec, recordStart + 3, baseOffset, pos, out bytesConsumed);
                }

                if (type == TlsContentType.Alert && (length & 1) != 0)
                {
                    return Fail(TlsErrorCode.InvalidAlert, recordStart + 3, baseOffset, pos, out bytesConsumed);
                }

                // Application data before any change_cipher_spec we saw means the handshake is over from our view
                // (TLS 1.3 flights, or a capture that started late).
                if (type == TlsContentType.ApplicationData)
                {
                    _encrypted = true;
                }
            }

            RecordCount++;
            if (_encrypted || type == TlsContentType.Heartbeat)
            {
                OpaqueRecordCount++;
            }

            _recordType = type;
            _recordRemaining = length;
            _inRecord = length > 0;
            _recordHandshakeStart = _handshake.NextOffset;
            _recordStreamDelta = baseOffset + pos - _recordHandshakeStart;
            bytesConsumed = 0;
            return OperationStatus.Done;
        }

        private void Advance(ref int pos, int count)
        {
            pos += count;
            _recordRemaining -= count;
            if (_recordRemaining == 0)
            {
                _inRecord = false;
            }
        }

        private OperationStatus Complete(long baseOffset, int pos, out int bytesConsumed)
        {
            _offset = baseOffset + pos;
            bytesConsumed = pos;
            return OperationStatus.Done;
        }

        private OperationStatus NeedMore(long baseOffset, int pos, out int bytesConsumed)
        {
            _offset = baseOffset + pos;
            bytesConsumed = pos;
            return OperationStatus.NeedMoreData;
        }

        private OperationStatus Fail(TlsErrorCode code, long at, long baseOffset, int pos, out int bytesConsumed)
        {
            _error = new TlsError(code, at);
            _offset = baseOffset + pos;
            bytesConsumed = pos;
            ReturnSslV2Buffer();
            _handshake.Dispose();
            return OperationStatus.InvalidData;
        }

        private void ReturnSslV2Buffer()
        {
            if (_sslV2 is not null)
            {
                ArrayPool<byte>.Shared.Return(_sslV2);
                _sslV2 = null;
            }
        }
    }
}
