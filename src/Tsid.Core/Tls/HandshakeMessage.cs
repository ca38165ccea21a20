using System;

namespace Tsid.Tls
{
    /// <summary>
    /// One handshake message a <see cref="HandshakeMessageReassembler"/> completed (RFC 8446 4:
    /// <c>struct { HandshakeType msg_type; uint24 length; ... } Handshake</c>). <see cref="Body"/> points into the
    /// caller's input or the reassembler's buffers and is valid only until the next call to the reassembler.
    /// </summary>
    public readonly ref struct HandshakeMessage
    {
        internal HandshakeMessage(TlsHandshakeType type, ReadOnlySpan<byte> body, int length, long offset, bool bodySkipped)
        {
            Type = type;
            Body = body;
            Length = length;
            Offset = offset;
            IsBodySkipped = bodySkipped;
        }

        /// <summary>msg_type.</summary>
        public TlsHandshakeType Type { get; }

        /// <summary>The body (without the 4-byte header); empty when <see cref="IsBodySkipped"/>.</summary>
        public ReadOnlySpan<byte> Body { get; }

        /// <summary>The body length on the wire (also when the body was skipped).</summary>
        public int Length { get; }

        /// <summary>The offset of the message's first header byte in the handshake stream.</summary>
        public long Offset { get; }

        /// <summary>True when the message was counted but its body not kept (ServerKeyExchange, CertificateRequest, ServerHelloDone, …).</summary>
        public bool IsBodySkipped { get; }
    }
}
