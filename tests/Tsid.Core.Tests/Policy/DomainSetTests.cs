using System;
using System.Linq;
using System.IO;
using System.Text;
using Tsid.Policy;
using Xunit;

namespace Tsid.Tests.Policy
{
    public class DomainSetTests
    {
        [Theory]
        [InlineData("example.com", true)]
        [InlineData("www.example.com", true)]
        [InlineData("a.b.c.example.com", true)]
        [InlineData("WWW.Example.COM", true)]
        [InlineData("www.example.com.", true)]
        [InlineData("xexample.com", false)]
        [InlineData("example.com.evil.net", false)]
        [InlineData("example.co", false)]
        [InlineData("com", false)]
        [InlineData("", false)]
        [InlineData(".", false)]
        public void An_entry_covers_itself_and_its_subdomains_only(string host, bool expected)
        {
            DomainSet set = DomainSet.Parse("example.com\n");
            Assert.Equal(expected, set.Contains(host.AsSpan()));
        }

        [Fact]
        public void TryMatch_reports_where_the_broadest_listed_suffix_starts()
        {
            DomainSet set = DomainSet.Parse("example.com\nwww.example.com\n");
            Assert.True(set.TryMatch("a.www.example.com".AsSpan(), out int start));
            Assert.Equal("example.com", "a.www.example.com".Substring(start));
            Assert.False(set.TryMatch("example.org".AsSpan(), out start));
            Assert.Equal(-1, start);
        }

        [Fact]
        public void A_lone_label_covers_the_whole_TLD()
        {
            DomainSet set = DomainSet.Parse("org");
            Assert.True(set.Contains("www.rajiv.org".AsSpan()));
            Assert.True(set.Contains("org".AsSpan()));
            Assert.False(set.Contains("org.com".AsSpan()));
        }

        [Fact]
        public void Comments_blank_lines_hosts_lines_and_squid_dots_are_read()
        {
            const string text = "# a block list\r\n"
                + "\r\n"
                + "   ads.example   # inline comment\r\n"
                + "0.0.0.0 tracker.example\r\n"
                + "127.0.0.1 localhost\r\n"
                + "::1 ip6-localhost ip6-loopback\r\n"
                + "0.0.0.0 a.example b.example\r\n"
                + ".squid.example\r\n"
                + "trailing.example.\r\n"
                + "ads.example\r\n";
            DomainSet set = DomainSet.Parse(text.AsSpan(), DomainListMode.Strict, out DomainListReport report);
            foreach (string host in new[] { "x.ads.example", "tracker.example", "a.example", "b.example", "squid.example", "www.trailing.example" })
            {
                Assert.True(set.Contains(host.AsSpan()), host);
            }

            Assert.False(set.Contains("localhost".AsSpan()));
            Assert.False(set.Contains("ip6-loopback".AsSpan()));
            Assert.Equal(10, report.Lines);
            Assert.Equal(7, report.Entries);
            Assert.Equal(6, report.Distinct);
            Assert.Equal(6, set.Count);
            Assert.Equal(3, report.Ignored);
            Assert.Equal(0, report.BadLines);
        }

        [Fact]
        public void Strict_mode_fails_listing_every_bad_line_with_its_number()
        {
            const string text = "good.example\nbad name here\n*.wild.example\nexample.com/path\nb\u00fccher.example\nfine.example\na..b\n";
            var ex = Assert.Throws<DomainListFormatException>(() => DomainSet.Parse(text));
            Assert.Equal(5, ex.BadLines);
            Assert.Equal(new[] { 2, 3, 4, 5, 7 }, ex.Errors.Select(e => e.Line));
            Assert.Contains("wildcard", ex.Errors[1].Reason, StringComparison.Ordinal);
            Assert.Contains("punycode", ex.Errors[3].Reason, StringComparison.Ordinal);
            Assert.Contains("line 7", ex.Message, StringComparison.Ordinal);
        }

        [Fact]
        public void Lenient_mode_skips_and_counts_bad_lines()
        {
            const string text = "good.example\nbad name here\n*.wild.example\nfine.example\n";
            DomainSet set = DomainSet.Parse(text.AsSpan(), DomainListMode.Lenient, out DomainListReport report);
            Assert.Equal(2, report.BadLines);
            Assert.Equal(new[] { 2, 3 }, report.Errors.Select(e => e.Line));
            Assert.Equal(2, set.Count);
            Assert.True(set.Contains("www.fine.example".AsSpan()));
            Assert.False(set.Contains("x.wild.example".AsSpan()));
        }

        [Fact]
        public void Only_the_first_errors_are_kept_but_all_are_counted()
        {
            var sb = new StringBuilder();
            for (int i = 0; i < DomainSet.MaxReportedErrors + 20; i++)
            {
                sb.Append("bad/").Append(i).Append('\n');
            }

            DomainSet.Parse(sb.ToString().AsSpan(), DomainListMode.Lenient, out DomainListReport report);
            Assert.Equal(DomainSet.MaxReportedErrors + 20, report.BadLines);
            Assert.Equal(DomainSet.MaxReportedErrors, report.Errors.Count);
        }

        [Fact]
        public void Names_longer_than_RFC_1035_limits_are_rejected()
        {
            string longLabel = new string('a', 64) + ".example";
            string longName = string.Join(".", Enumerable.Repeat("abcdefghi", 26)); // 259 chars
            DomainSet.Parse((longLabel + "\n" + longName).AsSpan(), DomainListMode.Lenient, out DomainListReport report);
            Assert.Equal(2, report.BadLines);
        }

        [Fact]
        public void Utf8_bytes_text_reader_and_string_give_the_same_set()
        {
            const string text = "# k\u00f6nig comment\nalpha.example\n0.0.0.0 beta.example\n";
            byte[] utf8 = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text)).ToArray();
            DomainSet a = DomainSet.Parse(text);
            DomainSet b = DomainSet.ParseUtf8(utf8, DomainListMode.Strict, out DomainListReport rb);
            DomainSet c = DomainSet.Load(new StringReader("\uFEFF" + text));
            Assert.Equal(3, rb.Lines);
            foreach (DomainSet set in new[] { a, b, c })
            {
                Assert.Equal(2, set.Count);
                Assert.True(set.Contains("x.alpha.example".AsSpan()));
                Assert.True(set.Contains("beta.example".AsSpan()));
                Assert.False(set.Contains("gamma.example".AsSpan()));
            }
        }

        [Fact]
        public void Create_rejects_a_bad_name_with_its_position()
        {
            var ex = Assert.Throws<DomainListFormatException>(() => DomainSet.Create(new[] { "ok.example", "no spaces.example" }));
            Assert.Equal(2, ex.Errors[0].Line);
        }

        [Fact]
        public void The_table_stays_within_24_bytes_per_domain()
        {
            for (int n = 1; n <= 5000; n = n * 3 + 1)
            {
                DomainSet set = DomainSet.Create(Enumerable.Range(0, n).Select(i => "host" + i + ".example"));
                Assert.Equal(n, set.Count);
                Assert.True(set.TableBytes <= 24L * n + 32, n + " domains: " + set.TableBytes + " bytes");
            }
        }

        [Fact]
        public void Deep_hosts_beyond_the_deepest_entry_still_match_their_parents()
        {
            DomainSet set = DomainSet.Parse("example.com");
            string deep = string.Concat(Enumerable.Repeat("a.", 100)) + "example.com";
            Assert.True(set.Contains(deep.AsSpan()));
            DomainSet deepSet = DomainSet.Create(new[] { deep });
            Assert.True(deepSet.Contains(("x." + deep).AsSpan()));
            Assert.False(deepSet.Contains("a.example.com".AsSpan()));
        }

        [Fact]
        public void Lookup_allocates_nothing()
        {
            DomainSet set = DomainSet.Create(Enumerable.Range(0, 1000).Select(i => "d" + i + ".example"));
            string hit = "www.d7.example", miss = "www.nope.example";
            set.Contains(hit.AsSpan());
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 100; i++)
            {
                set.Contains(hit.AsSpan());
                set.Contains(miss.AsSpan());
            }

            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        [Fact]
        public void Empty_set_matches_nothing()
        {
            Assert.False(DomainSet.Empty.Contains("example.com".AsSpan()));
            Assert.Equal(0, DomainSet.Parse("# nothing\n\n").Count);
        }
    }
}
