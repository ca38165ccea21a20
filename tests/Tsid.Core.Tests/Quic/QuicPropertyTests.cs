using System;
using System.Collections.Generic;
using FsCheck;
using FsCheck.Fluent;
using Tsid.Quic;
using Tsid.Tls;
using V = Tsid.Tests.Quic.QuicVectors;
using W = Tsid.Tests.Quic.QuicTestWriter;

namespace Tsid.Tests.Quic
{
    public class QuicPropertyTests
    {
        private static readonly QuicVersion[] Versions = { QuicVersion.V1, QuicVersion.V2, new QuicVersion(0xff00001d) };

        private static Arbitrary<int> Seeds => Arb.From(Gen.Choose(0, int.MaxValue));

        /// <summary>
        /// Any split of a ClientHello into CRYPTO frames, in any order, with duplicated and overlapping copies, spread
        /// over any number of Initials (later ones with another DCID, RFC 9000 7.2; the keys stay those of the first),
        /// with PING/PADDING between frames, coalesced several to a datagram and padded: the same ClientHello bytes as
        /// the one-shot RFC 9001 A.2 Initial.
        /// </summary>
        [FsCheck.Xunit.Property(MaxTest = 200)]
        public Property Any_CRYPTO_split_order_duplication_and_coalescing_gives_the_one_shot_ClientHello() => Prop.ForAll(Seeds, seed =>
        {
            var random = new Random(seed);
            byte[] hello = V.ClientHelloMessage;
            QuicVersion version = Versions[random.Next(Versions.Length)];

            // Pieces: a random partition, plus overlapping ranges and exact repeats.
            var cuts = new SortedSet<int> { 0, hello.Length };
            int pieces = random.Next(1, 16);
            while (cuts.Count < pieces + 1)
            {
                cuts.Add(random.Next(1, hello.Length));
            }

            var ranges = new List<(int Start, int End)>();
            int previous = -1;
            foreach (int c in cuts)
            {
                if (previous >= 0)
                {
                    ranges.Add((previous, c));
                }

                previous = c;
            }

            int extra = random.Next(0, 6);
            for (int i = 0; i < extra; i++)
            {
                int a = random.Next(hello.Length);
                ranges.Add(random.Next(2) == 0 ? ranges[random.Next(ranges.Count)] : (a, random.Next(a + 1, hello.Length + 1)));
            }

            Shuffle(random, ranges);

            // Frames into packets, packets into datagrams.
            var packets = new List<byte[]>();
            long pn = random.Next(0, 3);
            int at = 0;
            while (at < ranges.Count)
            {
                int take = random.Next(1, 5);
                var frames = new List<byte>();
                for (int k = 0; k < take && at < ranges.Count; k++, at++)
                {
                    if (random.Next(4) == 0)
                    {
                        frames.Add(0x01);
                    }

                    (int s, int e) = ranges[at];
                    frames.AddRange(W.Crypto(s, hello.AsSpan(s, e - s)));
                }

                byte[] dcid = packets.Count == 0 || random.Next(2) == 0 ? V.ClientDcid : V.ServerScid;
                int pnLength = random.Next(1, 5);
                packets.Add(W.Initial(version, false, V.ClientDcid, dcid, default, default, pn, pnLength, frames.ToArray(), random.Next(0, 300)));
                pn += random.Next(1, 3);
            }

            using var o = new QuicConnectionObserver();
            int p = 0;
            while (p < packets.Count)
            {
                int coalesce = random.Next(1, 4);
                var datagram = new List<byte>();
                for (int k = 0; k < coalesce && p < packets.Count; k++)
                {
                    datagram.AddRange(packets[p++]);
                }

                datagram.AddRange(new byte[random.Next(0, 3) * 40]);
                o.Feed(TlsDirection.ClientToServer, datagram.ToArray());
            }

#if TSID_NETSTANDARD_BUILD
            // netstandard2.0 (docs/quic.md): no AES-GCM; the first Initial is reported as DecryptionNotSupported at its first
            // byte and nothing of the hello is read, however it was split.
            bool ok = o.HasError && o.Error.Code == QuicErrorCode.DecryptionNotSupported && o.Error.DatagramIndex == 0 && o.Error.Offset == 0
                && !o.Handshake.ClientHelloSeen && o.GetServerNameString() is null && o.InitialPacketCount == 0;
#else
            bool ok = !o.HasError && o.Handshake.TryGetClientHello(out ClientHello parsed)
                && parsed.Encoded.SequenceEqual(hello.AsSpan(4)) && o.GetServerNameString() == "example.com"
                && o.InitialPacketCount == packets.Count && o.Handshake.ClientHelloCount == 1;
#endif
            return ok.Label("seed " + seed + " " + o.Error);
        });

        /// <summary>Any truncation or corruption of a coalesced client datagram: a status, never an exception; offsets inside the datagram.</summary>
        [FsCheck.Xunit.Property(MaxTest = 300)]
        public Property Corruption_is_a_status_with_an_offset_inside_the_datagram() => Prop.ForAll(Seeds, seed =>
        {
            var random = new Random(seed);
            byte[] d = W.Concat(V.V1ClientInitial, W.Initial(QuicVersion.V1, false, V.ClientDcid, V.ClientDcid, default, default, 3, 2, W.Crypto(0, V.ClientHelloMessage), 10));
            int flips = random.Next(0, 4);
            for (int i = 0; i < flips; i++)
            {
                d[random.Next(d.Length)] = (byte)random.Next(256);
            }

            int length = random.Next(2) == 0 ? d.Length : random.Next(d.Length + 1);
            using var o = new QuicConnectionObserver();
            System.Buffers.OperationStatus status = o.Feed(TlsDirection.ClientToServer, d.AsSpan(0, length));
            bool inside = !o.HasError || (o.Error.Offset >= 0 && o.Error.Offset < Math.Max(1, length));
            bool consistent = (status == System.Buffers.OperationStatus.InvalidData) == o.HasError;
            return (inside && consistent).Label("seed " + seed + " " + o.Error);
        });

        private static void Shuffle<T>(Random random, List<T> list)
        {
            for (int i = list.Count - 1; i > 0; i--)
            {
                int j = random.Next(i + 1);
                (list[i], list[j]) = (list[j], list[i]);
            }
        }
    }
}
