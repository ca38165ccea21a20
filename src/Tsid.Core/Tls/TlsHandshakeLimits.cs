using System;

namespace Tsid.Tls
{
    /// <summary>
    /// Bounds on what a <see cref="HandshakeMessageReassembler"/> buffers: the messages it keeps, and how far ahead of
    /// the stream out-of-order bytes may arrive. Messages it does not need (ServerKeyExchange, CertificateRequest, …)
    /// are skipped and never buffered, whatever their size.
    /// Immutable; <see cref="Default"/> serves every connection.
    /// </summary>
    public sealed class TlsHandshakeLimits
    {
        /// <summary>Default cap on a ClientHello: 16 KiB (Chrome's post-quantum hellos are about 1.8 KB).</summary>
        public const int DefaultMaxClientHelloLength = 16 * 1024;

        /// <summary>Default cap on a Certificate message: 64 KiB (a chain of a few RSA-4096 certificates fits).</summary>
        public const int DefaultMaxCertificateLength = 64 * 1024;

        /// <summary>Default cap on a ServerHello: 16 KiB.</summary>
        public const int DefaultMaxServerHelloLength = 16 * 1024;

        /// <summary>Default cap on a buffered CertificateStatus; a longer one is skipped (reported, not buffered).</summary>
        public const int DefaultMaxCertificateStatusLength = 16 * 1024;

        /// <summary>
        /// Default reorder window: 16 KiB. Out-of-order handshake bytes (QUIC CRYPTO frames, DTLS fragments) are kept
        /// only when they end within this many bytes of the next expected offset; a ClientHello (capped at 16 KiB
        /// too) fits whole. TLS over TCP never needs it.
        /// </summary>
        public const int DefaultMaxReorderWindow = 16 * 1024;

        /// <summary>The largest cap that may be set: the uint24 handshake length (RFC 8446 4).</summary>
        public const int MaxMessageLength = (1 << 24) - 1;

        /// <summary>The smallest cap that may be set.</summary>
        public const int MinMessageLength = 64;

        private readonly int _maxClientHelloLength = DefaultMaxClientHelloLength;
        private readonly int _maxCertificateLength = DefaultMaxCertificateLength;
        private readonly int _maxServerHelloLength = DefaultMaxServerHelloLength;
        private readonly int _maxCertificateStatusLength = DefaultMaxCertificateStatusLength;
        private readonly int _maxReorderWindow = DefaultMaxReorderWindow;

        /// <summary>The defaults.</summary>
        public static TlsHandshakeLimits Default { get; } = new TlsHandshakeLimits();

        /// <summary>Cap on a ClientHello body; a longer one is <see cref="TlsErrorCode.ClientHelloTooLarge"/>.</summary>
        public int MaxClientHelloLength { get => _maxClientHelloLength; init => _maxClientHelloLength = Check(value); }

        /// <summary>Cap on a Certificate body; a longer one is <see cref="TlsErrorCode.CertificateTooLarge"/>.</summary>
        public int MaxCertificateLength { get => _maxCertificateLength; init => _maxCertificateLength = Check(value); }

        /// <summary>Cap on a ServerHello body; a longer one is <see cref="TlsErrorCode.HandshakeMessageTooLarge"/>.</summary>
        public int MaxServerHelloLength { get => _maxServerHelloLength; init => _maxServerHelloLength = Check(value); }

        /// <summary>Cap on a buffered CertificateStatus body; a longer one is passed on with its body skipped.</summary>
        public int MaxCertificateStatusLength { get => _maxCertificateStatusLength; init => _maxCertificateStatusLength = Check(value); }

        /// <summary>
        /// How far beyond the next expected handshake-stream offset out-of-order bytes may end; further is
        /// <see cref="TlsErrorCode.ReorderWindowExceeded"/>. The window is a buffer of this size, rented only while
        /// out-of-order bytes are held.
        /// </summary>
        public int MaxReorderWindow { get => _maxReorderWindow; init => _maxReorderWindow = Check(value); }

        /// <summary>The largest body any message may need buffered under these limits.</summary>
        public int LargestBufferedMessage => Math.Max(Math.Max(_maxClientHelloLength, _maxCertificateLength), Math.Max(_maxServerHelloLength, _maxCertificateStatusLength));

        private static int Check(int value)
        {
            if (value < MinMessageLength || value > MaxMessageLength)
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "A handshake cap must be between 64 and 2^24-1 bytes.");
            }

            return value;
        }
    }
}
