using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;
using Tsid.Docs.Tests.Samples;
using Tsid.Docs.Tests.Support;
using Xunit;

namespace Tsid.Docs.Tests
{
    /// <summary>Runs the blocks of docs/tls.md on the recorded handshakes.</summary>
    public class TlsSampleTests
    {
        [Fact]
        public void Describe_prints_what_the_docs_show_for_the_tls12_recording()
        {
            (byte[] c2s, byte[] s2c) = Fixture.Recording(Fixture.Tls12SniAlpn);
            string described = TlsSamples.CallDescribe(new[] { (true, c2s), (false, s2c) });

            // docs: sni=tls-test.example version=Tls12 certificate=Visible chain=1 leaf=… bytes
            Match match = Regex.Match(described, "^sni=tls-test\\.example version=Tls12 certificate=Visible chain=1 leaf=([0-9]+) bytes$");
            Assert.True(match.Success, described);
            int leafLength = int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(leafLength, 500, 2000); // a self-signed RSA-2048 certificate
        }

        [Fact]
        public void Describe_gives_the_same_answer_for_any_chunking()
        {
            (byte[] c2s, byte[] s2c) = Fixture.Recording(Fixture.Tls12SniAlpn);
            string whole = TlsSamples.CallDescribe(new[] { (true, c2s), (false, s2c) });

            var chunks = new List<(bool, byte[])>();
            Chunk(chunks, true, c2s, 7);
            Chunk(chunks, false, s2c, 13);

            Assert.Equal(whole, TlsSamples.CallDescribe(chunks));
        }

        [Fact]
        public void Describe_reports_the_encrypted_certificate_of_tls13()
        {
            (byte[] c2s, byte[] s2c) = Fixture.Recording(Fixture.Tls13SniAlpn);
            Assert.Equal("sni=tls-test.example version=Tls13 certificate=EncryptedTls13", TlsSamples.CallDescribe(new[] { (true, c2s), (false, s2c) }));
        }

        [Fact]
        public void Describe_reports_the_chain_of_three_without_sni()
        {
            (byte[] c2s, byte[] s2c) = Fixture.Recording(Fixture.SeedRecording);
            string described = TlsSamples.CallDescribe(new[] { (true, c2s), (false, s2c) });
            Assert.Matches("^sni=\\(none\\) version=Tls12 certificate=Visible chain=3 leaf=[0-9]+ bytes$", described);
        }

        [Fact]
        public void Describe_stops_at_bytes_that_are_not_tls_and_says_where()
        {
            byte[] http = "GET / HTTP/1.1\r\n\r\n"u8.ToArray();
            Assert.Equal("sni=(none) version=None certificate=Unknown errors=NotTls@0/None", TlsSamples.CallDescribe(new[] { (true, http) }));
        }

        [Fact]
        public void The_record_layer_loop_finds_the_sni_and_goes_dark()
        {
            (byte[] c2s, _) = Fixture.Recording(Fixture.Tls13SniAlpn);
            (string? sni, bool encrypted, int left) = TlsSamples.RecordLayerLoop(c2s);
            Assert.Equal("tls-test.example", sni);
            Assert.True(encrypted);
            Assert.Equal(0, left);
        }

        [Fact]
        public void The_record_layer_loop_waits_for_the_rest_of_a_cut_hello()
        {
            (byte[] c2s, _) = Fixture.Recording(Fixture.Tls12SniAlpn);
            (string? sni, bool encrypted, int left) = TlsSamples.RecordLayerLoop(c2s.AsSpan(0, 60).ToArray());
            Assert.Null(sni);
            Assert.False(encrypted);
            Assert.Equal(0, left); // NeedMoreData: everything taken
        }

        [Fact]
        public void The_reassembler_reads_frames_given_last_first()
        {
            byte[] handshake = Fixture.HandshakeBytes(Fixture.Recording(Fixture.Tls13SniAlpn).C2S);
            int half = handshake.Length / 2;
            var frames = new List<(long, byte[])>
            {
                (half, handshake.AsSpan(half).ToArray()),
                (0, handshake.AsSpan(0, half + 10).ToArray()), // overlaps the frame held
            };

            (string? sni, long next) = TlsSamples.ReassembleFrames(frames);

            Assert.Equal("tls-test.example", sni);
            Assert.Equal(handshake.Length, next);
        }

        [Fact]
        public void The_reassembler_holds_frames_until_the_gap_is_filled()
        {
            byte[] handshake = Fixture.HandshakeBytes(Fixture.Recording(Fixture.Tls13SniAlpn).C2S);
            (string? sni, long next) = TlsSamples.ReassembleFrames(new[] { (100L, handshake.AsSpan(100).ToArray()) });
            Assert.Null(sni);
            Assert.Equal(0, next);
        }

        private static void Chunk(List<(bool, byte[])> chunks, bool fromClient, byte[] bytes, int size)
        {
            for (int at = 0; at < bytes.Length; at += size)
            {
                chunks.Add((fromClient, bytes.AsSpan(at, Math.Min(size, bytes.Length - at)).ToArray()));
            }
        }
    }
}
