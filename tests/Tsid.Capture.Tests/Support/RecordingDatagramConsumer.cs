using System;
using System.Collections.Generic;

namespace Tsid.Capture.Tests.Support
{
    /// <summary>
    /// Records what <see cref="CaptureInspector"/> reports about UDP, with a classifier of test bytes: 0xC0..0xCF opens a
    /// QUIC flow (long-header Initial form), 0x40..0x7F is QUIC that cannot open (short header), 0x16 is DTLS whose byte 13
    /// (the handshake type of RFC 6347 4.2.2) opens it as client (1, ClientHello) or server (2, ServerHello); anything
    /// else is other UDP. Checks the call order promises.
    /// </summary>
    internal sealed class RecordingDatagramConsumer : IFlowConsumer, IDatagramConsumer
    {
        public List<UdpFlowRecord> Flows { get; } = new();

        public List<string> Events { get; } = new();

        public int Classified { get; private set; }

        public UdpPayloadKind ClassifyDatagram(ReadOnlySpan<byte> datagram, out UdpFlowOpening opening)
        {
            Classified++;
            opening = UdpFlowOpening.None;
            if (datagram.IsEmpty)
            {
                return UdpPayloadKind.Other;
            }

            byte first = datagram[0];
            if ((first & 0xF0) == 0xC0)
            {
                opening = UdpFlowOpening.SenderIsClient;
                return UdpPayloadKind.Quic;
            }

            if ((first & 0xC0) == 0x40)
            {
                return UdpPayloadKind.Quic;
            }

            if (first == 0x16 && datagram.Length > 13)
            {
                opening = datagram[13] switch
                {
                    1 => UdpFlowOpening.SenderIsClient,
                    2 => UdpFlowOpening.SenderIsServer,
                    _ => UdpFlowOpening.None,
                };
                return UdpPayloadKind.Dtls;
            }

            return UdpPayloadKind.Other;
        }

        public void OnUdpFlowStarted(UdpFlow flow)
        {
            var record = new UdpFlowRecord(flow);
            flow.UserState = record;
            Flows.Add(record);
            Events.Add($"start {flow.Id} {flow.Kind} {flow}");
        }

        public void OnDatagram(UdpFlow flow, FlowDirection direction, UdpPayloadKind kind, ReadOnlySpan<byte> datagram)
        {
            var record = (UdpFlowRecord)flow.UserState!;
            if (record.Ended)
            {
                throw new InvalidOperationException("A datagram after the end.");
            }

            record.Datagrams.Add((direction, datagram.ToArray()));
            Events.Add($"datagram {flow.Id} {direction} {kind} {datagram.Length}");
        }

        public void OnUdpFlowEnded(UdpFlow flow)
        {
            var record = (UdpFlowRecord)flow.UserState!;
            if (record.Ended)
            {
                throw new InvalidOperationException("OnUdpFlowEnded twice.");
            }

            record.Ended = true;
            Events.Add($"end {flow.Id} {flow.EndReason}");
        }

        public void OnFlowStarted(TcpFlow flow)
        {
        }

        public void OnTlsStarted(TcpFlow flow)
        {
        }

        public void OnTlsData(TcpFlow flow, FlowDirection direction, ReadOnlySpan<byte> data)
        {
        }

        public void OnGap(TcpFlow flow, FlowDirection direction)
        {
        }

        public void OnFlowEnded(TcpFlow flow)
        {
        }

        public void OnDnsAnswer(DnsAnswer answer) => Events.Add($"dns {answer}");

        internal sealed class UdpFlowRecord
        {
            public UdpFlowRecord(UdpFlow flow) => Flow = flow;

            public UdpFlow Flow { get; }

            public List<(FlowDirection Direction, byte[] Bytes)> Datagrams { get; } = new();

            public bool Ended { get; set; }
        }
    }
}
