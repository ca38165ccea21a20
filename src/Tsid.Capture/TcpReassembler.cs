using System;
using System.Buffers;
using System.Collections.Generic;

namespace Tsid.Capture
{
    /// <summary>
    /// Reassembles TCP byte streams per direction from segments in capture order: orders by sequence number, buffers
    /// out-of-order segments (bounded), drops retransmitted and overlapping bytes (first copy wins), follows
    /// SYN/FIN/RST, and reports gaps. Delivers each direction's in-order bytes to an <see cref="ITcpStreamHandler"/>
    /// as soon as they are contiguous — straight from the packet buffer when segments arrive in order (no copy).
    /// </summary>
    /// <remarks>
    /// Memory is bounded by <see cref="TcpReassemblerOptions"/>: out-of-order bytes per direction and in total,
    /// flows at once, idle and closed-flow eviction (capture time). A gap is declared when a segment's data can no
    /// longer be expected: the peer acknowledged bytes the capture does not hold, the buffering limits are reached,
    /// or the flow ends with a hole. After a gap a direction delivers nothing more. Not thread-safe: one instance per
    /// capture being read.
    /// </remarks>
    public sealed class TcpReassembler
    {
        private readonly ITcpStreamHandler _handler;
        private readonly TcpReassemblerOptions _options;
        // Open flows, and (value null) recently ended ones: a tombstone keeps late packets from starting a phantom flow
        // without keeping the ended TcpFlow object alive.
        private readonly Dictionary<FlowKey, FlowSlot> _flows = new();
        private readonly List<FlowKey> _expired = new();
        private int _tombstones;
        private long _lastSweep = long.MinValue;
        private readonly long _idleNanoseconds;
        private readonly long _lingerNanoseconds;
        private TcpFlow? _activeHead;
        private TcpFlow? _activeTail;
        private TcpFlow? _last;
        private long _now = long.MinValue;
        private long _nextFlowId;

        /// <summary>Creates a reassembler that reports to <paramref name="handler"/>.</summary>
        /// <exception cref="ArgumentNullException"><paramref name="handler"/> is null.</exception>
        /// <exception cref="ArgumentOutOfRangeException">A limit in <paramref name="options"/> is not positive.</exception>
        public TcpReassembler(ITcpStreamHandler handler, TcpReassemblerOptions? options = null)
        {
            _handler = handler ?? throw new ArgumentNullException(nameof(handler));
            _options = options ?? TcpReassemblerOptions.Default;
            _options.Validate();
            _idleNanoseconds = _options.IdleTimeout.Ticks * 100;
            _lingerNanoseconds = _options.ClosedFlowLinger.Ticks * 100;
        }

        /// <summary>The limits in force.</summary>
        public TcpReassemblerOptions Options => _options;

        /// <summary>Flows currently tracked (open ones and ended ones still lingering).</summary>
        public int TrackedFlowCount => _flows.Count;

        /// <summary>Out-of-order bytes currently buffered over all flows.</summary>
        public long BufferedBytes { get; private set; }

        /// <summary>The most out-of-order bytes buffered at any moment (for reporting peak memory).</summary>
        public long PeakBufferedBytes { get; private set; }

        /// <summary>Flows started so far.</summary>
        public long FlowCount => _nextFlowId;

        /// <summary>Feeds one decoded TCP segment (a <see cref="DecodedPacket"/> whose <see cref="DecodedPacket.IsTcp"/> is true).</summary>
        /// <exception cref="ArgumentException">The packet is not a decoded TCP segment.</exception>
        public void ProcessSegment(in DecodedPacket packet, long timestampNanoseconds)
        {
            if (!packet.IsTcp)
            {
                throw new ArgumentException("The packet is not a decoded TCP segment.", nameof(packet));
            }

            ProcessSegment(
                new FlowEndpoint(packet.Source, packet.SourcePort),
                new FlowEndpoint(packet.Destination, packet.DestinationPort),
                packet.SequenceNumber,
                packet.AcknowledgmentNumber,
                packet.Flags,
                packet.Payload,
                timestampNanoseconds,
                packet.MissingPayloadLength);
        }

        /// <summary>Feeds one TCP segment given by its fields.</summary>
        /// <param name="source">Sender.</param>
        /// <param name="destination">Receiver.</param>
        /// <param name="sequenceNumber">Sequence number of the segment (of the SYN when SYN is set).</param>
        /// <param name="acknowledgmentNumber">Acknowledgment number (used only with <see cref="TcpFlags.Ack"/>).</param>
        /// <param name="flags">Control bits.</param>
        /// <param name="payload">Segment data as captured.</param>
        /// <param name="timestampNanoseconds">Capture time, ns since the Unix epoch (drives idle eviction).</param>
        /// <param name="missingPayloadLength">Data bytes the segment carried on the wire but the capture cut off (snap length).</param>
        public void ProcessSegment(FlowEndpoint source, FlowEndpoint destination, uint sequenceNumber, uint acknowledgmentNumber, TcpFlags flags, ReadOnlySpan<byte> payload, long timestampNanoseconds, int missingPayloadLength = 0)
        {
            if (timestampNanoseconds > _now)
            {
                _now = timestampNanoseconds;
                EvictIdle();
            }

            bool syn = (flags & TcpFlags.Syn) != 0;
            bool ack = (flags & TcpFlags.Ack) != 0;
            bool rst = (flags & TcpFlags.Rst) != 0;

            // Segments come in bursts per flow: check the flow of the previous segment before hashing the 5-tuple.
            TcpFlow? flow = _last;
            if (flow is null || flow.IsEnded
                || !((flow.Client == source && flow.Server == destination) || (flow.Client == destination && flow.Server == source)))
            {
                FlowKey key = FlowKey.Of(source, destination);
                flow = null;
                if (_flows.TryGetValue(key, out FlowSlot slot))
                {
                    flow = slot.Flow;
                    if (flow is null && !(syn && !ack))
                    {
                        // A recently ended flow: only a fresh SYN starts a new connection on the same 5-tuple.
                        return;
                    }
                }
            }

            if (flow is not null && syn && !ack && flow.Client == source && flow.ClientHalf.SynSeen && sequenceNumber != flow.ClientHalf.InitialSequence)
            {
                End(flow, TcpFlowEndReason.PortReused);
                flow = null;
            }

            if (flow is null)
            {
                if (rst || (payload.Length == 0 && missingPayloadLength == 0 && !syn))
                {
                    // A bare ACK/FIN/RST of a flow we never saw start carries nothing to reassemble.
                    return;
                }

                flow = Create(source, destination, syn, ack, timestampNanoseconds);
            }
            else
            {
                MoveToActiveTail(flow);
            }

            _last = flow;
            flow.LastTimestampNanoseconds = timestampNanoseconds;
            FlowDirection direction = flow.Client == source && flow.Server == destination ? FlowDirection.ClientToServer : FlowDirection.ServerToClient;
            ref TcpHalf half = ref Half(flow, direction);
            ref TcpHalf other = ref Half(flow, Opposite(direction));
            half.Segments++;

            uint sequence = sequenceNumber;
            if (syn)
            {
                if (!half.Initialized)
                {
                    half.Initialized = true;
                    half.SynSeen = true;
                    half.InitialSequence = sequenceNumber;
                    half.NextSequence = sequenceNumber + 1;
                }
                else if (!half.SynSeen && half.Delivered == 0)
                {
                    half.SynSeen = true;
                    half.InitialSequence = sequenceNumber;
                    half.NextSequence = sequenceNumber + 1;
                }

                // The SYN occupies one sequence number; data (TCP Fast Open) follows it.
                sequence = sequenceNumber + 1;
            }

            if (!half.Initialized)
            {
                // The flow's start was not captured: this direction's stream starts at the first byte we see.
                half.Initialized = true;
                half.NextSequence = sequence;
            }

            if (rst)
            {
                End(flow, TcpFlowEndReason.Reset);
                return;
            }

            if (ack && other.Initialized && !other.Gap && !other.FinReached)
            {
                // RFC 9293 3.4: the peer acknowledged everything below ack. If that is beyond what we hold, the capture lost it.
                uint expected = other.NextSequence + (other.FinSeen && other.FinSequence == other.NextSequence ? 1u : 0u);
                if ((int)(acknowledgmentNumber - expected) > 0 && (int)(acknowledgmentNumber - expected) <= _options.MaxSequenceLead)
                {
                    MarkGap(flow, Opposite(direction), ref other);
                }
            }

            if (payload.Length != 0 || missingPayloadLength != 0)
            {
                AcceptData(flow, direction, ref half, sequence, payload, missingPayloadLength);
            }

            if ((flags & TcpFlags.Fin) != 0 && !half.FinSeen)
            {
                half.FinSeen = true;
                half.FinSequence = sequence + (uint)payload.Length + (uint)missingPayloadLength;
                if (half.FinSequence == half.NextSequence && !half.Gap)
                {
                    half.FinReached = true;
                }
            }

            if (flow.ClientHalf.Done && flow.ServerHalf.Done && !flow.IsEnded)
            {
                End(flow, TcpFlowEndReason.Fin);
            }
        }

        /// <summary>Ends every open flow (<see cref="TcpFlowEndReason.EndOfCapture"/>) and forgets all flows; call at the end of a capture.</summary>
        public void Flush()
        {
            for (TcpFlow? flow = _activeHead; flow is not null;)
            {
                TcpFlow? next = flow.Next;
                End(flow, TcpFlowEndReason.EndOfCapture);
                flow = next;
            }

            _flows.Clear();
            _tombstones = 0;
            _activeHead = _activeTail = null;
            _last = null;
        }

        private TcpFlow Create(FlowEndpoint source, FlowEndpoint destination, bool syn, bool ack, long timestamp)
        {
            while (_flows.Count >= _options.MaxFlows)
            {
                // Forget tombstones first when they are a good part of the table (one sweep frees many); otherwise end
                // the least recently active flow and forget it at once.
                if (_tombstones > _flows.Count / 8 && Sweep(long.MaxValue) > 0)
                {
                    continue;
                }

                if (_activeHead is { } victim)
                {
                    End(victim, TcpFlowEndReason.Capacity);
                    FlowKey victimKey = victim.Key;
                    if (_flows.TryGetValue(victimKey, out FlowSlot slot) && slot.Flow is null)
                    {
                        _flows.Remove(victimKey);
                        _tombstones--;
                    }
                }
                else
                {
                    Sweep(long.MaxValue);
                }
            }

            bool sourceIsClient;
            bool oriented = syn;
            if (syn)
            {
                // SYN comes from the client; a SYN-ACK (its SYN lost) from the server.
                sourceIsClient = !ack;
            }
            else
            {
                // No handshake captured: the first sender is the client, unless it sends from a well-known port to a higher one.
                sourceIsClient = !(source.Port < 1024 && destination.Port >= 1024);
            }

            var flow = sourceIsClient
                ? new TcpFlow(++_nextFlowId, source, destination, timestamp, oriented)
                : new TcpFlow(++_nextFlowId, destination, source, timestamp, oriented);
            if (_flows.TryGetValue(flow.Key, out FlowSlot previous) && previous.Flow is null)
            {
                _tombstones--;
            }

            _flows[flow.Key] = new FlowSlot(flow, 0);
            Append(ref _activeHead, ref _activeTail, flow);
            _handler.OnFlowStarted(flow);
            return flow;
        }

        private void AcceptData(TcpFlow flow, FlowDirection direction, ref TcpHalf half, uint sequence, ReadOnlySpan<byte> payload, int missing)
        {
            if (half.Gap || half.FinReached || flow.IsEnded)
            {
                return;
            }

            int lead = (int)(sequence - half.NextSequence);
            if (lead <= 0)
            {
                // In 64 bits: a segment exactly 2^31 behind (lead = int.MinValue, RFC 1982's undefined distance) has no
                // 32-bit negation; it is old data like any other far-behind segment.
                long skip = -(long)lead;
                if (skip >= (long)payload.Length + missing)
                {
                    half.Retransmitted++;
                    return;
                }

                if (skip > 0)
                {
                    half.Retransmitted++;
                }

                if (skip < payload.Length)
                {
                    Deliver(flow, direction, ref half, payload.Slice((int)skip));
                    if (flow.IsEnded || half.Gap)
                    {
                        return;
                    }
                }

                if (missing > 0)
                {
                    // The capture holds fewer bytes than the segment carried (snap length): the rest is a hole.
                    MarkGap(flow, direction, ref half);
                    return;
                }

                DrainPending(flow, direction, ref half);
                return;
            }

            half.OutOfOrder++;
            if (lead > _options.MaxSequenceLead)
            {
                MarkGap(flow, direction, ref half);
                return;
            }

            if (payload.Length == 0)
            {
                return;
            }

            if (half.PendingBytes + payload.Length > _options.MaxBufferedBytesPerDirection
                || (half.Pending?.Count ?? 0) >= _options.MaxBufferedSegmentsPerDirection
                || BufferedBytes + payload.Length > _options.MaxBufferedBytesTotal)
            {
                // Waiting longer for the missing bytes would break the memory bounds: give them up.
                MarkGap(flow, direction, ref half);
                return;
            }

            byte[] buffer = ArrayPool<byte>.Shared.Rent(payload.Length);
            payload.CopyTo(buffer);
            var segment = new PendingSegment { Sequence = sequence, Buffer = buffer, Length = payload.Length };
            List<PendingSegment> pending = half.Pending ??= new List<PendingSegment>(4);
            int index = pending.Count;
            while (index > 0 && (int)(pending[index - 1].Sequence - sequence) > 0)
            {
                index--;
            }

            pending.Insert(index, segment);
            half.PendingBytes += payload.Length;
            BufferedBytes += payload.Length;
            if (BufferedBytes > PeakBufferedBytes)
            {
                PeakBufferedBytes = BufferedBytes;
            }
        }

        private void DrainPending(TcpFlow flow, FlowDirection direction, ref TcpHalf half)
        {
            List<PendingSegment>? pending = half.Pending;
            while (pending is not null && pending.Count != 0 && !half.Gap && !flow.IsEnded)
            {
                PendingSegment first = pending[0];
                int lead = (int)(first.Sequence - half.NextSequence);
                if (lead > 0)
                {
                    break;
                }

                pending.RemoveAt(0);
                half.PendingBytes -= first.Length;
                BufferedBytes -= first.Length;
                long skip = -(long)lead; // 64 bits, as in AcceptData: lead may be int.MinValue
                if (skip < first.Length)
                {
                    Deliver(flow, direction, ref half, first.Buffer.AsSpan((int)skip, first.Length - (int)skip));
                }
                else
                {
                    half.Retransmitted++;
                }

                ArrayPool<byte>.Shared.Return(first.Buffer);
            }

            if (half.FinSeen && !half.Gap && half.FinSequence == half.NextSequence)
            {
                half.FinReached = true;
            }
        }

        private void Deliver(TcpFlow flow, FlowDirection direction, ref TcpHalf half, ReadOnlySpan<byte> data)
        {
            half.NextSequence += (uint)data.Length;
            half.Delivered += data.Length;
            _handler.OnData(flow, direction, data);
        }

        private void MarkGap(TcpFlow flow, FlowDirection direction, ref TcpHalf half)
        {
            if (half.Gap)
            {
                return;
            }

            half.Gap = true;
            half.GapOffset = half.Delivered;
            ReleasePending(ref half);
            _handler.OnGap(flow, direction);
        }

        private void ReleasePending(ref TcpHalf half)
        {
            if (half.Pending is { } pending)
            {
                foreach (PendingSegment segment in pending)
                {
                    ArrayPool<byte>.Shared.Return(segment.Buffer);
                }

                BufferedBytes -= half.PendingBytes;
                half.PendingBytes = 0;
                pending.Clear();
            }
        }

        private void End(TcpFlow flow, TcpFlowEndReason reason)
        {
            if (flow.IsEnded)
            {
                return;
            }

            // Whatever is still buffered out of order, or a FIN whose sequence was never reached, is a hole that will not be filled now.
            for (int d = 0; d < 2; d++)
            {
                var direction = (FlowDirection)d;
                ref TcpHalf half = ref Half(flow, direction);
                if (!half.Gap && (half.PendingBytes != 0 || (half.FinSeen && !half.FinReached)))
                {
                    MarkGap(flow, direction, ref half);
                }

                ReleasePending(ref half);
            }

            flow.EndReason = reason;
            FlowKey key = flow.Key;
            if (_flows.TryGetValue(key, out FlowSlot tracked) && ReferenceEquals(tracked.Flow, flow))
            {
                Unlink(ref _activeHead, ref _activeTail, flow);
                _flows[key] = new FlowSlot(null, flow.LastTimestampNanoseconds);
                _tombstones++;
            }

            if (ReferenceEquals(_last, flow))
            {
                _last = null;
            }

            _handler.OnFlowEnded(flow);
        }

        /// <summary>Forgets tombstones of flows that ended before <paramref name="endedBefore"/>; returns how many.</summary>
        private int Sweep(long endedBefore)
        {
            _expired.Clear();
            foreach (KeyValuePair<FlowKey, FlowSlot> entry in _flows)
            {
                if (entry.Value.Flow is null && entry.Value.EndedAt < endedBefore)
                {
                    _expired.Add(entry.Key);
                }
            }

            foreach (FlowKey key in _expired)
            {
                _flows.Remove(key);
            }

            int count = _expired.Count;
            _tombstones -= count;
            _expired.Clear();
            return count;
        }

        private void EvictIdle()
        {
            // Tombstones are swept once per linger period, so each is remembered between one and two periods.
            if (_lastSweep == long.MinValue)
            {
                _lastSweep = _now;
            }

            if (_tombstones != 0 && _now - _lastSweep >= _lingerNanoseconds)
            {
                _lastSweep = _now;
                Sweep(_now - _lingerNanoseconds);
            }

            while (_activeHead is { } idle && _now - idle.LastTimestampNanoseconds > _idleNanoseconds)
            {
                End(idle, TcpFlowEndReason.Idle);
            }
        }

        private void MoveToActiveTail(TcpFlow flow)
        {
            if (!ReferenceEquals(flow, _activeTail))
            {
                Unlink(ref _activeHead, ref _activeTail, flow);
                Append(ref _activeHead, ref _activeTail, flow);
            }
        }

        private static void Append(ref TcpFlow? head, ref TcpFlow? tail, TcpFlow flow)
        {
            flow.Previous = tail;
            flow.Next = null;
            if (tail is null)
            {
                head = flow;
            }
            else
            {
                tail.Next = flow;
            }

            tail = flow;
        }

        private static void Unlink(ref TcpFlow? head, ref TcpFlow? tail, TcpFlow flow)
        {
            if (flow.Previous is null)
            {
                if (ReferenceEquals(head, flow))
                {
                    head = flow.Next;
                }
            }
            else
            {
                flow.Previous.Next = flow.Next;
            }

            if (flow.Next is null)
            {
                if (ReferenceEquals(tail, flow))
                {
                    tail = flow.Previous;
                }
            }
            else
            {
                flow.Next.Previous = flow.Previous;
            }

            flow.Previous = flow.Next = null;
        }

        /// <summary>A flow table value: an open flow, or (Flow null) the tombstone of one that ended at EndedAt.</summary>
        private readonly struct FlowSlot
        {
            public FlowSlot(TcpFlow? flow, long endedAt)
            {
                Flow = flow;
                EndedAt = endedAt;
            }

            public TcpFlow? Flow { get; }

            public long EndedAt { get; }
        }

        private static ref TcpHalf Half(TcpFlow flow, FlowDirection direction) =>
            ref direction == FlowDirection.ClientToServer ? ref flow.ClientHalf : ref flow.ServerHalf;

        private static FlowDirection Opposite(FlowDirection direction) =>
            direction == FlowDirection.ClientToServer ? FlowDirection.ServerToClient : FlowDirection.ClientToServer;
    }
}
