using System;
using System.Buffers;
using BenchmarkDotNet.Attributes;
using Tsid.Tls;
using Tsid.X509;

namespace Tsid.Benchmarks
{
    /// <summary>Full ClientHello parse (every field, every extension checked) against the naive walk.</summary>
    [MemoryDiagnoser]
    public class TlsClientHelloBenchmarks
    {
        private byte[] _record = Array.Empty<byte>();

        /// <summary>ChromePq: Chrome-like, ~1.8 KB with an X25519MLKEM768 share. Tls12NoSni: the OpenSSL TLS 1.2 fixture.</summary>
        [Params("ChromePq", "Tls12NoSni")]
        public string Hello { get; set; } = "ChromePq";

        [GlobalSetup]
        public void Setup()
        {
            _record = Hello == "ChromePq" ? TlsBenchmarkData.ChromeLikeHello() : Fixtures.Bytes("clienthello-nosni-tls12.bin");
            if (!ClientHello.TryParseRecord(_record, out _, out TlsError error))
            {
                throw new InvalidOperationException(error.ToString());
            }
        }

        [Benchmark(Baseline = true)]
        public int Naive() => TlsNaiveParser.FullHello(_record);

        [Benchmark]
        public int Tsid()
        {
            if (!ClientHello.TryParseRecord(_record, out ClientHello hello, out _))
            {
                return -1;
            }

            hello.TryGetServerName(out ReadOnlySpan<byte> name);
            return name.Length + hello.Extensions.Count;
        }
    }

    /// <summary>SNI only: the naive walk against the safe fast path and the full parse.</summary>
    [MemoryDiagnoser]
    public class TlsSniBenchmarks
    {
        private byte[] _record = Array.Empty<byte>();

        [Params("ChromePq", "OpenSslSniAlpn")]
        public string Hello { get; set; } = "ChromePq";

        [GlobalSetup]
        public void Setup() => _record = Hello == "ChromePq" ? TlsBenchmarkData.ChromeLikeHello() : Fixtures.Bytes("clienthello-sni-alpn.bin");

        [Benchmark(Baseline = true)]
        public int Naive() => TlsNaiveParser.Sni(_record, out _);

        [Benchmark]
        public int TsidPeek() => ServerNameIndication.TryPeek(_record, out ReadOnlySpan<byte> name, out _) == OperationStatus.Done ? name.Length : -1;

        [Benchmark]
        public int TsidFullParse() => ClientHello.TryParseRecord(_record, out ClientHello hello, out _) && hello.TryGetServerName(out ReadOnlySpan<byte> name) ? name.Length : -1;
    }

    /// <summary>
    /// A recorded TLS 1.2 server flight (ServerHello, Certificate with a chain of three, ServerKeyExchange,
    /// ServerHelloDone) to the leaf's names, through the record layer and its handshake reassembler.
    /// </summary>
    [MemoryDiagnoser]
    public class TlsServerFlightBenchmarks
    {
        private readonly TlsRecordLayer _recordLayer = new();
        private byte[] _flight = Array.Empty<byte>();

        [GlobalSetup]
        public void Setup()
        {
            _flight = TlsBenchmarkData.ServerFlight(Fixtures.Bytes("Tls/tls12-nosni-cisco-chain3.s2c.bin"));
            if (FlightToLeafNames() <= 0 || FlightToChainSpans() != 3)
            {
                throw new InvalidOperationException("the flight did not parse");
            }
        }

        [Benchmark(Baseline = true)]
        public int NaiveToLeafDer() => TlsNaiveParser.FlightToLeafDer(_flight, out _);

        [Benchmark]
        public int FlightToChainSpans()
        {
            _recordLayer.Reset();
            ReadOnlySpan<byte> input = _flight;
            while (_recordLayer.Read(input, out int consumed, out TlsFrame frame) == OperationStatus.Done)
            {
                input = input.Slice(consumed);
                if (frame.HandshakeType == TlsHandshakeType.ServerHello && !ServerHello.TryParse(frame.Body, out _, out _))
                {
                    return -1;
                }

                if (frame.HandshakeType == TlsHandshakeType.Certificate)
                {
                    return CertificateMessage.TryParse(frame.Body, out CertificateMessage chain, out _) ? chain.Count : -1;
                }
            }

            return -1;
        }

        [Benchmark]
        public int FlightToLeafNames()
        {
            _recordLayer.Reset();
            ReadOnlySpan<byte> input = _flight;
            while (_recordLayer.Read(input, out int consumed, out TlsFrame frame) == OperationStatus.Done)
            {
                input = input.Slice(consumed);
                if (frame.HandshakeType == TlsHandshakeType.ServerHello && !ServerHello.TryParse(frame.Body, out _, out _))
                {
                    return -1;
                }

                if (frame.HandshakeType != TlsHandshakeType.Certificate)
                {
                    continue;
                }

                if (!CertificateMessage.TryParse(frame.Body, out CertificateMessage chain, out _) || !chain.TryGetLeaf(out ReadOnlySpan<byte> der)
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

            return -1;
        }
    }
}
