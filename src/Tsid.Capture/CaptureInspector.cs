using System;
using System.Collections.Generic;
using System.IO;

namespace Tsid.Capture
{
    /// <summary>
    /// Glues the pieces for a tool: reads packets (<see cref="CaptureReader"/>), decodes them
    /// (<see cref="PacketDecoder"/>), reassembles TCP (<see cref="TcpReassembler"/>), finds where TLS starts (first
    /// byte of the stream on any port, after STARTTLS for SMTP, IMAP, POP3, LDAP and XMPP, or behind an HTTP CONNECT,
    /// SOCKS 4/4a/5 or PROXY protocol v1/v2 tunnel, see <see cref="TcpFlow.Tunnel"/>), reads DNS answers
    /// from UDP port 53, and reports all of it in capture order to an <see cref="IFlowConsumer"/>. When the consumer is
    /// also an <see cref="IDatagramConsumer"/>, QUIC and DTLS datagrams (recognised by content, on any port) are tracked as
    /// UDP flows and reported to it.
    /// </summary>
    /// <example>
    /// <code>
    /// using var reader = CaptureReader.Open(File.OpenRead("trace.pcapng.gz"));
    /// var inspector = new CaptureInspector(myConsumer);
    /// CaptureInspectionResult result = inspector.Inspect(reader);
    /// if (result.Error != CaptureError.None) Console.Error.WriteLine($"{result.Error} at byte {result.ErrorOffset}");
    /// </code>
    /// </example>
    public sealed class CaptureInspector
    {
        private readonly IFlowConsumer _consumer;
        private readonly CaptureInspectorOptions _options;
        private readonly TcpReassembler _reassembler;
        private readonly UdpFlowTable? _udp;
        private readonly List<DnsAnswer> _dnsAnswers = new();
        private LinkType? _unsupportedLinkType;
        private long _unsupportedOffset = -1;

        /// <summary>Creates an inspector reporting to <paramref name="consumer"/>.</summary>
        /// <exception cref="ArgumentNullException"><paramref name="consumer"/> is null.</exception>
        public CaptureInspector(IFlowConsumer consumer, CaptureInspectorOptions? options = null)
        {
            _consumer = consumer ?? throw new ArgumentNullException(nameof(consumer));
            _options = options ?? CaptureInspectorOptions.Default;
            if (_options.MaxPreTlsBytes < 0 || _options.MaxHeldBytes < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(options), "Limits must not be negative.");
            }

            _reassembler = new TcpReassembler(new Handler(this), _options.Reassembly);
            if (consumer is IDatagramConsumer datagrams)
            {
                _udp = new UdpFlowTable(datagrams, _options.Udp ?? throw new ArgumentNullException(nameof(options), "Udp must not be null."), Statistics);
            }
        }

        /// <summary>Counters so far.</summary>
        public CaptureStatistics Statistics { get; } = new();

        /// <summary>Reads a whole capture from a stream (gzip or not), reports everything, and ends all flows.</summary>
        public static CaptureInspectionResult Inspect(Stream capture, IFlowConsumer consumer, CaptureInspectorOptions? options = null)
        {
            using CaptureReader reader = CaptureReader.Open(capture, leaveOpen: true);
            return new CaptureInspector(consumer, options).Inspect(reader);
        }

        /// <summary>Reads every packet of <paramref name="reader"/>, then ends all open flows (<see cref="Complete"/>).</summary>
        public CaptureInspectionResult Inspect(CaptureReader reader)
        {
            if (reader is null)
            {
                throw new ArgumentNullException(nameof(reader));
            }

            while (reader.TryReadPacket(out CapturedPacket packet))
            {
                ProcessPacket(packet);
            }

            return Finish(reader);
        }

        /// <summary>
        /// For callers that drive the packet loop themselves (to show progress, or to stop early): ends all open flows
        /// (<see cref="Complete"/>) and returns the result, combining <paramref name="reader"/>'s error with the
        /// inspector's own findings.
        /// </summary>
        /// <example>
        /// <code>
        /// while (reader.TryReadPacket(out CapturedPacket packet))
        /// {
        ///     inspector.ProcessPacket(packet);
        ///     progress.Report(file.Position);
        /// }
        /// CaptureInspectionResult result = inspector.Finish(reader);
        /// </code>
        /// </example>
        public CaptureInspectionResult Finish(CaptureReader reader)
        {
            if (reader is null)
            {
                throw new ArgumentNullException(nameof(reader));
            }

            Complete();
            CaptureError error = reader.Error;
            long offset = reader.ErrorOffset;
            if (error == CaptureError.None && _unsupportedLinkType is not null)
            {
                error = CaptureError.UnsupportedLinkType;
                offset = _unsupportedOffset;
            }

            return new CaptureInspectionResult(reader.Format, reader.IsCompressed, error, offset, _unsupportedLinkType, Statistics);
        }

        /// <summary>Processes one packet read by a <see cref="CaptureReader"/>.</summary>
        public void ProcessPacket(in CapturedPacket packet) =>
            ProcessFrame(packet.LinkType, packet.Data, packet.TimestampNanoseconds, packet.Offset);

        /// <summary>Processes one frame of the given link type (for callers with their own packet source).</summary>
        public void ProcessFrame(LinkType linkType, ReadOnlySpan<byte> frame, long timestampNanoseconds, long offset = -1)
        {
            Statistics.Packets++;
            Statistics.CapturedBytes += frame.Length;
            switch (PacketDecoder.Decode(linkType, frame, out DecodedPacket decoded))
            {
                case PacketDecodeStatus.Transport:
                    // UDP has no FIN: silence ends a flow, measured by any packet's time so a quiet flow ends in order.
                    _udp?.EndIdle(timestampNanoseconds);
                    if (decoded.Protocol == PacketDecoder.ProtocolTcp)
                    {
                        Statistics.TcpSegments++;
                        _reassembler.ProcessSegment(in decoded, timestampNanoseconds);
                    }
                    else
                    {
                        Statistics.UdpDatagrams++;
                        if (_options.ReadDns && decoded.SourcePort == 53)
                        {
                            ReadDns(decoded.Payload, timestampNanoseconds);
                        }
                        else if (_udp is not null && decoded.MissingPayloadLength == 0)
                        {
                            // A datagram cut by the snap length cannot be parsed (QUIC's AEAD tag sits at the end).
                            _udp.Process(
                                new FlowEndpoint(decoded.Source, decoded.SourcePort),
                                new FlowEndpoint(decoded.Destination, decoded.DestinationPort),
                                decoded.Payload,
                                timestampNanoseconds);
                        }
                        else if (_udp is not null)
                        {
                            Statistics.IgnoredUdpDatagrams++;
                        }
                    }

                    break;
                case PacketDecodeStatus.Fragment:
                    Statistics.Fragments++;
                    break;
                case PacketDecodeStatus.NotIP:
                    Statistics.NonIPFrames++;
                    break;
                case PacketDecodeStatus.OtherProtocol:
                    Statistics.OtherProtocolPackets++;
                    break;
                case PacketDecodeStatus.Truncated:
                    Statistics.TruncatedFrames++;
                    break;
                case PacketDecodeStatus.Malformed:
                    Statistics.MalformedFrames++;
                    break;
                case PacketDecodeStatus.UnsupportedLinkType:
                    Statistics.UnsupportedLinkTypeFrames++;
                    if (_unsupportedLinkType is null)
                    {
                        _unsupportedLinkType = linkType;
                        _unsupportedOffset = offset;
                    }

                    break;
            }
        }

        /// <summary>Ends every open flow (end of capture) so that each gets its <see cref="IFlowConsumer.OnFlowEnded"/>.</summary>
        public void Complete()
        {
            _reassembler.Flush();
            _udp?.Flush();
            Statistics.PeakBufferedBytes = _reassembler.PeakBufferedBytes;
        }

        internal void StartTls(TcpFlow flow, TlsStartProtocol protocol, long clientOffset, long serverOffset)
        {
            flow.TlsState = TlsStartState.Started;
            flow.TlsProtocol = protocol;
            flow.ClientTlsOffset = clientOffset;
            flow.ServerTlsOffset = serverOffset;
            Statistics.TlsFlows++;
            _consumer.OnTlsStarted(flow);
        }

        internal void DeliverTls(TcpFlow flow, FlowDirection direction, ReadOnlySpan<byte> data)
        {
            if (data.Length != 0 && !flow.IsEnded)
            {
                _consumer.OnTlsData(flow, direction, data);
            }
        }

        internal void GiveUp(TcpFlow flow)
        {
            if (flow.TlsState == TlsStartState.Undetermined)
            {
                flow.TlsState = TlsStartState.NotTls;
            }

            flow.Detector?.Release();
            flow.Detector = null;
            flow.TunnelDetector?.Finish();
            flow.TunnelDetector = null;
        }

        internal TlsStartDetector CreateStartDetector() => new TlsStartDetector(_options.MaxPreTlsBytes, _options.MaxHeldBytes);

        private void ReadDns(ReadOnlySpan<byte> payload, long timestamp)
        {
            Statistics.DnsResponses++;
            _dnsAnswers.Clear();
            if (DnsResponseReader.Read(payload, timestamp, _dnsAnswers, out _) != DnsError.None)
            {
                Statistics.MalformedDnsResponses++;
            }

            foreach (DnsAnswer answer in _dnsAnswers)
            {
                Statistics.DnsAnswers++;
                _consumer.OnDnsAnswer(answer);
            }

            _dnsAnswers.Clear();
        }

        private void OnData(TcpFlow flow, FlowDirection direction, ReadOnlySpan<byte> data)
        {
            long streamOffset = (direction == FlowDirection.ClientToServer ? flow.ClientHalf.Delivered : flow.ServerHalf.Delivered) - data.Length;
            switch (flow.TlsState)
            {
                case TlsStartState.Started:
                    {
                        long tlsOffset = direction == FlowDirection.ClientToServer ? flow.ClientTlsOffset : flow.ServerTlsOffset;
                        long skip = tlsOffset - streamOffset;
                        if (skip <= 0)
                        {
                            _consumer.OnTlsData(flow, direction, data);
                        }
                        else if (skip < data.Length)
                        {
                            _consumer.OnTlsData(flow, direction, data.Slice((int)skip));
                        }

                        return;
                    }

                case TlsStartState.NotTls:
                    return;
            }

            if (flow.Detector is null && direction == FlowDirection.ClientToServer && streamOffset == 0
                && TlsStartDetector.ClassifyFirstBytes(data) > 0)
            {
                // The common case, decided without any per-flow state: a TLS record header at the start of the client stream.
                StartTls(flow, TlsStartProtocol.Direct, 0, 0);
                DeliverTls(flow, direction, data);
                return;
            }

            if (flow.TunnelDetector is null && flow.Detector is null && direction == FlowDirection.ClientToServer && streamOffset == 0
                && data.Length != 0 && TunnelDetector.MayStart(data[0]))
            {
                // The client's first byte may open a tunnel (CONNECT, SOCKS, PROXY protocol): follow it before looking for TLS.
                flow.TunnelDetector = new TunnelDetector(_options.MaxPreTlsBytes);
            }

            if (flow.TunnelDetector is not null)
            {
                flow.TunnelDetector.Feed(this, flow, direction, streamOffset, data);
                return;
            }

            flow.Detector ??= CreateStartDetector();
            flow.Detector.Feed(this, flow, direction, streamOffset, data);
        }

        private void OnGap(TcpFlow flow, FlowDirection direction)
        {
            if (flow.TlsState == TlsStartState.Started)
            {
                _consumer.OnGap(flow, direction);
            }
            else
            {
                // Bytes of the cleartext dialogue are missing: where TLS would start can no longer be known.
                GiveUp(flow);
            }
        }

        private void OnFlowEnded(TcpFlow flow)
        {
            GiveUp(flow);
            if (flow.IsIncomplete)
            {
                Statistics.IncompleteFlows++;
            }

            if (flow.Tunnel is { } tunnel)
            {
                Statistics.Tunnels++;
                if (tunnel.Status == TunnelStatus.NotTls)
                {
                    Statistics.TunnelsToNonTlsServices++;
                }
                else if (tunnel.Status == TunnelStatus.Refused)
                {
                    Statistics.RefusedTunnels++;
                }
            }

            _consumer.OnFlowEnded(flow);
        }

        private sealed class Handler : ITcpStreamHandler
        {
            private readonly CaptureInspector _owner;

            public Handler(CaptureInspector owner) => _owner = owner;

            public void OnFlowStarted(TcpFlow flow)
            {
                _owner.Statistics.Flows++;
                _owner._consumer.OnFlowStarted(flow);
            }

            public void OnData(TcpFlow flow, FlowDirection direction, ReadOnlySpan<byte> data) => _owner.OnData(flow, direction, data);

            public void OnGap(TcpFlow flow, FlowDirection direction) => _owner.OnGap(flow, direction);

            public void OnFlowEnded(TcpFlow flow) => _owner.OnFlowEnded(flow);
        }
    }
}
