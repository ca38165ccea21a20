using System;
using BenchmarkDotNet.Attributes;
using Tsid.Identity;
using Tsid.Policy;
using Tsid.Samples.AspNetCoreFingerprints;
using Tsid.Tls;

namespace Tsid.Benchmarks
{
    /// <summary>
    /// The library work of samples/AspNetCoreFingerprints' Kestrel callback, per connection: the sample's own
    /// <see cref="ClientHelloInspector"/> (linked from the sample, no ASP.NET Core in it) on a recorded first record —
    /// parse, SNI and ALPN copied into the feature, JA4, JA3, identity and a policy with a block list and a fingerprint
    /// list. The one allocation expected is the <see cref="TlsClientHelloFeature"/> (its inline buffers included).
    /// </summary>
    [MemoryDiagnoser]
    public class AspNetCoreCallbackBenchmarks
    {
        private static readonly byte[] Source = { 127, 0, 0, 1 };
        private static readonly byte[] Destination = { 127, 0, 0, 1 };
        private byte[] _record = Array.Empty<byte>();
        private ClientHelloInspector _fingerprintOnly = null!;
        private ClientHelloInspector _withPolicy = null!;

        /// <summary>The recorded first record: OpenSSL's TLS 1.3 hello (SNI, ALPN, ~0.5 KB) or the ~1.8 KB Chrome-like post-quantum hello.</summary>
        [Params("openssl-tls13", "chrome-like-pq")]
        public string Hello { get; set; } = "openssl-tls13";

        [GlobalSetup]
        public void Setup()
        {
            _record = Hello == "openssl-tls13" ? Fixtures.Bytes("Tls/tls13-sni-alpn.c2s.bin") : TlsBenchmarkData.ChromeLikeHello();
            if (!ClientHello.TryParseRecord(_record, out _, out TlsError error))
            {
                throw new InvalidOperationException("the recorded hello does not parse: " + error);
            }

            AccessPolicy policy = PolicyText.Parse(
                "default allow\n" +
                "list BLOCKED_NAMES\n  blocked.example\nend\nblocklist BLOCKED_NAMES\n" +
                "fingerprints BAD_CLIENTS\n  t12i*_*_*\n  e7d705a3286e19ea42f587b344ee6865\nend\n" +
                "rule REFUSE_BAD_CLIENTS block\n  fingerprint-list BAD_CLIENTS\nend\n");
            _fingerprintOnly = new ClientHelloInspector(null, ServerIdentityPresets.Firepower, PolicyAction.Allow, PolicyAction.Block);
            _withPolicy = new ClientHelloInspector(policy, ServerIdentityPresets.Firepower, PolicyAction.Block, PolicyAction.Block);
            if (_withPolicy.Inspect(_record, Source, 50000, Destination, 443).Verdict != PolicyAction.Allow)
            {
                throw new InvalidOperationException("the recorded hello should be allowed");
            }
        }

        /// <summary>The parse alone: the floor.</summary>
        [Benchmark(Baseline = true)]
        public int ParseRecord() => ClientHello.TryParseRecord(_record, out ClientHello hello, out _) ? hello.Extensions.Count : -1;

        /// <summary>Parse, SNI/ALPN copies, JA4 and JA3 into the feature: the callback without a policy.</summary>
        [Benchmark]
        public int InspectFingerprintOnly() => _fingerprintOnly.Inspect(_record, Source, 50000, Destination, 443).Ja4Chars.Length;

        /// <summary>The whole callback work: as above plus identity and policy.</summary>
        [Benchmark]
        public int InspectWithPolicy() => _withPolicy.Inspect(_record, Source, 50000, Destination, 443).Ja4Chars.Length;
    }
}
