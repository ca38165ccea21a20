using System;

namespace Tsid.Dtls
{
    /// <summary>
    /// Telling DTLS datagrams apart from the other protocols that share a UDP port: the RFC 7983 first-byte
    /// demultiplexer, and a cheap plausibility check of a datagram's first DTLS record.
    /// </summary>
    public static class DtlsRecord
    {
        /// <summary>The DTLS 1.0/1.2 record header length (RFC 6347 4.1): type, version, epoch, 48-bit sequence number, length.</summary>
        public const int HeaderLength = 13;

        /// <summary>The DTLS handshake header length (RFC 6347 4.2.2): msg_type, length, message_seq, fragment_offset, fragment_length.</summary>
        public const int HandshakeHeaderLength = 12;

        /// <summary>
        /// The longest record body accepted: 2^14 plus 2048 bytes of protection overhead (RFC 6347 4.1 refers to
        /// RFC 5246 6.2.3 <c>TLSCiphertext</c>).
        /// </summary>
        public const int MaxRecordLength = (1 << 14) + 2048;

        /// <summary>
        /// The record version OpenSSL's pre-RFC DTLS (<c>DTLS1_BAD_VER</c>) still sends, as Cisco AnyConnect does;
        /// accepted besides the 0xfeXX versions.
        /// </summary>
        public const ushort BadVersion = 0x0100;

        /// <summary>The content type of a DTLS 1.2 record with a connection ID (RFC 9146 6, <c>tls12_cid</c>).</summary>
        public const byte TlsCidContentType = 25;

        /// <summary>Classifies a datagram by its first byte (RFC 7983 7).</summary>
        /// <param name="datagram">The UDP payload.</param>
        /// <returns>The kind; <see cref="DatagramKind.Unknown"/> when empty or unassigned.</returns>
        public static DatagramKind Classify(ReadOnlySpan<byte> datagram)
        {
            if (datagram.IsEmpty)
            {
                return DatagramKind.Unknown;
            }

            byte first = datagram[0];
            if (first <= 3)
            {
                return DatagramKind.Stun;
            }

            if (first >= 16 && first <= 19)
            {
                return DatagramKind.Zrtp;
            }

            if (first >= 20 && first <= 63)
            {
                return DatagramKind.Dtls;
            }

            if (first >= 64 && first <= 79)
            {
                return DatagramKind.TurnChannel;
            }

            return first >= 128 && first <= 191 ? DatagramKind.RtpRtcp : DatagramKind.Unknown;
        }

        /// <summary>
        /// True when the datagram starts with a plausible DTLS record: a DTLSPlaintext header (RFC 6347 4.1) with a
        /// known content type, a DTLS version and a length that fits, or a DTLS 1.3 unified header (RFC 9147 4) whose
        /// length, when present, fits.
        /// </summary>
        /// <param name="datagram">The UDP payload.</param>
        /// <returns>True when it looks like DTLS.</returns>
        public static bool IsLikelyDtls(ReadOnlySpan<byte> datagram)
        {
            if (Classify(datagram) != DatagramKind.Dtls)
            {
                return false;
            }

            if (DtlsUnifiedHeader.IsUnifiedHeader(datagram[0]))
            {
                return DtlsUnifiedHeader.TryRead(datagram, out DtlsUnifiedHeader unified)
                    && (!unified.HasLength || unified.HeaderLength + unified.Length <= datagram.Length);
            }

            if (!DtlsRecordHeader.TryRead(datagram, out DtlsRecordHeader header) || !IsDtlsVersion(header.Version))
            {
                return false;
            }

            // RFC 9146 6: a tls12_cid record puts a connection ID of negotiated length before its length field.
            if (header.ContentType == TlsCidContentType)
            {
                return true;
            }

            return header.ContentType >= 20 && header.ContentType <= 26
                && IsDtlsVersion(header.Version)
                && header.Length <= MaxRecordLength
                && HeaderLength + header.Length <= datagram.Length;
        }

        /// <summary>True for a DTLS record version: 0xfeXX (DTLS counts down from 0xfeff) or <see cref="BadVersion"/>.</summary>
        /// <param name="version">The wire value.</param>
        /// <returns>True when it is a DTLS version.</returns>
        public static bool IsDtlsVersion(ushort version) => (version >> 8) == 0xfe || version == BadVersion;
    }
}
