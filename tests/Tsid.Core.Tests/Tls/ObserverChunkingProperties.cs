using System;
using System.Buffers;
using System.Collections.Generic;
using FsCheck;
using FsCheck.Fluent;
using Tsid.Tests.Support;
using Tsid.Tls;
using Xunit;
using static Tsid.Testing.TlsWire;

namespace Tsid.Tests.Tls
{
    /// <summary>
    /// The observer keeps the <see cref="OperationStatus"/> promise per direction (issue 12): the same damaged bytes,
    /// chunked any way, give the same final status, the same error (code and offset) and the same
    /// <see cref="TlsConnectionObserver.BytesConsumed"/>.
    /// </summary>
    public class ObserverChunkingProperties
    {
        private static readonly string[] Recordings = { "tls12-sni-alpn", "tls13-sni-alpn", "tls12-client-certificate", "tls12-nosni-cisco-chain3" };

        private static Arbitrary<int> Seeds => Arb.From(Gen.Choose(0, int.MaxValue));

        [FsCheck.Xunit.Property(MaxTest = 400)]
        public Property Any_chunking_of_damaged_bytes_gives_the_same_status_error_and_BytesConsumed() => Prop.ForAll(Seeds, seed =>
        {
            var random = new System.Random(seed);
            (byte[] c2s, byte[] s2c) = FixtureHandshakeTests.Load(Recordings[random.Next(Recordings.Length)]);
            if (random.Next(4) == 0)
            {
                c2s = Records(22, Handshake(1, TlsPropertyTests.HelloModel.Generate(random).Encode()), random.Next(1, 3000));
            }

            byte[] client = Damage(c2s, random);
            byte[] server = Damage(s2c, random);
            int max = random.Next(4) switch { 0 => 1, 1 => 7, 2 => 300, _ => 5000 };
            string whole = Outcome(client, server, _ => int.MaxValue);
            string chunked = Outcome(client, server, _ => random.Next(1, max + 1));
            return (whole == chunked).Label(whole + "\n---\n" + chunked);
        });

        [FsCheck.Xunit.Property(MaxTest = 400)]
        public Property Any_chunking_of_damaged_handshake_bytes_fed_without_records_gives_the_same_outcome() => Prop.ForAll(Seeds, seed =>
        {
            // The QUIC/DTLS entry: handshake bytes at offsets. In order, any cut must give the same answer.
            var random = new System.Random(seed);
            (byte[] c2s, byte[] s2c) = FixtureHandshakeTests.Load(Recordings[random.Next(Recordings.Length)]);
            byte[] client = Damage(HandshakeBytes(c2s), random);
            byte[] server = Damage(HandshakeBytes(s2c), random);
            int max = random.Next(4) switch { 0 => 1, 1 => 7, 2 => 300, _ => 5000 };
            string whole = HandshakeOutcome(client, server, _ => int.MaxValue);
            string chunked = HandshakeOutcome(client, server, _ => random.Next(1, max + 1));
            return (whole == chunked).Label(whole + "\n---\n" + chunked);
        });

        /// <summary>
        /// The input the <c>observer</c> fuzz target found (<c>Fixtures/Fuzz/observer-split-handshake-header.bin</c>), split
        /// as the target splits it (byte 0: chunk size, bytes 1-2: client length): a ClientHello header over two records
        /// gave a different error offset in 2-byte chunks than at once (see <c>TlsRecordLayerTests</c>).
        /// </summary>
        [Fact]
        public void The_observer_fuzz_finding_gives_the_same_outcome_whole_and_in_two_byte_chunks()
        {
            byte[] input = Fixture.Bytes("Fuzz/observer-split-handshake-header.bin");
            int split = Math.Min(input.Length - 3, (input[1] << 8) | input[2]);
            byte[] client = input.AsSpan(3, split).ToArray();
            byte[] server = input.AsSpan(3 + split).ToArray();
            string whole = Outcome(client, server, _ => int.MaxValue);
            Assert.StartsWith("client InvalidData ClientHelloTooLarge@11 consumed 14;", whole);
            Assert.Equal(whole, Outcome(client, server, _ => 1 + (input[0] % 64)));
            Assert.Equal(whole, Outcome(client, server, _ => 1));
        }

        private static string HandshakeOutcome(byte[] client, byte[] server, Func<int, int> chunk)
        {
            using var observer = new TlsConnectionObserver();
            OperationStatus clientStatus = FeedHandshake(observer, TlsDirection.ClientToServer, client, chunk);
            OperationStatus serverStatus = FeedHandshake(observer, TlsDirection.ServerToClient, server, chunk);
            return $"client {clientStatus} {observer.ClientError} consumed {observer.BytesConsumed(TlsDirection.ClientToServer)}; "
                + $"server {serverStatus} {observer.ServerError} consumed {observer.BytesConsumed(TlsDirection.ServerToClient)}";
        }

        private static OperationStatus FeedHandshake(TlsConnectionObserver observer, TlsDirection direction, byte[] bytes, Func<int, int> chunk)
        {
            OperationStatus status = OperationStatus.NeedMoreData;
            int offset = 0;
            int n = 0;
            while (offset < bytes.Length)
            {
                int size = Math.Clamp(chunk(n++), 1, bytes.Length - offset);
                status = observer.FeedHandshake(direction, offset, bytes.AsSpan(offset, size));
                offset += size;
            }

            return status;
        }

        /// <summary>The contents of the plaintext handshake records of a recorded stream, concatenated (what QUIC CRYPTO frames carry).</summary>
        private static byte[] HandshakeBytes(byte[] stream)
        {
            var bytes = new List<byte>();
            int at = 0;
            while (at + 5 <= stream.Length)
            {
                int length = (stream[at + 3] << 8) | stream[at + 4];
                if (stream[at] == 22 && at + 5 + length <= stream.Length)
                {
                    bytes.AddRange(new ArraySegment<byte>(stream, at + 5, length));
                }
                else if (stream[at] != 22)
                {
                    break;
                }

                at += 5 + length;
            }

            return bytes.Count == 0 ? new byte[] { 1 } : bytes.ToArray();
        }

        /// <summary>Client bytes then server bytes, each cut by <paramref name="chunk"/>; the final status, error and BytesConsumed of both directions.</summary>
        internal static string Outcome(byte[] client, byte[] server, Func<int, int> chunk)
        {
            using var observer = new TlsConnectionObserver();
            OperationStatus clientStatus = Feed(observer, TlsDirection.ClientToServer, client, chunk);
            OperationStatus serverStatus = Feed(observer, TlsDirection.ServerToClient, server, chunk);
            return $"client {clientStatus} {observer.ClientError} consumed {observer.BytesConsumed(TlsDirection.ClientToServer)}; "
                + $"server {serverStatus} {observer.ServerError} consumed {observer.BytesConsumed(TlsDirection.ServerToClient)}";
        }

        private static OperationStatus Feed(TlsConnectionObserver observer, TlsDirection direction, byte[] bytes, Func<int, int> chunk)
        {
            OperationStatus status = OperationStatus.NeedMoreData;
            ReadOnlySpan<byte> rest = bytes;
            int n = 0;
            while (!rest.IsEmpty)
            {
                int size = Math.Clamp(chunk(n++), 1, rest.Length);
                status = observer.Feed(direction, rest.Slice(0, size));
                rest = rest.Slice(size);
            }

            return status;
        }

        private static byte[] Damage(byte[] bytes, System.Random random)
        {
            byte[] damaged = (byte[])bytes.Clone();
            int flips = random.Next(3);
            for (int i = 0; i < flips; i++)
            {
                damaged[random.Next(damaged.Length)] ^= (byte)random.Next(1, 256);
            }

            if (random.Next(5) == 0)
            {
                Array.Resize(ref damaged, random.Next(damaged.Length));
            }

            return damaged;
        }
    }
}
