using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Tsid.Capture
{
    /// <summary>
    /// Writes a libpcap file of synthesized packets: TCP connections over IPv4 or IPv6 (handshake, data cut at a
    /// maximum segment size, FIN), UDP datagrams and DNS responses — e.g. to turn the two byte streams of a recorded
    /// <c>SslStream</c> handshake into a capture. Checksums are computed; timestamps advance by
    /// <see cref="PcapWriterOptions.PacketInterval"/> per packet.
    /// </summary>
    public sealed class PcapWriter : IDisposable
    {
        private static readonly byte[] ClientMac = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x01 };
        private static readonly byte[] ServerMac = { 0x02, 0x00, 0x00, 0x00, 0x00, 0x02 };

        private readonly Stream _output;
        private readonly PcapWriterOptions _options;
        private readonly byte[] _frame = new byte[CaptureReader.MaxPacketLength + 64];
        private readonly byte[] _record = new byte[16];
        private ushort _ipId;
        private bool _disposed;

        /// <summary>Creates a writer and writes the pcap file header.</summary>
        /// <exception cref="ArgumentNullException"><paramref name="output"/> is null.</exception>
        /// <exception cref="ArgumentException">The link type cannot be written or the VLAN ids are out of range.</exception>
        public PcapWriter(Stream output, PcapWriterOptions? options = null)
        {
            _output = output ?? throw new ArgumentNullException(nameof(output));
            _options = options ?? PcapWriterOptions.Default;
            if (!PacketDecoder.IsSupported(_options.LinkType))
            {
                throw new ArgumentException("The link type cannot be written.", nameof(options));
            }

            foreach (ushort id in _options.VlanIds)
            {
                if (id > 4095)
                {
                    throw new ArgumentException("VLAN ids are 12 bits.", nameof(options));
                }
            }

            TimestampNanoseconds = CaptureTime.FromDateTimeOffset(_options.StartTime);

            // pcap file header: magic version_major version_minor thiszone sigfigs snaplen linktype
            Span<byte> header = stackalloc byte[24];
            WriteUInt32(header, _options.NanosecondTimestamps ? 0xA1B23C4Du : 0xA1B2C3D4u);
            WriteUInt16(header.Slice(4), 2);
            WriteUInt16(header.Slice(6), 4);
            WriteUInt32(header.Slice(8), 0);
            WriteUInt32(header.Slice(12), 0);
            WriteUInt32(header.Slice(16), (uint)_options.SnapLength);
            WriteUInt32(header.Slice(20), (uint)_options.LinkType);
            _output.Write(header.ToArray(), 0, 24);
        }

        /// <summary>The timestamp the next packet gets (ns since the Unix epoch); settable to jump in time.</summary>
        public long TimestampNanoseconds { get; set; }

        /// <summary>Packets written.</summary>
        public long PacketCount { get; private set; }

        /// <summary>Writes one frame as is (it must match the file's link type).</summary>
        public void WriteFrame(ReadOnlySpan<byte> frame, int originalLength = -1)
        {
            ThrowIfDisposed();
            long ns = TimestampNanoseconds;
            long seconds = ns / 1_000_000_000L;
            long fraction = ns % 1_000_000_000L;
            WriteUInt32(_record, (uint)seconds);
            WriteUInt32(_record.AsSpan(4), (uint)(_options.NanosecondTimestamps ? fraction : fraction / 1000));
            WriteUInt32(_record.AsSpan(8), (uint)frame.Length);
            WriteUInt32(_record.AsSpan(12), (uint)(originalLength < 0 ? frame.Length : originalLength));
            _output.Write(_record, 0, 16);
            if (frame.Overlaps(_frame))
            {
                _output.Write(_frame, 0, frame.Length);
            }
            else
            {
                _output.Write(frame.ToArray(), 0, frame.Length);
            }

            TimestampNanoseconds += _options.PacketInterval.Ticks * 100;
            PacketCount++;
        }

        /// <summary>
        /// Starts a TCP connection: writes SYN, SYN-ACK and ACK, and returns the connection to send data on.
        /// Both endpoints must be of the same address family.
        /// </summary>
        public PcapTcpConnection OpenTcpConnection(IPEndPoint client, IPEndPoint server, int maxSegmentSize = 1460, uint clientInitialSequence = 0x1000_0000, uint serverInitialSequence = 0x2000_0000)
        {
            ThrowIfDisposed();
            CheckPair(client, server);
            if (maxSegmentSize < 1 || maxSegmentSize > 65000)
            {
                throw new ArgumentOutOfRangeException(nameof(maxSegmentSize));
            }

            var connection = new PcapTcpConnection(this, client, server, maxSegmentSize, clientInitialSequence, serverInitialSequence);
            connection.WriteHandshake();
            return connection;
        }

        /// <summary>
        /// Writes a whole TCP connection: handshake, the client's bytes, the server's bytes (each cut at
        /// <paramref name="maxSegmentSize"/>), then FIN from both sides.
        /// </summary>
        public void WriteTcpConnection(IPEndPoint client, IPEndPoint server, ReadOnlySpan<byte> clientBytes, ReadOnlySpan<byte> serverBytes, int maxSegmentSize = 1460)
        {
            PcapTcpConnection connection = OpenTcpConnection(client, server, maxSegmentSize);
            connection.Send(FlowDirection.ClientToServer, clientBytes);
            connection.Send(FlowDirection.ServerToClient, serverBytes);
            connection.Close();
        }

        /// <summary>Writes one UDP datagram.</summary>
        public void WriteUdp(IPEndPoint source, IPEndPoint destination, ReadOnlySpan<byte> payload)
        {
            ThrowIfDisposed();
            CheckPair(source, destination);
            int transport = 8 + payload.Length;
            int at = BeginFrame(source, destination, PacketDecoder.ProtocolUdp, transport, fromClient: true);
            Span<byte> udp = _frame.AsSpan(at, transport);
            BinaryPrimitives.WriteUInt16BigEndian(udp, (ushort)source.Port);
            BinaryPrimitives.WriteUInt16BigEndian(udp.Slice(2), (ushort)destination.Port);
            BinaryPrimitives.WriteUInt16BigEndian(udp.Slice(4), (ushort)transport);
            BinaryPrimitives.WriteUInt16BigEndian(udp.Slice(6), 0);
            payload.CopyTo(udp.Slice(8));
            ushort checksum = TransportChecksum(source.Address, destination.Address, PacketDecoder.ProtocolUdp, udp);
            BinaryPrimitives.WriteUInt16BigEndian(udp.Slice(6), checksum == 0 ? (ushort)0xFFFF : checksum);
            WriteFrame(_frame.AsSpan(0, at + transport));
        }

        /// <summary>
        /// Writes a DNS response (UDP from <paramref name="resolver"/> port 53 style endpoint to <paramref name="client"/>)
        /// answering <paramref name="queryName"/>: the CNAME chain (each name pointing to the next), then one A/AAAA
        /// record per address, owned by the last name of the chain.
        /// </summary>
        public void WriteDnsResponse(IPEndPoint resolver, IPEndPoint client, string queryName, IReadOnlyList<IPAddress> addresses, IReadOnlyList<string>? cnameChain = null, uint timeToLive = 300, ushort id = 0x1234)
        {
            WriteUdp(resolver, client, BuildDnsResponse(queryName, addresses, cnameChain, timeToLive, id));
        }

        /// <summary>Builds the DNS response message <see cref="WriteDnsResponse"/> writes (names compressed with pointers to the question).</summary>
        public static byte[] BuildDnsResponse(string queryName, IReadOnlyList<IPAddress> addresses, IReadOnlyList<string>? cnameChain = null, uint timeToLive = 300, ushort id = 0x1234)
        {
            if (queryName is null)
            {
                throw new ArgumentNullException(nameof(queryName));
            }

            if (addresses is null)
            {
                throw new ArgumentNullException(nameof(addresses));
            }

            IReadOnlyList<string> chain = cnameChain ?? Array.Empty<string>();
            var message = new List<byte>(128);
            void U16(int v)
            {
                message.Add((byte)(v >> 8));
                message.Add((byte)v);
            }

            void U32(uint v)
            {
                U16((int)(v >> 16));
                U16((int)(v & 0xFFFF));
            }

            var offsets = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            void Name(string name)
            {
                // RFC 1035 4.1.4: the whole name, or a pointer to an earlier copy of it.
                if (offsets.TryGetValue(name, out int at))
                {
                    U16(0xC000 | at);
                    return;
                }

                if (message.Count < 0x3FFF)
                {
                    offsets[name] = message.Count;
                }

                foreach (string label in name.TrimEnd('.').Split('.'))
                {
                    byte[] bytes = Encoding.ASCII.GetBytes(label);
                    if (bytes.Length == 0 || bytes.Length > 63)
                    {
                        throw new ArgumentException("Each label must be 1 to 63 octets.", nameof(queryName));
                    }

                    message.Add((byte)bytes.Length);
                    message.AddRange(bytes);
                }

                message.Add(0);
            }

            U16(id);
            U16(0x8180); // QR, RD, RA, NOERROR
            U16(1);
            U16(chain.Count + addresses.Count);
            U16(0);
            U16(0);
            Name(queryName);
            bool ipv6First = addresses.Count > 0 && addresses[0].AddressFamily == AddressFamily.InterNetworkV6;
            U16(ipv6First ? 28 : 1);
            U16(1);
            string owner = queryName;
            foreach (string alias in chain)
            {
                Name(owner);
                U16(5);
                U16(1);
                U32(timeToLive);
                int lengthAt = message.Count;
                U16(0);
                Name(alias);
                int length = message.Count - lengthAt - 2;
                message[lengthAt] = (byte)(length >> 8);
                message[lengthAt + 1] = (byte)length;
                owner = alias;
            }

            foreach (IPAddress address in addresses)
            {
                byte[] bytes = address.GetAddressBytes();
                Name(owner);
                U16(bytes.Length == 4 ? 1 : 28);
                U16(1);
                U32(timeToLive);
                U16(bytes.Length);
                message.AddRange(bytes);
            }

            return message.ToArray();
        }

        /// <summary>Flushes, and disposes the stream unless <see cref="PcapWriterOptions.LeaveOpen"/>.</summary>
        public void Dispose()
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _output.Flush();
            if (!_options.LeaveOpen)
            {
                _output.Dispose();
            }
        }

        internal void WriteTcpSegment(IPEndPoint source, IPEndPoint destination, bool fromClient, uint sequence, uint acknowledgment, TcpFlags flags, ReadOnlySpan<byte> data)
        {
            ThrowIfDisposed();
            int transport = 20 + data.Length;
            int at = BeginFrame(source, destination, PacketDecoder.ProtocolTcp, transport, fromClient);
            Span<byte> tcp = _frame.AsSpan(at, transport);

            // RFC 9293 3.1 header without options.
            BinaryPrimitives.WriteUInt16BigEndian(tcp, (ushort)source.Port);
            BinaryPrimitives.WriteUInt16BigEndian(tcp.Slice(2), (ushort)destination.Port);
            BinaryPrimitives.WriteUInt32BigEndian(tcp.Slice(4), sequence);
            BinaryPrimitives.WriteUInt32BigEndian(tcp.Slice(8), acknowledgment);
            tcp[12] = 5 << 4;
            tcp[13] = (byte)flags;
            BinaryPrimitives.WriteUInt16BigEndian(tcp.Slice(14), 65535);
            BinaryPrimitives.WriteUInt32BigEndian(tcp.Slice(16), 0);
            data.CopyTo(tcp.Slice(20));
            BinaryPrimitives.WriteUInt16BigEndian(tcp.Slice(16), TransportChecksum(source.Address, destination.Address, PacketDecoder.ProtocolTcp, tcp));
            WriteFrame(_frame.AsSpan(0, at + transport));
        }

        /// <summary>Writes link and IP headers into the frame buffer; returns where the transport header goes.</summary>
        private int BeginFrame(IPEndPoint source, IPEndPoint destination, byte protocol, int transportLength, bool fromClient)
        {
            bool v6 = source.AddressFamily == AddressFamily.InterNetworkV6;
            int ipHeader = v6 ? 40 : 20;
            if (transportLength + ipHeader > CaptureReader.MaxPacketLength - 64 || (!v6 && transportLength + ipHeader > 65535))
            {
                throw new ArgumentException("The packet is too large.");
            }

            int at = WriteLinkHeader(v6, fromClient);
            Span<byte> ip = _frame.AsSpan(at);
            if (v6)
            {
                // RFC 8200 3
                BinaryPrimitives.WriteUInt32BigEndian(ip, 0x6000_0000);
                BinaryPrimitives.WriteUInt16BigEndian(ip.Slice(4), (ushort)transportLength);
                ip[6] = protocol;
                ip[7] = 64;
                WriteAddress(source.Address, ip.Slice(8, 16));
                WriteAddress(destination.Address, ip.Slice(24, 16));
                return at + 40;
            }

            // RFC 791 3.1, DF set, no options.
            ip[0] = 0x45;
            ip[1] = 0;
            BinaryPrimitives.WriteUInt16BigEndian(ip.Slice(2), (ushort)(20 + transportLength));
            BinaryPrimitives.WriteUInt16BigEndian(ip.Slice(4), _ipId++);
            BinaryPrimitives.WriteUInt16BigEndian(ip.Slice(6), 0x4000);
            ip[8] = 64;
            ip[9] = protocol;
            BinaryPrimitives.WriteUInt16BigEndian(ip.Slice(10), 0);
            WriteAddress(source.Address, ip.Slice(12, 4));
            WriteAddress(destination.Address, ip.Slice(16, 4));
            BinaryPrimitives.WriteUInt16BigEndian(ip.Slice(10), Fold(Sum(ip.Slice(0, 20), 0)));
            return at + 20;
        }

        private int WriteLinkHeader(bool v6, bool fromClient)
        {
            Span<byte> frame = _frame;
            ushort etherType = v6 ? (ushort)0x86DD : (ushort)0x0800;
            switch (_options.LinkType)
            {
                case LinkType.Ethernet:
                    {
                        (fromClient ? ServerMac : ClientMac).CopyTo(frame);
                        (fromClient ? ClientMac : ServerMac).CopyTo(frame.Slice(6));
                        int at = 12;
                        IReadOnlyList<ushort> tags = _options.VlanIds;
                        for (int i = 0; i < tags.Count; i++)
                        {
                            // Outer tags of a stack are S-tags (802.1ad), the innermost a C-tag (802.1Q).
                            ushort tpid = i < tags.Count - 1 ? (ushort)0x88A8 : (ushort)0x8100;
                            BinaryPrimitives.WriteUInt16BigEndian(frame.Slice(at), tpid);
                            BinaryPrimitives.WriteUInt16BigEndian(frame.Slice(at + 2), tags[i]);
                            at += 4;
                        }

                        BinaryPrimitives.WriteUInt16BigEndian(frame.Slice(at), etherType);
                        return at + 2;
                    }

                case LinkType.LinuxSll:
                    // packet_type(2) arphrd(2)=ARPHRD_ETHER addr_len(2) addr(8) protocol(2)
                    BinaryPrimitives.WriteUInt16BigEndian(frame, fromClient ? (ushort)4 : (ushort)0);
                    BinaryPrimitives.WriteUInt16BigEndian(frame.Slice(2), 1);
                    BinaryPrimitives.WriteUInt16BigEndian(frame.Slice(4), 6);
                    frame.Slice(6, 8).Clear();
                    ClientMac.CopyTo(frame.Slice(6));
                    BinaryPrimitives.WriteUInt16BigEndian(frame.Slice(14), etherType);
                    return 16;

                case LinkType.LinuxSll2:
                    // protocol(2) reserved(2) if_index(4) arphrd(2) packet_type(1) addr_len(1) addr(8)
                    BinaryPrimitives.WriteUInt16BigEndian(frame, etherType);
                    BinaryPrimitives.WriteUInt16BigEndian(frame.Slice(2), 0);
                    BinaryPrimitives.WriteUInt32BigEndian(frame.Slice(4), 2);
                    BinaryPrimitives.WriteUInt16BigEndian(frame.Slice(8), 1);
                    frame[10] = fromClient ? (byte)4 : (byte)0;
                    frame[11] = 6;
                    frame.Slice(12, 8).Clear();
                    ClientMac.CopyTo(frame.Slice(12));
                    return 20;

                case LinkType.Null:
                    // Host byte order of the writer's file (as a capturing host would): AF_INET 2, AF_INET6 24 (BSD).
                    WriteUInt32(frame, v6 ? 24u : 2u);
                    return 4;

                case LinkType.Loop:
                    BinaryPrimitives.WriteUInt32BigEndian(frame, v6 ? 24u : 2u);
                    return 4;

                default:
                    // Raw, IPv4, IPv6: the IP header comes first.
                    return 0;
            }
        }

        private static ushort TransportChecksum(IPAddress source, IPAddress destination, byte protocol, ReadOnlySpan<byte> segment)
        {
            // RFC 9293 3.1 / RFC 8200 8.1 pseudo-header: addresses, protocol, length.
            Span<byte> address = stackalloc byte[16];
            int length = WriteAddress(source, address);
            uint sum = Sum(address.Slice(0, length), 0);
            length = WriteAddress(destination, address);
            sum = Sum(address.Slice(0, length), sum);
            sum += protocol;
            sum += (uint)segment.Length;
            return Fold(Sum(segment, sum));
        }

        private static int WriteAddress(IPAddress address, Span<byte> destination)
        {
#if NET
            address.TryWriteBytes(destination, out int written);
            return written;
#else
            byte[] bytes = address.GetAddressBytes();
            bytes.CopyTo(destination);
            return bytes.Length;
#endif
        }

        private static uint Sum(ReadOnlySpan<byte> data, uint sum)
        {
            int i = 0;
            for (; i + 1 < data.Length; i += 2)
            {
                sum += (uint)((data[i] << 8) | data[i + 1]);
            }

            if (i < data.Length)
            {
                sum += (uint)(data[i] << 8);
            }

            return sum;
        }

        private static ushort Fold(uint sum)
        {
            while ((sum >> 16) != 0)
            {
                sum = (sum & 0xFFFF) + (sum >> 16);
            }

            return (ushort)~sum;
        }

        private static void CheckPair(IPEndPoint a, IPEndPoint b)
        {
            if (a is null || b is null)
            {
                throw new ArgumentNullException(a is null ? nameof(a) : nameof(b));
            }

            if (a.AddressFamily != b.AddressFamily
                || (a.AddressFamily != AddressFamily.InterNetwork && a.AddressFamily != AddressFamily.InterNetworkV6))
            {
                throw new ArgumentException("Both endpoints must be IPv4, or both IPv6.");
            }
        }

        private void ThrowIfDisposed()
        {
            if (_disposed)
            {
                throw new ObjectDisposedException(nameof(PcapWriter));
            }
        }

        private void WriteUInt16(Span<byte> destination, ushort value)
        {
            if (_options.BigEndian)
            {
                BinaryPrimitives.WriteUInt16BigEndian(destination, value);
            }
            else
            {
                BinaryPrimitives.WriteUInt16LittleEndian(destination, value);
            }
        }

        private void WriteUInt32(Span<byte> destination, uint value)
        {
            if (_options.BigEndian)
            {
                BinaryPrimitives.WriteUInt32BigEndian(destination, value);
            }
            else
            {
                BinaryPrimitives.WriteUInt32LittleEndian(destination, value);
            }
        }
    }
}
