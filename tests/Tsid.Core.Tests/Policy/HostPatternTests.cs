using System;
using Tsid.Policy;
using Xunit;

namespace Tsid.Tests.Policy
{
    /// <summary>Each dialect against the examples its product documents (quoted in docs/policy.md).</summary>
    public class HostPatternTests
    {
        private static bool M(string pattern, Dialect dialect, string host, int port = 443) =>
            HostPattern.Parse(pattern, dialect).Matches(host.AsSpan(), port);

        // Cisco FMC "URL Lists and Feeds: URL Syntax and Matching Criteria".
        [Theory]
        [InlineData("example.com", "example.com", true)]
        [InlineData("example.com", "www.example.com", true)]
        [InlineData("example.com", "eu.example.com", true)]
        [InlineData("example.com", "example.co.uk", false)]
        [InlineData("example.com", "examplexyz.com", false)]
        [InlineData("example.com", "example.com.malicious-site.com", false)]
        [InlineData("example.com/", "example.com", true)]
        [InlineData("example.com/", "www.example.com", false)]
        [InlineData("example.*", "example.com", true)]
        [InlineData("example.*", "example.org", true)]
        [InlineData("example.*", "example.de", true)]
        [InlineData("example.*", "example.co.uk", false)]
        [InlineData("*.example.com", "www.example.com", true)]
        [InlineData("*.example.com", "a.b.example.com", true)]
        [InlineData("*.example.com", "example.com", false)]
        [InlineData("www.*.com", "www.cisco.com", true)]
        [InlineData("www.*.com", "www.cisco.org", false)]
        [InlineData("*.example.*", "www.example.net", true)]
        [InlineData("example.*/", "example.net", true)]
        [InlineData("example.*/", "www.example.net", false)]
        [InlineData("www.netflix.com", "www.netflix.com", true)]
        [InlineData("www.amazon.*", "www.amazon.in", true)]
        [InlineData("org", "www.rajiv.org", true)]
        [InlineData("edu", "www.edu.edu", true)]
        [InlineData("org", "org.org", true)]
        [InlineData("edu", "www.edu.org", false)]
        [InlineData("EXAMPLE.com", "WWW.example.COM.", true)]
        [InlineData("https://example.com", "www.example.com", true)]
        public void CiscoSecurityIntelligence(string pattern, string host, bool expected) =>
            Assert.Equal(expected, M(pattern, Dialect.CiscoSecurityIntelligence, host));

        [Theory]
        [InlineData("example*.com")]
        [InlineData("example.com/*")]
        [InlineData("https://www.cisco.com/c/en/us/products/index.html")]
        [InlineData("b\u00fccher.example")]
        [InlineData("a..b")]
        [InlineData("")]
        public void CiscoSecurityIntelligence_rejects(string pattern) =>
            Assert.False(HostPattern.TryParse(pattern, Dialect.CiscoSecurityIntelligence, out _, out string? error) && error is null);

        // Cisco FMC "URL Objects": ign.com matches ign.com and www.ign.com, not verisign.com.
        [Theory]
        [InlineData("ign.com", "ign.com", true)]
        [InlineData("ign.com", "www.ign.com", true)]
        [InlineData("ign.com", "verisign.com", false)]
        [InlineData("ign.com", "ign.com.evil.net", false)]
        [InlineData("ign.com/", "www.ign.com", true)]
        [InlineData("ign.com/", "verisign.com", false)]
        [InlineData(".ign.com/", "verisign.com", false)]
        [InlineData("https://www.ign.com/", "www.ign.com", true)]
        [InlineData("ign.com/games", "www.ign.com", false)]
        public void CiscoUrlObject(string pattern, string host, bool expected) =>
            Assert.Equal(expected, M(pattern, Dialect.CiscoUrlObject, host));

        [Fact]
        public void CiscoUrlObject_rejects_wildcards_without_a_path() =>
            Assert.False(HostPattern.TryParse("*.ign.com", Dialect.CiscoUrlObject, out _, out _));

        // Squid acl dstdomain: ".foo.com" matches foo.com and www.foo.com; "foo.com" only foo.com.
        [Theory]
        [InlineData(".foo.com", "foo.com", true)]
        [InlineData(".foo.com", "www.foo.com", true)]
        [InlineData(".foo.com", "snafoo.com", false)]
        [InlineData("foo.com", "foo.com", true)]
        [InlineData("foo.com", "www.foo.com", false)]
        [InlineData("foo.com", "snafoo.com", false)]
        [InlineData(".lrrr.org", "am.lrrr.org", true)]
        public void SquidDstdomain(string pattern, string host, bool expected) =>
            Assert.Equal(expected, M(pattern, Dialect.SquidDstdomain, host));

        // Chromium "URL Blocklist filter format".
        [Theory]
        [InlineData("example.com", "example.com", true)]
        [InlineData("example.com", "www.example.com", true)]
        [InlineData("example.com", "sub.www.example.com", true)]
        [InlineData(".www.example.com", "www.example.com", true)]
        [InlineData(".www.example.com", "sub.www.example.com", false)]
        [InlineData("*", "anything.example", true)]
        [InlineData("https://example.com", "www.example.com", true)]
        [InlineData("wss://example.com", "example.com", true)]
        [InlineData("http://example.com", "example.com", false)]
        [InlineData("example.com:443", "example.com", true)]
        [InlineData("example.com:8443", "example.com", false)]
        [InlineData("example.com/", "example.com", true)]
        [InlineData("example.com.", "example.com", true)]
        [InlineData("example.com/path", "example.com", false)]
        [InlineData("https://user:pass@example.com#frag", "example.com", true)]
        [InlineData("HTTPS://Example.COM", "example.com", true)]
        public void ChromeUrlBlocklist(string pattern, string host, bool expected) =>
            Assert.Equal(expected, M(pattern, Dialect.ChromeUrlBlocklist, host, 443));

        [Fact]
        public void ChromeUrlBlocklist_explains_filters_that_cannot_match_TLS()
        {
            Assert.NotNull(HostPattern.Parse("example.com/path", Dialect.ChromeUrlBlocklist).NeverMatchesReason);
            Assert.NotNull(HostPattern.Parse("ftp://example.com", Dialect.ChromeUrlBlocklist).NeverMatchesReason);
            Assert.Null(HostPattern.Parse("example.com", Dialect.ChromeUrlBlocklist).NeverMatchesReason);
            Assert.False(HostPattern.TryParse("example.com:99999", Dialect.ChromeUrlBlocklist, out _, out _));
        }

        [Theory]
        [InlineData("tools.cisco.com", "tools.cisco.com", true)]
        [InlineData("tools.cisco.com", "TOOLS.cisco.com.", true)]
        [InlineData("tools.cisco.com", "www.tools.cisco.com", false)]
        [InlineData("tools.cisco.com", "toos.cisco.com", false)]
        public void Exact(string pattern, string host, bool expected) =>
            Assert.Equal(expected, M(pattern, Dialect.Exact, host));

        // RFC 6125 6.4.3: the wildcard is exactly one whole left-most label.
        [Theory]
        [InlineData("*.example.com", "www.example.com", true)]
        [InlineData("*.example.com", "example.com", false)]
        [InlineData("*.example.com", "a.b.example.com", false)]
        [InlineData("*.example.com", "www.example.org", false)]
        [InlineData("www.example.com", "www.example.com", true)]
        public void Wildcard(string pattern, string host, bool expected) =>
            Assert.Equal(expected, M(pattern, Dialect.Wildcard, host));

        [Theory]
        [InlineData("*.com", Dialect.Wildcard)]
        [InlineData("w*.example.com", Dialect.Wildcard)]
        [InlineData("www.*.com", Dialect.Wildcard)]
        [InlineData("*.example.com", Dialect.Exact)]
        [InlineData("*.example.com", Dialect.SquidDstdomain)]
        [InlineData("host name", Dialect.Exact)]
        public void Invalid_patterns_are_rejected_with_a_reason(string pattern, Dialect dialect)
        {
            Assert.False(HostPattern.TryParse(pattern, dialect, out HostPattern? p, out string? error));
            Assert.Null(p);
            Assert.False(string.IsNullOrEmpty(error));
            Assert.Throws<FormatException>(() => HostPattern.Parse(pattern, dialect));
        }

        [Fact]
        public void The_same_text_means_different_things_in_different_dialects()
        {
            // "example.com" covers www.example.com for Cisco and Chrome, not for Squid or Exact.
            Assert.True(M("example.com", Dialect.CiscoSecurityIntelligence, "www.example.com"));
            Assert.True(M("example.com", Dialect.ChromeUrlBlocklist, "www.example.com"));
            Assert.False(M("example.com", Dialect.SquidDstdomain, "www.example.com"));
            Assert.False(M("example.com", Dialect.Exact, "www.example.com"));

            // A leading dot widens Squid but narrows Chrome.
            Assert.True(M(".example.com", Dialect.SquidDstdomain, "www.example.com"));
            Assert.False(M(".example.com", Dialect.ChromeUrlBlocklist, "www.example.com"));
        }
    }
}
