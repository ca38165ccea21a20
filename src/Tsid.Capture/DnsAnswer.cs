using System.Collections.Generic;

namespace Tsid.Capture
{
    /// <summary>
    /// One address from a DNS response, with the names that lead to it: the queried name first, then each CNAME
    /// target in chain order, ending with the owner name of the A/AAAA record. Names are lower-case, without the
    /// trailing dot; octets outside printable ASCII are written as <c>\DDD</c> (RFC 4343 2.1).
    /// </summary>
    public sealed class DnsAnswer
    {
        internal DnsAnswer(PacketAddress address, IReadOnlyList<string> names, uint timeToLive, long timestampNanoseconds)
        {
            Address = address;
            Names = names;
            TimeToLive = timeToLive;
            TimestampNanoseconds = timestampNanoseconds;
        }

        /// <summary>The address of an A (IPv4) or AAAA (IPv6) answer.</summary>
        public PacketAddress Address { get; }

        /// <summary>The queried name (when the chain reaches it), CNAME targets, then the record's owner name; never empty.</summary>
        public IReadOnlyList<string> Names { get; }

        /// <summary>The name the client asked for (the first of <see cref="Names"/>).</summary>
        public string QueryName => Names[0];

        /// <summary>The address record's TTL in seconds.</summary>
        public uint TimeToLive { get; }

        /// <summary>Capture time of the response, ns since the Unix epoch (0 when read outside a capture).</summary>
        public long TimestampNanoseconds { get; }

        /// <summary>"address → name, name" for logs.</summary>
        public override string ToString() => Address.ToString() + " -> " + string.Join(", ", Names);
    }
}
