using System;

namespace Tsid.Tls
{
    /// <summary>
    /// One item a <see cref="TlsRecordLayer"/> completed: a handshake message (framed by its
    /// <see cref="HandshakeMessageReassembler"/>), an alert, a change_cipher_spec or an SSLv2-compatible ClientHello.
    /// <see cref="Body"/> points into the caller's input or the layer's buffers and is valid only until the next call.
    /// </summary>
    public readonly ref struct TlsFrame
    {
        internal TlsFrame(TlsFrameKind kind, TlsHandshakeType handshakeType, ReadOnlySpan<byte> body, int length, long streamOffset, bool bodySkipped)
        {
            Kind = kind;
            HandshakeType = handshakeType;
            Body = body;
            Length = length;
            StreamOffset = streamOffset;
            IsBodySkipped = bodySkipped;
        }

        /// <summary>What this is.</summary>
        public TlsFrameKind Kind { get; }

        /// <summary>The handshake message type (for <see cref="TlsFrameKind.HandshakeMessage"/>).</summary>
        public TlsHandshakeType HandshakeType { get; }

        /// <summary>
        /// The body: a handshake message without its 4-byte header, the 2 alert bytes, the change_cipher_spec byte,
        /// or the SSLv2 message. Empty when <see cref="IsBodySkipped"/>.
        /// </summary>
        public ReadOnlySpan<byte> Body { get; }

        /// <summary>The body length on the wire (also when the body was skipped).</summary>
        public int Length { get; }

        /// <summary>The offset in this direction's stream of the first byte of the item (the handshake header, the alert, …).</summary>
        public long StreamOffset { get; }

        /// <summary>True when the message was counted but not buffered (ServerKeyExchange, CertificateRequest, ServerHelloDone, …).</summary>
        public bool IsBodySkipped { get; }

        /// <summary>The alert level (for <see cref="TlsFrameKind.Alert"/>).</summary>
        public TlsAlertLevel AlertLevel => Kind == TlsFrameKind.Alert ? (TlsAlertLevel)Body[0] : TlsAlertLevel.None;

        /// <summary>The alert description (for <see cref="TlsFrameKind.Alert"/>).</summary>
        public TlsAlertDescription AlertDescription => Kind == TlsFrameKind.Alert ? (TlsAlertDescription)Body[1] : default;
    }
}
