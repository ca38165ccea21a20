using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Text;

namespace Tsid.Capture
{
    /// <summary>
    /// Reads the A and AAAA answers of a DNS response (RFC 1035 4.1) and maps each address to the name that was
    /// queried, following CNAME chains. Never throws on malformed messages; bounded work and allocation
    /// (names are strings: DNS is off the TLS hot path).
    /// </summary>
    public static class DnsResponseReader
    {
        /// <summary>Most compression pointers followed while reading one name.</summary>
        public const int MaxPointerJumps = 16;

        /// <summary>Longest name in octets, RFC 1035 2.3.4.</summary>
        public const int MaxNameLength = 255;

        /// <summary>Most questions plus answer records read from one message.</summary>
        public const int MaxRecords = 512;

        /// <summary>Longest CNAME chain followed from an address back to the question.</summary>
        public const int MaxChainLength = 16;

        private const ushort TypeA = 1;      // RFC 1035 3.2.2
        private const ushort TypeCname = 5;
        private const ushort TypeAaaa = 28;  // RFC 3596 2.1
        private const ushort ClassIn = 1;

        /// <summary>
        /// Reads <paramref name="message"/> (a DNS message without the TCP length prefix) and appends one
        /// <see cref="DnsAnswer"/> per A/AAAA answer to <paramref name="answers"/>.
        /// </summary>
        /// <param name="message">The DNS message.</param>
        /// <param name="timestampNanoseconds">Stamped on every answer.</param>
        /// <param name="answers">Receives the answers (kept even when an error stops reading later).</param>
        /// <param name="errorOffset">Offset of the damage in <paramref name="message"/>, or -1.</param>
        public static DnsError Read(ReadOnlySpan<byte> message, long timestampNanoseconds, List<DnsAnswer> answers, out int errorOffset)
        {
            if (answers is null)
            {
                throw new ArgumentNullException(nameof(answers));
            }

            errorOffset = -1;

            // Header: ID(2) flags(2) QDCOUNT(2) ANCOUNT(2) NSCOUNT(2) ARCOUNT(2)
            if (message.Length < 12)
            {
                errorOffset = 0;
                return DnsError.Truncated;
            }

            ushort flags = BinaryPrimitives.ReadUInt16BigEndian(message.Slice(2));
            if ((flags & 0x8000) == 0 || ((flags >> 11) & 0xF) != 0)
            {
                errorOffset = 2;
                return DnsError.NotAResponse;
            }

            int questions = BinaryPrimitives.ReadUInt16BigEndian(message.Slice(4));
            int answerCount = BinaryPrimitives.ReadUInt16BigEndian(message.Slice(6));
            if (questions + answerCount > MaxRecords)
            {
                errorOffset = 4;
                return DnsError.TooManyRecords;
            }

            int position = 12;
            string? queryName = null;
            for (int i = 0; i < questions; i++)
            {
                DnsError error = ReadName(message, ref position, out string name, out errorOffset);
                if (error != DnsError.None)
                {
                    return error;
                }

                // QTYPE(2) QCLASS(2)
                if (message.Length - position < 4)
                {
                    errorOffset = position;
                    return DnsError.Truncated;
                }

                position += 4;
                queryName ??= name;
            }

            List<(string Owner, string Target)>? aliases = null;
            List<(string Owner, PacketAddress Address, uint Ttl)>? addresses = null;
            DnsError result = DnsError.None;
            for (int i = 0; i < answerCount; i++)
            {
                int recordStart = position;
                DnsError error = ReadName(message, ref position, out string owner, out errorOffset);
                if (error != DnsError.None)
                {
                    result = error;
                    break;
                }

                // TYPE(2) CLASS(2) TTL(4) RDLENGTH(2) RDATA
                if (message.Length - position < 10)
                {
                    errorOffset = recordStart;
                    result = DnsError.Truncated;
                    break;
                }

                ushort type = BinaryPrimitives.ReadUInt16BigEndian(message.Slice(position));
                ushort recordClass = BinaryPrimitives.ReadUInt16BigEndian(message.Slice(position + 2));
                uint ttl = BinaryPrimitives.ReadUInt32BigEndian(message.Slice(position + 4));
                int length = BinaryPrimitives.ReadUInt16BigEndian(message.Slice(position + 8));
                int data = position + 10;
                if (message.Length - data < length)
                {
                    errorOffset = recordStart;
                    result = DnsError.Truncated;
                    break;
                }

                position = data + length;
                if (recordClass != ClassIn)
                {
                    continue;
                }

                if ((type == TypeA && length == 4) || (type == TypeAaaa && length == 16))
                {
                    (addresses ??= new()).Add((owner, PacketAddress.FromBytes(message.Slice(data, length)), ttl));
                }
                else if (type == TypeCname)
                {
                    int targetPosition = data;
                    DnsError nameError = ReadName(message, ref targetPosition, out string target, out int nameOffset);
                    if (nameError != DnsError.None || targetPosition > data + length)
                    {
                        errorOffset = nameError != DnsError.None ? nameOffset : data;
                        result = nameError != DnsError.None ? nameError : DnsError.Truncated;
                        break;
                    }

                    (aliases ??= new()).Add((owner, target));
                }
            }

            if (addresses is not null)
            {
                foreach ((string owner, PacketAddress address, uint ttl) in addresses)
                {
                    answers.Add(new DnsAnswer(address, Chain(owner, queryName, aliases), ttl, timestampNanoseconds));
                }
            }

            return result;
        }

        /// <summary>The names from the question down to <paramref name="owner"/>, walking CNAME records backwards (bounded, loop-safe).</summary>
        private static IReadOnlyList<string> Chain(string owner, string? queryName, List<(string Owner, string Target)>? aliases)
        {
            var reversed = new List<string>(4) { owner };
            string current = owner;
            for (int step = 0; step < MaxChainLength && aliases is not null && !string.Equals(current, queryName, StringComparison.Ordinal); step++)
            {
                string? previous = null;
                foreach ((string from, string to) in aliases)
                {
                    if (string.Equals(to, current, StringComparison.Ordinal) && !reversed.Contains(from))
                    {
                        previous = from;
                        break;
                    }
                }

                if (previous is null)
                {
                    break;
                }

                reversed.Add(previous);
                current = previous;
            }

            reversed.Reverse();
            return reversed;
        }

        /// <summary>Reads a possibly compressed name (RFC 1035 3.1, 4.1.4) at <paramref name="position"/> and moves past it.</summary>
        private static DnsError ReadName(ReadOnlySpan<byte> message, ref int position, out string name, out int errorOffset)
        {
            name = string.Empty;
            errorOffset = -1;
            var text = new StringBuilder(32);
            int cursor = position;
            int end = -1;
            int jumps = 0;
            int octets = 0;
            int lowestTarget = position;
            while (true)
            {
                if (cursor >= message.Length)
                {
                    errorOffset = cursor;
                    return DnsError.Truncated;
                }

                byte length = message[cursor];
                if ((length & 0xC0) == 0xC0)
                {
                    if (cursor + 1 >= message.Length)
                    {
                        errorOffset = cursor;
                        return DnsError.Truncated;
                    }

                    int target = ((length & 0x3F) << 8) | message[cursor + 1];

                    // Only strictly backwards pointers, each before the last: no loops possible, and the jump count is capped too.
                    if (target >= lowestTarget || ++jumps > MaxPointerJumps)
                    {
                        errorOffset = cursor;
                        return DnsError.InvalidPointer;
                    }

                    if (end < 0)
                    {
                        end = cursor + 2;
                    }

                    lowestTarget = target;
                    cursor = target;
                    continue;
                }

                if ((length & 0xC0) != 0)
                {
                    // 0x40 / 0x80: extended and reserved label types (RFC 6891 5) are not names we can read.
                    errorOffset = cursor;
                    return DnsError.InvalidName;
                }

                octets += length + 1;
                if (octets > MaxNameLength)
                {
                    errorOffset = cursor;
                    return DnsError.InvalidName;
                }

                if (length == 0)
                {
                    position = end < 0 ? cursor + 1 : end;
                    name = text.ToString();
                    return DnsError.None;
                }

                if (message.Length - (cursor + 1) < length)
                {
                    errorOffset = cursor;
                    return DnsError.Truncated;
                }

                if (text.Length != 0)
                {
                    text.Append('.');
                }

                foreach (byte b in message.Slice(cursor + 1, length))
                {
                    AppendOctet(text, b);
                }

                cursor += 1 + length;
            }
        }

        private static void AppendOctet(StringBuilder text, byte b)
        {
            if (b >= (byte)'A' && b <= (byte)'Z')
            {
                text.Append((char)(b + 32));
            }
            else if (b > 0x20 && b < 0x7F && b != (byte)'.' && b != (byte)'\\')
            {
                text.Append((char)b);
            }
            else
            {
                text.Append('\\').Append((char)('0' + (b / 100))).Append((char)('0' + (b / 10 % 10))).Append((char)('0' + (b % 10)));
            }
        }
    }
}
