using System;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Tsid.Identity;
using HostName = Tsid.Identity.HostName;
using Tsid.Policy;
using Tsid.Tls;
using Xunit;

namespace Tsid.Tests.Identity
{
    /// <summary>
    /// TLS, Identity and Policy ask one host-name scanner (<c>HostNameSyntax</c>) whether a name is a host name; they only
    /// differ in what they call an error (SNI reports an IPv4 literal, Identity a hyphen at a label edge, ...). On names
    /// without those differences their verdicts must agree.
    /// </summary>
    public class HostNameAgreementTests
    {
        private static readonly Gen<string> Names =
            Gen.Elements("a", "Z", "0", "9", "-", "_", ".", "*", " ", ":", "ü", "xn--", new string('q', 60))
                .ArrayOf()
                .Select(parts => string.Concat(parts));

        private static bool SniAccepts(string name)
        {
            SniHostNameStatus status = SniHostName.Validate(Encoding.UTF8.GetBytes(name));
            return status == SniHostNameStatus.Valid || status == SniHostNameStatus.IPv4Literal;
        }

        private static bool ListAccepts(string name) => HostNames.CheckDomain(name.AsSpan(), allowWildcardLabels: false) is null;

        private static bool MatcherAccepts(string name) => HostNameMatcher.IsValidReference(name.AsSpan());

        [FsCheck.Xunit.Property(MaxTest = 500)]
        public Property Sni_policy_lists_and_the_matcher_agree_on_what_a_host_name_is()
        {
            return Prop.ForAll(Arb.From(Names), name =>
            {
                if (name.EndsWith(".", StringComparison.Ordinal))
                {
                    return true; // SNI rejects a trailing dot, the others ignore one: a documented difference
                }

                bool sni = SniAccepts(name);
                return sni == ListAccepts(name) && sni == MatcherAccepts(name);
            });
        }

        [FsCheck.Xunit.Property(MaxTest = 500)]
        public Property A_name_Identity_normalises_is_one_SNI_would_accept_once_lower_cased()
        {
            return Prop.ForAll(Arb.From(Names), name =>
            {
                Span<char> buffer = stackalloc char[HostName.MaxLength];
                if (HostName.Normalize(name.AsSpan(), buffer, out int written, out HostNameFlags flags) != HostNameStatus.Valid
                    || (flags & (HostNameFlags.Wildcard | HostNameFlags.IPv6Literal)) != 0)
                {
                    return true;
                }

                return SniAccepts(buffer.Slice(0, written).ToString());
            });
        }

        [Theory]
        [InlineData("www.example.com", true)]
        [InlineData("_dmarc.example.com", true)]
        [InlineData("192.0.2.1", true)]
        [InlineData("a..b", false)]
        [InlineData("exa mple.com", false)]
        [InlineData("*.example.com", false)]
        [InlineData("b\u00fccher.example", false)]
        [InlineData("host:443", false)]
        public void The_three_callers_give_the_same_verdict(string name, bool expected)
        {
            Assert.Equal(expected, SniAccepts(name));
            Assert.Equal(expected, ListAccepts(name));
            Assert.Equal(expected, MatcherAccepts(name));
        }
    }
}
