using System;
using System.Buffers;
using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace Tsid.Capture
{
    /// <summary>
    /// Reads the HAProxy PROXY protocol header a load balancer puts before the client's first byte (haproxy.org
    /// "proxy-protocol.txt"): version 1, a text line <c>PROXY TCP4|TCP6|UNKNOWN src dst sport dport\r\n</c>, and version 2,
    /// a 16-byte binary header with the 12-byte signature, address block and TLVs. One call parses one header from the start of
    /// <c>input</c> and returns <see cref="OperationStatus.NeedMoreData"/> for a valid prefix, <see cref="OperationStatus.Done"/>,
    /// or <see cref="OperationStatus.InvalidData"/> with an error code and offset. Never throws on wire bytes.
    /// </summary>
    public static class ProxyProtocolReader
    {
        /// <summary>The longest v1 line, CRLF included: 107 bytes (proxy-protocol.txt 2.1, the TCP6 worst case).</summary>
        public const int MaxV1LineLength = 107;

        /// <summary>The v2 fixed header: signature (12), version/command, family/protocol, length (2).</summary>
        public const int V2FixedLength = 16;

        /// <summary>
        /// The longest v2 header read, fixed part included: 4 KiB. The format allows 16 + 65535 bytes; real headers are an
        /// address block and a few TLVs (proxy-protocol.txt 2.2 asks receivers to accept at least 232 bytes for IPv6 and 536 in all).
        /// </summary>
        public const int MaxV2HeaderLength = 4096;

        /// <summary>PP2_TYPE_AUTHORITY (proxy-protocol.txt 2.2.2): the host name the client asked for.</summary>
        public const byte TypeAuthority = 0x02;

        private static ReadOnlySpan<byte> V1Prefix => "PROXY "u8;

        /// <summary>The v2 signature: <c>\r\n\r\n\0\r\nQUIT\n</c> (proxy-protocol.txt 2.2).</summary>
        public static ReadOnlySpan<byte> V2Signature => new byte[] { 0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A };

        /// <summary>Reads a v1 or v2 header, whichever the first bytes announce.</summary>
        /// <param name="input">The client's bytes from the start of the stream.</param>
        /// <param name="header">The header (a view into <paramref name="input"/>).</param>
        /// <param name="bytesConsumed">The header's length.</param>
        /// <param name="error">What was wrong; <see cref="TunnelErrorCode.NotThisFormat"/> when the bytes are neither version.</param>
        /// <returns>Done, NeedMoreData or InvalidData.</returns>
        public static OperationStatus Read(ReadOnlySpan<byte> input, out ProxyHeader header, out int bytesConsumed, out TunnelError error)
        {
            header = default;
            bytesConsumed = 0;
            error = default;
            if (input.Length == 0)
            {
                return OperationStatus.NeedMoreData;
            }

            if (input[0] == (byte)'P')
            {
                return ReadV1(input, out header, out bytesConsumed, out error);
            }

            if (input[0] == 0x0D)
            {
                return ReadV2(input, out header, out bytesConsumed, out error);
            }

            error = new TunnelError(TunnelErrorCode.NotThisFormat, 0);
            return OperationStatus.InvalidData;
        }

        private static OperationStatus ReadV1(ReadOnlySpan<byte> input, out ProxyHeader header, out int bytesConsumed, out TunnelError error)
        {
            header = default;
            bytesConsumed = 0;
            error = default;
            int prefix = Math.Min(input.Length, V1Prefix.Length);
            for (int i = 0; i < prefix; i++)
            {
                if (input[i] != V1Prefix[i])
                {
                    error = new TunnelError(TunnelErrorCode.NotThisFormat, i);
                    return OperationStatus.InvalidData;
                }
            }

            int window = Math.Min(input.Length, MaxV1LineLength);
            int lf = input.Slice(0, window).IndexOf((byte)'\n');
            if (lf < 0)
            {
                if (input.Length >= MaxV1LineLength)
                {
                    error = new TunnelError(TunnelErrorCode.ProxyLineTooLong, MaxV1LineLength);
                    return OperationStatus.InvalidData;
                }

                return OperationStatus.NeedMoreData;
            }

            // The line ends with CRLF exactly (2.1).
            if (lf == 0 || input[lf - 1] != (byte)'\r')
            {
                error = new TunnelError(TunnelErrorCode.MalformedProxyLine, lf);
                return OperationStatus.InvalidData;
            }

            ReadOnlySpan<byte> line = input.Slice(0, lf - 1);
            int position = V1Prefix.Length;
            ReadOnlySpan<byte> protocol = NextWord(line, ref position);
            if (protocol.SequenceEqual("UNKNOWN"u8))
            {
                // 2.1: "UNKNOWN" — the receiver must ignore anything after it up to the CRLF.
                header = new ProxyHeader(1, true, false, default, default, default, default);
                bytesConsumed = lf + 1;
                return OperationStatus.Done;
            }

            bool v6 = protocol.SequenceEqual("TCP6"u8);
            if (!v6 && !protocol.SequenceEqual("TCP4"u8))
            {
                error = new TunnelError(TunnelErrorCode.MalformedProxyLine, V1Prefix.Length);
                return OperationStatus.InvalidData;
            }

            int sourceAt = position;
            ReadOnlySpan<byte> sourceText = NextWord(line, ref position);
            int destinationAt = position;
            ReadOnlySpan<byte> destinationText = NextWord(line, ref position);
            int sourcePortAt = position;
            ReadOnlySpan<byte> sourcePortText = NextWord(line, ref position);
            int destinationPortAt = position;
            ReadOnlySpan<byte> destinationPortText = NextWord(line, ref position);
            if (!TryParseAddress(sourceText, v6, out PacketAddress source))
            {
                error = new TunnelError(TunnelErrorCode.MalformedProxyLine, sourceAt);
                return OperationStatus.InvalidData;
            }

            if (!TryParseAddress(destinationText, v6, out PacketAddress destination))
            {
                error = new TunnelError(TunnelErrorCode.MalformedProxyLine, destinationAt);
                return OperationStatus.InvalidData;
            }

            // Ports are 0-65535 in decimal; a leading zero is not allowed (2.1), except for 0 itself.
            if (!TryParseV1Port(sourcePortText, out ushort sourcePort))
            {
                error = new TunnelError(TunnelErrorCode.MalformedProxyLine, sourcePortAt);
                return OperationStatus.InvalidData;
            }

            if (!TryParseV1Port(destinationPortText, out ushort destinationPort) || position != line.Length + 1)
            {
                error = new TunnelError(TunnelErrorCode.MalformedProxyLine, destinationPortAt);
                return OperationStatus.InvalidData;
            }

            header = new ProxyHeader(1, false, true, new FlowEndpoint(source, sourcePort), new FlowEndpoint(destination, destinationPort), default, default);
            bytesConsumed = lf + 1;
            return OperationStatus.Done;
        }

        private static OperationStatus ReadV2(ReadOnlySpan<byte> input, out ProxyHeader header, out int bytesConsumed, out TunnelError error)
        {
            header = default;
            bytesConsumed = 0;
            error = default;
            ReadOnlySpan<byte> signature = V2Signature;
            int prefix = Math.Min(input.Length, signature.Length);
            for (int i = 0; i < prefix; i++)
            {
                if (input[i] != signature[i])
                {
                    error = new TunnelError(TunnelErrorCode.NotThisFormat, i);
                    return OperationStatus.InvalidData;
                }
            }

            // 2.2: the 13th byte is version (high nibble, 2) and command (low nibble: 0 LOCAL, 1 PROXY).
            if (input.Length > 12 && ((input[12] >> 4) != 2 || (input[12] & 0x0F) > 1))
            {
                error = new TunnelError(TunnelErrorCode.UnsupportedProxyVersion, 12);
                return OperationStatus.InvalidData;
            }

            if (input.Length < V2FixedLength)
            {
                return OperationStatus.NeedMoreData;
            }

            int length = BinaryPrimitives.ReadUInt16BigEndian(input.Slice(14));
            if (V2FixedLength + length > MaxV2HeaderLength)
            {
                error = new TunnelError(TunnelErrorCode.ProxyHeaderTooLong, 14);
                return OperationStatus.InvalidData;
            }

            bool local = (input[12] & 0x0F) == 0;
            byte family = (byte)(input[13] >> 4);
            int addressLength = family switch { 1 => 12, 2 => 36, 3 => 216, _ => 0 }; // AF_INET, AF_INET6, AF_UNIX
            if (length < addressLength)
            {
                error = new TunnelError(TunnelErrorCode.AddressBlockTooShort, 14);
                return OperationStatus.InvalidData;
            }

            if (input.Length < V2FixedLength + length)
            {
                return OperationStatus.NeedMoreData;
            }

            ReadOnlySpan<byte> block = input.Slice(V2FixedLength, length);
            bool hasAddresses = false;
            FlowEndpoint source = default;
            FlowEndpoint destination = default;
            if (family == 1 || family == 2)
            {
                int n = family == 1 ? 4 : 16;
                source = new FlowEndpoint(PacketAddress.FromBytes(block.Slice(0, n)), BinaryPrimitives.ReadUInt16BigEndian(block.Slice(2 * n)));
                destination = new FlowEndpoint(PacketAddress.FromBytes(block.Slice(n, n)), BinaryPrimitives.ReadUInt16BigEndian(block.Slice((2 * n) + 2)));

                // LOCAL: "the receiver must ... ignore the address information" (2.2): the endpoints are kept but not the client's.
                hasAddresses = !local;
            }

            ReadOnlySpan<byte> tlvs = block.Slice(addressLength);
            ReadOnlySpan<byte> authority = default;
            int position = 0;
            while (position < tlvs.Length)
            {
                // struct pp2_tlv { uint8_t type; uint8_t length_hi; uint8_t length_lo; uint8_t value[0]; }
                if (tlvs.Length - position < 3)
                {
                    error = new TunnelError(TunnelErrorCode.MalformedTlv, V2FixedLength + addressLength + position);
                    return OperationStatus.InvalidData;
                }

                int valueLength = BinaryPrimitives.ReadUInt16BigEndian(tlvs.Slice(position + 1));
                if (tlvs.Length - position - 3 < valueLength)
                {
                    error = new TunnelError(TunnelErrorCode.MalformedTlv, V2FixedLength + addressLength + position + 1);
                    return OperationStatus.InvalidData;
                }

                if (tlvs[position] == TypeAuthority && authority.IsEmpty)
                {
                    authority = tlvs.Slice(position + 3, valueLength);
                }

                position += 3 + valueLength;
            }

            header = new ProxyHeader(2, local, hasAddresses, source, destination, authority, tlvs);
            bytesConsumed = V2FixedLength + length;
            return OperationStatus.Done;
        }

        /// <summary>The next word and the position after its single space separator (past the end when it was the last).</summary>
        private static ReadOnlySpan<byte> NextWord(ReadOnlySpan<byte> line, ref int position)
        {
            if (position >= line.Length)
            {
                position = line.Length + 1;
                return default;
            }

            int space = line.Slice(position).IndexOf((byte)' ');
            int end = space < 0 ? line.Length : position + space;
            ReadOnlySpan<byte> word = line.Slice(position, end - position);
            position = end + 1;
            return word;
        }

        private static bool TryParseV1Port(ReadOnlySpan<byte> text, out ushort port)
        {
            port = 0;
            if (text.Length == 1 && text[0] == (byte)'0')
            {
                return true;
            }

            return text.Length > 0 && text[0] != (byte)'0' && HttpConnectReader.TryParsePort(text, out port);
        }

        private static bool TryParseAddress(ReadOnlySpan<byte> text, bool v6, out PacketAddress address)
        {
            address = default;
            if (text.Length == 0 || text.Length > 45)
            {
                return false;
            }

            if (!v6)
            {
                // Dotted decimal, four parts 0-255.
                Span<byte> bytes = stackalloc byte[4];
                int part = 0;
                int value = 0;
                int digits = 0;
                for (int i = 0; i <= text.Length; i++)
                {
                    if (i == text.Length || text[i] == (byte)'.')
                    {
                        if (digits == 0 || part > 3)
                        {
                            return false;
                        }

                        bytes[part++] = (byte)value;
                        value = 0;
                        digits = 0;
                        continue;
                    }

                    if (text[i] < (byte)'0' || text[i] > (byte)'9' || ++digits > 3)
                    {
                        return false;
                    }

                    value = (value * 10) + (text[i] - '0');
                    if (value > 255)
                    {
                        return false;
                    }
                }

                if (part != 4)
                {
                    return false;
                }

                address = PacketAddress.FromBytes(bytes);
                return true;
            }

            // IPv6 text (RFC 4291 2.2): checked for its alphabet here, parsed by the BCL (a short string, only for TCP6 lines).
            var chars = new char[text.Length];
            for (int i = 0; i < text.Length; i++)
            {
                byte b = text[i];
                bool ok = (b >= '0' && b <= '9') || (b >= 'a' && b <= 'f') || (b >= 'A' && b <= 'F') || b == ':' || b == '.';
                if (!ok)
                {
                    return false;
                }

                chars[i] = (char)b;
            }

            if (!IPAddress.TryParse(new string(chars), out IPAddress? parsed) || parsed.AddressFamily != AddressFamily.InterNetworkV6)
            {
                return false;
            }

            address = PacketAddress.FromIPAddress(parsed);
            return true;
        }
    }
}
