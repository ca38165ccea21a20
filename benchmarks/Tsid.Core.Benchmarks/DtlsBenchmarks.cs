using System;
using System.Buffers;
using System.Collections.Generic;
using BenchmarkDotNet.Attributes;
using Tsid.Dtls;
using Tsid.Tls;
using Tsid.X509;

namespace Tsid.Benchmarks
{
    /// <summary>
    /// The server flight of the recorded TLS 1.2 handshake (ServerHello, Certificate with a chain of three,
    /// ServerKeyExchange, ServerHelloDone) to the leaf's names, carried by TLS records through
    /// <see cref="TlsConnectionObserver"/> (the baseline) and by DTLS 1.2 through <see cref="DtlsConnectionObserver"/>:
    /// the same messages in DTLS records, each message cut into fragments of at most 1,200 bytes and the records packed
    /// into datagrams of at most 1,400 bytes, as OpenSSL does at a 1,500-byte MTU. Target (issue 10): DTLS within
    /// 1.2× of TLS, and no allocation on either path.
    /// </summary>
    [MemoryDiagnoser]
    public class DtlsBenchmarks
    {
        private const int MaxFragment = 1200;
        private const int MaxDatagram = 1400;

        private readonly TlsConnectionObserver _tls = new();
        private readonly DtlsConnectionObserver _dtls = new();
        private byte[] _tlsFlight = Array.Empty<byte>();
        private byte[][] _datagrams = Array.Empty<byte[]>();

        [GlobalSetup]
        public void Setup()
        {
            _tlsFlight = TlsBenchmarkData.ServerFlight(Fixtures.Bytes("Tls/tls12-nosni-cisco-chain3.s2c.bin"));
            _datagrams = DtlsFlight(_tlsFlight);
            int tls = TlsFlightToLeafNames();
            int dtls = DtlsFlightToLeafNames();
            if (tls <= 0 || tls != dtls)
            {
                throw new InvalidOperationException("the flights did not give the same names: " + tls + " / " + dtls);
            }
        }

        /// <summary>How many datagrams the DTLS flight takes.</summary>
        public int DatagramCount => _datagrams.Length;

        [Benchmark(Baseline = true)]
        public int TlsFlightToLeafNames()
        {
            _tls.Reset();
            _tls.Feed(TlsDirection.ServerToClient, _tlsFlight);
            return LeafNames(_tls);
        }

        [Benchmark]
        public int DtlsFlightToLeafNames()
        {
            _dtls.Reset();
            byte[][] datagrams = _datagrams;
            for (int i = 0; i < datagrams.Length; i++)
            {
                _dtls.Feed(TlsDirection.ServerToClient, datagrams[i]);
            }

            return LeafNames(_dtls.Handshake);
        }

        /// <summary>CN, OU and SAN dNSName bytes of the leaf, as <see cref="TlsServerFlightBenchmarks.FlightToLeafNames"/> counts them.</summary>
        private static int LeafNames(TlsConnectionObserver observer)
        {
            if (!observer.TryGetServerCertificates(out CertificateMessage chain) || !chain.TryGetLeaf(out ReadOnlySpan<byte> der)
                || !Certificate.TryParse(der, out Certificate leaf, out _))
            {
                return -1;
            }

            int total = 0;
            foreach (AttributeTypeAndValue cn in leaf.Subject.EnumerateAttributes(AttributeType.CommonName))
            {
                total += cn.Value.RawValue.Length;
            }

            foreach (AttributeTypeAndValue ou in leaf.Subject.EnumerateAttributes(AttributeType.OrganizationalUnitName))
            {
                total += ou.Value.RawValue.Length;
            }

            if (leaf.TryGetSubjectAltName(out SubjectAltName san))
            {
                foreach (GeneralName name in san)
                {
                    if (name.Type == GeneralNameType.DnsName)
                    {
                        total += name.Value.Length;
                    }
                }
            }

            return total;
        }

        /// <summary>The TLS flight's handshake messages as DTLS 1.2 fragments, records and datagrams (RFC 6347 4.1, 4.2.2).</summary>
        private static byte[][] DtlsFlight(byte[] tlsFlight)
        {
            var handshake = new List<byte>();
            for (int p = 0; p + 5 <= tlsFlight.Length;)
            {
                int length = (tlsFlight[p + 3] << 8) | tlsFlight[p + 4];
                handshake.AddRange(new ArraySegment<byte>(tlsFlight, p + 5, length));
                p += 5 + length;
            }

            byte[] h = handshake.ToArray();
            var records = new List<byte[]>();
            int seq = 0;
            long recordSeq = 0;
            for (int q = 0; q + 4 <= h.Length;)
            {
                int length = (h[q + 1] << 16) | (h[q + 2] << 8) | h[q + 3];
                int offset = 0;
                do
                {
                    int take = Math.Min(MaxFragment, length - offset);
                    byte[] record = new byte[13 + 12 + take];
                    record[0] = 22;
                    record[1] = 0xfe;
                    record[2] = 0xfd;
                    record[10] = (byte)recordSeq++;
                    record[11] = (byte)((12 + take) >> 8);
                    record[12] = (byte)(12 + take);
                    record[13] = h[q];
                    record[14] = h[q + 1];
                    record[15] = h[q + 2];
                    record[16] = h[q + 3];
                    record[17] = (byte)(seq >> 8);
                    record[18] = (byte)seq;
                    record[19] = (byte)(offset >> 16);
                    record[20] = (byte)(offset >> 8);
                    record[21] = (byte)offset;
                    record[22] = (byte)(take >> 16);
                    record[23] = (byte)(take >> 8);
                    record[24] = (byte)take;
                    Array.Copy(h, q + 4 + offset, record, 25, take);
                    records.Add(record);
                    offset += take;
                }
                while (offset < length);

                seq++;
                q += 4 + length;
            }

            var datagrams = new List<byte[]>();
            var current = new List<byte>();
            foreach (byte[] record in records)
            {
                if (current.Count > 0 && current.Count + record.Length > MaxDatagram)
                {
                    datagrams.Add(current.ToArray());
                    current.Clear();
                }

                current.AddRange(record);
            }

            datagrams.Add(current.ToArray());
            return datagrams.ToArray();
        }
    }
}
