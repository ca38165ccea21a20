using System;
using System.Buffers.Binary;
using System.Collections.Generic;

namespace Tsid.Tests.Support
{
    /// <summary>
    /// DTLS 1.2 flights made from the project's recorded TLS 1.2 handshakes (tests/Tsid.Core.Tests/Fixtures/Tls): each
    /// plaintext handshake message of the TLS stream becomes a DTLS handshake message (RFC 6347 4.2.2 header: message_seq,
    /// fragment_offset 0, fragment_length = length) in its own DTLS record of epoch 0 (RFC 6347 4.1), one record per
    /// datagram. The ClientHello gains the empty cookie DTLS adds after session_id (RFC 6347 4.2.1) and both hellos say
    /// DTLS 1.2 (0xfefd); everything else is the recorded bytes. Reading stops at the first record that is not a handshake
    /// record (ChangeCipherSpec: what follows is encrypted).
    /// </summary>
    internal static class DtlsFlights
    {
        private const ushort Dtls12 = 0xfefd;

        /// <summary>One datagram per handshake message of <paramref name="tlsStream"/>.</summary>
        public static List<byte[]> FromTls(ReadOnlySpan<byte> tlsStream)
        {
            var messages = new List<byte[]>();
            var handshake = new List<byte>();
            int at = 0;
            while (at + 5 <= tlsStream.Length && tlsStream[at] == 22)
            {
                int length = BinaryPrimitives.ReadUInt16BigEndian(tlsStream.Slice(at + 3));
                handshake.AddRange(tlsStream.Slice(at + 5, length).ToArray());
                at += 5 + length;
            }

            byte[] bytes = handshake.ToArray();
            var datagrams = new List<byte[]>();
            int sequence = 0;
            for (int m = 0; m + 4 <= bytes.Length;)
            {
                byte type = bytes[m];
                int length = (bytes[m + 1] << 16) | (bytes[m + 2] << 8) | bytes[m + 3];
                byte[] body = bytes.AsSpan(m + 4, length).ToArray();
                m += 4 + length;
                if (type == 1)
                {
                    body = WithEmptyCookie(body);
                }

                if (type is 1 or 2)
                {
                    BinaryPrimitives.WriteUInt16BigEndian(body, Dtls12);
                }

                datagrams.Add(Record(type, sequence, body));
                sequence++;
            }

            return datagrams;
        }

        private static byte[] WithEmptyCookie(byte[] clientHello)
        {
            // client_version(2) random(32) session_id<0..32>, then DTLS's cookie<0..2^8-1>.
            int sessionEnd = 2 + 32 + 1 + clientHello[34];
            byte[] result = new byte[clientHello.Length + 1];
            clientHello.AsSpan(0, sessionEnd).CopyTo(result);
            result[sessionEnd] = 0;
            clientHello.AsSpan(sessionEnd).CopyTo(result.AsSpan(sessionEnd + 1));
            return result;
        }

        private static byte[] Record(byte type, int messageSequence, byte[] body)
        {
            // DTLSPlaintext: type(1) version(2) epoch(2) sequence_number(6) length(2); then the handshake header
            // msg_type(1) length(3) message_seq(2) fragment_offset(3) fragment_length(3).
            byte[] record = new byte[13 + 12 + body.Length];
            record[0] = 22;
            BinaryPrimitives.WriteUInt16BigEndian(record.AsSpan(1), Dtls12);
            record[10] = (byte)messageSequence;
            BinaryPrimitives.WriteUInt16BigEndian(record.AsSpan(11), (ushort)(12 + body.Length));
            record[13] = type;
            WriteUInt24(record.AsSpan(14), body.Length);
            BinaryPrimitives.WriteUInt16BigEndian(record.AsSpan(17), (ushort)messageSequence);
            WriteUInt24(record.AsSpan(22), body.Length);
            body.CopyTo(record.AsSpan(25));
            return record;
        }

        private static void WriteUInt24(Span<byte> destination, int value)
        {
            destination[0] = (byte)(value >> 16);
            destination[1] = (byte)(value >> 8);
            destination[2] = (byte)value;
        }
    }
}
