using System;
using System.Buffers;
using Tsid.Tls;

namespace Tsid.Dtls
{
    /// <summary>
    /// One direction's DTLS handshake fragments mapped onto one handshake stream for the one reassembler
    /// (<see cref="TlsConnectionObserver.FeedHandshake"/>): message_seq n starts where n − 1 ends (the first at 0),
    /// its TLS-form 4-byte header (msg_type, length; RFC 8446 4) sits at that start, and a fragment's bytes at
    /// start + 4 + fragment_offset (RFC 6347 4.2.2). Reassembly is then by byte coverage, whatever the fragmentation
    /// of each retransmission; record and message sequence numbers decide nothing (RFC 6347 4.1.2.6 uses them for
    /// replay detection). A fragment whose start is not known yet (an earlier message not seen) waits, bounded.
    /// </summary>
    internal sealed class DtlsHandshakeStream : IDisposable
    {
        private const int TlsHeaderLength = 4;

        private readonly TlsConnectionObserver _handshake;
        private readonly TlsDirection _direction;
        private readonly DtlsLimits _limits;
        private readonly long[] _start;
        private readonly int[] _length;
        private readonly byte[] _type;
        private readonly bool[] _headerFed;
        private readonly Pending[] _pending;
        private byte[]? _pendingBuffer;
        private int _pendingCount;
        private int _pendingBytes;

        public DtlsHandshakeStream(TlsConnectionObserver handshake, TlsDirection direction, DtlsLimits limits)
        {
            _handshake = handshake;
            _direction = direction;
            _limits = limits;
            int count = limits.MaxMessageSequence;
            _start = new long[count];
            _length = new int[count];
            _type = new byte[count];
            _headerFed = new bool[count];
            _pending = new Pending[limits.MaxPendingFragments];
            Reset();
        }

        /// <summary>Fragments whose message was already complete when they arrived (retransmissions).</summary>
        public int RetransmittedFragmentCount { get; private set; }

        /// <summary>Fragments waiting for their place in the stream.</summary>
        public int PendingFragmentCount => _pendingCount;

        /// <summary>Adds one fragment; on <see cref="DtlsErrorCode.Handshake"/> see the handshake observer's error.</summary>
        public DtlsErrorCode Add(in DtlsHandshakeHeader header, ReadOnlySpan<byte> body)
        {
            int seq = header.MessageSeq;
            if (seq >= _start.Length)
            {
                return DtlsErrorCode.MessageSequenceTooHigh;
            }

            if (!header.IsWithinMessage)
            {
                return DtlsErrorCode.InvalidFragment;
            }

            bool learnt = false;
            if (_length[seq] >= 0)
            {
                // RFC 6347 4.2.3: every fragment of a message carries the same msg_type and length.
                if (_length[seq] != header.Length || _type[seq] != (byte)header.Type)
                {
                    return DtlsErrorCode.FragmentMismatch;
                }
            }
            else
            {
                _length[seq] = header.Length;
                _type[seq] = (byte)header.Type;
                learnt = true;
            }

            if (learnt && !Place())
            {
                return DtlsErrorCode.Handshake;
            }

            if (_start[seq] >= 0)
            {
                long at = _start[seq] + TlsHeaderLength + header.FragmentOffset;
                if (_start[seq] + TlsHeaderLength + header.Length <= _handshake.BytesConsumed(_direction) && _headerFed[seq])
                {
                    RetransmittedFragmentCount++;
                }

                if (!Feed(at, body))
                {
                    return DtlsErrorCode.Handshake;
                }
            }
            else
            {
                if (_pendingCount == _pending.Length || _pendingBytes + body.Length > _limits.MaxPendingBytes)
                {
                    return DtlsErrorCode.TooManyPendingFragments;
                }

                if (_pendingBuffer is null)
                {
                    _pendingBuffer = ArrayPool<byte>.Shared.Rent(Math.Max(_limits.MaxPendingBytes, 1));
                }

                body.CopyTo(_pendingBuffer.AsSpan(_pendingBytes));
                _pending[_pendingCount++] = new Pending(seq, header.FragmentOffset, _pendingBytes, body.Length);
                _pendingBytes += body.Length;
            }

            return learnt && _pendingCount > 0 && !FlushPending() ? DtlsErrorCode.Handshake : DtlsErrorCode.None;
        }

        public void Reset()
        {
            for (int i = 0; i < _start.Length; i++)
            {
                _start[i] = -1;
                _length[i] = -1;
                _type[i] = 0;
                _headerFed[i] = false;
            }

            _start[0] = 0;
            _pendingCount = 0;
            _pendingBytes = 0;
            RetransmittedFragmentCount = 0;
            if (_pendingBuffer is not null)
            {
                ArrayPool<byte>.Shared.Return(_pendingBuffer);
                _pendingBuffer = null;
            }
        }

        public void Dispose() => Reset();

        /// <summary>Works out every start now known and writes the header of each message that has one.</summary>
        private bool Place()
        {
            Span<byte> header = stackalloc byte[TlsHeaderLength];
            for (int i = 0; i < _start.Length; i++)
            {
                if (_start[i] < 0)
                {
                    if (_start[i - 1] < 0 || _length[i - 1] < 0)
                    {
                        return true;
                    }

                    _start[i] = _start[i - 1] + TlsHeaderLength + _length[i - 1];
                }

                if (_length[i] >= 0 && !_headerFed[i])
                {
                    _headerFed[i] = true;
                    int length = _length[i];
                    header[0] = _type[i];
                    header[1] = (byte)(length >> 16);
                    header[2] = (byte)(length >> 8);
                    header[3] = (byte)length;
                    if (!Feed(_start[i], header))
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        /// <summary>Feeds the waiting fragments whose start is known now, and keeps the rest in order.</summary>
        private bool FlushPending()
        {
            int kept = 0;
            int keptBytes = 0;
            byte[] buffer = _pendingBuffer!;
            bool ok = true;
            for (int i = 0; i < _pendingCount; i++)
            {
                Pending item = _pending[i];
                if (ok && _start[item.Seq] >= 0)
                {
                    ok = Feed(_start[item.Seq] + TlsHeaderLength + item.FragmentOffset, new ReadOnlySpan<byte>(buffer, item.BufferOffset, item.Length));
                    continue;
                }

                // Still waiting: move down (never overlaps forward: keptBytes <= item.BufferOffset).
                Array.Copy(buffer, item.BufferOffset, buffer, keptBytes, item.Length);
                _pending[kept++] = new Pending(item.Seq, item.FragmentOffset, keptBytes, item.Length);
                keptBytes += item.Length;
            }

            _pendingCount = kept;
            _pendingBytes = keptBytes;
            return ok;
        }

        private bool Feed(long offset, ReadOnlySpan<byte> data) =>
            _handshake.FeedHandshake(_direction, offset, data) != OperationStatus.InvalidData;

        private readonly struct Pending
        {
            public readonly int Seq;
            public readonly int FragmentOffset;
            public readonly int BufferOffset;
            public readonly int Length;

            public Pending(int seq, int fragmentOffset, int bufferOffset, int length)
            {
                Seq = seq;
                FragmentOffset = fragmentOffset;
                BufferOffset = bufferOffset;
                Length = length;
            }
        }
    }
}
