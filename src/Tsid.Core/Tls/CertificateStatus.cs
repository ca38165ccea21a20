using System;

namespace Tsid.Tls
{
    /// <summary>
    /// A CertificateStatus message (RFC 6066 8): a stapled OCSP response.
    /// <code>
    /// struct { CertificateStatusType status_type; select (status_type) { case ocsp: OCSPResponse; } response; } CertificateStatus;
    /// opaque OCSPResponse&lt;1..2^24-1&gt;;
    /// </code>
    /// </summary>
    public readonly ref struct CertificateStatus
    {
        private CertificateStatus(byte statusType, ReadOnlySpan<byte> response)
        {
            StatusType = statusType;
            Response = response;
        }

        /// <summary>The status_type (1 = ocsp).</summary>
        public byte StatusType { get; }

        /// <summary>The DER OCSPResponse (for ocsp), or the raw rest for other types.</summary>
        public ReadOnlySpan<byte> Response { get; }

        /// <summary>Parses a CertificateStatus message body.</summary>
        /// <param name="body">The bytes after the 4-byte handshake header.</param>
        /// <param name="status">The view.</param>
        /// <param name="error">What was wrong and where.</param>
        /// <returns>True when well formed.</returns>
        public static bool TryParse(ReadOnlySpan<byte> body, out CertificateStatus status, out TlsError error)
        {
            status = default;
            var reader = new TlsReader(body);
            if (!reader.TryReadUInt8(out byte type))
            {
                error = new TlsError(TlsErrorCode.Truncated, 0);
                return false;
            }

            if (type != 1)
            {
                error = default;
                status = new CertificateStatus(type, reader.RemainingBytes);
                return true;
            }

            if (!reader.TryReadUInt24LengthPrefixed(out TlsReader response) || response.IsEmpty || !reader.IsEmpty)
            {
                error = new TlsError(TlsErrorCode.InvalidCertificateStatus, 1);
                return false;
            }

            error = default;
            status = new CertificateStatus(type, response.RemainingBytes);
            return true;
        }
    }
}
