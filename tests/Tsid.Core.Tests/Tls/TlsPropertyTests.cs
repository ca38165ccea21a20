using System;
using System.Buffers;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Tsid.Tls;
using static Tsid.Testing.TlsWire;

namespace Tsid.Tests.Tls
{
    /// <summary>
    /// Properties over recorded streams and generated ClientHellos. Each case is built from one generated seed
    /// (reported by FsCheck on failure), so a failing case can be replayed exactly.
    /// </summary>
    public class TlsPropertyTests
    {
        private static readonly string[] Recordings = { "tls12-sni-alpn", "tls13-sni-alpn", "tls12-client-certificate", "tls12-nosni-cisco-chain3" };

        private static Arbitrary<int> Seeds => Arb.From(Gen.Choose(0, int.MaxValue));

        private static Func<int, int> Chunker(System.Random random)
        {
            int max = random.Next(4) switch { 0 => 1, 1 => 8, 2 => 200, _ => 3000 };
            return _ => random.Next(1, max + 1);
        }

        [FsCheck.Xunit.Property(MaxTest = 200)]
        public Property Any_chunking_of_a_recorded_stream_gives_the_one_shot_result() => Prop.ForAll(Seeds, seed =>
        {
            var random = new System.Random(seed);
            string name = Recordings[random.Next(Recordings.Length)];
            (byte[] c2s, byte[] s2c) = FixtureHandshakeTests.Load(name);
            byte[] stream = random.Next(2) == 0 ? c2s : s2c;
            bool sameFrames = TlsRecordLayerTests.Log(stream, _ => int.MaxValue).SequenceEqual(TlsRecordLayerTests.Log(stream, Chunker(random)));

            var writes = new[] { (true, c2s), (false, s2c) };
            string oneShot = ObserverHarness.Summarize(ObserverHarness.Feed(writes)).Text;
            string chunked = ObserverHarness.Summarize(ObserverHarness.Feed(writes, Chunker(random))).Text;
            return sameFrames && oneShot == chunked;
        });

        [FsCheck.Xunit.Property(MaxTest = 200)]
        public Property A_generated_ClientHello_fragmented_over_records_parses_back_to_its_model() => Prop.ForAll(Seeds, seed =>
        {
            var random = new System.Random(seed);
            HelloModel model = HelloModel.Generate(random);
            byte[] message = Handshake(1, model.Encode());
            byte[] stream = Records(22, message, random.Next(1, 3) == 1 ? random.Next(1, 64) : random.Next(64, 16385));
            List<byte[]> bodies = Reassemble(stream, Chunker(random), out OperationStatus last);
            if (bodies.Count != 1 || last != OperationStatus.NeedMoreData)
            {
                return false;
            }

            return ClientHello.TryParse(bodies[0], out ClientHello hello, out _) && model.Matches(hello);
        });

        [FsCheck.Xunit.Property(MaxTest = 200)]
        public Property A_truncated_hello_needs_more_data_and_never_completes() => Prop.ForAll(Seeds, seed =>
        {
            var random = new System.Random(seed);
            byte[] message = Handshake(1, HelloModel.Generate(random).Encode());
            byte[] stream = Records(22, message, random.Next(1, 5000));
            int cut = random.Next(0, stream.Length);
            List<byte[]> bodies = Reassemble(stream.AsSpan(0, cut).ToArray(), Chunker(random), out OperationStatus last);
            return bodies.Count == 0 && last == OperationStatus.NeedMoreData;
        });

        [FsCheck.Xunit.Property(MaxTest = 300)]
        public Property A_flipped_byte_gives_a_status_never_an_exception() => Prop.ForAll(Seeds, seed =>
        {
            var random = new System.Random(seed);
            string name = Recordings[random.Next(Recordings.Length)];
            (byte[] c2s, byte[] s2c) = FixtureHandshakeTests.Load(name);
            byte[] generated = Records(22, Handshake(1, HelloModel.Generate(random).Encode()), random.Next(1, 3000));
            byte[] target = random.Next(3) switch { 0 => c2s, 1 => s2c, _ => generated };
            byte[] mutated = (byte[])target.Clone();
            int at = random.Next(mutated.Length);
            mutated[at] ^= (byte)random.Next(1, 256);

            // The reassembler, the observer and the message parsers all answer with a status.
            Reassemble(mutated, Chunker(random), out OperationStatus last);
            using TlsConnectionObserver observer = ObserverHarness.Feed(target == s2c ? new[] { (true, c2s), (false, mutated) } : new[] { (true, mutated), (false, s2c) }, Chunker(random));
            ObserverHarness.Summarize(observer);
            ReadOnlySpan<byte> body = mutated.AsSpan(Math.Min(9, mutated.Length));
            ClientHello.TryParse(body, out _, out _);
            ServerHello.TryParse(body, out _, out _);
            CertificateMessage.TryParse(body, out _, out _);
            TlsRecordHeader.Detect(mutated);
            return last == OperationStatus.NeedMoreData || last == OperationStatus.InvalidData || last == OperationStatus.Done;
        });

        [FsCheck.Xunit.Property(MaxTest = 300)]
        public Property A_damaged_stream_gives_the_same_frames_error_and_BytesConsumed_in_any_chunking() => Prop.ForAll(Seeds, seed =>
        {
            // The OperationStatus promise includes where reading stopped: after InvalidData, BytesConsumed ends just
            // after the item that proved it, whether the bytes came in one piece or one at a time.
            var random = new System.Random(seed);
            (byte[] c2s, byte[] s2c) = FixtureHandshakeTests.Load(Recordings[random.Next(Recordings.Length)]);
            byte[] generated = Records(22, Handshake(1, HelloModel.Generate(random).Encode()), random.Next(1, 3000));
            byte[] mutated = (byte[])(random.Next(3) switch { 0 => c2s, 1 => s2c, _ => generated }).Clone();
            for (int flips = random.Next(1, 3); flips > 0; flips--)
            {
                mutated[random.Next(mutated.Length)] ^= (byte)random.Next(1, 256);
            }

            List<string> oneShot = TlsRecordLayerTests.Log(mutated, _ => int.MaxValue);
            List<string> chunked = TlsRecordLayerTests.Log(mutated, Chunker(random));
            return oneShot.SequenceEqual(chunked).Label(string.Join("\n", oneShot) + "\n---\n" + string.Join("\n", chunked));
        });

        private static List<byte[]> Reassemble(byte[] stream, Func<int, int> chunk, out OperationStatus last)
        {
            var bodies = new List<byte[]>();
            using var layer = new TlsRecordLayer();
            last = TlsRecordLayerTests.FeedChunked(layer, stream, chunk, (_, frame) =>
            {
                if (frame.Kind == TlsFrameKind.HandshakeMessage && frame.HandshakeType == TlsHandshakeType.ClientHello)
                {
                    bodies.Add(frame.Body.ToArray());
                }
            });
            return bodies;
        }

        /// <summary>A ClientHello as data: what the test-only writer encodes and the parser must give back.</summary>
        internal sealed class HelloModel
        {
            private static readonly string[] Protocols = { "h2", "http/1.1", "h3", "spdy/3.1", "acme-tls/1", "x" };

            public int LegacyVersion;
            public byte[] Random = Array.Empty<byte>();
            public byte[] SessionId = Array.Empty<byte>();
            public int[] Suites = Array.Empty<int>();
            public List<string> ServerNames = new();
            public List<string> Alpn = new();
            public List<(int Group, int Length)> KeyShares = new();
            public List<(int Type, byte[] Data)> Extensions = new();

            public static HelloModel Generate(System.Random r)
            {
                var m = new HelloModel
                {
                    LegacyVersion = r.Next(2) == 0 ? 0x0303 : 0x0301,
                    Random = Bytes(r, 32),
                    SessionId = Bytes(r, r.Next(2) == 0 ? 0 : r.Next(0, 33)),
                    Suites = Enumerable.Range(0, r.Next(1, 40)).Select(_ => r.Next(5) == 0 ? GreaseValue(r) : r.Next(0, 0x10000)).ToArray(),
                };
                var used = new HashSet<int>();
                void Add(int type, byte[] data)
                {
                    if (used.Add(type))
                    {
                        m.Extensions.Add((type, data));
                    }
                }

                if (r.Next(2) == 0)
                {
                    Add(GreaseValue(r), Bytes(r, r.Next(0, 3)));
                }

                int names = r.Next(0, 5);
                for (int i = 0; i < names; i++)
                {
                    m.ServerNames.Add(HostName(r));
                }

                if (names > 0)
                {
                    Add(0, ServerNameData(m.ServerNames.ToArray()));
                }

                int alpn = r.Next(0, 4);
                for (int i = 0; i < alpn; i++)
                {
                    m.Alpn.Add(Protocols[r.Next(Protocols.Length)]);
                }

                if (alpn > 0)
                {
                    Add(16, AlpnData(m.Alpn.ToArray()));
                }

                if (r.Next(3) > 0)
                {
                    var shares = new List<byte[]>();
                    foreach (int group in new[] { GreaseValue(r), 0x11ec, 0x001d, 0x0017 })
                    {
                        if (r.Next(3) == 0)
                        {
                            continue;
                        }

                        int length = group == 0x11ec ? 1216 : group == 0x001d ? 32 : group == 0x0017 ? 65 : 1;
                        m.KeyShares.Add((group, length));
                        shares.Add(Concat(U16(group), Vector16(Bytes(r, length))));
                    }

                    Add(51, Vector16(Concat(shares.ToArray())));
                }

                if (r.Next(2) == 0)
                {
                    Add(43, U16List8(GreaseValue(r), 0x0304, 0x0303));
                }

                int unknown = r.Next(0, 12);
                for (int i = 0; i < unknown; i++)
                {
                    int type = r.Next(3) == 0 ? GreaseValue(r) : r.Next(0x0100, 0xfe00);
                    Add(type, Bytes(r, r.Next(0, 40)));
                }

                if (r.Next(3) == 0)
                {
                    Add(21, new byte[r.Next(0, 600)]);
                }

                // Shuffle: extension order is the client's choice and must be kept exactly.
                for (int i = m.Extensions.Count - 1; i > 0; i--)
                {
                    int j = r.Next(i + 1);
                    (m.Extensions[i], m.Extensions[j]) = (m.Extensions[j], m.Extensions[i]);
                }

                return m;
            }

            public byte[] Encode() => ClientHelloBody(Extensions, LegacyVersion, SessionId, Suites, Random);

            public bool Matches(ClientHello hello)
            {
                if ((int)hello.LegacyVersion != LegacyVersion || !hello.Random.SequenceEqual(Random) || !hello.LegacySessionId.SequenceEqual(SessionId))
                {
                    return false;
                }

                var suites = new List<int>();
                foreach (ushort s in hello.CipherSuites)
                {
                    suites.Add(s);
                }

                var extensions = new List<(int, string)>();
                foreach (TlsExtension e in hello.Extensions)
                {
                    extensions.Add(((int)e.Type, Convert.ToHexString(e.Data)));
                }

                var names = new List<string>();
                if (hello.TryGetServerNames(out ServerNameList list))
                {
                    foreach (ServerName n in list)
                    {
                        names.Add(Encoding.ASCII.GetString(n.Name));
                    }
                }

                var alpn = new List<string>();
                if (hello.TryGetAlpn(out ProtocolNameList protocols))
                {
                    foreach (ReadOnlySpan<byte> p in protocols)
                    {
                        alpn.Add(Encoding.ASCII.GetString(p));
                    }
                }

                var shares = new List<(int, int)>();
                if (hello.TryGetKeyShares(out KeyShareList keyShares))
                {
                    foreach (KeyShareEntry k in keyShares)
                    {
                        shares.Add(((int)k.Group, k.KeyExchange.Length));
                    }
                }

                return suites.SequenceEqual(Suites)
                    && extensions.SequenceEqual(Extensions.Select(e => (e.Type, Convert.ToHexString(e.Data))))
                    && names.SequenceEqual(ServerNames)
                    && alpn.SequenceEqual(Alpn)
                    && shares.SequenceEqual(KeyShares)
                    && hello.Extensions.Count == Extensions.Count;
            }

            private static int GreaseValue(System.Random r)
            {
                int n = r.Next(16);
                return (n << 12) | 0x0a00 | (n << 4) | 0x0a;
            }

            private static string HostName(System.Random r)
            {
                int labels = r.Next(1, 5);
                var parts = new string[labels];
                for (int i = 0; i < labels; i++)
                {
                    parts[i] = new string(Enumerable.Range(0, r.Next(1, 20)).Select(_ => (char)('a' + r.Next(26))).ToArray());
                }

                return string.Join(".", parts);
            }

            private static byte[] Bytes(System.Random r, int length)
            {
                byte[] b = new byte[length];
                r.NextBytes(b);
                return b;
            }
        }
    }
}
