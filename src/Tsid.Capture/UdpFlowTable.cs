using System;
using System.Collections.Generic;

namespace Tsid.Capture
{
    /// <summary>
    /// The UDP flows of <see cref="CaptureInspector"/>: a 5-tuple table bounded by <see cref="UdpFlowOptions.MaxFlows"/>,
    /// with the flows in a list from least to most recently active, so that idle flows are found at its head without a scan
    /// and eviction takes the head.
    /// </summary>
    internal sealed class UdpFlowTable
    {
        private readonly Dictionary<FlowKey, UdpFlow> _flows = new();
        private readonly IDatagramConsumer _consumer;
        private readonly CaptureStatistics _statistics;
        private readonly int _maxFlows;
        private readonly long _idleNanoseconds;
        private UdpFlow? _head;
        private UdpFlow? _tail;
        private long _nextFlowId;

        public UdpFlowTable(IDatagramConsumer consumer, UdpFlowOptions options, CaptureStatistics statistics)
        {
            options.Validate();
            _consumer = consumer;
            _statistics = statistics;
            _maxFlows = options.MaxFlows;
            _idleNanoseconds = options.IdleTimeout.Ticks * 100;
        }

        public int Count => _flows.Count;

        public void Process(FlowEndpoint source, FlowEndpoint destination, ReadOnlySpan<byte> payload, long timestamp)
        {
            UdpPayloadKind kind = _consumer.ClassifyDatagram(payload, out UdpFlowOpening opening);
            FlowKey key = FlowKey.Of(source, destination);
            _flows.TryGetValue(key, out UdpFlow? flow);
            // A flow's kind is fixed by its opening datagram: on a DTLS 5-tuple, a TURN channel message whose first byte
            // looks like a QUIC short header is not QUIC (RFC 7983 7).
            if (kind == UdpPayloadKind.Other || (flow is not null && kind != flow.Kind))
            {
                _statistics.IgnoredUdpDatagrams++;
                if (flow is not null)
                {
                    flow.IgnoredDatagrams++;
                }

                return;
            }

            if (flow is null)
            {
                if (opening == UdpFlowOpening.None)
                {
                    // The handshake's start is not in the capture: nothing to read from this 5-tuple's middle.
                    _statistics.IgnoredUdpDatagrams++;
                    return;
                }

                flow = Create(key, source, destination, opening, kind, timestamp);
            }
            else
            {
                Unlink(flow);
                Append(flow);
            }

            if (timestamp > flow.LastTimestampNanoseconds)
            {
                flow.LastTimestampNanoseconds = timestamp;
            }

            FlowDirection direction;
            if (source == flow.Client)
            {
                direction = FlowDirection.ClientToServer;
                flow.ClientDatagrams++;
            }
            else
            {
                direction = FlowDirection.ServerToClient;
                flow.ServerDatagrams++;
            }

            _statistics.HandshakeDatagrams++;
            _consumer.OnDatagram(flow, direction, kind, payload);
        }

        /// <summary>Ends every flow (end of capture), least recently active first.</summary>
        public void Flush()
        {
            while (_head is { } flow)
            {
                End(flow, UdpFlowEndReason.EndOfCapture);
            }
        }

        private UdpFlow Create(FlowKey key, FlowEndpoint source, FlowEndpoint destination, UdpFlowOpening opening, UdpPayloadKind kind, long timestamp)
        {
            while (_flows.Count >= _maxFlows && _head is { } oldest)
            {
                _statistics.EvictedUdpFlows++;
                End(oldest, UdpFlowEndReason.Capacity);
            }

            UdpFlow flow = opening == UdpFlowOpening.SenderIsClient
                ? new UdpFlow(++_nextFlowId, source, destination, kind, timestamp)
                : new UdpFlow(++_nextFlowId, destination, source, kind, timestamp);
            _flows.Add(key, flow);
            Append(flow);
            _statistics.UdpFlows++;
            _consumer.OnUdpFlowStarted(flow);
            return flow;
        }

        /// <summary>Ends the flows silent for longer than the idle timeout at capture time <paramref name="now"/> (called for every packet).</summary>
        public void EndIdle(long now)
        {
            // The head is the least recently active flow; capture time may step back a little, which only delays this.
            while (_head is { } idle && now - idle.LastTimestampNanoseconds > _idleNanoseconds)
            {
                End(idle, UdpFlowEndReason.Idle);
            }
        }

        private void End(UdpFlow flow, UdpFlowEndReason reason)
        {
            Unlink(flow);
            _flows.Remove(FlowKey.Of(flow.Client, flow.Server));
            flow.EndReason = reason;
            _consumer.OnUdpFlowEnded(flow);
        }

        private void Append(UdpFlow flow)
        {
            flow.Previous = _tail;
            flow.Next = null;
            if (_tail is null)
            {
                _head = flow;
            }
            else
            {
                _tail.Next = flow;
            }

            _tail = flow;
        }

        private void Unlink(UdpFlow flow)
        {
            if (flow.Previous is null)
            {
                if (ReferenceEquals(_head, flow))
                {
                    _head = flow.Next;
                }
            }
            else
            {
                flow.Previous.Next = flow.Next;
            }

            if (flow.Next is null)
            {
                if (ReferenceEquals(_tail, flow))
                {
                    _tail = flow.Previous;
                }
            }
            else
            {
                flow.Next.Previous = flow.Previous;
            }

            flow.Previous = flow.Next = null;
        }
    }
}
