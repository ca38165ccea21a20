using System;
using System.Collections.Generic;
using System.Text;
using BenchmarkDotNet.Attributes;
using Tsid.Identity;
using Tsid.X509;

namespace Tsid.Benchmarks
{
    /// <summary>
    /// Resolving a server identity with each preset over pre-parsed evidence. A certificate view is a ref struct and
    /// cannot live in a field, so each invocation parses the leaf once and then resolves <see cref="Loop"/> times;
    /// BenchmarkDotNet divides by <see cref="Loop"/> (OperationsPerInvoke), leaving about 1/256 of a parse in each figure.
    /// Scenarios: <c>NoSni</c> is the Smart Licensing seed (cisco-nocn.der, no SNI, DNS hint tools.cisco.com);
    /// <c>SniCovered</c> is the everyday case (SNI tools.cisco.com, certificate visible, coverage checked).
    /// </summary>
    [MemoryDiagnoser]
    [MedianColumn]
    public class IdentityResolveBenchmarks
    {
        private const int Loop = 256;

        private readonly char[] _buffer = new char[ServerIdentityResolver.NameBufferLength];
        private readonly string[] _dnsNames = { "tools.cisco.com" };
        private byte[] _certificate = Array.Empty<byte>();
        private byte[] _serverName = Array.Empty<byte>();
        private ServerIdentityResolver _resolver = ServerIdentityPresets.Firepower;

        public static IEnumerable<string> PresetNames()
        {
            foreach (ServerIdentityResolver preset in ServerIdentityPresets.All)
            {
                yield return preset.Name;
            }
        }

        [ParamsSource(nameof(PresetNames))]
        public string Preset { get; set; } = "firepower";

        [Params("NoSni", "SniCovered")]
        public string Scenario { get; set; } = "NoSni";

        [GlobalSetup]
        public void Setup()
        {
            _certificate = Fixtures.Bytes("cisco-nocn.der");
            _serverName = Scenario == "NoSni" ? Array.Empty<byte>() : Encoding.ASCII.GetBytes("tools.cisco.com");
            if (!ServerIdentityPresets.TryGet(Preset, out ServerIdentityResolver? resolver))
            {
                throw new InvalidOperationException("unknown preset " + Preset);
            }

            _resolver = resolver;
        }

        /// <summary>
        /// The floor any name-picker pays on the same evidence: walk the subject's CNs and every SAN dNSName once, and
        /// copy the first dNSName lower-cased (no validation, no near-duplicate scan, no coverage check).
        /// </summary>
        [Benchmark(Baseline = true, OperationsPerInvoke = Loop)]
        public int WalkNamesOnly()
        {
            if (!Certificate.TryParse(_certificate, out Certificate leaf, out _))
            {
                throw new InvalidOperationException("fixture does not parse");
            }

            DistinguishedName subject = leaf.Subject;
            bool hasSan = leaf.TryGetSubjectAltName(out SubjectAltName san);
            Span<char> buffer = _buffer;
            int total = 0;
            for (int i = 0; i < Loop; i++)
            {
                foreach (AttributeTypeAndValue cn in subject.EnumerateAttributes(AttributeType.CommonName))
                {
                    total += cn.Value.RawValue.Length;
                }

                if (hasSan)
                {
                    bool first = true;
                    foreach (GeneralName name in san)
                    {
                        if (name.Type == GeneralNameType.DnsName && first)
                        {
                            ReadOnlySpan<byte> value = name.Value;
                            for (int k = 0; k < value.Length && k < buffer.Length; k++)
                            {
                                buffer[k] = (char)(value[k] | 0x20);
                            }

                            total += value.Length;
                            first = false;
                        }
                    }
                }
            }

            return total;
        }

        [Benchmark(OperationsPerInvoke = Loop)]
        public int Resolve()
        {
            if (!Certificate.TryParse(_certificate, out Certificate leaf, out _))
            {
                throw new InvalidOperationException("fixture does not parse");
            }

            var evidence = new ServerIdentityEvidence { ServerName = _serverName, LeafCertificate = leaf, DnsNames = _dnsNames };
            Span<char> buffer = _buffer;
            int total = 0;
            for (int i = 0; i < Loop; i++)
            {
                total += _resolver.Resolve(in evidence, buffer).Name.Length;
            }

            return total;
        }
    }
}
