using System;
using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Tsid.Identity;
using HostName = Tsid.Identity.HostName;
using Xunit;

namespace Tsid.Tests.Identity
{
    public class HostNameTests
    {
        private static (HostNameStatus Status, string Name, HostNameFlags Flags) Run(string input, IdnHandling idn = IdnHandling.ConvertToALabels)
        {
            Span<char> buffer = stackalloc char[HostName.MaxLength];
            HostNameStatus status = HostName.Normalize(input.AsSpan(), buffer, out int written, out HostNameFlags flags, idn);
            return (status, buffer.Slice(0, written).ToString(), flags);
        }

        [Theory]
        [InlineData("Tools.Cisco.COM", "tools.cisco.com")]
        [InlineData("tools.cisco.com.", "tools.cisco.com")]
        [InlineData("localhost", "localhost")]
        [InlineData("r2---sn-vh5ouxa-hjuk.googlevideo.com", "r2---sn-vh5ouxa-hjuk.googlevideo.com")]
        [InlineData("_dmarc.example.com", "_dmarc.example.com")]
        public void Valid_names_are_lower_cased_and_lose_the_trailing_dot(string input, string expected)
        {
            var (status, name, _) = Run(input);
            Assert.Equal(HostNameStatus.Valid, status);
            Assert.Equal(expected, name);
        }

        [Fact]
        public void Flags_say_what_changed()
        {
            Assert.Equal(HostNameFlags.CaseFolded | HostNameFlags.TrailingDotRemoved, Run("A.example.com.").Flags);
            Assert.Equal(HostNameFlags.Wildcard, Run("*.example.com").Flags);
            Assert.Equal(HostNameFlags.Wildcard | HostNameFlags.PartialWildcard, Run("f*.example.com").Flags);
            Assert.Equal(HostNameFlags.IPv4Literal, Run("10.42.0.243").Flags);
            Assert.Equal(HostNameFlags.IPv6Literal | HostNameFlags.CaseFolded, Run("2001:DB8::1").Flags);
            Assert.Equal("2001:db8::1", Run("2001:DB8::1").Name);
            Assert.Equal(HostNameFlags.SingleLabel, Run("selks").Flags);
            Assert.Equal(HostNameFlags.IdnALabel, Run("xn--bcher-kva.example").Flags);
            Assert.Equal(HostNameFlags.Underscore, Run("a_b.example.com").Flags);
        }

        [Theory]
        [InlineData("", HostNameStatus.Empty)]
        [InlineData(".", HostNameStatus.Empty)]
        [InlineData("a..b", HostNameStatus.EmptyLabel)]
        [InlineData(".a.b", HostNameStatus.EmptyLabel)]
        [InlineData("a.b..", HostNameStatus.EmptyLabel)]
        [InlineData("LDAP SSL test", HostNameStatus.InvalidCharacter)]
        [InlineData("RSA with p < q", HostNameStatus.InvalidCharacter)]
        [InlineData("-a.example.com", HostNameStatus.HyphenAtLabelEdge)]
        [InlineData("a-.example.com", HostNameStatus.HyphenAtLabelEdge)]
        [InlineData("a.*.example.com", HostNameStatus.InvalidWildcard)]
        [InlineData("**.example.com", HostNameStatus.InvalidWildcard)]
        [InlineData("xn--.example.com", HostNameStatus.HyphenAtLabelEdge)]
        [InlineData("xn--b.example.com", HostNameStatus.InvalidIdn)]
        [InlineData("xn--99999999999999.example.com", HostNameStatus.InvalidIdn)]
        [InlineData("a:b.example.com", HostNameStatus.InvalidCharacter)]
        public void Invalid_names_are_reported_with_a_specific_status(string input, HostNameStatus expected)
        {
            Assert.Equal(expected, Run(input).Status);
        }

        [Fact]
        public void Length_limits_are_enforced()
        {
            string label63 = new('a', 63);
            Assert.Equal(HostNameStatus.Valid, Run(label63 + ".com").Status);
            Assert.Equal(HostNameStatus.LabelTooLong, Run(label63 + "a.com").Status);
            string name253 = string.Join(".", label63, label63, label63, new string('b', 61));
            Assert.Equal(253, name253.Length);
            Assert.Equal(HostNameStatus.Valid, Run(name253).Status);
            Assert.Equal(HostNameStatus.Valid, Run(name253 + ".").Status);
            Assert.Equal(HostNameStatus.TooLong, Run(name253 + "b").Status);
        }

        [Fact]
        public void A_small_destination_is_reported_not_overrun()
        {
            Span<char> small = stackalloc char[5];
            Assert.Equal(HostNameStatus.DestinationTooSmall, HostName.Normalize("example.com".AsSpan(), small, out int written, out _));
            Assert.Equal(0, written);
            Assert.Equal(HostNameStatus.DestinationTooSmall, HostName.Normalize("bücher.de".AsSpan(), small, out _, out _));
        }

        [Theory]
        [InlineData("bücher.example")]
        [InlineData("BÜCHER.example")]
        [InlineData("münchen.de")]
        [InlineData("日本語.jp")]
        [InlineData("xn--bcher-kva.example")]
        [InlineData("παράδειγμα.δοκιμή")]
        [InlineData("пример.рф")]
        [InlineData("例え.テスト")]
        [InlineData("mañana.com")]
        public void Unicode_labels_become_the_same_A_labels_as_IdnMapping(string input)
        {
            string expected = new IdnMapping().GetAscii(input).ToLowerInvariant();
            var (status, name, flags) = Run(input);
            Assert.Equal(HostNameStatus.Valid, status);
            Assert.Equal(expected, name);
            Assert.True((flags & HostNameFlags.IdnALabel) != 0);
        }

        [Fact]
        public void Unicode_can_be_rejected_instead_of_converted()
        {
            Assert.Equal(HostNameStatus.NonAscii, Run("bücher.example", IdnHandling.Reject).Status);
            Assert.True((Run("bücher.example").Flags & HostNameFlags.ConvertedFromUnicode) != 0);
        }

        [Fact]
        public void Ideographic_full_stops_separate_labels()
        {
            Assert.Equal("xn--wgv71a119e.jp", Run("日本語。jp").Name);
        }

        [Fact]
        public void Utf8_bytes_are_decoded_and_bad_utf8_is_reported()
        {
            Span<char> buffer = stackalloc char[HostName.MaxLength];
            byte[] utf8 = Encoding.UTF8.GetBytes("partner.biztosítás.hu");
            Assert.Equal(HostNameStatus.Valid, HostName.Normalize(utf8, buffer, out int written, out _));
            Assert.Equal(new IdnMapping().GetAscii("partner.biztosítás.hu"), buffer.Slice(0, written).ToString());

            Assert.Equal(HostNameStatus.InvalidUtf8, HostName.Normalize(new byte[] { 0x61, 0xC3 }, buffer, out _, out _));
            Assert.Equal(HostNameStatus.InvalidUtf8, HostName.Normalize(new byte[] { 0x61, 0xC0, 0xAF }, buffer, out _, out _));
            Assert.Equal(HostNameStatus.InvalidUtf8, HostName.Normalize(new byte[] { 0xED, 0xA0, 0x80 }, buffer, out _, out _));
        }

        [Fact]
        public void String_convenience_allocates_only_the_result()
        {
            Assert.True(HostName.TryNormalize("WWW.Example.COM.", out string? normalized));
            Assert.Equal("www.example.com", normalized);
            Assert.False(HostName.TryNormalize("not a host", out normalized));
            Assert.Null(normalized);
        }

        [Theory]
        [InlineData("toos.cisco.com", "tools.cisco.com", true)]
        [InlineData("tools.cisco.com", "toos.cisco.com", true)]
        [InlineData("tools.cisco.com", "tools1.cisco.com", true)]
        [InlineData("tools.cisco.com", "tooks.cisco.com", true)]
        [InlineData("TOOS.cisco.com", "tools.cisco.com", true)]
        [InlineData("tools.cisco.com", "tools.cisco.com", false)]
        [InlineData("toos.cisco.com", "tools1.cisco.com", false)]
        [InlineData("a.example.com", "b.example.org", false)]
        [InlineData("", "a", true)]
        [InlineData("ab", "ba", false)]
        public void Near_duplicates_are_exactly_one_edit_apart(string a, string b, bool expected)
        {
            Assert.Equal(expected, HostName.IsNearDuplicate(a.AsSpan(), b.AsSpan()));
            Assert.Equal(expected, HostName.IsNearDuplicate(a.AsSpan(), Encoding.ASCII.GetBytes(b)));
        }

        private static int Levenshtein(string a, string b)
        {
            int[,] d = new int[a.Length + 1, b.Length + 1];
            for (int i = 0; i <= a.Length; i++)
            {
                d[i, 0] = i;
            }

            for (int j = 0; j <= b.Length; j++)
            {
                d[0, j] = j;
            }

            for (int i = 1; i <= a.Length; i++)
            {
                for (int j = 1; j <= b.Length; j++)
                {
                    int cost = char.ToLowerInvariant(a[i - 1]) == char.ToLowerInvariant(b[j - 1]) ? 0 : 1;
                    d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                }
            }

            return d[a.Length, b.Length];
        }

        [FsCheck.Xunit.Property(MaxTest = 300)]
        public Property Near_duplicate_agrees_with_a_reference_Levenshtein()
        {
            Gen<string> small = Gen.Elements('a', 'b', 'o', 'l', '.').ArrayOf().Select(cs => new string(cs, 0, Math.Min(cs.Length, 8)));
            return Prop.ForAll(Arb.From(Gen.Zip(small, small)), pair =>
                HostName.IsNearDuplicate(pair.Item1.AsSpan(), pair.Item2.AsSpan()) == (Levenshtein(pair.Item1, pair.Item2) == 1));
        }

        [FsCheck.Xunit.Property(MaxTest = 300)]
        public Property Normalisation_is_idempotent_and_never_throws()
        {
            Gen<string> names = Gen.Elements("a", "B", ".", "-", "*", "ü", "xn--", "9", "_", " ", ":", "日", "\uD83D\uDE00")
                .ArrayOf().Select(parts => string.Concat(parts));
            return Prop.ForAll(Arb.From(names), input =>
            {
                var (status, name, _) = Run(input);
                if (status != HostNameStatus.Valid)
                {
                    return name.Length == 0;
                }

                var again = Run(name);
                return again.Status == HostNameStatus.Valid && again.Name == name;
            });
        }
    }
}
