using System;
using System.Collections.Generic;
using Tsid.Capture;
using Tsid.Identity;
using Tsid.Tls;

namespace Tsid.Inspection
{
    /// <summary>
    /// The state of one <see cref="ConnectionInspector.Inspect(CaptureReader, ConnectionHandler)"/> call: receives the
    /// capture layer's flows, feeds each TLS flow's two directions (and each QUIC or DTLS flow's datagrams) to a pooled
    /// observer, and when the flow ends analyses it (here, or on the <see cref="AnalysisWorker"/>). DNS answers become hints
    /// for later connections.
    /// </summary>
    internal sealed class InspectionRun : IFlowConsumer, IDatagramConsumer, IDisposable
    {
        private readonly InspectionOptions _options;
        private readonly ConnectionHandler _handler;
        private readonly DnsHintCache? _dns;
        private readonly char[] _name = new char[ServerIdentityResolver.NameBufferLength];

        // Pending connections are reused across flows (Reset returns their observers' rented buffers): a capture holds many
        // thousands of short connections, and a fresh observer per connection would be the largest allocation left.
        private readonly Stack<PendingConnection> _free = new();
        private readonly List<PendingConnection> _all = new();
        private readonly List<PendingConnection> _returned = new();
        private readonly AnalysisWorker? _worker;
        private List<PendingConnection>? _batch;

        public InspectionRun(InspectionOptions options, ConnectionHandler handler)
        {
            _options = options;
            _handler = handler;
            _dns = options.UseDnsHints ? new DnsHintCache(options.MaxDnsHintAddresses, options.MaxDnsHintNamesPerAddress) : null;
            if (options.UseWorkerThread)
            {
                _worker = new AnalysisWorker(this);
            }
        }

        public InspectionCounters Counters { get; } = new();

        public void OnFlowStarted(TcpFlow flow)
        {
        }

        public void OnTlsStarted(TcpFlow flow)
        {
            PendingConnection connection = Rent();
            string[] hints = _dns is null ? Array.Empty<string>() : _dns.Lookup(flow.Server.Address, flow.FirstTimestampNanoseconds);
            connection.Start(flow, hints);
            flow.UserState = connection;
        }

        public void OnTlsData(TcpFlow flow, FlowDirection direction, ReadOnlySpan<byte> data)
        {
            if (flow.UserState is PendingConnection connection)
            {
                // The observer keeps its own promise: once a direction is invalid, more bytes change nothing.
                connection.Observer.Feed(direction == FlowDirection.ClientToServer ? TlsDirection.ClientToServer : TlsDirection.ServerToClient, data);
            }
        }

        public void OnGap(TcpFlow flow, FlowDirection direction)
        {
            if (flow.UserState is PendingConnection connection)
            {
                // Offsets count from the TLS start, like the parse errors' (they differ from the TCP stream's after STARTTLS).
                if (direction == FlowDirection.ClientToServer)
                {
                    connection.ClientGapOffset = Math.Max(0, flow.ClientStream.GapOffset - flow.ClientTlsOffset);
                }
                else
                {
                    connection.ServerGapOffset = Math.Max(0, flow.ServerStream.GapOffset - flow.ServerTlsOffset);
                }
            }
        }

        public void OnFlowEnded(TcpFlow flow)
        {
            if (flow.UserState is not PendingConnection connection)
            {
                return;
            }

            flow.UserState = null;

            // A flow that went quiet before any TLS byte is not a TLS connection to report.
            if (!connection.SawTls)
            {
                Recycle(connection);
                return;
            }

            connection.End(flow);
            Ended(connection);
        }

        public UdpPayloadKind ClassifyDatagram(ReadOnlySpan<byte> datagram, out UdpFlowOpening opening) =>
            DatagramRouter.Classify(datagram, out opening);

        public void OnUdpFlowStarted(UdpFlow flow)
        {
            PendingConnection connection = Rent();
            string[] hints = _dns is null ? Array.Empty<string>() : _dns.Lookup(flow.Server.Address, flow.FirstTimestampNanoseconds);
            connection.Start(flow, hints);
            flow.UserState = connection;
        }

        public void OnDatagram(UdpFlow flow, FlowDirection direction, UdpPayloadKind kind, ReadOnlySpan<byte> datagram)
        {
            if (flow.UserState is PendingConnection connection)
            {
                connection.Feed(direction, kind, datagram);
            }
        }

        public void OnUdpFlowEnded(UdpFlow flow)
        {
            if (flow.UserState is not PendingConnection connection)
            {
                return;
            }

            flow.UserState = null;
            connection.End(flow);
            Ended(connection);
        }

        private void Ended(PendingConnection connection)
        {
            if (_worker is null)
            {
                try
                {
                    Analyze(connection);
                }
                finally
                {
                    Recycle(connection);
                }

                return;
            }

            _batch ??= _worker.TakeEmptyBatch();
            _batch.Add(connection);
            if (_batch.Count == ConnectionInspector.WorkerBatchSize)
            {
                _worker.Post(_batch);
                _batch = null;
            }
        }

        public void OnDnsAnswer(DnsAnswer answer) => _dns?.Add(answer);

        /// <summary>Analyses one ended connection and calls the handler (on whichever thread analyses).</summary>
        public void Analyze(PendingConnection connection) =>
            ConnectionAnalyzer.Analyze(connection, _options, _name, Counters, _handler);

        /// <summary>After the capture's last flow ended: hands the last batch over and waits until every connection was handled.</summary>
        public void Complete()
        {
            if (_worker is null)
            {
                return;
            }

            if (_batch is { Count: > 0 })
            {
                _worker.Post(_batch);
                _batch = null;
            }

            _worker.Complete();
        }

        /// <summary>Stops the worker after a failure on the reading thread; what was queued is dropped.</summary>
        public void Abort() => _worker?.Abort();

        public void Dispose()
        {
            _worker?.Abort();
            foreach (PendingConnection connection in _all)
            {
                connection.Dispose();
            }

            _all.Clear();
            _free.Clear();
        }

        private PendingConnection Rent()
        {
            if (_worker is not null && _free.Count == 0)
            {
                // Connections come back from the worker already reset.
                _worker.TakeAnalysed(_returned);
                foreach (PendingConnection done in _returned)
                {
                    _free.Push(done);
                }

                _returned.Clear();
            }

            if (_free.Count > 0)
            {
                return _free.Pop();
            }

            var connection = new PendingConnection(_options.HandshakeLimits);
            _all.Add(connection);
            return connection;
        }

        private void Recycle(PendingConnection connection)
        {
            connection.Reset();
            _free.Push(connection);
        }
    }
}
