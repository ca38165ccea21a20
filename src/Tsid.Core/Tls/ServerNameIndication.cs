using System;
using System.Buffers;

namespace Tsid.Tls
{
    /// <summary>
    /// The SNI-only fast path: the first host_name of a ClientHello that sits whole in the first TLS record
    /// (nearly every hello, including 1.8 KB post-quantum ones), read straight from the caller's bytes.
    /// It is safe and complete for what it answers: the record and the hello must be whole (else NeedMoreData), every
    /// length up to server_name is checked and the whole server_name list too (nothing is read out of range); a hello
    /// without server_name is walked to its last extension header, so a truncated or malformed hello is never
    /// reported as "no SNI". Like a naive walk it stops at server_name, so it does not look at later extensions
    /// (a second server_name, malformed contents); <see cref="ClientHello.TryParse(ReadOnlySpan{byte}, out ClientHello, out TlsError)"/> does.
    /// </summary>
    public static class ServerNameIndication
    {
        /// <summary>Reads the SNI from the start of a client's stream.</summary>
        /// <param name="streamStart">The client's first bytes, starting at a record header.</param>
        /// <param name="hostName">The first host_name (a view into <paramref name="streamStart"/>), empty when the hello has no server_name.</param>
        /// <param name="error">What was wrong and where (offset within <paramref name="streamStart"/>).</param>
        /// <returns>
        /// <see cref="OperationStatus.Done"/>: the hello was read (<paramref name="hostName"/> may be empty);
        /// <see cref="OperationStatus.NeedMoreData"/>: the record is incomplete, or the hello continues in a further
        /// record (feed a <see cref="TlsHandshakeReassembler"/> instead); <see cref="OperationStatus.InvalidData"/>.
        /// </returns>
        public static OperationStatus TryPeek(ReadOnlySpan<byte> streamStart, out ReadOnlySpan<byte> hostName, out TlsError error)
        {
            hostName = default;
            if (streamStart.Length < TlsRecordHeader.Size)
            {
                // Too few bytes for a header: say now if what is there cannot be TLS.
                return TlsRecordHeader.TryRead(streamStart, out _, out error);
            }

            // RFC 8446 5.1 record header, checked inline (this is the hot path).
            int recordLength = (streamStart[3] << 8) | streamStart[4];
            if (streamStart[0] != (byte)TlsContentType.Handshake || streamStart[1] != 3 || streamStart[2] > 4
                || recordLength > TlsRecordHeader.MaxRecordLength || recordLength == 0)
            {
                if (TlsRecordHeader.TryRead(streamStart, out _, out error) == OperationStatus.Done)
                {
                    error = new TlsError(TlsErrorCode.UnexpectedMessage, 0);
                }

                return OperationStatus.InvalidData;
            }

            int available = Math.Min(recordLength, streamStart.Length - TlsRecordHeader.Size);
            ReadOnlySpan<byte> fragment = streamStart.Slice(TlsRecordHeader.Size, available);
            if (fragment.Length < 4)
            {
                error = default;
                return OperationStatus.NeedMoreData;
            }

            if (fragment[0] != (byte)TlsHandshakeType.ClientHello)
            {
                error = new TlsError(TlsErrorCode.UnexpectedMessage, TlsRecordHeader.Size);
                return OperationStatus.InvalidData;
            }

            int length = (fragment[1] << 16) | (fragment[2] << 8) | fragment[3];
            if (length > TlsHandshakeLimits.DefaultMaxClientHelloLength)
            {
                error = new TlsError(TlsErrorCode.ClientHelloTooLarge, TlsRecordHeader.Size + 1);
                return OperationStatus.InvalidData;
            }

            if (fragment.Length - 4 < length)
            {
                // Either the record is still arriving or the hello continues in the next record.
                error = default;
                return OperationStatus.NeedMoreData;
            }

            const int bodyStart = TlsRecordHeader.Size + 4;
            TlsErrorCode code = Walk(fragment.Slice(4, length), out hostName, out int at);
            if (code != TlsErrorCode.None)
            {
                hostName = default;
                error = new TlsError(code, bodyStart + at);
                return OperationStatus.InvalidData;
            }

            error = default;
            return OperationStatus.Done;
        }

        private static TlsErrorCode Walk(ReadOnlySpan<byte> body, out ReadOnlySpan<byte> hostName, out int at)
        {
            hostName = default;
            at = 0;

            // legacy_version, random, then the length-prefixed fields of RFC 8446 4.1.2.
            int p = 2 + ClientHello.RandomLength;
            if (p >= body.Length)
            {
                at = body.Length;
                return TlsErrorCode.Truncated;
            }

            int sessionId = body[p];
            if (sessionId > ClientHello.MaxSessionIdLength)
            {
                at = p;
                return TlsErrorCode.InvalidSessionId;
            }

            p += 1 + sessionId;
            if (p + 2 > body.Length)
            {
                at = p;
                return TlsErrorCode.Truncated;
            }

            int suites = (body[p] << 8) | body[p + 1];
            if (suites < 2 || (suites & 1) != 0)
            {
                at = p;
                return TlsErrorCode.InvalidCipherSuites;
            }

            p += 2 + suites;
            if (p >= body.Length)
            {
                at = p;
                return TlsErrorCode.Truncated;
            }

            int compression = body[p];
            if (compression == 0)
            {
                at = p;
                return TlsErrorCode.InvalidCompressionMethods;
            }

            p += 1 + compression;
            if (p == body.Length)
            {
                return TlsErrorCode.None; // no extensions (RFC 5246 7.4.1.2)
            }

            if (p + 2 > body.Length)
            {
                at = Math.Min(p, body.Length);
                return TlsErrorCode.Truncated;
            }

            int extensionsEnd = p + 2 + ((body[p] << 8) | body[p + 1]);
            if (extensionsEnd != body.Length)
            {
                at = p;
                return extensionsEnd > body.Length ? TlsErrorCode.Truncated : TlsErrorCode.TrailingData;
            }

            p += 2;
            while (p < extensionsEnd)
            {
                if (extensionsEnd - p < 4)
                {
                    at = p;
                    return TlsErrorCode.Truncated;
                }

                int type = (body[p] << 8) | body[p + 1];
                int length = (body[p + 2] << 8) | body[p + 3];
                int data = p + 4;
                if (length > extensionsEnd - data)
                {
                    at = p;
                    return TlsErrorCode.Truncated;
                }

                if (type == (int)TlsExtensionType.ServerName)
                {
                    // The whole list is checked; then stop, as a naive walk would: the hello is complete in the
                    // record, so nothing later can change what was read.
                    TlsErrorCode code = ReadServerName(body.Slice(data, length), out hostName);
                    at = code == TlsErrorCode.None ? 0 : data;
                    return code;
                }

                p = data + length;
            }

            return TlsErrorCode.None;
        }

        private static TlsErrorCode ReadServerName(ReadOnlySpan<byte> data, out ReadOnlySpan<byte> hostName)
        {
            hostName = default;
            if (data.Length < 2 || ((data[0] << 8) | data[1]) != data.Length - 2 || data.Length == 2)
            {
                return TlsErrorCode.InvalidServerName;
            }

            // RFC 6066 3: every entry is checked; the first host_name wins.
            int p = 2;
            bool found = false;
            while (p < data.Length)
            {
                if (data.Length - p < 3)
                {
                    return TlsErrorCode.InvalidServerName;
                }

                int length = (data[p + 1] << 8) | data[p + 2];
                if (length == 0 || length > data.Length - p - 3)
                {
                    return TlsErrorCode.InvalidServerName;
                }

                if (!found && data[p] == ServerName.HostNameType)
                {
                    hostName = data.Slice(p + 3, length);
                    found = true;
                }

                p += 3 + length;
            }

            return TlsErrorCode.None;
        }
    }
}
