using System;

namespace Tsid.Tls
{
    /// <summary>
    /// A DTLS HelloVerifyRequest (RFC 6347 4.2.1), a view over the handshake message body:
    /// <code>
    /// struct {
    ///     ProtocolVersion server_version;
    ///     opaque cookie&lt;0..2^8-1&gt;;
    /// } HelloVerifyRequest;
    /// </code>
    /// The server answers a first ClientHello with it; the client repeats its ClientHello with the cookie.
    /// </summary>
    public readonly ref struct HelloVerifyRequest
    {
        /// <summary>The longest body: server_version, the cookie's length byte and a 255-byte cookie.</summary>
        public const int MaxLength = 2 + 1 + 255;

        private readonly ReadOnlySpan<byte> _body;

        private HelloVerifyRequest(ReadOnlySpan<byte> body)
        {
            _body = body;
        }

        /// <summary>server_version (RFC 6347 4.2.1: DTLS 1.0, 0xfeff, whatever version will be negotiated).</summary>
        public TlsProtocolVersion ServerVersion => (TlsProtocolVersion)((_body[0] << 8) | _body[1]);

        /// <summary>The cookie the client must echo.</summary>
        public ReadOnlySpan<byte> Cookie => _body.Slice(3);

        /// <summary>Parses a HelloVerifyRequest body (the bytes after the handshake header).</summary>
        /// <param name="body">The body.</param>
        /// <param name="request">The view.</param>
        /// <param name="error">What was wrong and where (offset within <paramref name="body"/>).</param>
        /// <returns>True when well formed.</returns>
        public static bool TryParse(ReadOnlySpan<byte> body, out HelloVerifyRequest request, out TlsError error)
        {
            request = default;
            var reader = new TlsReader(body);
            if (!reader.TrySkip(2))
            {
                error = new TlsError(TlsErrorCode.Truncated, body.Length);
                return false;
            }

            if (!reader.TryReadUInt8LengthPrefixed(out _))
            {
                error = new TlsError(TlsErrorCode.Truncated, 2);
                return false;
            }

            if (!reader.IsEmpty)
            {
                error = new TlsError(TlsErrorCode.TrailingData, reader.Position);
                return false;
            }

            error = default;
            request = new HelloVerifyRequest(body);
            return true;
        }
    }
}
