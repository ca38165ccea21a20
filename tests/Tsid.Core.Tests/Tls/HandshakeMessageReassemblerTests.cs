using System;
using System.Buffers;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using FsCheck;
using FsCheck.Fluent;
using Tsid.Tls;
using Xunit;
using static Tsid.Testing.TlsWire;

namespace Tsid.Tests.Tls
{
    /// <summary>
    /// The transport-neutral message reassembler: in-order input (TLS records) and offset input in any order,
    /// overlapping and repeated (QUIC CRYPTO frames; DTLS fragments mapped onto one stream).
    /// </summary>
    public class HandshakeMessageReassemblerTests
    {
        private static readonly TlsHandshakeLimits WideWindow = new() { MaxReorderWindow = 1 << 20 };

        /// <summary>A handshake stream of several messages: a generated ClientHello, a ServerHello, a Certificate, skipped ones.</summary>
        private static byte[] Stream(System.Random random) => Concat(
            Handshake(1, TlsPropertyTests.HelloModel.Generate(random).Encode()),
            Handshake(2, ServerHelloBody(0x0303, 0xc02f, null)),
            Handshake(11, CertificateBody(new byte[random.Next(1, 3000)], new byte[] { 0x30, 0x00 })),
            Handshake(12, new byte[random.Next(0, 500)]),
            Handshake(14, Array.Empty<byte>()));

        private static string Describe(HandshakeMessage m) =>
            $"{m.Type} len={m.Length} at={m.Offset} skipped={m.IsBodySkipped} body={Convert.ToHexString(SHA256.HashData(m.Body))[..16]}";

        /// <summary>Feeds (offset, bytes) pieces in the order given and logs every message and the final status.</summary>
        private static List<string> Log(IEnumerable<(long Offset, byte[] Data)> pieces, TlsHandshakeLimits? limits = null)
        {
            var log = new List<string>();
            using var reassembler = new HandshakeMessageReassembler(limits, null);
            OperationStatus last = OperationStatus.NeedMoreData;
            foreach ((long start, byte[] bytes) in pieces)
            {
                long offset = start;
                ReadOnlySpan<byte> data = bytes;
                while (true)
                {
                    last = reassembler.Read(offset, data, out int consumed, out HandshakeMessage message);
                    offset += consumed;
                    data = data.Slice(consumed);
                    if (last != OperationStatus.Done)
                    {
                        break;
                    }

                    log.Add(Describe(message));
                }

                if (last == OperationStatus.InvalidData)
                {
                    break;
                }
            }

            log.Add($"{last} {reassembler.Error} next={reassembler.NextOffset} held={reassembler.ReorderedBytes} incomplete={reassembler.IsMessageIncomplete}");
            return log;
        }

        [FsCheck.Xunit.Property(MaxTest = 300)]
        public Property Any_split_in_any_order_duplicated_and_overlapping_gives_the_in_order_messages() => Prop.ForAll(Arb.From(Gen.Choose(0, int.MaxValue)), seed =>
        {
            var random = new System.Random(seed);
            byte[] stream = Stream(random);
            List<string> inOrder = Log(new[] { (0L, stream) });

            // Cut into at most 30 pieces, add overlapping copies and exact repeats, shuffle.
            var cuts = new SortedSet<int> { 0, stream.Length };
            int n = random.Next(1, 30);
            while (cuts.Count < n + 1)
            {
                cuts.Add(random.Next(1, stream.Length));
            }

            var bounds = new List<int>(cuts);
            var pieces = new List<(long, byte[])>();
            for (int i = 0; i + 1 < bounds.Count; i++)
            {
                pieces.Add((bounds[i], stream.AsSpan(bounds[i], bounds[i + 1] - bounds[i]).ToArray()));
            }

            for (int extra = random.Next(0, 6); extra > 0; extra--)
            {
                int start = random.Next(stream.Length);
                int length = random.Next(1, Math.Min(2000, stream.Length - start) + 1);
                pieces.Add((start, stream.AsSpan(start, length).ToArray()));
            }

            for (int i = pieces.Count - 1; i > 0; i--)
            {
                int j = random.Next(i + 1);
                (pieces[i], pieces[j]) = (pieces[j], pieces[i]);
            }

            List<string> shuffled = Log(pieces, WideWindow);
            return (inOrder.Count == 6 && string.Join("\n", inOrder) == string.Join("\n", shuffled))
                .Label($"pieces={pieces.Count}\n{string.Join("\n", inOrder)}\n---\n{string.Join("\n", shuffled)}");
        });

        [Fact]
        public void A_whole_message_in_one_input_is_a_view_over_the_input()
        {
            byte[] stream = Concat(Handshake(2, ServerHelloBody(0x0303, 0xc02f, null)), Handshake(14, Array.Empty<byte>()));
            using var reassembler = new HandshakeMessageReassembler();
            Assert.Equal(OperationStatus.Done, reassembler.Read(stream, out int consumed, out HandshakeMessage message));
            Assert.True(Unsafe.AreSame(ref MemoryMarshal.GetReference(message.Body), ref stream[4]));
            Assert.Equal(TlsHandshakeType.ServerHello, message.Type);
            Assert.Equal(OperationStatus.Done, reassembler.Read(stream.AsSpan(consumed), out int rest, out HandshakeMessage done));
            Assert.Equal(TlsHandshakeType.ServerHelloDone, done.Type);
            Assert.Equal(stream.Length, consumed + rest);
            Assert.Equal(OperationStatus.NeedMoreData, reassembler.Read(ReadOnlySpan<byte>.Empty, out _, out _));
            Assert.Equal(2, reassembler.MessageCount);
            Assert.Equal(1, reassembler.SkippedMessageCount);
        }

        [Fact]
        public void Bytes_already_read_are_ignored_and_a_gap_holds_everything_after_it()
        {
            byte[] stream = Handshake(1, ClientHelloBody(new (int, byte[])[] { (0, ServerNameData("gap.example")) }));
            using var reassembler = new HandshakeMessageReassembler();
            Assert.Equal(OperationStatus.NeedMoreData, reassembler.Read(10, stream.AsSpan(10), out int kept, out _));
            Assert.Equal(stream.Length - 10, kept);
            Assert.Equal(stream.Length - 10, reassembler.ReorderedBytes);
            Assert.Equal(0, reassembler.NextOffset);

            // The gap, with a repeat of bytes already held: the hello completes from the window.
            Assert.Equal(OperationStatus.Done, reassembler.Read(0, stream.AsSpan(0, 12), out int used, out HandshakeMessage hello));
            Assert.Equal(12, used);
            Assert.True(ClientHello.TryParse(hello.Body, out ClientHello parsed, out _));
            Assert.True(parsed.TryGetServerName(out ReadOnlySpan<byte> name));
            Assert.Equal("gap.example", System.Text.Encoding.ASCII.GetString(name));
            Assert.Equal(stream.Length, reassembler.NextOffset);
            Assert.Equal(0, reassembler.ReorderedBytes);

            // A retransmission of what was read changes nothing.
            Assert.Equal(OperationStatus.NeedMoreData, reassembler.Read(0, stream, out int again, out _));
            Assert.Equal(stream.Length, again);
            Assert.Equal(1, reassembler.MessageCount);
        }

        [Fact]
        public void The_reorder_window_and_the_number_of_gaps_are_bounded()
        {
            var limits = new TlsHandshakeLimits { MaxReorderWindow = 1024 };
            using var far = new HandshakeMessageReassembler(limits, null);
            Assert.Equal(OperationStatus.NeedMoreData, far.Read(1000, new byte[24], out _, out _));
            Assert.Equal(OperationStatus.InvalidData, far.Read(1000, new byte[25], out _, out _));
            Assert.Equal(new TlsError(TlsErrorCode.ReorderWindowExceeded, 1000), far.Error);
            Assert.Equal(OperationStatus.InvalidData, far.Read(ReadOnlySpan<byte>.Empty, out _, out _));

            using var scattered = new HandshakeMessageReassembler();
            for (int i = 0; i < HandshakeMessageReassembler.MaxReorderRanges; i++)
            {
                Assert.Equal(OperationStatus.NeedMoreData, scattered.Read(10 + (i * 10), new byte[5], out _, out _));
            }

            // Filling a gap between two ranges merges them, so the count drops and a new range fits again.
            Assert.Equal(OperationStatus.NeedMoreData, scattered.Read(15, new byte[5], out _, out _));
            Assert.Equal(OperationStatus.NeedMoreData, scattered.Read(1000, new byte[5], out _, out _));
            Assert.Equal(OperationStatus.InvalidData, scattered.Read(2000, new byte[5], out _, out _));
            Assert.Equal(new TlsError(TlsErrorCode.TooManyReorderGaps, 2000), scattered.Error);
        }

        [Fact]
        public void Limits_apply_to_out_of_order_input_at_the_header()
        {
            byte[] big = Handshake(1, ClientHelloBody(new (int, byte[])[] { (21, new byte[20000]) }));
            using var reassembler = new HandshakeMessageReassembler(new TlsHandshakeLimits { MaxReorderWindow = 1 << 16 }, null);
            Assert.Equal(OperationStatus.NeedMoreData, reassembler.Read(4, big.AsSpan(4, 100), out _, out _));
            Assert.Equal(OperationStatus.InvalidData, reassembler.Read(0, big.AsSpan(0, 4), out int consumed, out _));
            Assert.Equal(4, consumed);
            Assert.Equal(new TlsError(TlsErrorCode.ClientHelloTooLarge, 1), reassembler.Error);
        }

        [Fact]
        public void DTLS_fragments_map_onto_the_stream_and_survive_refragmented_retransmission()
        {
            // RFC 6347 4.2.2: every fragment carries msg_type, length, message_seq, fragment_offset, fragment_length.
            // A DTLS transport writes the 4-byte TLS header at the message's start and each fragment after it; a
            // retransmission cut differently overlaps what is held, and the message completes once covered.
            byte[] certificate = CertificateBody(new byte[1500], new byte[700]);
            byte[] serverHello = ServerHelloBody(0xfefd, 0xc02f, null);
            var log = new List<string>();
            using var reassembler = new HandshakeMessageReassembler();
            long start = 0;
            foreach ((byte type, byte[] body, (int Offset, int Length)[] fragments) in new[]
            {
                ((byte)2, serverHello, new[] { (0, serverHello.Length) }),
                ((byte)11, certificate, new[] { (1200, certificate.Length - 1200), (0, 600), (400, 1000), (600, 600) }),
            })
            {
                Feed(reassembler, start, Concat(new[] { type }, U24(body.Length)), log);
                foreach ((int offset, int length) in fragments)
                {
                    Feed(reassembler, start + 4 + offset, body.AsSpan(offset, length).ToArray(), log);
                }

                start += 4 + body.Length;
            }

            Assert.Equal(new[] { "ServerHello len=" + serverHello.Length, "Certificate len=" + certificate.Length }, log);
            Assert.Equal(start, reassembler.NextOffset);

            static void Feed(HandshakeMessageReassembler r, long offset, byte[] bytes, List<string> log)
            {
                ReadOnlySpan<byte> data = bytes;
                while (r.Read(offset, data, out int consumed, out HandshakeMessage m) == OperationStatus.Done)
                {
                    offset += consumed;
                    data = data.Slice(consumed);
                    log.Add($"{m.Type} len={m.Length}");
                }
            }
        }

        [Fact]
        public void The_observer_reads_QUIC_like_CRYPTO_data_in_any_order_like_TLS_records()
        {
            // The TLS 1.3 recording's handshake bytes, without their records, as a QUIC transport would deliver them:
            // CRYPTO frames out of order and overlapping.
            (byte[] c2s, byte[] s2c) = FixtureHandshakeTests.Load("tls13-sni-alpn");
            byte[] clientHandshake = PlaintextHandshakeBytes(c2s);
            byte[] serverHandshake = PlaintextHandshakeBytes(s2c);
            using TlsConnectionObserver reference = ObserverHarness.Feed(new[] { (true, c2s), (false, s2c) });

            using var observer = new TlsConnectionObserver();
            int third = clientHandshake.Length / 3;
            Assert.Equal(OperationStatus.NeedMoreData, observer.FeedHandshake(TlsDirection.ClientToServer, 2 * third, clientHandshake.AsSpan(2 * third)));
            Assert.Equal(OperationStatus.NeedMoreData, observer.FeedHandshake(TlsDirection.ClientToServer, third - 5, clientHandshake.AsSpan(third - 5, third + 10)));
            Assert.False(observer.ClientHelloSeen);
            Assert.Equal(OperationStatus.NeedMoreData, observer.FeedHandshake(TlsDirection.ClientToServer, 0, clientHandshake.AsSpan(0, third)));
            Assert.True(observer.ClientHelloSeen);
            Assert.Equal(OperationStatus.Done, observer.FeedHandshake(TlsDirection.ServerToClient, 0, serverHandshake));
            Assert.Equal(OperationStatus.Done, observer.FeedHandshake(TlsDirection.ServerToClient, serverHandshake.Length, new byte[] { 8, 0, 0, 2 }));

            // The same facts; change_cipher_spec is a record, and there are no records here.
            Assert.True(reference.ChangeCipherSpecCount > 0);
            Assert.Equal((ObserverHarness.Summarize(reference) with { ChangeCipherSpecCount = 0 }).Text, ObserverHarness.Summarize(observer).Text);
            Assert.Equal(TlsCertificateVisibility.EncryptedTls13, observer.ServerCertificateVisibility);
            Assert.Equal(clientHandshake.Length, observer.BytesConsumed(TlsDirection.ClientToServer));
            Assert.Throws<InvalidOperationException>(() => observer.Feed(TlsDirection.ClientToServer, c2s));
        }

        [Fact]
        public void FeedHandshake_errors_carry_handshake_stream_offsets()
        {
            byte[] dup = Handshake(1, ClientHelloBody(new (int, byte[])[] { (23, Array.Empty<byte>()), (23, Array.Empty<byte>()) }));
            using var observer = new TlsConnectionObserver();
            Assert.Equal(OperationStatus.InvalidData, observer.FeedHandshake(TlsDirection.ClientToServer, 0, dup));
            Assert.Equal(new TlsError(TlsErrorCode.DuplicateExtension, dup.Length - 4), observer.ClientError);
            Assert.False(observer.TryGetClientHello(out _));
        }

        /// <summary>The contents of the handshake records before the first record of another type: the handshake stream a transport would carry.</summary>
        internal static byte[] PlaintextHandshakeBytes(byte[] stream)
        {
            var bytes = new List<byte>();
            int pos = 0;
            while (pos + 5 <= stream.Length && stream[pos] == 22)
            {
                int length = (stream[pos + 3] << 8) | stream[pos + 4];
                bytes.AddRange(stream.AsSpan(pos + 5, length).ToArray());
                pos += 5 + length;
            }

            return bytes.ToArray();
        }
    }
}
