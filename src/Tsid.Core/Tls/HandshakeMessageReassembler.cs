using System;
using System.Buffers;

namespace Tsid.Tls
{
    /// <summary>
    /// Frames one direction's handshake stream into messages (RFC 8446 4:
    /// <c>struct { HandshakeType msg_type; uint24 length; ... } Handshake</c>), whatever carried the bytes: TLS
    /// records (<see cref="TlsRecordLayer"/> feeds it), QUIC CRYPTO frames (RFC 9001 4.1.3) or DTLS handshake
    /// fragments (RFC 6347 4.2.2), in any fragmentation. Pull API, in the manner of <c>Utf8JsonReader</c>:
    /// <code>
    /// while (true)
    /// {
    ///     OperationStatus status = reassembler.Read(offset, data, out int consumed, out HandshakeMessage message);
    ///     offset += consumed;
    ///     data = data.Slice(consumed);
    ///     if (status != OperationStatus.Done) break; // NeedMoreData: all bytes taken; InvalidData: see Error
    ///     /* use message before the next Read */
    /// }
    /// </code>
    /// <para>
    /// Two entries. <see cref="Read(ReadOnlySpan{byte}, out int, out HandshakeMessage)"/> takes the next bytes in
    /// stream order (TLS over TCP). <see cref="Read(long, ReadOnlySpan{byte}, out int, out HandshakeMessage)"/> takes
    /// bytes at any handshake-stream offset: bytes before <see cref="NextOffset"/> were already read and are ignored
    /// (retransmissions, overlaps), bytes beyond it are kept in a bounded reorder window
    /// (<see cref="TlsHandshakeLimits.MaxReorderWindow"/> bytes, at most <see cref="MaxReorderRanges"/> separate
    /// ranges) until the gap before them is filled. A QUIC transport passes each CRYPTO frame's offset and data; a
    /// DTLS transport writes, for the message it expects next, the 4-byte header (msg_type, length) at the message's
    /// start and each fragment at start + 4 + fragment_offset (see docs/dtls.md). Overlapping copies must carry the
    /// same bytes (RFC 9000 2.2; RFC 6347 4.2.3); they are not compared.
    /// </para>
    /// <para>
    /// <see cref="OperationStatus.InvalidData"/> is final (the <see cref="OperationStatus"/> promise). Memory is
    /// bounded by <see cref="TlsHandshakeLimits"/>: only ClientHello, ServerHello, Certificate and (small)
    /// CertificateStatus bodies are kept, and only when they arrive in pieces; a message that sits whole in one input
    /// is handed out as a view over the input without copying. Buffers are rented from
    /// <see cref="ArrayPool{T}.Shared"/> (or the caller's message buffer is used) and returned on the next call, on
    /// <see cref="Reset"/> or <see cref="Dispose"/>. Work is O(n) in the bytes fed, however they are cut.
    /// </para>
    /// </summary>
    public sealed class HandshakeMessageReassembler : IDisposable
    {
        /// <summary>
        /// The most separate byte ranges the reorder window holds (each gap between them is one more); a sender that
        /// scatters more is <see cref="TlsErrorCode.TooManyReorderGaps"/>. Chrome cuts a ClientHello into a handful
        /// of out-of-order CRYPTO frames; 32 leaves room for that and for retransmissions.
        /// </summary>
        public const int MaxReorderRanges = 32;

        private readonly TlsHandshakeLimits _limits;
        private readonly byte[]? _callerBuffer;
        private byte[]? _rented;
        private bool _releasePending;

        private long _next;
        private uint _header;
        private int _headerFilled;
        private bool _inBody;
        private bool _buffered;
        private TlsHandshakeType _type;
        private int _length;
        private int _filled;
        private long _messageStart;

        // Out-of-order bytes, created on first use and kept across Reset.
        private ReorderWindow? _reorder;

        private TlsError _error;

        /// <summary>Creates a reassembler with <see cref="TlsHandshakeLimits.Default"/> and pooled buffers.</summary>
        public HandshakeMessageReassembler()
            : this(null, null)
        {
        }

        /// <summary>Creates a reassembler.</summary>
        /// <param name="limits">The caps (null for <see cref="TlsHandshakeLimits.Default"/>).</param>
        /// <param name="buffer">
        /// A caller-owned buffer of at least <see cref="TlsHandshakeLimits.LargestBufferedMessage"/> bytes for messages
        /// that arrive in pieces, or null to rent from <see cref="ArrayPool{T}.Shared"/> when needed.
        /// </param>
        /// <exception cref="ArgumentException">The buffer is smaller than the limits need.</exception>
        public HandshakeMessageReassembler(TlsHandshakeLimits? limits, byte[]? buffer)
        {
            _limits = limits ?? TlsHandshakeLimits.Default;
            if (buffer is not null && buffer.Length < _limits.LargestBufferedMessage)
            {
                throw new ArgumentException("The buffer must hold the largest message the limits allow.", nameof(buffer));
            }

            _callerBuffer = buffer;
        }

        /// <summary>The limits in force.</summary>
        public TlsHandshakeLimits Limits => _limits;

        /// <summary>The handshake-stream offset of the next byte in order: every byte before it has been read.</summary>
        public long NextOffset => _next;

        /// <summary>True once the stream was found invalid (final).</summary>
        public bool IsInvalid => _error.IsError;

        /// <summary>The error that made the stream invalid, with its handshake-stream offset.</summary>
        public TlsError Error => _error;

        /// <summary>Messages completed (kept or skipped).</summary>
        public int MessageCount { get; private set; }

        /// <summary>Messages counted but not kept (ServerKeyExchange, CertificateRequest, ServerHelloDone, …).</summary>
        public int SkippedMessageCount { get; private set; }

        /// <summary>True while a message has begun (part of its header or body read) but is not complete.</summary>
        public bool IsMessageIncomplete => _headerFilled > 0 || _inBody;

        /// <summary>Bytes beyond <see cref="NextOffset"/> held in the reorder window.</summary>
        public long ReorderedBytes
        {
            get
            {
                long total = 0;
                for (int i = 0; _reorder is not null && i < _reorder.Count; i++)
                {
                    total += _reorder.Ranges[(2 * i) + 1] - _reorder.Ranges[2 * i];
                }

                return total;
            }
        }

        /// <summary>The handshake-stream offset where the incomplete message began, or -1.</summary>
        internal long IncompleteMessageOffset => IsMessageIncomplete ? _messageStart : -1;

        private byte[] Buffer => _callerBuffer ?? _rented!;

        /// <summary>Consumes the next bytes in stream order (at <see cref="NextOffset"/>) until one message is complete.</summary>
        /// <param name="data">The bytes.</param>
        /// <param name="bytesConsumed">How many bytes of <paramref name="data"/> were used; feed the rest next.</param>
        /// <param name="message">The completed message when <see cref="OperationStatus.Done"/>; valid until the next call.</param>
        /// <returns>
        /// <see cref="OperationStatus.Done"/> (one message, maybe bytes left: call again with the rest, even when it
        /// is empty), <see cref="OperationStatus.NeedMoreData"/> (all bytes used, nothing complete) or
        /// <see cref="OperationStatus.InvalidData"/> (see <see cref="Error"/>; final).
        /// </returns>
        public OperationStatus Read(ReadOnlySpan<byte> data, out int bytesConsumed, out HandshakeMessage message) => Read(_next, data, out bytesConsumed, out message);

        /// <summary>Consumes bytes that sit at <paramref name="offset"/> of the handshake stream, in any order.</summary>
        /// <param name="offset">The handshake-stream offset of <paramref name="data"/>[0] (a QUIC CRYPTO frame's offset, …).</param>
        /// <param name="data">The bytes.</param>
        /// <param name="bytesConsumed">How many bytes of <paramref name="data"/> were used; feed the rest next at <paramref name="offset"/> + <paramref name="bytesConsumed"/>.</param>
        /// <param name="message">The completed message when <see cref="OperationStatus.Done"/>; valid until the next call.</param>
        /// <returns>
        /// <see cref="OperationStatus.Done"/>: one message (call again with the rest, even when it is empty: bytes
        /// held in the reorder window may complete more); <see cref="OperationStatus.NeedMoreData"/>: all bytes used
        /// or kept, nothing complete; <see cref="OperationStatus.InvalidData"/>: see <see cref="Error"/> (final).
        /// </returns>
        /// <exception cref="ArgumentOutOfRangeException"><paramref name="offset"/> is negative.</exception>
        public OperationStatus Read(long offset, ReadOnlySpan<byte> data, out int bytesConsumed, out HandshakeMessage message)
        {
            message = default;
            bytesConsumed = 0;
            if (offset < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(offset));
            }

            if (_error.IsError)
            {
                return OperationStatus.InvalidData;
            }

            if (_releasePending)
            {
                _releasePending = false;
                ReturnBuffer(ref _rented);
            }

            ReorderWindow? reorder = _reorder;
            if (reorder is not null && reorder.Count == 0)
            {
                ReturnBuffer(ref reorder.Ring);
            }

            int consumed = 0;
            OperationStatus status;
            while (true)
            {
                if (reorder is not null && reorder.Count > 0 && reorder.Ranges[0] == _next)
                {
                    // Kept bytes continue the stream: read them from the window.
                    status = ReadInOrder(reorder.Chunk(_next), out _, out message);
                    reorder.DropBefore(_next);
                    if (status != OperationStatus.NeedMoreData)
                    {
                        break;
                    }

                    continue;
                }

                if (consumed == data.Length)
                {
                    status = OperationStatus.NeedMoreData;
                    break;
                }

                long at = offset + consumed;
                if (at < _next)
                {
                    // Already read (a retransmission or an overlap): skip what lies before the frontier.
                    consumed += (int)Math.Min(_next - at, data.Length - consumed);
                    continue;
                }

                if (at == _next)
                {
                    status = ReadInOrder(data.Slice(consumed), out int used, out message);
                    consumed += used;
                    reorder?.DropBefore(_next);
                    if (status != OperationStatus.NeedMoreData)
                    {
                        break;
                    }

                    continue;
                }

                reorder = _reorder ??= new ReorderWindow();
                TlsErrorCode code = reorder.Keep(_next, at, data.Slice(consumed), _limits.MaxReorderWindow);
                consumed = data.Length;
                if (code != TlsErrorCode.None)
                {
                    status = Fail(code, at);
                    break;
                }
            }

            bytesConsumed = consumed;
            return status;
        }

        /// <summary>Forgets everything (buffers returned) so the object can serve another stream.</summary>
        public void Reset()
        {
            ReturnBuffer(ref _rented);
            _reorder?.Clear();
            _releasePending = false;
            _next = 0;
            _header = 0;
            _headerFilled = 0;
            _inBody = false;
            _buffered = false;
            _type = 0;
            _length = 0;
            _filled = 0;
            _messageStart = 0;
            _error = default;
            MessageCount = 0;
            SkippedMessageCount = 0;
        }

        /// <summary>Returns rented buffers to the pool.</summary>
        public void Dispose()
        {
            ReturnBuffer(ref _rented);
            _reorder?.Clear();
        }

        /// <summary>The message framing over bytes that start at <see cref="_next"/>; advances <see cref="_next"/> by <paramref name="used"/>.</summary>
        private OperationStatus ReadInOrder(ReadOnlySpan<byte> chunk, out int used, out HandshakeMessage message)
        {
            message = default;
            int pos = 0;
            OperationStatus status;
            while (true)
            {
                if (!_inBody)
                {
                    if (_headerFilled == 0 && chunk.Length - pos >= 4)
                    {
                        // RFC 8446 4: struct { HandshakeType msg_type; uint24 length; ... } Handshake.
                        var type = (TlsHandshakeType)chunk[pos];
                        int length = (chunk[pos + 1] << 16) | (chunk[pos + 2] << 8) | chunk[pos + 3];
                        long start = _next + pos;
                        pos += 4;
                        TlsErrorCode code = Check(type, length, out bool buffered);
                        if (code != TlsErrorCode.None)
                        {
                            status = Fail(code, start + 1);
                            break;
                        }

                        if (chunk.Length - pos >= length)
                        {
                            // Whole message in this input: hand out a view, copy nothing.
                            ReadOnlySpan<byte> body = buffered ? chunk.Slice(pos, length) : default;
                            pos += length;
                            message = Complete(type, body, length, start, !buffered);
                            status = OperationStatus.Done;
                            break;
                        }

                        _messageStart = start;
                        Begin(type, length, buffered);
                        continue;
                    }

                    if (pos == chunk.Length)
                    {
                        status = OperationStatus.NeedMoreData;
                        break;
                    }

                    if (_headerFilled == 0)
                    {
                        _messageStart = _next + pos;
                    }

                    _header = (_header << 8) | chunk[pos];
                    pos++;
                    if (++_headerFilled < 4)
                    {
                        continue;
                    }

                    var msgType = (TlsHandshakeType)(_header >> 24);
                    int msgLength = (int)(_header & 0xffffff);
                    _header = 0;
                    _headerFilled = 0;
                    TlsErrorCode check = Check(msgType, msgLength, out bool isBuffered);
                    if (check != TlsErrorCode.None)
                    {
                        status = Fail(check, _messageStart + 1);
                        break;
                    }

                    if (msgLength == 0)
                    {
                        message = Complete(msgType, default, 0, _messageStart, !isBuffered);
                        status = OperationStatus.Done;
                        break;
                    }

                    Begin(msgType, msgLength, isBuffered);
                    continue;
                }

                if (pos == chunk.Length)
                {
                    status = OperationStatus.NeedMoreData;
                    break;
                }

                int part = Math.Min(_length - _filled, chunk.Length - pos);
                if (_buffered)
                {
                    chunk.Slice(pos, part).CopyTo(Buffer.AsSpan(_filled));
                }

                _filled += part;
                pos += part;
                if (_filled == _length)
                {
                    ReadOnlySpan<byte> body = default;
                    if (_buffered)
                    {
                        body = Buffer.AsSpan(0, _length);
                        _releasePending = true;
                    }

                    message = Complete(_type, body, _length, _messageStart, !_buffered);
                    status = OperationStatus.Done;
                    break;
                }
            }

            used = pos;
            _next += pos;
            return status;
        }

        private TlsErrorCode Check(TlsHandshakeType type, int length, out bool buffered)
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
                case TlsHandshakeType.HelloVerifyRequest:
                    // DTLS (RFC 6347 4.2.1): small by definition; a longer one is passed on skipped.
                    buffered = length <= HelloVerifyRequest.MaxLength;
                    return TlsErrorCode.None;
                default:
                    buffered = false;
                    return TlsErrorCode.None;
            }
        }

        private void Begin(TlsHandshakeType type, int length, bool buffered)
        {
            _inBody = true;
            _type = type;
            _length = length;
            _filled = 0;
            _buffered = buffered;
            if (buffered && _callerBuffer is null && (_rented is null || _rented.Length < length))
            {
                ReturnBuffer(ref _rented);
                _rented = ArrayPool<byte>.Shared.Rent(length);
            }
        }

        private HandshakeMessage Complete(TlsHandshakeType type, ReadOnlySpan<byte> body, int length, long start, bool skipped)
        {
            _inBody = false;
            MessageCount++;
            if (skipped)
            {
                SkippedMessageCount++;
            }

            return new HandshakeMessage(type, body, length, start, skipped);
        }

        private OperationStatus Fail(TlsErrorCode code, long at)
        {
            _error = new TlsError(code, at);
            ReturnBuffer(ref _rented);
            _reorder?.Clear();
            _releasePending = false;
            return OperationStatus.InvalidData;
        }

        private static void ReturnBuffer(ref byte[]? buffer)
        {
            if (buffer is not null)
            {
                ArrayPool<byte>.Shared.Return(buffer);
                buffer = null;
            }
        }

        /// <summary>
        /// Bytes that arrived beyond the next expected offset: a ring of <see cref="TlsHandshakeLimits.MaxReorderWindow"/>
        /// bytes or more, indexed by offset modulo its length, and the sorted disjoint [start, end) ranges it holds.
        /// </summary>
        private sealed class ReorderWindow
        {
            public readonly long[] Ranges = new long[2 * MaxReorderRanges];
            public byte[]? Ring;
            public int Count;

            /// <summary>Keeps <paramref name="data"/> (at <paramref name="at"/> &gt; <paramref name="next"/>) until the gap before it is filled.</summary>
            public TlsErrorCode Keep(long next, long at, ReadOnlySpan<byte> data, int window)
            {
                long end = at + data.Length;
                if (end - next > window)
                {
                    return TlsErrorCode.ReorderWindowExceeded;
                }

                if (!AddRange(at, end))
                {
                    return TlsErrorCode.TooManyReorderGaps;
                }

                // Every live byte lies in [next, next + window), so no two share a slot of the ring.
                Ring ??= ArrayPool<byte>.Shared.Rent(window);
                int index = (int)(at % Ring.Length);
                int first = Math.Min(data.Length, Ring.Length - index);
                data.Slice(0, first).CopyTo(Ring.AsSpan(index));
                data.Slice(first).CopyTo(Ring);
                return TlsErrorCode.None;
            }

            /// <summary>The kept bytes from <paramref name="next"/> (the start of the first range) to the end of that range or of the ring.</summary>
            public ReadOnlySpan<byte> Chunk(long next)
            {
                int index = (int)(next % Ring!.Length);
                long length = Math.Min(Ranges[1] - next, Ring.Length - index);
                return new ReadOnlySpan<byte>(Ring, index, (int)length);
            }

            /// <summary>Forgets kept bytes that now lie before <paramref name="next"/>.</summary>
            public void DropBefore(long next)
            {
                int drop = 0;
                while (drop < Count && Ranges[(2 * drop) + 1] <= next)
                {
                    drop++;
                }

                if (drop > 0)
                {
                    Array.Copy(Ranges, 2 * drop, Ranges, 0, 2 * (Count - drop));
                    Count -= drop;
                }

                if (Count > 0 && Ranges[0] < next)
                {
                    Ranges[0] = next;
                }
            }

            public void Clear()
            {
                ReturnBuffer(ref Ring);
                Count = 0;
            }

            /// <summary>Merges [start, end) into the ranges; false when that would exceed <see cref="MaxReorderRanges"/>.</summary>
            private bool AddRange(long start, long end)
            {
                int i = 0;
                while (i < Count && Ranges[(2 * i) + 1] < start)
                {
                    i++;
                }

                int j = i;
                while (j < Count && Ranges[2 * j] <= end)
                {
                    start = Math.Min(start, Ranges[2 * j]);
                    end = Math.Max(end, Ranges[(2 * j) + 1]);
                    j++;
                }

                int merged = j - i;
                if (merged == 0 && Count == MaxReorderRanges)
                {
                    return false;
                }

                // Ranges i..j-1 become the one merged range.
                Array.Copy(Ranges, 2 * j, Ranges, 2 * (i + 1), 2 * (Count - j));
                Ranges[2 * i] = start;
                Ranges[(2 * i) + 1] = end;
                Count += 1 - merged;
                return true;
            }
        }
    }
}
