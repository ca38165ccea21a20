using System;
using System.Buffers;
using System.Collections.Generic;
using FsCheck;
using FsCheck.Fluent;
using Tsid.Dtls;
using Tsid.Tls;
using M = Tsid.Tests.Dtls.DtlsTestWriter.Message;
using W = Tsid.Tests.Dtls.DtlsTestWriter;

namespace Tsid.Tests.Dtls
{
    public class DtlsPropertyTests
    {
        private static readonly byte[] ExpectedHello = DtlsFlights.SecondClientHello.Body;
        private static readonly List<M> ServerMessages = Server();

        private static Arbitrary<int> Seeds => Arb.From(Gen.Choose(0, int.MaxValue));

        /// <summary>
        /// Any fragmentation of both flights into fragments (overlapping), records and datagrams, one message also
        /// retransmitted with another fragmentation, datagrams duplicated, in any order and interleaving: the same
        /// ClientHello, SNI and chain as the unfragmented handshake.
        /// </summary>
        [FsCheck.Xunit.Property(MaxTest = 300)]
        public Property Any_fragmentation_order_and_duplication_gives_the_unfragmented_result() => Prop.ForAll(Seeds, seed =>
        {
            var random = new Random(seed);
            var client = Datagrams(random, new List<M> { DtlsFlights.FirstClientHello, DtlsFlights.SecondClientHello });
            var server = Datagrams(random, ServerMessages);
            var limits = new DtlsLimits { MaxPendingFragments = 256, MaxPendingBytes = 64 * 1024 };
            using var o = new DtlsConnectionObserver(limits);
            int c = 0;
            int s = 0;
            while (c < client.Count || s < server.Count)
            {
                bool fromClient = s == server.Count || (c < client.Count && random.Next(2) == 0);
                byte[] d = fromClient ? client[c++] : server[s++];
                o.Feed(fromClient ? TlsDirection.ClientToServer : TlsDirection.ServerToClient, d);
            }

            using DtlsConnectionObserver reference = DtlsFlights.FeedUnfragmented();
            return !o.HasError
                && o.Handshake.ClientHelloCount == 2
                && Same(DtlsFlights.Hello(o), ExpectedHello)
                && o.GetServerNameString() == "tls-test.example"
                && o.HelloVerifyRequestCookieLength == DtlsFlights.Cookie.Length
                && Same(DtlsFlights.Leaf(o), DtlsFlights.Leaf(reference))
                && o.Handshake.TryGetServerCertificates(out CertificateMessage chain) && chain.Count == 3
                && o.Handshake.ServerHelloSeen
                && o.PendingFragmentCount == 0;
        });

        /// <summary>Truncated or bit-flipped datagrams of a real recording: a status, never an exception; an error stays final.</summary>
        [FsCheck.Xunit.Property(MaxTest = 500)]
        public Property A_damaged_recording_gives_a_status_never_an_exception() => Prop.ForAll(Seeds, seed =>
        {
            var random = new Random(seed);
            var datagrams = DtlsRecording.Load(DtlsOpenSslRecordingTests.RecordingName);
            int victim = random.Next(datagrams.Count);
            byte[] data = (byte[])datagrams[victim].Data.Clone();
            if (random.Next(2) == 0)
            {
                data = data.AsSpan(0, random.Next(data.Length)).ToArray();
            }
            else
            {
                for (int k = random.Next(1, 4); k > 0; k--)
                {
                    data[random.Next(data.Length)] ^= (byte)(1 << random.Next(8));
                }
            }

            datagrams[victim] = (datagrams[victim].Direction, data);
            using var o = new DtlsConnectionObserver();
            foreach ((TlsDirection direction, byte[] d) in datagrams)
            {
                bool wasInvalid = (direction == TlsDirection.ClientToServer ? o.ClientError : o.ServerError).IsError;
                OperationStatus status = o.Feed(direction, d);
                if (wasInvalid && status != OperationStatus.InvalidData)
                {
                    return false;
                }

                if (status == OperationStatus.InvalidData && !(direction == TlsDirection.ClientToServer ? o.ClientError : o.ServerError).IsError)
                {
                    return false;
                }
            }

            // Whatever survived reads without throwing.
            _ = o.GetServerNameString();
            _ = DtlsFlights.Leaf(o);
            return true;
        });

        private static List<M> Server()
        {
            var list = new List<M> { DtlsFlights.Verify };
            list.AddRange(DtlsFlights.ServerFlight());
            return list;
        }

        private static bool Same(byte[]? a, byte[]? b) => a is not null && b is not null && a.AsSpan().SequenceEqual(b);

        private static List<byte[]> Datagrams(Random random, List<M> messages)
        {
            var fragments = new List<byte[]>();
            foreach (M m in messages)
            {
                fragments.AddRange(Fragments(random, m));
            }

            // One message retransmitted, fragmented another way.
            fragments.AddRange(Fragments(random, messages[random.Next(messages.Count)]));
            Shuffle(random, fragments);

            var records = new List<byte[]>();
            long sequence = 0;
            for (int i = 0; i < fragments.Count;)
            {
                int take = Math.Min(fragments.Count - i, random.Next(1, 4));
                records.Add(W.Record(22, 0, sequence++, W.Concat(fragments.GetRange(i, take).ToArray())));
                i += take;
            }

            var datagrams = new List<byte[]>();
            for (int i = 0; i < records.Count;)
            {
                int take = Math.Min(records.Count - i, random.Next(1, 4));
                datagrams.Add(W.Concat(records.GetRange(i, take).ToArray()));
                i += take;
            }

            for (int k = random.Next(0, 3); k > 0; k--)
            {
                datagrams.Add(datagrams[random.Next(datagrams.Count)]);
            }

            Shuffle(random, datagrams);
            return datagrams;
        }

        /// <summary>1–4 pieces covering the body, each maybe overlapping its neighbour.</summary>
        private static List<byte[]> Fragments(Random random, M m)
        {
            int n = m.Body.Length;
            if (n == 0)
            {
                return new List<byte[]> { W.Fragment(m, 0, 0) };
            }

            int pieces = Math.Min(n, random.Next(1, 5));
            var cuts = new SortedSet<int> { 0, n };
            while (cuts.Count < pieces + 1)
            {
                cuts.Add(random.Next(1, n));
            }

            var list = new List<byte[]>();
            int[] points = new int[cuts.Count];
            cuts.CopyTo(points);
            for (int i = 0; i + 1 < points.Length; i++)
            {
                int start = points[i];
                int end = points[i + 1];
                if (random.Next(3) == 0)
                {
                    start = Math.Max(0, start - random.Next(0, 40));
                }

                if (random.Next(3) == 0)
                {
                    end = Math.Min(n, end + random.Next(0, 40));
                }

                list.Add(W.Fragment(m, start, end - start));
            }

            return list;
        }

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
