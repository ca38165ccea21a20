using System;
using System.Buffers;

namespace Tsid.Tls
{
    /// <summary>
    /// The 5-byte header of a TLS record (RFC 8446 5.1 <c>TLSPlaintext</c>):
    /// <code>
    /// struct {
    ///     ContentType type;
    ///     ProtocolVersion legacy_record_version;
    ///     uint16 length;
    ///     opaque fragment[TLSPlaintext.length];
    /// } TLSPlaintext;
    /// </code>
    /// </summary>
    public readonly struct TlsRecordHeader
    {
        /// <summary>The size of a record header.</summary>
        public const int Size = 5;

        /// <summary>The largest plaintext fragment, 2^14 (RFC 8446 5.1).</summary>
        public const int MaxPlaintextLength = 1 << 14;

        /// <summary>
        /// The largest record accepted: 2^14 + 2048, the TLS 1.2 ciphertext bound (RFC 5246 6.2.3); TLS 1.3 allows
        /// only 2^14 + 256 (RFC 8446 5.2) and is covered by it.
        /// </summary>
        public const int MaxRecordLength = (1 << 14) + 2048;

        /// <summary>Creates a header.</summary>
        /// <param name="contentType">The content type.</param>
        /// <param name="legacyRecordVersion">The record version.</param>
        /// <param name="length">The fragment length.</param>
        public TlsRecordHeader(TlsContentType contentType, TlsProtocolVersion legacyRecordVersion, int length)
        {
            ContentType = contentType;
            LegacyRecordVersion = legacyRecordVersion;
            Length = length;
        }

        /// <summary>The record's content type.</summary>
        public TlsContentType ContentType { get; }

        /// <summary>The record's legacy_record_version (0x0301 in many first records, whatever is negotiated later).</summary>
        public TlsProtocolVersion LegacyRecordVersion { get; }

        /// <summary>The fragment length that follows the header.</summary>
        public int Length { get; }

        /// <summary>
        /// Reads and checks a record header: content type known, version 3.x, length 1..<see cref="MaxRecordLength"/>
        /// (0 is allowed only for application_data, RFC 8446 5.1).
        /// </summary>
        /// <param name="data">Bytes starting at a record boundary.</param>
        /// <param name="header">The header when <see cref="OperationStatus.Done"/>.</param>
        /// <param name="error">The error when <see cref="OperationStatus.InvalidData"/> (offset within <paramref name="data"/>).</param>
        /// <returns>Done, NeedMoreData (fewer than 5 bytes that are fine so far) or InvalidData.</returns>
        public static OperationStatus TryRead(ReadOnlySpan<byte> data, out TlsRecordHeader header, out TlsError error)
        {
            header = default;
            error = default;
            TlsErrorCode code = Check(data, out int at);
            if (code != TlsErrorCode.None)
            {
                error = new TlsError(code, at);
                return OperationStatus.InvalidData;
            }

            if (data.Length < Size)
            {
                return OperationStatus.NeedMoreData;
            }

            header = new TlsRecordHeader((TlsContentType)data[0], (TlsProtocolVersion)((data[1] << 8) | data[2]), (data[3] << 8) | data[4]);
            return OperationStatus.Done;
        }

        /// <summary>
        /// Answers "is this TLS at all?" from the first bytes of a stream (at most 5 are looked at), so a caller can
        /// bail out of a non-TLS stream early. A stream may start with a TLS record or an SSLv2-compatible
        /// ClientHello (RFC 5246 E.2).
        /// </summary>
        /// <param name="streamStart">The first bytes of one direction of the connection.</param>
        /// <returns>What the bytes are, or <see cref="TlsStreamKind.NeedMoreData"/> when they are too few to tell.</returns>
        public static TlsStreamKind Detect(ReadOnlySpan<byte> streamStart)
        {
            if (streamStart.IsEmpty)
            {
                return TlsStreamKind.NeedMoreData;
            }

            if ((streamStart[0] & 0x80) != 0)
            {
                return DetectSslV2(streamStart);
            }

            TlsErrorCode code = Check(streamStart, out _);
            if (code != TlsErrorCode.None)
            {
                return TlsStreamKind.NotTls;
            }

            return streamStart.Length >= Size ? TlsStreamKind.Tls : TlsStreamKind.NeedMoreData;
        }

        /// <summary>Checks as many header bytes as are present; returns the first problem.</summary>
        internal static TlsErrorCode Check(ReadOnlySpan<byte> data, out int at)
        {
            at = 0;
            if (data.Length >= 1)
            {
                byte type = data[0];
                if (type < (byte)TlsContentType.ChangeCipherSpec || type > (byte)TlsContentType.Heartbeat)
                {
                    return TlsErrorCode.InvalidContentType;
                }
            }

            // RFC 8446 5.1: legacy_record_version is 0x0301 or 0x0303 in practice; accept 3.0 .. 3.4.
            if (data.Length >= 2 && data[1] != 3)
            {
                at = 1;
                return TlsErrorCode.InvalidRecordVersion;
            }

            if (data.Length >= 3 && data[2] > 4)
            {
                at = 1;
                return TlsErrorCode.InvalidRecordVersion;
            }

            if (data.Length >= 5)
            {
                int length = (data[3] << 8) | data[4];
                at = 3;
                if (length > MaxRecordLength)
                {
                    return TlsErrorCode.RecordOverflow;
                }

                // RFC 8446 5.1: zero-length fragments are allowed only for application_data.
                if (length == 0 && data[0] != (byte)TlsContentType.ApplicationData)
                {
                    return TlsErrorCode.EmptyRecord;
                }

                at = 0;
            }

            return TlsErrorCode.None;
        }

        private static TlsStreamKind DetectSslV2(ReadOnlySpan<byte> data)
        {
            // RFC 5246 E.2: a 2-byte header with the high bit set, then msg_type 1 (CLIENT-HELLO) and a version.
            if (data.Length < 3)
            {
                return TlsStreamKind.NeedMoreData;
            }

            int length = ((data[0] & 0x7f) << 8) | data[1];
            if (length < SslV2ClientHello.MinLength || data[2] != 1)
            {
                return TlsStreamKind.NotTls;
            }

            if (data.Length < 5)
            {
                return TlsStreamKind.NeedMoreData;
            }

            // version: 0x0002 (SSL 2.0) or 3.x (the highest version of a TLS-capable client).
            bool versionOk = (data[3] == 0 && data[4] == 2) || (data[3] == 3 && data[4] <= 4);
            return versionOk ? TlsStreamKind.SslV2ClientHello : TlsStreamKind.NotTls;
        }
    }
}
