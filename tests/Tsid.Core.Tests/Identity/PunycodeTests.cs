using System;
using System.Globalization;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using Tsid.Identity;
using Xunit;

namespace Tsid.Tests.Identity
{
    public class PunycodeTests
    {
        private static int[] CodePoints(string s)
        {
            var list = new System.Collections.Generic.List<int>();
            for (int i = 0; i < s.Length; i++)
            {
                int cp = char.ConvertToUtf32(s, i);
                if (char.IsHighSurrogate(s[i]))
                {
                    i++;
                }

                list.Add(cp);
            }

            return list.ToArray();
        }

        private static string Encode(string s)
        {
            Span<char> output = stackalloc char[256];
            Assert.True(Punycode.TryEncode(CodePoints(s), output, out int written));
            return output.Slice(0, written).ToString();
        }

        // RFC 3492 7.1 sample strings (A) Arabic (Egyptian), (B) Chinese (simplified), (L) 3<nen>B<gumi><kinpachi><sensei>.
        [Theory]
        [InlineData("\u0644\u064A\u0647\u0645\u0627\u0628\u062A\u0643\u0644\u0645\u0648\u0634\u0639\u0631\u0628\u064A\u061F", "egbpdaj6bu4bxfgehfvwxn")]
        [InlineData("\u4ED6\u4EEC\u4E3A\u4EC0\u4E48\u4E0D\u8BF4\u4E2D\u6587", "ihqwcrb4cv8a8dqg056pqjye")]
        [InlineData("3\u5E74B\u7D44\u91D1\u516B\u5148\u751F", "3B-ww4c5e180e575a65lsy2b")]
        [InlineData("b\u00FCcher", "bcher-kva")]
        public void Rfc3492_samples_encode_and_decode(string unicode, string encoded)
        {
            Assert.Equal(encoded, Encode(unicode));
            Span<int> decoded = stackalloc int[64];
            Assert.True(Punycode.TryDecode(encoded.AsSpan(), decoded, out int count));
            Assert.Equal(CodePoints(unicode), decoded.Slice(0, count).ToArray());
        }

        [Fact]
        public void Encoding_into_a_short_buffer_fails_cleanly()
        {
            Span<char> output = stackalloc char[3];
            Assert.False(Punycode.TryEncode(CodePoints("bücher"), output, out _));
        }

        [Theory]
        [InlineData("99999999999999999")]
        [InlineData("a-!")]
        [InlineData("b")]
        public void Malformed_punycode_is_rejected(string encoded)
        {
            Assert.False(Punycode.TryDecode(encoded.AsSpan(), default, out _));
        }

        [FsCheck.Xunit.Property(MaxTest = 200)]
        public Property Encoding_round_trips_and_agrees_with_IdnMapping()
        {
            Gen<string> labels = Gen.Elements("a", "b", "z", "0", "ü", "é", "ß", "日", "本", "я", "ж", "ä", "ö")
                .NonEmptyListOf().Select(parts => string.Concat(parts.Take(12)));
            return Prop.ForAll(Arb.From(labels), label =>
            {
                string encoded = Encode(label);
                Span<int> decoded = stackalloc int[64];
                bool ok = Punycode.TryDecode(encoded.AsSpan(), decoded, out int count)
                    && decoded.Slice(0, count).SequenceEqual(CodePoints(label));
                bool allAscii = true;
                foreach (char c in label)
                {
                    allAscii &= c < 0x80;
                }

                // IdnMapping (UTS 46) maps ß differently (transitional processing varies), so compare only the other labels.
                if (!allAscii && !label.Contains('ß'))
                {
                    ok &= new IdnMapping().GetAscii(label) == "xn--" + encoded;
                }

                return ok;
            });
        }
    }
}
