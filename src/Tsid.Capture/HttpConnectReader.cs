using System;
using System.Buffers;

namespace Tsid.Capture
{
    /// <summary>
    /// Reads the two messages of an HTTP/1.x CONNECT tunnel (RFC 9110 9.3.6, RFC 9112): the client's
    /// <c>CONNECT host:port HTTP/1.x</c> request with its header fields, and the proxy's status line and header fields.
    /// Span-based and bounded: each call parses one message from the start of <c>input</c> and returns
    /// <see cref="OperationStatus.NeedMoreData"/> for a prefix of a valid message (call again with more bytes),
    /// <see cref="OperationStatus.Done"/>, or <see cref="OperationStatus.InvalidData"/> with an error code and the offset
    /// of the first wrong byte; no further input makes invalid data valid. Never throws on wire bytes.
    /// </summary>
    public static class HttpConnectReader
    {
        /// <summary>
        /// The longest request or response head (start line, header fields and the empty line) read: 8 KiB, the request-line
        /// limit most servers use (RFC 9112 3 asks for at least 8000 octets). A longer head is <see cref="TunnelErrorCode.HeadTooLong"/>.
        /// </summary>
        public const int MaxHeadBytes = 8 * 1024;

        private static ReadOnlySpan<byte> Connect => "CONNECT "u8;

        private static ReadOnlySpan<byte> HttpSlash1Dot => "HTTP/1."u8;

        /// <summary>Reads a CONNECT request head.</summary>
        /// <param name="input">The client's bytes from the start of the request.</param>
        /// <param name="host">The target host (IPv6 without brackets), a view into <paramref name="input"/>.</param>
        /// <param name="port">The target port (1-65535).</param>
        /// <param name="bytesConsumed">The head's length, empty line included (on <see cref="OperationStatus.Done"/>).</param>
        /// <param name="error">What was wrong (on <see cref="OperationStatus.InvalidData"/>).</param>
        /// <returns>Done, NeedMoreData or InvalidData.</returns>
        public static OperationStatus ReadRequest(ReadOnlySpan<byte> input, out ReadOnlySpan<byte> host, out ushort port, out int bytesConsumed, out TunnelError error)
        {
            host = default;
            port = 0;
            bytesConsumed = 0;
            error = default;

            // RFC 9110 9.1: the method token is case-sensitive.
            int prefix = Math.Min(input.Length, Connect.Length);
            for (int i = 0; i < prefix; i++)
            {
                if (input[i] != Connect[i])
                {
                    error = new TunnelError(TunnelErrorCode.NotThisFormat, i);
                    return OperationStatus.InvalidData;
                }
            }

            OperationStatus status = FindLine(input, 0, out int lineEnd, out int next, ref error);
            if (status != OperationStatus.Done)
            {
                return status;
            }

            // request-line = method SP request-target SP HTTP-version (RFC 9112 3); authority-form for CONNECT (3.2.3).
            ReadOnlySpan<byte> line = input.Slice(0, lineEnd);
            int targetStart = Connect.Length;
            int space = line.Slice(targetStart).IndexOf((byte)' ');
            if (space <= 0)
            {
                // No SP after the target: the line ends where the version should be.
                error = new TunnelError(TunnelErrorCode.MalformedStartLine, space < 0 ? line.Length : targetStart);
                return OperationStatus.InvalidData;
            }

            ReadOnlySpan<byte> target = line.Slice(targetStart, space);
            int versionStart = targetStart + space + 1;
            if (!IsHttp1Version(line.Slice(versionStart), out int versionError))
            {
                error = new TunnelError(versionError < 0 ? TunnelErrorCode.MalformedStartLine : TunnelErrorCode.UnsupportedHttpVersion, versionStart + Math.Max(versionError, 0));
                return OperationStatus.InvalidData;
            }

            if (!TrySplitAuthority(target, out host, out port, out int authorityError))
            {
                error = new TunnelError(TunnelErrorCode.MalformedAuthority, targetStart + authorityError);
                return OperationStatus.InvalidData;
            }

            return ReadFields(input, next, out bytesConsumed, out _, ref error);
        }

        /// <summary>Reads a response head (RFC 9112 4): its status code and, for skipping a body, its Content-Length.</summary>
        /// <param name="input">The proxy's bytes from the start of the response.</param>
        /// <param name="statusCode">The status code (100-999).</param>
        /// <param name="contentLength">The Content-Length value; -1 without one; -2 with a Transfer-Encoding (length unknown).</param>
        /// <param name="bytesConsumed">The head's length, empty line included.</param>
        /// <param name="error">What was wrong.</param>
        /// <returns>Done, NeedMoreData or InvalidData.</returns>
        public static OperationStatus ReadResponse(ReadOnlySpan<byte> input, out int statusCode, out long contentLength, out int bytesConsumed, out TunnelError error)
        {
            statusCode = 0;
            contentLength = -1;
            bytesConsumed = 0;
            error = default;
            int prefix = Math.Min(input.Length, HttpSlash1Dot.Length);
            for (int i = 0; i < prefix; i++)
            {
                if (input[i] != HttpSlash1Dot[i])
                {
                    error = new TunnelError(TunnelErrorCode.MalformedStartLine, i);
                    return OperationStatus.InvalidData;
                }
            }

            OperationStatus status = FindLine(input, 0, out int lineEnd, out int next, ref error);
            if (status != OperationStatus.Done)
            {
                return status;
            }

            // status-line = HTTP-version SP status-code SP [ reason-phrase ]
            ReadOnlySpan<byte> line = input.Slice(0, lineEnd);
            int versionError = -1;
            if (line.Length < 12 || !IsHttp1Version(line.Slice(0, 8), out versionError))
            {
                bool unsupported = versionError >= 0 && IsHttp1Shape(line);
                error = new TunnelError(unsupported ? TunnelErrorCode.UnsupportedHttpVersion : TunnelErrorCode.MalformedStartLine, unsupported ? 7 : Math.Min(line.Length, 8));
                return OperationStatus.InvalidData;
            }

            // Some proxies end the status line right after the code ("HTTP/1.1 200"): RFC 9112 4 asks recipients to accept that.
            if (line[8] != (byte)' ' || !IsDigit(line[9]) || !IsDigit(line[10]) || !IsDigit(line[11]) || line[9] == (byte)'0' || (line.Length > 12 && line[12] != (byte)' '))
            {
                error = new TunnelError(TunnelErrorCode.MalformedStartLine, 8);
                return OperationStatus.InvalidData;
            }

            statusCode = ((line[9] - '0') * 100) + ((line[10] - '0') * 10) + (line[11] - '0');
            return ReadFields(input, next, out bytesConsumed, out contentLength, ref error);
        }

        /// <summary>Splits an authority (RFC 3986 3.2) into host and port: <c>host:port</c> or <c>[v6]:port</c>; the port is required.</summary>
        /// <param name="authority">The authority bytes.</param>
        /// <param name="host">The host, without brackets.</param>
        /// <param name="port">The port (1-65535).</param>
        /// <param name="errorOffset">Where the authority is wrong, when false.</param>
        /// <returns>True when it is a host and a port.</returns>
        public static bool TrySplitAuthority(ReadOnlySpan<byte> authority, out ReadOnlySpan<byte> host, out ushort port, out int errorOffset)
        {
            host = default;
            port = 0;
            errorOffset = 0;
            int colon;
            if (authority.Length > 0 && authority[0] == (byte)'[')
            {
                int close = authority.IndexOf((byte)']');
                if (close < 2 || close + 1 >= authority.Length || authority[close + 1] != (byte)':')
                {
                    errorOffset = close < 0 ? authority.Length : close;
                    return false;
                }

                host = authority.Slice(1, close - 1);
                colon = close + 1;
            }
            else
            {
                colon = authority.LastIndexOf((byte)':');
                if (colon <= 0)
                {
                    errorOffset = colon < 0 ? authority.Length : 0;
                    return false;
                }

                host = authority.Slice(0, colon);
            }

            for (int i = 0; i < host.Length; i++)
            {
                byte b = host[i];
                if (b <= 0x20 || b >= 0x7F || b == (byte)'/' || b == (byte)'@' || b == (byte)'?' || b == (byte)'#' || (b == (byte)':' && authority[0] != (byte)'['))
                {
                    errorOffset = (authority[0] == (byte)'[' ? 1 : 0) + i;
                    host = default;
                    return false;
                }
            }

            if (!TryParsePort(authority.Slice(colon + 1), out port))
            {
                errorOffset = colon + 1;
                host = default;
                return false;
            }

            return true;
        }

        /// <summary>A decimal port 1-65535 (at most 5 digits, no sign).</summary>
        internal static bool TryParsePort(ReadOnlySpan<byte> text, out ushort port)
        {
            port = 0;
            if (text.Length == 0 || text.Length > 5)
            {
                return false;
            }

            int value = 0;
            for (int i = 0; i < text.Length; i++)
            {
                if (!IsDigit(text[i]))
                {
                    return false;
                }

                value = (value * 10) + (text[i] - '0');
            }

            if (value < 1 || value > 65535)
            {
                return false;
            }

            port = (ushort)value;
            return true;
        }

        private static bool IsDigit(byte b) => b >= (byte)'0' && b <= (byte)'9';

        private static bool IsHttp1Shape(ReadOnlySpan<byte> line) => line.Length >= 8 && line.Slice(0, 7).SequenceEqual(HttpSlash1Dot);

        /// <summary>HTTP-version = "HTTP/" DIGIT "." DIGIT (RFC 9112 2.3), 1.0 or 1.1; errorOffset -1 when it is not a version at all.</summary>
        private static bool IsHttp1Version(ReadOnlySpan<byte> text, out int errorOffset)
        {
            errorOffset = -1;
            if (text.Length != 8 || !text.Slice(0, 7).SequenceEqual(HttpSlash1Dot) || !IsDigit(text[7]))
            {
                return false;
            }

            if (text[7] != (byte)'0' && text[7] != (byte)'1')
            {
                errorOffset = 7;
                return false;
            }

            return true;
        }

        /// <summary>The next line from <paramref name="start"/>: its end without CR and the start of the next (LF alone is accepted, RFC 9112 2.2).</summary>
        private static OperationStatus FindLine(ReadOnlySpan<byte> input, int start, out int lineEnd, out int next, ref TunnelError error)
        {
            lineEnd = 0;
            next = 0;
            int limit = Math.Min(input.Length, MaxHeadBytes);
            int lf = input.Slice(start, Math.Max(0, limit - start)).IndexOf((byte)'\n');
            if (lf < 0)
            {
                if (input.Length >= MaxHeadBytes)
                {
                    error = new TunnelError(TunnelErrorCode.HeadTooLong, MaxHeadBytes);
                    return OperationStatus.InvalidData;
                }

                return OperationStatus.NeedMoreData;
            }

            lineEnd = start + lf;
            next = lineEnd + 1;
            if (lineEnd > start && input[lineEnd - 1] == (byte)'\r')
            {
                lineEnd--;
            }

            return OperationStatus.Done;
        }

        /// <summary>Header fields up to the empty line (RFC 9112 5): <c>name ":" OWS value OWS</c>.</summary>
        private static OperationStatus ReadFields(ReadOnlySpan<byte> input, int position, out int bytesConsumed, out long contentLength, ref TunnelError error)
        {
            bytesConsumed = 0;
            contentLength = -1;
            while (true)
            {
                OperationStatus status = FindLine(input, position, out int lineEnd, out int next, ref error);
                if (status != OperationStatus.Done)
                {
                    return status;
                }

                ReadOnlySpan<byte> line = input.Slice(position, lineEnd - position);
                if (line.Length == 0)
                {
                    bytesConsumed = next;
                    return OperationStatus.Done;
                }

                int colon = line.IndexOf((byte)':');
                if (colon <= 0)
                {
                    error = new TunnelError(TunnelErrorCode.MalformedHeader, position + Math.Max(colon, 0));
                    return OperationStatus.InvalidData;
                }

                for (int i = 0; i < line.Length; i++)
                {
                    byte b = line[i];
                    if ((b < 0x20 && b != (byte)'\t') || b == 0x7F || (i < colon && (b == (byte)' ' || b == (byte)'\t')))
                    {
                        error = new TunnelError(TunnelErrorCode.MalformedHeader, position + i);
                        return OperationStatus.InvalidData;
                    }
                }

                ReadOnlySpan<byte> name = line.Slice(0, colon);
                ReadOnlySpan<byte> value = Trim(line.Slice(colon + 1));
                if (EqualsIgnoreCase(name, "content-length"u8))
                {
                    long length = 0;
                    bool ok = value.Length is > 0 and <= 18;
                    for (int i = 0; ok && i < value.Length; i++)
                    {
                        ok = IsDigit(value[i]);
                        length = (length * 10) + (value[i] - '0');
                    }

                    if (!ok)
                    {
                        error = new TunnelError(TunnelErrorCode.MalformedHeader, position + colon + 1);
                        return OperationStatus.InvalidData;
                    }

                    if (contentLength != -2)
                    {
                        contentLength = length;
                    }
                }
                else if (EqualsIgnoreCase(name, "transfer-encoding"u8))
                {
                    // RFC 9112 6.3: Transfer-Encoding overrides Content-Length; the body's length is not known from the head.
                    contentLength = -2;
                }

                position = next;
            }
        }

        private static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> value)
        {
            int start = 0;
            int end = value.Length;
            while (start < end && (value[start] == (byte)' ' || value[start] == (byte)'\t'))
            {
                start++;
            }

            while (end > start && (value[end - 1] == (byte)' ' || value[end - 1] == (byte)'\t'))
            {
                end--;
            }

            return value.Slice(start, end - start);
        }

        private static bool EqualsIgnoreCase(ReadOnlySpan<byte> bytes, ReadOnlySpan<byte> lower)
        {
            if (bytes.Length != lower.Length)
            {
                return false;
            }

            for (int i = 0; i < bytes.Length; i++)
            {
                int b = bytes[i];
                if (b >= 'A' && b <= 'Z')
                {
                    b += 32;
                }

                if (b != lower[i])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
