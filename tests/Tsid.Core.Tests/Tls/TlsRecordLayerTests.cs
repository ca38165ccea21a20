using System;
using System.Buffers;
using System.Collections.Generic;
using System.Security.Cryptography;
using Tsid.Tests.Support;
using Tsid.Tls;
using Xunit;
using static Tsid.Testing.TlsWire;

namespace Tsid.Tests.Tls
{
    public class TlsRecordLayerTests
    {
        /// <summary>Called for each completed frame; the layer is there to be told about a TLS 1.3 ServerHello.</summary>
        internal delegate void FrameVisitor(TlsRecordLayer layer, TlsFrame frame);

        /// <summary>Feeds <paramref name="stream"/> to <paramref name="layer"/> in the given chunk sizes until it ends or is invalid.</summary>
        internal static OperationStatus FeedChunked(TlsRecordLayer layer, byte[] stream, Func<int, int> chunk, FrameVisitor visit)
        {
            int pos = 0;
            int n = 0;
            OperationStatus last = OperationStatus.NeedMoreData;
            while (pos < stream.Length && last != OperationStatus.InvalidData)
            {
                int size = Math.Clamp(chunk(n++), 1, stream.Length - pos);
                ReadOnlySpan<byte> input = stream.AsSpan(pos, size);
                pos += size;
                while (true)
                {
                    last = layer.Read(input, out int consumed, out TlsFrame frame);
                    input = input.Slice(consumed);
                    if (last != OperationStatus.Done)
                    {
                        break;
                    }

                    visit(layer, frame);
                }
            }

            return last;
        }

        /// <summary>
        /// Feeds <paramref name="stream"/> in the given chunk sizes and logs every frame and the final status. Like the
        /// observer, it parses each ServerHello and tells the record layer when the server selected TLS 1.3.
        /// </summary>
        internal static List<string> Log(byte[] stream, Func<int, int> chunk, TlsHandshakeLimits? limits = null)
        {
            var log = new List<string>();
            using var recordLayer = new TlsRecordLayer(limits, null);
            OperationStatus last = FeedChunked(recordLayer, stream, chunk, (layer, frame) =>
            {
                log.Add($"{frame.Kind} {frame.HandshakeType} len={frame.Length} at={frame.StreamOffset} skipped={frame.IsBodySkipped} body={Convert.ToHexString(SHA256.HashData(frame.Body))[..16]}");
                if (frame.Kind == TlsFrameKind.HandshakeMessage && frame.HandshakeType == TlsHandshakeType.ServerHello
                    && ServerHello.TryParse(frame.Body, out ServerHello hello, out _) && hello.IsTls13)
                {
                    layer.ServerSelectedTls13(hello.IsHelloRetryRequest);
                }
            });
            log.Add($"{last} {recordLayer.Error} encrypted={recordLayer.IsEncrypted} consumed={recordLayer.BytesConsumed} records={recordLayer.RecordCount} opaque={recordLayer.OpaqueRecordCount}");
            return log;
        }

        private static byte[] Hello(string sni) => Handshake(1, ClientHelloBody(new (int, byte[])[] { (0, ServerNameData(sni)) }));

        [Fact]
        public void A_hello_split_over_records_and_fed_byte_by_byte_equals_one_shot()
        {
            byte[] hello = Handshake(1, ClientHelloBody(new (int, byte[])[] { (0, ServerNameData("split.example")), (51, Vector16(Concat(U16(0x11ec), Vector16(new byte[1216])))) }));
            byte[] stream = Records(22, hello, 100);
            List<string> oneShot = Log(stream, _ => int.MaxValue);
            Assert.Equal(2, oneShot.Count);
            Assert.StartsWith("HandshakeMessage ClientHello len=" + (hello.Length - 4) + " at=5 skipped=False", oneShot[0]);
            Assert.Equal(oneShot, Log(stream, _ => 1));
            Assert.Equal(oneShot, Log(stream, i => 1 + (i * 7 % 13)));
        }

        [Fact]
        public void Several_messages_in_one_record_come_out_one_by_one()
        {
            byte[] flight = Concat(
                Handshake(2, ServerHelloBody(0x0303, 0xc02f, null)),
                Handshake(11, CertificateBody(new byte[] { 0x30, 0x03, 1, 2, 3 })),
                Handshake(12, new byte[300]),
                Handshake(14, Array.Empty<byte>()));
            List<string> log = Log(Record(22, flight, 0x0303), _ => int.MaxValue);
            Assert.Equal(5, log.Count);
            Assert.StartsWith("HandshakeMessage ServerHello", log[0]);
            Assert.StartsWith("HandshakeMessage Certificate", log[1]);
            Assert.StartsWith("HandshakeMessage ServerKeyExchange len=300 at=", log[2]);
            Assert.Contains("skipped=True", log[2]);
            Assert.StartsWith("HandshakeMessage ServerHelloDone len=0", log[3]);
            Assert.StartsWith("NeedMoreData None encrypted=False", log[4]);
        }

        [Fact]
        public void Interleaved_content_type_during_a_fragmented_message_is_an_error()
        {
            byte[] hello = Hello("x.example");
            byte[] stream = Concat(Record(22, hello.AsSpan(0, 10).ToArray()), Record(21, new byte[] { 1, 0 }), Record(22, hello.AsSpan(10).ToArray()));
            List<string> log = Log(stream, _ => int.MaxValue);
            Assert.Equal($"InvalidData InterleavedContentType@{5 + 10} encrypted=False consumed={5 + 10 + 5} records=1 opaque=0", log[^1]);
        }

        [Fact]
        public void Invalid_is_final()
        {
            using var reassembler = new TlsRecordLayer();
            Assert.Equal(OperationStatus.InvalidData, reassembler.Read(new byte[] { 0x47, 0x45, 0x54, 0x20, 0x2f }, out _, out _));
            Assert.Equal(new TlsError(TlsErrorCode.NotTls, 0), reassembler.Error);
            byte[] good = Fixture.Bytes("clienthello-sni-alpn.bin");
            Assert.Equal(OperationStatus.InvalidData, reassembler.Read(good, out int consumed, out _));
            Assert.Equal(0, consumed);
            Assert.True(reassembler.IsInvalid);
            reassembler.Reset();
            Assert.Equal(OperationStatus.Done, reassembler.Read(good, out _, out TlsFrame frame));
            Assert.Equal(TlsHandshakeType.ClientHello, frame.HandshakeType);
        }

        [Fact]
        public void Caps_are_enforced_and_overridable()
        {
            byte[] big = Handshake(1, ClientHelloBody(new (int, byte[])[] { (21, new byte[20000]) }));
            List<string> log = Log(Records(22, big, 16384), _ => int.MaxValue);
            Assert.Equal("InvalidData ClientHelloTooLarge@6", log[^1].Split(' ')[0] + " " + log[^1].Split(' ')[1]);
            List<string> allowed = Log(Records(22, big, 16384), _ => 4096, new TlsHandshakeLimits { MaxClientHelloLength = 32 * 1024 });
            Assert.StartsWith("HandshakeMessage ClientHello len=" + (big.Length - 4), allowed[0]);

            byte[] cert = Handshake(11, CertificateBody(new byte[70000]));
            Assert.Contains("CertificateTooLarge", Log(Records(22, cert, 16384, 0x0303), _ => int.MaxValue)[^1]);
            Assert.Throws<ArgumentOutOfRangeException>(() => new TlsHandshakeLimits { MaxCertificateLength = 10 });
            Assert.Throws<ArgumentException>(() => new TlsRecordLayer(null, new byte[100]));
        }

        /// <summary>
        /// Found by the <c>observer</c> fuzz target: a handshake header split over two records (its type byte alone in the
        /// first) with a length over the cap. The error offset named the second record's header when the bytes came in
        /// small chunks and the length field when they came at once; now it is the length field (stream offset 11, in the
        /// second record) whatever the chunking, and so is a valid message's offset (its type byte, in the first).
        /// </summary>
        [Fact]
        public void A_handshake_header_split_over_records_gives_the_same_offsets_in_any_chunking()
        {
            byte[] stream = Concat(Record(22, new byte[] { 1 }), Record(22, new byte[] { 0x5a, 0x01, 0x6c, 0x03, 0x03 }));
            for (int size = 1; size <= stream.Length; size++)
            {
                List<string> log = Log(stream, _ => size);
                Assert.Equal("InvalidData ClientHelloTooLarge@11 encrypted=False consumed=14 records=2 opaque=0", log[^1]);
            }

            byte[] hello = Handshake(1, ClientHelloBody(new (int, byte[])[] { (0, ServerNameData("split.example")) }));
            byte[] split = Concat(Record(22, hello.AsSpan(0, 1).ToArray()), Record(22, hello.AsSpan(1, 2).ToArray()), Record(22, hello.AsSpan(3).ToArray()));
            for (int size = 1; size <= split.Length; size++)
            {
                Assert.StartsWith("HandshakeMessage ClientHello len=" + (hello.Length - 4) + " at=5 ", Log(split, _ => size)[0]);
            }
        }

        [Fact]
        public void Skipped_messages_are_never_buffered_whatever_their_size()
        {
            byte[] request = Handshake(13, new byte[200000]);
            List<string> log = Log(Records(22, request, 16384, 0x0303), _ => 1000);
            Assert.StartsWith("HandshakeMessage CertificateRequest len=200000 at=5 skipped=True", log[0]);
        }

        [Fact]
        public void After_change_cipher_spec_records_are_opaque()
        {
            byte[] stream = Concat(
                Record(22, Handshake(16, new byte[66]), 0x0303),
                Record(20, new byte[] { 1 }, 0x0303),
                Record(22, new byte[40], 0x0303), // encrypted Finished: looks like garbage
                Record(21, new byte[26], 0x0303), // encrypted alert: odd-looking length is fine now
                Record(23, new byte[100], 0x0303));
            List<string> log = Log(stream, _ => 3);
            Assert.StartsWith("HandshakeMessage ClientKeyExchange", log[0]);
            Assert.StartsWith("ChangeCipherSpec", log[1]);
            Assert.Equal($"NeedMoreData None encrypted=True consumed={stream.Length} records=5 opaque=3", log[2]);
        }

        [Fact]
        public void Tls13_ServerHello_makes_the_rest_opaque_but_HelloRetryRequest_does_not()
        {
            byte[] hrr = Handshake(2, ServerHelloBody(0x0303, 0x1301, new (int, byte[])[] { (43, U16(0x0304)), (51, U16(0x001d)) }, random: ServerHello.HelloRetryRequestRandom.ToArray()));
            byte[] sh = Handshake(2, ServerHelloBody(0x0303, 0x1301, new (int, byte[])[] { (43, U16(0x0304)), (51, Concat(U16(0x001d), Vector16(new byte[32]))) }));
            byte[] stream = Concat(Record(22, hrr, 0x0303), Record(20, new byte[] { 1 }, 0x0303), Record(22, sh, 0x0303), Record(22, new byte[50], 0x0303));
            List<string> log = Log(stream, _ => int.MaxValue);
            Assert.StartsWith("HandshakeMessage ServerHello", log[0]);
            Assert.StartsWith("ChangeCipherSpec", log[1]);
            Assert.StartsWith("HandshakeMessage ServerHello", log[2]);
            Assert.StartsWith("NeedMoreData None encrypted=True", log[3]);
            Assert.Contains("opaque=1", log[3]);
        }

        [Fact]
        public void Alerts_split_across_chunks_are_whole()
        {
            byte[] stream = Record(21, new byte[] { 2, 112, 1, 0 }, 0x0303);
            List<string> log = Log(stream, _ => 1);
            Assert.Equal(3, log.Count);
            Assert.StartsWith("Alert", log[0]);
            using var r = new TlsRecordLayer();
            Assert.Equal(OperationStatus.Done, r.Read(stream, out _, out TlsFrame frame));
            Assert.Equal(TlsAlertLevel.Fatal, frame.AlertLevel);
            Assert.Equal(TlsAlertDescription.UnrecognizedName, frame.AlertDescription);
            Assert.Contains("InvalidAlert", Log(Record(21, new byte[] { 2 }, 0x0303), _ => int.MaxValue)[^1]);
        }

        [Fact]
        public void SSLv2_compatible_ClientHello_is_recognised_then_TLS_follows()
        {
            byte[] v2 = Concat(new byte[] { 1, 3, 1 }, U16(3), U16(0), U16(16), new byte[] { 0, 0, 0x2f }, new byte[16]);
            byte[] stream = Concat(new[] { (byte)(0x80 | (v2.Length >> 8)), (byte)v2.Length }, v2, Record(22, Handshake(16, new byte[10])));
            List<string> log = Log(stream, _ => 2);
            Assert.StartsWith("SslV2ClientHello ClientHello len=" + v2.Length + " at=0", log[0]);
            Assert.StartsWith("HandshakeMessage ClientKeyExchange", log[1]);
            Assert.Equal(TlsStreamKind.SslV2ClientHello, TlsRecordHeader.Detect(stream));
            Assert.True(SslV2ClientHello.TryParse(v2, out SslV2ClientHello parsed, out _));
            Assert.Equal(TlsProtocolVersion.Tls10, parsed.Version);
            Assert.Equal(16, parsed.Challenge.Length);
        }

        [Fact]
        public void Byte_at_a_time_work_is_linear_in_the_stream()
        {
            // A 16 KiB hello fed one byte at a time: every call consumes its byte, none re-reads earlier bytes
            // (the reassembler keeps no per-call state that grows with the message).
            byte[] big = Handshake(1, ClientHelloBody(new (int, byte[])[] { (21, new byte[16000]) }));
            byte[] stream = Records(22, big, 16384);
            using var r = new TlsRecordLayer();
            int done = 0;
            for (int i = 0; i < stream.Length; i++)
            {
                OperationStatus status = r.Read(stream.AsSpan(i, 1), out int consumed, out TlsFrame frame);
                Assert.Equal(1, consumed);
                if (status == OperationStatus.Done)
                {
                    done++;
                    Assert.Equal(stream.Length - 1, i);
                    Assert.True(ClientHello.TryParse(frame.Body, out _, out _));
                }
            }

            Assert.Equal(1, done);
        }
    }
}
