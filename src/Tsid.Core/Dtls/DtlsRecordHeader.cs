using System;

namespace Tsid.Dtls
{
    /// <summary>
    /// A DTLS 1.0/1.2 record header (RFC 6347 4.1):
    /// <code>
    /// struct {
    ///     ContentType type;
    ///     ProtocolVersion version;
    ///     uint16 epoch;
    ///     uint48 sequence_number;
    ///     uint16 length;
    ///     opaque fragment[DTLSPlaintext.length];
    /// } DTLSPlaintext;
    /// </code>
    /// DTLS 1.3 sends its plaintext records (ClientHello, ServerHello) in the same form (RFC 9147 4).
    /// </summary>
    public readonly struct DtlsRecordHeader
    {
        private DtlsRecordHeader(byte contentType, ushort version, ushort epoch, long sequenceNumber, int length)
        {
            ContentType = contentType;
            Version = version;
            Epoch = epoch;
            SequenceNumber = sequenceNumber;
            Length = length;
        }

        /// <summary>The content type (20 change_cipher_spec, 21 alert, 22 handshake, 23 application_data, …; open).</summary>
        public byte ContentType { get; }

        /// <summary>The record version (0xfeff DTLS 1.0, 0xfefd DTLS 1.2).</summary>
        public ushort Version { get; }

        /// <summary>The epoch: 0 until the sender's ChangeCipherSpec, then every record is protected.</summary>
        public ushort Epoch { get; }

        /// <summary>The 48-bit record sequence number (for replay detection, RFC 6347 4.1.2.6; not for reassembly).</summary>
        public long SequenceNumber { get; }

        /// <summary>The length of the fragment that follows the header.</summary>
        public int Length { get; }

        /// <summary>Reads the 13-byte header at the start of <paramref name="record"/>; nothing after it is checked.</summary>
        /// <param name="record">Bytes starting at the header.</param>
        /// <param name="header">The header.</param>
        /// <returns>False when fewer than <see cref="DtlsRecord.HeaderLength"/> bytes are given.</returns>
        public static bool TryRead(ReadOnlySpan<byte> record, out DtlsRecordHeader header)
        {
            if (record.Length < DtlsRecord.HeaderLength)
            {
                header = default;
                return false;
            }

            long sequence = 0;
            for (int i = 5; i < 11; i++)
            {
                sequence = (sequence << 8) | record[i];
            }

            header = new DtlsRecordHeader(
                record[0],
                (ushort)((record[1] << 8) | record[2]),
                (ushort)((record[3] << 8) | record[4]),
                sequence,
                (record[11] << 8) | record[12]);
            return true;
        }
    }
}
