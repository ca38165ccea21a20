using System;
using System.Collections.Generic;
using System.IO;

namespace Tsid.Capture.Tests.Support
{
    /// <summary>Records everything a <see cref="CaptureInspector"/> reports, per flow, and checks the call order promises.</summary>
    internal sealed class RecordingConsumer : IFlowConsumer
    {
        public List<FlowRecord> Flows { get; } = new();

        public List<DnsAnswer> DnsAnswers { get; } = new();

        public List<string> Events { get; } = new();

        public void OnFlowStarted(TcpFlow flow)
        {
            var record = new FlowRecord(flow);
            flow.UserState = record;
            Flows.Add(record);
            Events.Add($"start {flow.Id}");
        }

        public void OnTlsStarted(TcpFlow flow)
        {
            FlowRecord record = Get(flow);
            if (record.TlsStarted || record.Ended)
            {
                throw new InvalidOperationException("OnTlsStarted twice or after the end.");
            }

            record.TlsStarted = true;
            Events.Add($"tls {flow.Id} {flow.TlsProtocol} {flow.ClientTlsOffset} {flow.ServerTlsOffset}");
        }

        public void OnTlsData(TcpFlow flow, FlowDirection direction, ReadOnlySpan<byte> data)
        {
            FlowRecord record = Get(flow);
            if (!record.TlsStarted || record.Ended)
            {
                throw new InvalidOperationException("TLS data before OnTlsStarted or after the end.");
            }

            (direction == FlowDirection.ClientToServer ? record.Client : record.Server).Write(data);
        }

        public void OnGap(TcpFlow flow, FlowDirection direction)
        {
            Get(flow).Gaps.Add(direction);
            Events.Add($"gap {flow.Id} {direction}");
        }

        public void OnFlowEnded(TcpFlow flow)
        {
            FlowRecord record = Get(flow);
            if (record.Ended)
            {
                throw new InvalidOperationException("OnFlowEnded twice.");
            }

            if (flow.TlsState == TlsStartState.Undetermined)
            {
                throw new InvalidOperationException("TLS state undetermined at the end.");
            }

            record.Ended = true;
            Events.Add($"end {flow.Id} {flow.EndReason}");
        }

        public void OnDnsAnswer(DnsAnswer answer)
        {
            DnsAnswers.Add(answer);
            Events.Add($"dns {answer}");
        }

        private static FlowRecord Get(TcpFlow flow) => (FlowRecord)flow.UserState!;

        internal sealed class FlowRecord
        {
            public FlowRecord(TcpFlow flow) => Flow = flow;

            public TcpFlow Flow { get; }

            public MemoryStream Client { get; } = new();

            public MemoryStream Server { get; } = new();

            public List<FlowDirection> Gaps { get; } = new();

            public bool TlsStarted { get; set; }

            public bool Ended { get; set; }
        }
    }

    /// <summary>Records what a bare <see cref="TcpReassembler"/> delivers.</summary>
    internal sealed class RecordingStreamHandler : ITcpStreamHandler
    {
        public List<TcpFlow> Flows { get; } = new();

        public Dictionary<TcpFlow, (MemoryStream Client, MemoryStream Server)> Bytes { get; } = new();

        public List<(TcpFlow Flow, FlowDirection Direction)> Gaps { get; } = new();

        public List<TcpFlow> Ended { get; } = new();

        public void OnFlowStarted(TcpFlow flow)
        {
            Flows.Add(flow);
            Bytes[flow] = (new MemoryStream(), new MemoryStream());
        }

        public void OnData(TcpFlow flow, FlowDirection direction, ReadOnlySpan<byte> data)
        {
            if (flow.IsEnded)
            {
                throw new InvalidOperationException("Data after the end.");
            }

            (direction == FlowDirection.ClientToServer ? Bytes[flow].Client : Bytes[flow].Server).Write(data);
        }

        public void OnGap(TcpFlow flow, FlowDirection direction) => Gaps.Add((flow, direction));

        public void OnFlowEnded(TcpFlow flow)
        {
            if (Ended.Contains(flow))
            {
                throw new InvalidOperationException("Ended twice.");
            }

            Ended.Add(flow);
        }

        public byte[] ClientBytes(int index = 0) => Bytes[Flows[index]].Client.ToArray();

        public byte[] ServerBytes(int index = 0) => Bytes[Flows[index]].Server.ToArray();
    }
}
