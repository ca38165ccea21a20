using System;

namespace Tsid.Dtls
{
    /// <summary>
    /// The DTLS 1.3 unified header of protected records (RFC 9147 4):
    /// <code>
    ///  0 1 2 3 4 5 6 7
    /// +-+-+-+-+-+-+-+-+
    /// |0|0|1|C|S|L|E E|
    /// +-+-+-+-+-+-+-+-+
    /// | Connection ID |  (if C; its length was negotiated, so an observer cannot skip it)
    /// | 8 or 16 bit   |
    /// |Sequence Number|  (16 bits if S; encrypted, RFC 9147 4.2.3)
    /// | 16 bit Length |  (if L; otherwise the record runs to the end of the datagram)
    /// +-+-+-+-+-+-+-+-+
    /// </code>
    /// Seeing one is how a passive observer knows a DTLS 1.3 connection: everything in it is encrypted.
    /// </summary>
    public readonly struct DtlsUnifiedHeader
    {
        private DtlsUnifiedHeader(byte first, int sequenceNumber, int length, int headerLength)
        {
            FirstByte = first;
            SequenceNumber = sequenceNumber;
            Length = length;
            HeaderLength = headerLength;
        }

        /// <summary>The first byte (0b001CSLEE).</summary>
        public byte FirstByte { get; }

        /// <summary>C: a connection ID follows the first byte.</summary>
        public bool HasConnectionId => (FirstByte & 0x10) != 0;

        /// <summary>The sequence number's length: 2 when S is set, else 1.</summary>
        public int SequenceNumberLength => (FirstByte & 0x08) != 0 ? 2 : 1;

        /// <summary>L: a 16-bit length is present.</summary>
        public bool HasLength => (FirstByte & 0x04) != 0;

        /// <summary>The low two bits of the epoch.</summary>
        public int EpochLowBits => FirstByte & 0x03;

        /// <summary>The (still encrypted) low bits of the sequence number; 0 when a connection ID hides it.</summary>
        public int SequenceNumber { get; }

        /// <summary>The record length when <see cref="HasLength"/>, else 0.</summary>
        public int Length { get; }

        /// <summary>The header length, or 1 when a connection ID (of unknown length) follows the first byte.</summary>
        public int HeaderLength { get; }

        /// <summary>True when <paramref name="first"/> has the unified header's fixed bits 001 (32–63).</summary>
        /// <param name="first">A record's first byte.</param>
        /// <returns>True for a unified header.</returns>
        public static bool IsUnifiedHeader(byte first) => (first & 0xe0) == 0x20;

        /// <summary>
        /// Reads a unified header. With a connection ID only the first byte is read (its length is known only to the
        /// endpoints); otherwise the sequence number and the length when present.
        /// </summary>
        /// <param name="record">Bytes starting at the header.</param>
        /// <param name="header">The header.</param>
        /// <returns>False when the first byte is not a unified header or the header is truncated.</returns>
        public static bool TryRead(ReadOnlySpan<byte> record, out DtlsUnifiedHeader header)
        {
            header = default;
            if (record.IsEmpty || !IsUnifiedHeader(record[0]))
            {
                return false;
            }

            byte first = record[0];
            if ((first & 0x10) != 0)
            {
                header = new DtlsUnifiedHeader(first, 0, 0, 1);
                return true;
            }

            int sequenceLength = (first & 0x08) != 0 ? 2 : 1;
            int headerLength = 1 + sequenceLength + ((first & 0x04) != 0 ? 2 : 0);
            if (record.Length < headerLength)
            {
                return false;
            }

            int sequence = sequenceLength == 2 ? (record[1] << 8) | record[2] : record[1];
            int length = (first & 0x04) != 0 ? (record[1 + sequenceLength] << 8) | record[2 + sequenceLength] : 0;
            header = new DtlsUnifiedHeader(first, sequence, length, headerLength);
            return true;
        }
    }
}
