using System;
using System.Collections.Generic;
using System.IO;
using Tsid.Capture;
using Tsid.Inspection;

namespace Tsid.Cli.Bench
{
    /// <summary>
    /// The captures of a <c>tsid bench</c> run, in memory, and the TLS-over-TCP connections in them as the reassembler
    /// delivered them: each connection's TLS bytes in arrival order with their direction, its endpoints and the DNS hints the
    /// inspection gave it. QUIC and DTLS connections are not replayed (the reassembly and pipeline stages still read them).
    /// </summary>
    internal sealed class BenchWorkload
    {
        /// <summary>The largest capture file loaded (it is held in memory).</summary>
        public const int MaxCaptureBytes = 1 << 30;

        /// <summary>TLS bytes kept per connection and direction: the handshake is in the first few KiB; later records are application data.</summary>
        public const int MaxReplayBytesPerDirection = 1 << 20;

        /// <summary>TLS bytes kept over all connections; the connections after that are not replayed.</summary>
        public const long MaxReplayBytes = 512L * 1024 * 1024;

        /// <summary>Connections replayed at most (each keeps a fed observer for the identity and policy stages).</summary>
        public const int MaxReplayConnections = 50_000;

        private readonly MemoryStream _bytes = new();

        private BenchWorkload()
        {
        }

        public List<byte[]> Captures { get; } = new();

        public long CaptureBytes { get; private set; }

        /// <summary>Connections the inspection reports in all captures (TLS, DTLS, QUIC): the unit of the reassembly and pipeline stages.</summary>
        public long InspectedConnections { get; private set; }

        public List<ReplayConnection> Connections { get; } = new();

        /// <summary>TLS connections found but not replayed (over <see cref="MaxReplayConnections"/> or <see cref="MaxReplayBytes"/>).</summary>
        public long NotReplayed { get; private set; }

        public long ReplayBytes { get; private set; }

        /// <summary>The buffer every <see cref="ReplayConnection.Chunks"/> points into.</summary>
        public byte[] Buffer { get; private set; } = Array.Empty<byte>();

        /// <summary>Loads the files; false with one stderr line per file that cannot be read.</summary>
        public static bool TryLoad(IReadOnlyList<string> files, InspectionOptions options, TextWriter stderr, out BenchWorkload workload)
        {
            workload = new BenchWorkload();
            bool ok = true;
            foreach (string file in files)
            {
                if (!InputFile.TryReadAll(file, MaxCaptureBytes, out byte[]? content, out string? problem))
                {
                    stderr.WriteLine($"tsid: {file}: {problem}");
                    ok = false;
                    continue;
                }

                workload.Add(file, content, options, stderr, ref ok);
            }

            workload.Buffer = workload._bytes.GetBuffer();
            return ok;
        }

        private void Add(string file, byte[] capture, InspectionOptions options, TextWriter stderr, ref bool ok)
        {
            Captures.Add(capture);
            CaptureBytes += capture.Length;

            // The inspection once, as the pipeline stage runs it: its connection count, and the DNS hints per TCP flow.
            var hints = new Dictionary<long, string[]>();
            InspectionSummary summary = new ConnectionInspector(options with { UseWorkerThread = false, Explain = false }).Inspect(
                new MemoryStream(capture, writable: false),
                (in InspectedConnection c) =>
                {
                    if (c.Transport == ConnectionTransport.Tcp && !c.DnsHints.IsEmpty)
                    {
                        hints[c.FlowId] = c.DnsHints.ToArray();
                    }
                });
            InspectedConnections += summary.Connections;
            if (summary.Capture.Error != CaptureError.None)
            {
                stderr.WriteLine($"tsid: {file}: {InspectCommand.Describe(summary.Capture)}");
                ok = false;
            }

            var extractor = new Extractor(this, hints);
            CaptureInspector.Inspect(new MemoryStream(capture, writable: false), extractor, options.Capture);
        }

        /// <summary>Collects each TLS flow's bytes in arrival order (the same flows, with the same ids, the inspection saw).</summary>
        private sealed class Extractor : IFlowConsumer
        {
            private readonly BenchWorkload _workload;
            private readonly Dictionary<long, string[]> _hints;
            private readonly Dictionary<long, ReplayConnection> _open = new();

            public Extractor(BenchWorkload workload, Dictionary<long, string[]> hints)
            {
                _workload = workload;
                _hints = hints;
            }

            public void OnFlowStarted(TcpFlow flow)
            {
            }

            public void OnTlsStarted(TcpFlow flow)
            {
                if (_workload.Connections.Count + _open.Count >= MaxReplayConnections || _workload.ReplayBytes >= MaxReplayBytes)
                {
                    _workload.NotReplayed++;
                    return;
                }

                _open[flow.Id] = new ReplayConnection(flow.Client, flow.Server, _hints.TryGetValue(flow.Id, out string[]? h) ? h : Array.Empty<string>());
            }

            public void OnTlsData(TcpFlow flow, FlowDirection direction, ReadOnlySpan<byte> data)
            {
                if (!_open.TryGetValue(flow.Id, out ReplayConnection? connection))
                {
                    return;
                }

                bool toServer = direction == FlowDirection.ClientToServer;
                int room = MaxReplayBytesPerDirection - (toServer ? connection.ClientBytes : connection.ServerBytes);
                room = (int)Math.Min(room, MaxReplayBytes - _workload.ReplayBytes);
                if (room <= 0)
                {
                    return;
                }

                ReadOnlySpan<byte> kept = data.Length > room ? data.Slice(0, room) : data;
                connection.Chunks.Add(new ReplayChunk(toServer, (int)_workload._bytes.Length, kept.Length));
                _workload._bytes.Write(kept);
                _workload.ReplayBytes += kept.Length;
                if (toServer)
                {
                    connection.ClientBytes += kept.Length;
                }
                else
                {
                    connection.ServerBytes += kept.Length;
                }
            }

            public void OnGap(TcpFlow flow, FlowDirection direction)
            {
            }

            public void OnFlowEnded(TcpFlow flow)
            {
                if (_open.Remove(flow.Id, out ReplayConnection? connection) && connection.Chunks.Count > 0)
                {
                    _workload.Connections.Add(connection);
                }
            }

            public void OnDnsAnswer(DnsAnswer answer)
            {
            }
        }
    }

    /// <summary>One TLS-over-TCP connection to replay.</summary>
    internal sealed class ReplayConnection
    {
        public ReplayConnection(FlowEndpoint client, FlowEndpoint server, string[] dnsHints)
        {
            Span<byte> address = stackalloc byte[16];
            client.Address.TryWriteBytes(address, out int length);
            ClientAddress = address.Slice(0, length).ToArray();
            ClientPort = client.Port;
            server.Address.TryWriteBytes(address, out length);
            ServerAddress = address.Slice(0, length).ToArray();
            ServerPort = server.Port;
            DnsHints = dnsHints;
        }

        public List<ReplayChunk> Chunks { get; } = new();

        public byte[] ClientAddress { get; }

        public int ClientPort { get; }

        public byte[] ServerAddress { get; }

        public int ServerPort { get; }

        public string[] DnsHints { get; }

        public int ClientBytes { get; set; }

        public int ServerBytes { get; set; }
    }

    /// <summary>Bytes of one direction as one reassembler callback delivered them.</summary>
    internal readonly struct ReplayChunk
    {
        public ReplayChunk(bool toServer, int offset, int length)
        {
            ToServer = toServer;
            Offset = offset;
            Length = length;
        }

        public bool ToServer { get; }

        public int Offset { get; }

        public int Length { get; }
    }
}
