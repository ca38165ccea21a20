using System;
using System.Net;

namespace Tsid.Capture
{
    /// <summary>
    /// A TCP connection being written by <see cref="PcapWriter"/>: send data either way (cut at the maximum segment
    /// size, each segment acknowledging the peer), write hand-made segments at any stream offset (to model
    /// reordering, retransmissions, overlaps and losses), and close with FIN or RST.
    /// </summary>
    public sealed class PcapTcpConnection
    {
        private readonly PcapWriter _writer;
        private readonly int _maxSegmentSize;
        private long _clientSent;
        private long _serverSent;

        internal PcapTcpConnection(PcapWriter writer, IPEndPoint client, IPEndPoint server, int maxSegmentSize, uint clientInitialSequence, uint serverInitialSequence)
        {
            _writer = writer;
            Client = client;
            Server = server;
            _maxSegmentSize = maxSegmentSize;
            ClientInitialSequence = clientInitialSequence;
            ServerInitialSequence = serverInitialSequence;
        }

        /// <summary>The client endpoint.</summary>
        public IPEndPoint Client { get; }

        /// <summary>The server endpoint.</summary>
        public IPEndPoint Server { get; }

        /// <summary>The client's initial sequence number (its SYN).</summary>
        public uint ClientInitialSequence { get; }

        /// <summary>The server's initial sequence number (its SYN-ACK).</summary>
        public uint ServerInitialSequence { get; }

        /// <summary>Bytes sent so far in <paramref name="direction"/> by <see cref="Send"/> (the next stream offset).</summary>
        public long Sent(FlowDirection direction) => direction == FlowDirection.ClientToServer ? _clientSent : _serverSent;

        /// <summary>Sends <paramref name="data"/> in order, cut into segments of at most the maximum segment size (PSH on the last).</summary>
        public void Send(FlowDirection direction, ReadOnlySpan<byte> data)
        {
            long offset = Sent(direction);
            while (data.Length > 0)
            {
                int n = Math.Min(_maxSegmentSize, data.Length);
                TcpFlags flags = TcpFlags.Ack | (n == data.Length ? TcpFlags.Psh : TcpFlags.None);
                WriteSegment(direction, offset, data.Slice(0, n), flags);
                offset += n;
                data = data.Slice(n);
            }

            Advance(direction, offset);
        }

        /// <summary>
        /// Writes one segment carrying <paramref name="data"/> at <paramref name="streamOffset"/> of the direction's byte
        /// stream, whatever was sent before (out of order, repeated or overlapping on purpose). The acknowledgment
        /// number covers what the peer sent through <see cref="Send"/>.
        /// </summary>
        public void WriteSegment(FlowDirection direction, long streamOffset, ReadOnlySpan<byte> data, TcpFlags flags = TcpFlags.Ack | TcpFlags.Psh)
        {
            bool fromClient = direction == FlowDirection.ClientToServer;
            uint sequence = (fromClient ? ClientInitialSequence : ServerInitialSequence) + 1 + (uint)streamOffset;
            uint acknowledgment = (fromClient ? ServerInitialSequence : ClientInitialSequence) + 1 + (uint)(fromClient ? _serverSent : _clientSent);
            _writer.WriteTcpSegment(fromClient ? Client : Server, fromClient ? Server : Client, fromClient, sequence, acknowledgment, flags, data);
        }

        /// <summary>Marks <paramref name="streamOffset"/> bytes as sent in <paramref name="direction"/> (after hand-made segments), so later ACKs cover them.</summary>
        public void Advance(FlowDirection direction, long streamOffset)
        {
            if (direction == FlowDirection.ClientToServer)
            {
                _clientSent = Math.Max(_clientSent, streamOffset);
            }
            else
            {
                _serverSent = Math.Max(_serverSent, streamOffset);
            }
        }

        /// <summary>Closes: FIN from the client, FIN-ACK from the server, final ACK.</summary>
        public void Close()
        {
            WriteSegment(FlowDirection.ClientToServer, _clientSent, default, TcpFlags.Fin | TcpFlags.Ack);
            _clientSent++;
            WriteSegment(FlowDirection.ServerToClient, _serverSent, default, TcpFlags.Fin | TcpFlags.Ack);
            _serverSent++;
            WriteSegment(FlowDirection.ClientToServer, _clientSent, default, TcpFlags.Ack);
        }

        /// <summary>Aborts: RST from <paramref name="direction"/>'s sender.</summary>
        public void Reset(FlowDirection direction) =>
            WriteSegment(direction, Sent(direction), default, TcpFlags.Rst | TcpFlags.Ack);

        internal void WriteHandshake()
        {
            _writer.WriteTcpSegment(Client, Server, true, ClientInitialSequence, 0, TcpFlags.Syn, default);
            _writer.WriteTcpSegment(Server, Client, false, ServerInitialSequence, ClientInitialSequence + 1, TcpFlags.Syn | TcpFlags.Ack, default);
            _writer.WriteTcpSegment(Client, Server, true, ClientInitialSequence + 1, ServerInitialSequence + 1, TcpFlags.Ack, default);
        }
    }
}
