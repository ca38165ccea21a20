using System;
using System.Collections.Generic;
using Tsid.Capture;
using Tsid.Cli.Reports;
using Tsid.Tls;

namespace Tsid.Cli.Inspection
{
    /// <summary>
    /// Receives the capture layer's flows and feeds each TLS flow's two directions to a <see cref="TlsConnectionObserver"/>;
    /// when a flow ends it is analysed and handed to the sink. DNS answers become hints for later connections.
    /// </summary>
    internal sealed class InspectionConsumer : IFlowConsumer
    {
        private readonly InspectionSettings _settings;
        private readonly Action<ConnectionReport> _sink;
        private readonly DnsHintCache _dns = new();

        // Observers are reused across connections (Reset returns their rented buffers): a capture holds many
        // thousands of short connections, and a fresh observer per connection is the largest allocation left.
        private readonly Stack<TlsConnectionObserver> _observers = new();

        public InspectionConsumer(InspectionSettings settings, InspectionSummary summary, Action<ConnectionReport> sink)
        {
            _settings = settings;
            Summary = summary;
            _sink = sink;
        }

        public InspectionSummary Summary { get; }

        public void OnFlowStarted(TcpFlow flow)
        {
            Summary.TcpConnections++;
        }

        public void OnTlsStarted(TcpFlow flow)
        {
            var facts = new FlowFacts
            {
                Client = flow.Client.ToString(),
                Server = flow.Server.ToString(),
                ClientAddress = flow.Client.Address.ToIPAddress(),
                ServerAddress = flow.Server.Address.ToIPAddress(),
                ClientPort = flow.Client.Port,
                ServerPort = flow.Server.Port,
                TlsStart = flow.TlsProtocol == TlsStartProtocol.Direct ? "direct" : flow.TlsProtocol.ToString().ToLowerInvariant(),
                DnsHints = _settings.UseDnsHints ? _dns.Lookup(flow.Server.Address) : Array.Empty<string>(),
            };
            flow.UserState = new FlowState(facts, _observers.Count > 0 ? _observers.Pop() : new TlsConnectionObserver());
        }

        public void OnTlsData(TcpFlow flow, FlowDirection direction, ReadOnlySpan<byte> data)
        {
            if (flow.UserState is FlowState state)
            {
                // The observer keeps its own promise: once a direction is invalid, more bytes change nothing.
                state.Observer.Feed(direction == FlowDirection.ClientToServer ? TlsDirection.ClientToServer : TlsDirection.ServerToClient, data);
            }
        }

        public void OnGap(TcpFlow flow, FlowDirection direction)
        {
            if (flow.UserState is FlowState state)
            {
                TcpStreamInfo stream = flow.GetStream(direction);
                state.Facts.Gaps.Add(new ErrorReport
                {
                    Direction = direction == FlowDirection.ClientToServer ? "client" : "server",
                    Error = "gap",
                    Offset = stream.GapOffset,
                });
            }
        }

        public void OnFlowEnded(TcpFlow flow)
        {
            if (flow.UserState is not FlowState state)
            {
                return;
            }

            flow.UserState = null;
            try
            {
                // A flow that went quiet before any TLS byte is not a TLS connection to report.
                if (!state.Observer.ClientHelloSeen && !state.Observer.ServerHelloSeen && !state.Observer.HasError && state.Facts.Gaps.Count == 0
                    && state.Observer.BytesConsumed(TlsDirection.ClientToServer) == 0 && state.Observer.BytesConsumed(TlsDirection.ServerToClient) == 0)
                {
                    return;
                }

                ConnectionReport report = ConnectionAnalyzer.Analyze(state.Observer, state.Facts, _settings);
                Summary.Count(report);
                _sink(report);
            }
            finally
            {
                state.Observer.Reset();
                _observers.Push(state.Observer);
            }
        }

        public void OnDnsAnswer(DnsAnswer answer)
        {
            Summary.DnsAnswers++;
            _dns.Add(answer);
        }

        private sealed class FlowState
        {
            public FlowState(FlowFacts facts, TlsConnectionObserver observer)
            {
                Facts = facts;
                Observer = observer;
            }

            public FlowFacts Facts { get; }

            public TlsConnectionObserver Observer { get; }
        }
    }
}
