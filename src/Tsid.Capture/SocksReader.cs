using System;
using System.Buffers;
using System.Buffers.Binary;

namespace Tsid.Capture
{
    /// <summary>
    /// Reads the messages of a SOCKS negotiation: SOCKS 4 and its 4a extension, SOCKS 5 (RFC 1928) and its
    /// username/password sub-negotiation (RFC 1929). Each method parses one message from the start of <c>input</c> and
    /// returns <see cref="OperationStatus.NeedMoreData"/> for a valid prefix, <see cref="OperationStatus.Done"/> with the
    /// bytes consumed, or <see cref="OperationStatus.InvalidData"/> with an error code and the offset of the wrong byte.
    /// The password of RFC 1929 is skipped, never returned. Never throws on wire bytes.
    /// </summary>
    public static class SocksReader
    {
        /// <summary>
        /// The longest NUL-terminated SOCKS 4 field read (USERID, and the 4a host name), NUL excluded: 255 bytes, the
        /// longest SOCKS 5 gives a domain name. SOCKS 4 itself sets no limit.
        /// </summary>
        public const int MaxSocks4FieldLength = 255;

        /// <summary>CMD X'01' CONNECT.</summary>
        public const byte CommandConnect = 1;

        /// <summary>SOCKS 4 reply CD 90: request granted.</summary>
        public const byte Socks4Granted = 90;

        /// <summary>SOCKS 5 METHOD X'00': no authentication required.</summary>
        public const byte MethodNoAuthentication = 0;

        /// <summary>SOCKS 5 METHOD X'02': username/password (RFC 1929).</summary>
        public const byte MethodUsernamePassword = 2;

        /// <summary>SOCKS 5 METHOD X'FF': no acceptable methods.</summary>
        public const byte MethodNoAcceptable = 0xFF;

        /// <summary>
        /// Reads a SOCKS 4 request: <c>VN=4 CD DSTPORT(2) DSTIP(4) USERID NUL</c>, and for 4a (DSTIP 0.0.0.x, x ≠ 0) the host
        /// name and a NUL after it.
        /// </summary>
        public static OperationStatus ReadSocks4Request(ReadOnlySpan<byte> input, out SocksRequest request, out int bytesConsumed, out TunnelError error)
        {
            request = default;
            bytesConsumed = 0;
            error = default;
            if (input.Length == 0)
            {
                return OperationStatus.NeedMoreData;
            }

            if (input[0] != 4)
            {
                error = new TunnelError(TunnelErrorCode.NotThisFormat, 0);
                return OperationStatus.InvalidData;
            }

            if (input.Length < 2)
            {
                return OperationStatus.NeedMoreData;
            }

            if (input[1] != 1 && input[1] != 2)
            {
                error = new TunnelError(TunnelErrorCode.UnsupportedCommand, 1);
                return OperationStatus.InvalidData;
            }

            if (input.Length < 8)
            {
                return OperationStatus.NeedMoreData;
            }

            OperationStatus status = ReadNulTerminated(input, 8, out ReadOnlySpan<byte> userId, out int next, out error);
            if (status != OperationStatus.Done)
            {
                return status;
            }

            ushort port = BinaryPrimitives.ReadUInt16BigEndian(input.Slice(2));
            ReadOnlySpan<byte> ip = input.Slice(4, 4);
            if (ip[0] == 0 && ip[1] == 0 && ip[2] == 0 && ip[3] != 0)
            {
                // SOCKS 4a: an address 0.0.0.x with x non-zero says the host name follows the USERID.
                status = ReadNulTerminated(input, next, out ReadOnlySpan<byte> name, out int end, out error);
                if (status != OperationStatus.Done)
                {
                    return status;
                }

                if (name.Length == 0)
                {
                    error = new TunnelError(TunnelErrorCode.BadFieldLength, next);
                    return OperationStatus.InvalidData;
                }

                request = new SocksRequest(4, input[1], SocksAddressType.DomainName, name, port, userId);
                bytesConsumed = end;
                return OperationStatus.Done;
            }

            request = new SocksRequest(4, input[1], SocksAddressType.IPv4, ip, port, userId);
            bytesConsumed = next;
            return OperationStatus.Done;
        }

        /// <summary>Reads a SOCKS 4 reply: <c>VN=0 CD DSTPORT(2) DSTIP(4)</c>; CD 90 grants, 91-93 refuse.</summary>
        public static OperationStatus ReadSocks4Reply(ReadOnlySpan<byte> input, out byte replyCode, out int bytesConsumed, out TunnelError error)
        {
            replyCode = 0;
            bytesConsumed = 0;
            error = default;
            if (input.Length > 0 && input[0] != 0)
            {
                error = new TunnelError(TunnelErrorCode.UnsupportedVersion, 0);
                return OperationStatus.InvalidData;
            }

            if (input.Length < 8)
            {
                return OperationStatus.NeedMoreData;
            }

            replyCode = input[1];
            bytesConsumed = 8;
            return OperationStatus.Done;
        }

        /// <summary>Reads a SOCKS 5 greeting (RFC 1928 3): <c>VER=5 NMETHODS METHODS[NMETHODS]</c>.</summary>
        public static OperationStatus ReadSocks5Greeting(ReadOnlySpan<byte> input, out ReadOnlySpan<byte> methods, out int bytesConsumed, out TunnelError error)
        {
            methods = default;
            bytesConsumed = 0;
            error = default;
            if (input.Length == 0)
            {
                return OperationStatus.NeedMoreData;
            }

            if (input[0] != 5)
            {
                error = new TunnelError(TunnelErrorCode.NotThisFormat, 0);
                return OperationStatus.InvalidData;
            }

            if (input.Length < 2)
            {
                return OperationStatus.NeedMoreData;
            }

            if (input[1] == 0)
            {
                error = new TunnelError(TunnelErrorCode.NoMethods, 1);
                return OperationStatus.InvalidData;
            }

            if (input.Length < 2 + input[1])
            {
                return OperationStatus.NeedMoreData;
            }

            methods = input.Slice(2, input[1]);
            bytesConsumed = 2 + input[1];
            return OperationStatus.Done;
        }

        /// <summary>Reads the server's method selection (RFC 1928 3): <c>VER=5 METHOD</c>.</summary>
        public static OperationStatus ReadSocks5MethodSelection(ReadOnlySpan<byte> input, out byte method, out int bytesConsumed, out TunnelError error) =>
            ReadTwoBytes(input, 5, out method, out bytesConsumed, out error);

        /// <summary>
        /// Reads an RFC 1929 2 username/password request: <c>VER=1 ULEN UNAME PLEN PASSWD</c>. The user name is returned; the
        /// password is skipped.
        /// </summary>
        public static OperationStatus ReadUsernamePasswordRequest(ReadOnlySpan<byte> input, out ReadOnlySpan<byte> userName, out int bytesConsumed, out TunnelError error)
        {
            userName = default;
            bytesConsumed = 0;
            error = default;
            if (input.Length == 0)
            {
                return OperationStatus.NeedMoreData;
            }

            if (input[0] != 1)
            {
                error = new TunnelError(TunnelErrorCode.UnsupportedVersion, 0);
                return OperationStatus.InvalidData;
            }

            // RFC 1929 2: ULEN and PLEN are 1..255.
            if (input.Length < 2)
            {
                return OperationStatus.NeedMoreData;
            }

            int ulen = input[1];
            if (ulen == 0)
            {
                error = new TunnelError(TunnelErrorCode.BadFieldLength, 1);
                return OperationStatus.InvalidData;
            }

            if (input.Length < 3 + ulen)
            {
                return OperationStatus.NeedMoreData;
            }

            int plen = input[2 + ulen];
            if (plen == 0)
            {
                error = new TunnelError(TunnelErrorCode.BadFieldLength, 2 + ulen);
                return OperationStatus.InvalidData;
            }

            if (input.Length < 3 + ulen + plen)
            {
                return OperationStatus.NeedMoreData;
            }

            userName = input.Slice(2, ulen);
            bytesConsumed = 3 + ulen + plen;
            return OperationStatus.Done;
        }

        /// <summary>Reads an RFC 1929 2 reply: <c>VER=1 STATUS</c> (0 = success).</summary>
        public static OperationStatus ReadUsernamePasswordReply(ReadOnlySpan<byte> input, out byte status, out int bytesConsumed, out TunnelError error) =>
            ReadTwoBytes(input, 1, out status, out bytesConsumed, out error);

        /// <summary>Reads a SOCKS 5 request (RFC 1928 4): <c>VER=5 CMD RSV=0 ATYP DST.ADDR DST.PORT(2)</c>.</summary>
        public static OperationStatus ReadSocks5Request(ReadOnlySpan<byte> input, out SocksRequest request, out int bytesConsumed, out TunnelError error)
        {
            OperationStatus status = ReadSocks5Message(input, out request, out bytesConsumed, out error);
            if (status == OperationStatus.Done && (request.Command < 1 || request.Command > 3))
            {
                request = default;
                bytesConsumed = 0;
                error = new TunnelError(TunnelErrorCode.UnsupportedCommand, 1);
                return OperationStatus.InvalidData;
            }

            return status;
        }

        /// <summary>Reads a SOCKS 5 reply (RFC 1928 6): <c>VER=5 REP RSV=0 ATYP BND.ADDR BND.PORT(2)</c>; REP 0 succeeded.</summary>
        /// <param name="input">The server's bytes.</param>
        /// <param name="reply">REP is <see cref="SocksRequest.Command"/>; the bound address and port follow.</param>
        /// <param name="bytesConsumed">The reply's length.</param>
        /// <param name="error">What was wrong.</param>
        /// <returns>Done, NeedMoreData or InvalidData.</returns>
        public static OperationStatus ReadSocks5Reply(ReadOnlySpan<byte> input, out SocksRequest reply, out int bytesConsumed, out TunnelError error) =>
            ReadSocks5Message(input, out reply, out bytesConsumed, out error);

        private static OperationStatus ReadSocks5Message(ReadOnlySpan<byte> input, out SocksRequest message, out int bytesConsumed, out TunnelError error)
        {
            message = default;
            bytesConsumed = 0;
            error = default;
            if (input.Length > 0 && input[0] != 5)
            {
                error = new TunnelError(TunnelErrorCode.UnsupportedVersion, 0);
                return OperationStatus.InvalidData;
            }

            if (input.Length > 2 && input[2] != 0)
            {
                error = new TunnelError(TunnelErrorCode.ReservedNotZero, 2);
                return OperationStatus.InvalidData;
            }

            if (input.Length < 4)
            {
                return OperationStatus.NeedMoreData;
            }

            int addressStart = 4;
            int addressLength;
            var type = (SocksAddressType)input[3];
            switch (type)
            {
                case SocksAddressType.IPv4:
                    addressLength = 4;
                    break;
                case SocksAddressType.IPv6:
                    addressLength = 16;
                    break;
                case SocksAddressType.DomainName:
                    // The first octet of the address field holds the name's length (RFC 1928 5).
                    if (input.Length < 5)
                    {
                        return OperationStatus.NeedMoreData;
                    }

                    addressLength = input[4];
                    addressStart = 5;
                    if (addressLength == 0)
                    {
                        error = new TunnelError(TunnelErrorCode.BadFieldLength, 4);
                        return OperationStatus.InvalidData;
                    }

                    break;
                default:
                    error = new TunnelError(TunnelErrorCode.UnsupportedAddressType, 3);
                    return OperationStatus.InvalidData;
            }

            int end = addressStart + addressLength + 2;
            if (input.Length < end)
            {
                return OperationStatus.NeedMoreData;
            }

            message = new SocksRequest(5, input[1], type, input.Slice(addressStart, addressLength), BinaryPrimitives.ReadUInt16BigEndian(input.Slice(addressStart + addressLength)), default);
            bytesConsumed = end;
            return OperationStatus.Done;
        }

        private static OperationStatus ReadTwoBytes(ReadOnlySpan<byte> input, byte version, out byte value, out int bytesConsumed, out TunnelError error)
        {
            value = 0;
            bytesConsumed = 0;
            error = default;
            if (input.Length > 0 && input[0] != version)
            {
                error = new TunnelError(TunnelErrorCode.UnsupportedVersion, 0);
                return OperationStatus.InvalidData;
            }

            if (input.Length < 2)
            {
                return OperationStatus.NeedMoreData;
            }

            value = input[1];
            bytesConsumed = 2;
            return OperationStatus.Done;
        }

        private static OperationStatus ReadNulTerminated(ReadOnlySpan<byte> input, int start, out ReadOnlySpan<byte> field, out int next, out TunnelError error)
        {
            field = default;
            next = 0;
            error = default;
            int available = Math.Min(input.Length - start, MaxSocks4FieldLength + 1);
            int nul = input.Slice(start, available).IndexOf((byte)0);
            if (nul < 0)
            {
                if (available == MaxSocks4FieldLength + 1)
                {
                    error = new TunnelError(TunnelErrorCode.BadFieldLength, start + MaxSocks4FieldLength);
                    return OperationStatus.InvalidData;
                }

                return OperationStatus.NeedMoreData;
            }

            field = input.Slice(start, nul);
            next = start + nul + 1;
            return OperationStatus.Done;
        }
    }
}
