using System;
using Tsid.Tls;

namespace Tsid.Dtls
{
    /// <summary>
    /// The DTLS handshake header in front of every handshake fragment (RFC 6347 4.2.2):
    /// <code>
    /// struct {
    ///     HandshakeType msg_type;
    ///     uint24 length;
    ///     uint16 message_seq;
    ///     uint24 fragment_offset;
    ///     uint24 fragment_length;
    ///     ...
    /// } Handshake;
    /// </code>
    /// </summary>
    public readonly struct DtlsHandshakeHeader
    {
        private DtlsHandshakeHeader(TlsHandshakeType type, int length, ushort messageSeq, int fragmentOffset, int fragmentLength)
        {
            Type = type;
            Length = length;
            MessageSeq = messageSeq;
            FragmentOffset = fragmentOffset;
            FragmentLength = fragmentLength;
        }

        /// <summary>msg_type.</summary>
        public TlsHandshakeType Type { get; }

        /// <summary>The length of the whole message body (the same in every fragment of it).</summary>
        public int Length { get; }

        /// <summary>message_seq: the message's number in this direction's handshake (0 for the first).</summary>
        public ushort MessageSeq { get; }

        /// <summary>Where this fragment's bytes sit in the message body.</summary>
        public int FragmentOffset { get; }

        /// <summary>How many body bytes this fragment carries.</summary>
        public int FragmentLength { get; }

        /// <summary>True when the fragment lies inside the message (fragment_offset + fragment_length ≤ length).</summary>
        public bool IsWithinMessage => (long)FragmentOffset + FragmentLength <= Length;

        /// <summary>Reads the 12-byte header at the start of <paramref name="fragment"/>; the body is not checked.</summary>
        /// <param name="fragment">Bytes starting at the header.</param>
        /// <param name="header">The header.</param>
        /// <returns>False when fewer than <see cref="DtlsRecord.HandshakeHeaderLength"/> bytes are given.</returns>
        public static bool TryRead(ReadOnlySpan<byte> fragment, out DtlsHandshakeHeader header)
        {
            if (fragment.Length < DtlsRecord.HandshakeHeaderLength)
            {
                header = default;
                return false;
            }

            header = new DtlsHandshakeHeader(
                (TlsHandshakeType)fragment[0],
                (fragment[1] << 16) | (fragment[2] << 8) | fragment[3],
                (ushort)((fragment[4] << 8) | fragment[5]),
                (fragment[6] << 16) | (fragment[7] << 8) | fragment[8],
                (fragment[9] << 16) | (fragment[10] << 8) | fragment[11]);
            return true;
        }
    }
}
