using System;
using System.Collections.Generic;
using System.Net;
using Tsid.Capture;
using Tsid.Identity;
using Tsid.Inspection.Tests.Support;
using Xunit;

namespace Tsid.Inspection.Tests
{
    /// <summary>The DNS hint cache: TTLs counted in capture time, most recent answer first, bounded.</summary>
    public class DnsHintCacheTests
    {
        private const long Second = 1_000_000_000L;
        private const long T0 = 1_780_000_000L * Second;

        private static readonly PacketAddress Server = PacketAddress.FromIPAddress(IPAddress.Parse("198.51.100.38"));

        [Fact]
        public void A_name_holds_until_its_answer_time_plus_the_ttl_and_not_after()
        {
            var cache = new DnsHintCache(100, 16);
            cache.Add(Answer("tools.cisco.com", ttl: 60, at: T0));

            Assert.Equal(new[] { "tools.cisco.com" }, cache.Lookup(Server, T0 + (59 * Second)));
            Assert.Equal(new[] { "tools.cisco.com" }, cache.Lookup(Server, T0 + (60 * Second)));
            Assert.Empty(cache.Lookup(Server, T0 + (60 * Second) + 1));
        }

        [Fact]
        public void Each_name_expires_on_its_own()
        {
            var cache = new DnsHintCache(100, 16);
            cache.Add(Answer("short.example", ttl: 10, at: T0));
            cache.Add(Answer("long.example", ttl: 100, at: T0 + Second));

            Assert.Equal(new[] { "long.example", "short.example" }, cache.Lookup(Server, T0 + (5 * Second)));
            Assert.Equal(new[] { "long.example" }, cache.Lookup(Server, T0 + (50 * Second)));
        }

        [Fact]
        public void The_most_recent_answer_comes_first_and_a_repeated_name_moves_up()
        {
            var cache = new DnsHintCache(100, 16);
            cache.Add(Answer("a.example", ttl: 300, at: T0));
            cache.Add(Answer("b.example", ttl: 300, at: T0 + Second));
            Assert.Equal(new[] { "b.example", "a.example" }, cache.Lookup(Server, T0 + (2 * Second)));

            cache.Add(Answer("a.example", ttl: 300, at: T0 + (3 * Second)));
            Assert.Equal(new[] { "a.example", "b.example" }, cache.Lookup(Server, T0 + (4 * Second)));
        }

        [Fact]
        public void A_cname_chain_keeps_its_order_query_first()
        {
            var cache = new DnsHintCache(100, 16);
            cache.Add(Answer("www.example", ttl: 300, at: T0, cnames: new[] { "edge.cdn.example" }));

            Assert.Equal(new[] { "www.example", "edge.cdn.example" }, cache.Lookup(Server, T0));
        }

        [Fact]
        public void Names_per_address_are_capped()
        {
            var cache = new DnsHintCache(100, 3);
            for (int i = 0; i < 10; i++)
            {
                cache.Add(Answer("n" + i + ".example", ttl: 300, at: T0 + i));
            }

            Assert.Equal(new[] { "n9.example", "n8.example", "n7.example" }, cache.Lookup(Server, T0 + 20));
        }

        [Fact]
        public void When_full_expired_addresses_go_first_then_everything()
        {
            var cache = new DnsHintCache(2, 16);
            cache.Add(Answer("old.example", ttl: 1, at: T0, address: "192.0.2.1"));
            cache.Add(Answer("kept.example", ttl: 1000, at: T0, address: "192.0.2.2"));
            cache.Add(Answer("new.example", ttl: 1000, at: T0 + (10 * Second), address: "192.0.2.3"));

            Assert.Equal(2, cache.Count);
            Assert.Equal(new[] { "kept.example" }, cache.Lookup(Address("192.0.2.2"), T0 + (11 * Second)));

            // Nothing expired now: the cache starts again, with the new answer only.
            cache.Add(Answer("fourth.example", ttl: 1000, at: T0 + (12 * Second), address: "192.0.2.4"));
            Assert.Equal(1, cache.Count);
            Assert.Equal(new[] { "fourth.example" }, cache.Lookup(Address("192.0.2.4"), T0 + (13 * Second)));
            Assert.Empty(cache.Lookup(Address("192.0.2.2"), T0 + (13 * Second)));
        }

        [Fact]
        public void Repeated_lookups_share_one_array_until_something_changes()
        {
            var cache = new DnsHintCache(100, 16);
            cache.Add(Answer("tools.cisco.com", ttl: 300, at: T0));

            string[] first = cache.Lookup(Server, T0 + Second);
            Assert.Same(first, cache.Lookup(Server, T0 + (2 * Second)));

            cache.Add(Answer("other.example", ttl: 300, at: T0 + (3 * Second)));
            string[] after = cache.Lookup(Server, T0 + (4 * Second));
            Assert.NotSame(first, after);
            Assert.Equal(new[] { "tools.cisco.com" }, first);
        }

        [Theory]
        [InlineData(300u, "tools.cisco.com", IdentitySource.DnsHint)]
        [InlineData(1u, "toos.cisco.com", IdentitySource.FirstSubjectAltName)]
        public void A_connection_after_the_ttl_gets_no_hint(uint ttl, string expectedName, IdentitySource expectedSource)
        {
            byte[] capture = Captures.Make(w =>
            {
                w.WriteDnsResponse(Captures.Resolver, Captures.Client(1), "tools.cisco.com", new[] { Captures.Server.Address }, timeToLive: ttl);
                w.TimestampNanoseconds += 5 * Second;
                Captures.Connection(w, Captures.Client(1), Captures.Tls12NoSniCiscoChain3);
            });

            ConnectionRecord record = Assert.Single(Captures.Records(capture, new InspectionOptions { Resolver = ServerIdentityPresets.HintAware }, out _));

            Assert.Equal(expectedName, record.Identity.Name);
            Assert.Equal(expectedSource, record.Identity.Source);
        }

        private static PacketAddress Address(string text) => PacketAddress.FromIPAddress(IPAddress.Parse(text));

        private static DnsAnswer Answer(string name, uint ttl, long at, string address = "198.51.100.38", IReadOnlyList<string>? cnames = null)
        {
            byte[] message = PcapWriter.BuildDnsResponse(name, new[] { IPAddress.Parse(address) }, cnames, ttl);
            var answers = new List<DnsAnswer>();
            Assert.Equal(DnsError.None, DnsResponseReader.Read(message, at, answers, out _));
            return Assert.Single(answers);
        }
    }
}
