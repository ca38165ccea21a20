using System;
using System.Buffers;

namespace Tsid.Tls
{
    /// <summary>
    /// Reassembles one direction of a TLS connection from bytes fed in any chunking (one byte at a time included)
    /// into records and handshake messages. A handshake message may span records and a record may hold several
    /// messages (RFC 8446 5.1). Pull API, in the manner of <c>Utf8JsonReader</c>:
    /// <code>
    /// while (!data.IsEmpty)
    /// {
    ///     OperationStatus status = reassembler.Read(data, out int consumed, out TlsFrame frame);
    ///     data = data.Slice(consumed);
    ///     if (status == OperationStatus.Done) { /* use frame before the next Read */ }
    ///     else break; // NeedMoreData: all bytes consumed; InvalidData: see Error
    /// }
    /// </code>
    /// <para>
    /// <see cref="OperationStatus.InvalidData"/> is final: once invalid, no further input makes the stream valid
    /// (the <see cref="OperationStatus"/> promise). Memory is bounded by <see cref="TlsHandshakeLimits"/>: only
    /// ClientHello, ServerHello, Certificate and (small) CertificateStatus bodies are buffered, and only when they
    /// are split across records or input chunks; a message that sits whole in one input chunk is handed out as a
    /// view over the input without copying. The buffer is a caller-supplied array or one rented from
    /// <see cref="ArrayPool{T}.Shared"/> while a split message is in flight, returned on the next call. The object
    /// itself is about 120 bytes. Work is O(n) in the bytes fed, however they are chunked.
    /// </para>
    /// <para>
    /// After a change_cipher_spec (TLS 1.2 and older) or a ServerHello that selects TLS 1.3, the direction is
    /// encrypted: record headers are still checked and counted, their contents are no longer interpreted.
    /// </para>
    /// </summary>
    public sealed class TlsHandshakeReassembler : IDisposable
    {
        private readonly TlsHandshakeLimits _limits;
        private readonly byte[]? _callerBuffer;
        private readonly byte[] _small = new byte[2];
        private byte[]? _rented;
        private bool _releasePending;

        private long _offset;
        private Mode _mode;
        private ulong _header;
        private int _headerFilled;
        private bool _inRecord;
        private TlsContentType _recordType;
        private int _recordRemaining;

        private uint _hsHeader;
        private int _hsHeaderFilled;
        private bool _msgActive;
        private bool _msgBuffered;
        private TlsHandshakeType _msgType;
        private int _msgLength;
        private int _msgFilled;
        private long _msgStart;

        private bool _alertHalf;
        private long _alertStart;

        private bool _encrypted;
        private bool _tls13;
        private TlsError _error;

        /// <summary>Creates a reassembler with <see cref="TlsHandshakeLimits.Default"/> and a pooled buffer.</summary>
        public TlsHandshakeReassembler()
            : this(null, null)
        {
        }

        /// <summary>Creates a reassembler.</summary>
        /// <param name="limits">The caps (null for <see cref="TlsHandshakeLimits.Default"/>).</param>
        /// <param name="buffer">
        /// A caller-owned buffer of at least <see cref="TlsHandshakeLimits.LargestBufferedMessage"/> bytes, or null
        /// to rent from <see cref="ArrayPool{T}.Shared"/> when needed.
        /// </param>
        /// <exception cref="ArgumentException">The buffer is smaller than the limits need.</exception>
        public TlsHandshakeReassembler(TlsHandshakeLimits? limits, byte[]? buffer)
        {
            _limits = limits ?? TlsHandshakeLimits.Default;
            if (buffer is not null && buffer.Length < _limits.LargestBufferedMessage)
            {
                throw new ArgumentException("The buffer must hold the largest message the limits allow.", nameof(buffer));
            }

            _callerBuffer = buffer;
        }

        private enum Mode : byte
        {
            Start,
            SslV2Header,
            SslV2Body,
            Tls,
        }

        /// <summary>The limits in force.</summary>
        public TlsHandshakeLimits Limits => _limits;

        /// <summary>The number of bytes consumed so far (the stream offset of the next byte).</summary>
        public long BytesConsumed => _offset;

        /// <summary>True after change_cipher_spec (TLS ≤ 1.2), a TLS 1.3 ServerHello, or application data: contents are no longer interpreted.</summary>
        public bool IsEncrypted => _encrypted;

        /// <summary>True once the stream was found invalid (final).</summary>
        public bool IsInvalid => _error.IsError;

        /// <summary>The error that made the stream invalid, with its stream offset.</summary>
        public TlsError Error => _error;

        /// <summary>Records whose header was read.</summary>
        public int RecordCount { get; private set; }

        /// <summary>Records skipped because they were encrypted (or application data / heartbeat).</summary>
        public int OpaqueRecordCount { get; private set; }

        /// <summary>Plaintext handshake messages completed (buffered or skipped).</summary>
        public int HandshakeMessageCount { get; private set; }

        /// <summary>Handshake messages counted but not buffered (ServerKeyExchange, CertificateRequest, ServerHelloDone, …).</summary>
        public int SkippedMessageCount { get; private set; }

        /// <summary>True when the stream began with an SSLv2-compatible ClientHello.</summary>
        public bool StartedWithSslV2ClientHello { get; private set; }

        /// <summary>
        /// Tells this direction that the peer selected TLS 1.3 (used for the client direction, which never sees the
        /// ServerHello itself). After a HelloRetryRequest the client's next ClientHello is still plaintext and a
        /// compatibility change_cipher_spec (RFC 8446 D.4) no longer means "encrypted from here"; after a real
        /// ServerHello everything further is encrypted.
        /// </summary>
        /// <param name="helloRetryRequest">True for a HelloRetryRequest, false for the ServerHello.</param>
        public void PeerSelectedTls13(bool helloRetryRequest)
        {
            _tls13 = true;
            if (!helloRetryRequest)
            {
                _encrypted = true;
                _msgActive = false;
                _hsHeaderFilled = 0;
                _alertHalf = false;
            }
        }

        /// <summary>Forgets everything (buffer kept or returned) so the object can serve another connection.</summary>
        public void Reset()
        {
            ReturnBuffer();
            _offset = 0;
            _mode = Mode.Start;
            _header = 0;
            _headerFilled = 0;
            _inRecord = false;
            _recordType = 0;
            _recordRemaining = 0;
            _hsHeader = 0;
            _hsHeaderFilled = 0;
            _msgActive = false;
            _msgBuffered = false;
            _msgType = 0;
            _msgLength = 0;
            _msgFilled = 0;
            _msgStart = 0;
            _alertHalf = false;
            _alertStart = 0;
            _encrypted = false;
            _tls13 = false;
            _error = default;
            RecordCount = 0;
            OpaqueRecordCount = 0;
            HandshakeMessageCount = 0;
            SkippedMessageCount = 0;
            StartedWithSslV2ClientHello = false;
        }

        /// <summary>Returns a rented buffer to the pool.</summary>
        public void Dispose() => ReturnBuffer();

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
                ReturnBuffer();
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

                        if (length > _limits.MaxClientHelloLength)
                        {
                            return Fail(TlsErrorCode.ClientHelloTooLarge, 0, baseOffset, pos, out bytesConsumed);
                        }

                        EnsureBuffer(length);
                        _msgLength = length;
                        _msgFilled = 0;
                        _mode = Mode.SslV2Body;
                        continue;
                    }

                    // SSLv2 body.
                    int take = Math.Min(_msgLength - _msgFilled, input.Length - pos);
                    input.Slice(pos, take).CopyTo(Buffer.AsSpan(_msgFilled));
                    pos += take;
                    _msgFilled += take;
                    if (_msgFilled < _msgLength)
                    {
                        continue;
                    }

                    ReadOnlySpan<byte> message = Buffer.AsSpan(0, _msgLength);
                    if (!SslV2ClientHello.TryParse(message, out _, out TlsError v2Error))
                    {
                        return Fail(v2Error.Code, 2 + v2Error.Offset, baseOffset, pos, out bytesConsumed);
                    }

                    _mode = Mode.Tls;
                    StartedWithSslV2ClientHello = true;
                    HandshakeMessageCount++;
                    _releasePending = true;
                    frame = new TlsFrame(TlsFrameKind.SslV2ClientHello, TlsHandshakeType.ClientHello, message, _msgLength, 0, false);
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
                        _small[0] = input[pos];
                        _alertHalf = true;
                        Advance(ref pos, 1);
                        continue;
                    }

                    _small[1] = input[pos];
                    _alertHalf = false;
                    Advance(ref pos, 1);
                    frame = new TlsFrame(TlsFrameKind.Alert, 0, _small, 2, _alertStart, false);
                    return Complete(baseOffset, pos, out bytesConsumed);
                }

                // Handshake bytes.
                if (!_msgActive)
                {
                    if (_hsHeaderFilled == 0 && avail >= 4)
                    {
                        // RFC 8446 4: struct { HandshakeType msg_type; uint24 length; ... } Handshake.
                        var type = (TlsHandshakeType)input[pos];
                        int length = (input[pos + 1] << 16) | (input[pos + 2] << 8) | input[pos + 3];
                        long start = baseOffset + pos;
                        TlsErrorCode code = CheckMessage(type, length, out bool buffered);
                        if (code != TlsErrorCode.None)
                        {
                            return Fail(code, start + 1, baseOffset, pos, out bytesConsumed);
                        }

                        if (avail >= 4 + length)
                        {
                            // Whole message in this input chunk: hand out a view, copy nothing.
                            ReadOnlySpan<byte> body = buffered ? input.Slice(pos + 4, length) : default;
                            Advance(ref pos, 4 + length);
                            return CompleteMessage(type, body, length, start, !buffered, baseOffset, pos, out bytesConsumed, out frame);
                        }

                        _msgStart = start;
                        _hsHeader = (uint)((byte)type << 24 | length);
                        _hsHeaderFilled = 4;
                        Advance(ref pos, 4);
                        StartMessage(type, length, buffered);
                        continue;
                    }

                    if (_hsHeaderFilled == 0)
                    {
                        _msgStart = baseOffset + pos;
                    }

                    _hsHeader = (_hsHeader << 8) | input[pos];
                    _hsHeaderFilled++;
                    Advance(ref pos, 1);
                    if (_hsHeaderFilled < 4)
                    {
                        continue;
                    }

                    var msgType = (TlsHandshakeType)(_hsHeader >> 24);
                    int msgLength = (int)(_hsHeader & 0xffffff);
                    TlsErrorCode check = CheckMessage(msgType, msgLength, out bool isBuffered);
                    if (check != TlsErrorCode.None)
                    {
                        return Fail(check, _msgStart + 1, baseOffset, pos, out bytesConsumed);
                    }

                    StartMessage(msgType, msgLength, isBuffered);
                    if (msgLength == 0)
                    {
                        return CompleteMessage(msgType, default, 0, _msgStart, !isBuffered, baseOffset, pos, out bytesConsumed, out frame);
                    }

                    continue;
                }

                int part = Math.Min(_msgLength - _msgFilled, avail);
                if (_msgBuffered)
                {
                    input.Slice(pos, part).CopyTo(Buffer.AsSpan(_msgFilled));
                }

                _msgFilled += part;
                Advance(ref pos, part);
                if (_msgFilled == _msgLength)
                {
                    ReadOnlySpan<byte> body = _msgBuffered ? Buffer.AsSpan(0, _msgLength) : default;
                    if (_msgBuffered)
                    {
                        _releasePending = true;
                    }

                    return CompleteMessage(_msgType, body, _msgLength, _msgStart, !_msgBuffered, baseOffset, pos, out bytesConsumed, out frame);
                }
            }
        }

        private byte[] Buffer => _callerBuffer ?? _rented!;

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
                if ((_msgActive || _hsHeaderFilled > 0) && type != TlsContentType.Handshake)
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
            bytesConsumed = 0;
            return OperationStatus.Done;
        }

        private TlsErrorCode CheckMessage(TlsHandshakeType type, int length, out bool buffered)
        {
            buffered = true;
            switch (type)
            {
                case TlsHandshakeType.ClientHello:
                    return length > _limits.MaxClientHelloLength ? TlsErrorCode.ClientHelloTooLarge : TlsErrorCode.None;
                case TlsHandshakeType.ServerHello:
                    return length > _limits.MaxServerHelloLength ? TlsErrorCode.HandshakeMessageTooLarge : TlsErrorCode.None;
                case TlsHandshakeType.Certificate:
                    return length > _limits.MaxCertificateLength ? TlsErrorCode.CertificateTooLarge : TlsErrorCode.None;
                case TlsHandshakeType.CertificateStatus:
                    buffered = length <= _limits.MaxCertificateStatusLength;
                    return TlsErrorCode.None;
                default:
                    buffered = false;
                    return TlsErrorCode.None;
            }
        }

        private void StartMessage(TlsHandshakeType type, int length, bool buffered)
        {
            _msgActive = true;
            _msgType = type;
            _msgLength = length;
            _msgFilled = 0;
            _msgBuffered = buffered;
            if (buffered && length > 0)
            {
                EnsureBuffer(length);
            }
        }

        private OperationStatus CompleteMessage(TlsHandshakeType type, ReadOnlySpan<byte> body, int length, long start, bool skipped, long baseOffset, int pos, out int bytesConsumed, out TlsFrame frame)
        {
            _msgActive = false;
            _hsHeaderFilled = 0;
            _hsHeader = 0;
            HandshakeMessageCount++;
            if (skipped)
            {
                SkippedMessageCount++;
            }

            // RFC 8446 4.1.3: after a ServerHello selecting TLS 1.3 everything is encrypted; a HelloRetryRequest is
            // followed by a plaintext ServerHello.
            if (type == TlsHandshakeType.ServerHello && ServerHello.TryParse(body, out ServerHello hello, out _) && hello.IsTls13)
            {
                _tls13 = true;
                if (!hello.IsHelloRetryRequest)
                {
                    _encrypted = true;
                }
            }

            frame = new TlsFrame(TlsFrameKind.HandshakeMessage, type, body, length, start, skipped);
            return Complete(baseOffset, pos, out bytesConsumed);
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
            ReturnBuffer();
            return OperationStatus.InvalidData;
        }

        private void EnsureBuffer(int length)
        {
            if (_callerBuffer is not null)
            {
                return;
            }

            if (_rented is not null && _rented.Length >= length)
            {
                return;
            }

            ReturnBuffer();
            _rented = ArrayPool<byte>.Shared.Rent(length);
        }

        private void ReturnBuffer()
        {
            if (_rented is not null)
            {
                ArrayPool<byte>.Shared.Return(_rented);
                _rented = null;
            }
        }
    }
}
