using System;

namespace Tsid.Tls
{
    /// <summary>
    /// An SSLv2-compatible ClientHello (RFC 5246 E.2), recognised so that it is reported rather than mis-parsed.
    /// It carries no extensions, hence no server_name.
    /// <code>
    /// uint8 msg_type;             /* 1 */
    /// Version version;
    /// uint16 cipher_spec_length;  /* multiple of 3 */
    /// uint16 session_id_length;
    /// uint16 challenge_length;
    /// V2CipherSpec cipher_specs[V2ClientHello.cipher_spec_length];
    /// opaque session_id[V2ClientHello.session_id_length];
    /// opaque challenge[V2ClientHello.challenge_length];
    /// </code>
    /// </summary>
    public readonly ref struct SslV2ClientHello
    {
        /// <summary>The smallest message: type, version and three lengths.</summary>
        public const int MinLength = 9;

        private SslV2ClientHello(TlsProtocolVersion version, ReadOnlySpan<byte> cipherSpecs, ReadOnlySpan<byte> sessionId, ReadOnlySpan<byte> challenge)
        {
            Version = version;
            CipherSpecs = cipherSpecs;
            SessionId = sessionId;
            Challenge = challenge;
        }

        /// <summary>The highest version the client supports (0x0002 for SSL 2.0, 0x03xx for a TLS-capable client).</summary>
        public TlsProtocolVersion Version { get; }

        /// <summary>The 3-byte cipher specs.</summary>
        public ReadOnlySpan<byte> CipherSpecs { get; }

        /// <summary>The session id.</summary>
        public ReadOnlySpan<byte> SessionId { get; }

        /// <summary>The challenge.</summary>
        public ReadOnlySpan<byte> Challenge { get; }

        /// <summary>Parses the message that follows the 2-byte SSLv2 record header.</summary>
        /// <param name="message">The message (starting with msg_type).</param>
        /// <param name="hello">The view.</param>
        /// <param name="error">What was wrong (offset within <paramref name="message"/>).</param>
        /// <returns>True when well formed.</returns>
        public static bool TryParse(ReadOnlySpan<byte> message, out SslV2ClientHello hello, out TlsError error)
        {
            hello = default;
            var reader = new TlsReader(message);
            if (!reader.TryReadUInt8(out byte type) || !reader.TryReadUInt16(out ushort version)
                || !reader.TryReadUInt16(out ushort cipherLength) || !reader.TryReadUInt16(out ushort sessionLength)
                || !reader.TryReadUInt16(out ushort challengeLength))
            {
                error = new TlsError(TlsErrorCode.Truncated, reader.Position);
                return false;
            }

            if (type != 1 || cipherLength % 3 != 0)
            {
                error = new TlsError(TlsErrorCode.InvalidSslV2ClientHello, type != 1 ? 0 : 3);
                return false;
            }

            if (!reader.TryReadBytes(cipherLength, out ReadOnlySpan<byte> specs) || !reader.TryReadBytes(sessionLength, out ReadOnlySpan<byte> session)
                || !reader.TryReadBytes(challengeLength, out ReadOnlySpan<byte> challenge))
            {
                error = new TlsError(TlsErrorCode.Truncated, reader.Position);
                return false;
            }

            if (!reader.IsEmpty)
            {
                error = new TlsError(TlsErrorCode.TrailingData, reader.Position);
                return false;
            }

            error = default;
            hello = new SslV2ClientHello((TlsProtocolVersion)version, specs, session, challenge);
            return true;
        }
    }
}
