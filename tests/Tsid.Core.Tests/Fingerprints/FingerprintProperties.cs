using System;
using System.Collections.Generic;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using Tsid.Fingerprints;
using Tsid.Tls;
using static Tsid.Tests.Fingerprints.FingerprintHellos;
using static Tsid.Testing.TlsWire;

namespace Tsid.Tests.Fingerprints
{
    /// <summary>
    /// Generated hellos (a model: distinct cipher suites, distinct extensions with data their parsers accept, signature
    /// algorithms), encoded with the test writer: JA4's sorted parts do not see order, JA4_o does, GREASE is invisible to
    /// every fingerprint, and the span code agrees with the string-building reference.
    /// </summary>
    public class FingerprintProperties
    {
        private static Arbitrary<int> Seeds => Arb.From(Gen.Choose(0, int.MaxValue));

        // Extension types with no typed reader (any data parses), besides the typed ones the model writes itself.
        private static readonly int[] PlainTypes = { 0x0017, 0x0012, 0x0016, 0x0031, 0x4469, 0x44cd, 0x0022, 0x001c + 0x1000, 0x7550, 0xfe0d + 0x100 };

        private sealed record Model(List<int> Ciphers, List<(int Type, byte[] Data)> Extensions);

        private static Model Generate(Random random)
        {
            var ciphers = Enumerable.Range(0, random.Next(1, 40)).Select(_ => random.Next(1, 0xffff)).Where(c => !Grease.IsGrease((ushort)c)).Distinct().ToList();
            if (ciphers.Count == 0)
            {
                ciphers.Add(0x1301);
            }

            var extensions = new List<(int, byte[])>();
            foreach (int type in PlainTypes.Where(_ => random.Next(2) == 0))
            {
                extensions.Add((type, new byte[random.Next(0, 4)]));
            }

            if (random.Next(4) != 0)
            {
                int[] schemes = Enumerable.Range(0, random.Next(1, 10)).Select(_ => random.Next(0x0100, 0x0900)).Where(v => !Grease.IsGrease((ushort)v)).Distinct().DefaultIfEmpty(0x0403).ToArray();
                extensions.Add((0x000d, U16List16(schemes)));
            }

            if (random.Next(2) == 0)
            {
                extensions.Add((0x0000, ServerNameData("h" + random.Next(1000) + ".example")));
            }

            if (random.Next(2) == 0)
            {
                extensions.Add((0x0010, AlpnData(random.Next(2) == 0 ? "h2" : "http/1.1")));
            }

            if (random.Next(2) == 0)
            {
                extensions.Add((0x002b, U16List8(0x0304, 0x0303)));
            }

            if (random.Next(2) == 0)
            {
                extensions.Add((0x000a, U16List16(0x001d, 0x0017)));
            }

            return new Model(ciphers, Shuffle(extensions, random));
        }

        private static List<T> Shuffle<T>(List<T> list, Random random)
        {
            var copy = new List<T>(list);
            for (int i = copy.Count - 1; i > 0; i--)
            {
                int j = random.Next(i + 1);
                (copy[i], copy[j]) = (copy[j], copy[i]);
            }

            return copy;
        }

        private static byte[] Encode(Model m) => ClientHelloBody(m.Extensions, suites: m.Ciphers.ToArray());

        private static string[] Parts(byte[] body, Ja4Form form)
        {
            ClientHello hello = Parse(body);
            return Ja4.GetString(in hello, HandshakeProtocol.Tls, form).Split('_');
        }

        [FsCheck.Xunit.Property(MaxTest = 300)]
        public Property Permuting_ciphers_or_extensions_keeps_JA4_b_and_c_and_changes_JA4_o() => Prop.ForAll(Seeds, seed =>
        {
            var random = new Random(seed);
            Model model = Generate(random);
            var permuted = new Model(Shuffle(model.Ciphers, random), Shuffle(model.Extensions, random));
            byte[] a = Encode(model), b = Encode(permuted);
            string[] sorted = Parts(a, Ja4Form.Hashed), sortedPermuted = Parts(b, Ja4Form.Hashed);
            bool orderChanged = !model.Ciphers.SequenceEqual(permuted.Ciphers) || !model.Extensions.Select(e => e.Type).SequenceEqual(permuted.Extensions.Select(e => e.Type));
            string original = string.Join("_", Parts(a, Ja4Form.HashedOriginal)), originalPermuted = string.Join("_", Parts(b, Ja4Form.HashedOriginal));
            return sorted.SequenceEqual(sortedPermuted) && (orderChanged ? original != originalPermuted : original == originalPermuted);
        });

        [FsCheck.Xunit.Property(MaxTest = 300)]
        public Property Adding_GREASE_anywhere_changes_no_fingerprint() => Prop.ForAll(Seeds, seed =>
        {
            var random = new Random(seed);
            Model model = Generate(random);
            ushort Grease() => (ushort)(0x0a0a + (0x1010 * random.Next(16)));
            var ciphers = new List<int>(model.Ciphers);
            ciphers.Insert(random.Next(ciphers.Count + 1), Grease());
            var extensions = new List<(int Type, byte[] Data)>();
            foreach ((int type, byte[] data) in model.Extensions)
            {
                byte[] d = type switch
                {
                    0x000d => U16List16(Concat(U16(Grease()), data.Skip(2).ToArray()).Chunk(2).Select(p => (p[0] << 8) | p[1]).ToArray()),
                    0x002b => U16List8(Grease(), 0x0304, 0x0303),
                    0x000a => U16List16(Grease(), 0x001d, 0x0017),
                    _ => data,
                };
                extensions.Add((type, d));
            }

            int greaseType = Grease();
            extensions.Insert(random.Next(extensions.Count + 1), (greaseType, random.Next(2) == 0 ? Array.Empty<byte>() : new byte[] { 0 }));
            byte[] plain = Encode(model), greased = ClientHelloBody(extensions, suites: ciphers.ToArray());
            ClientHello p = Parse(plain), g = Parse(greased);
            bool same = true;
            foreach (Ja4Form form in Enum.GetValues<Ja4Form>())
            {
                same &= Ja4.GetString(in p, HandshakeProtocol.Tls, form) == Ja4.GetString(in g, HandshakeProtocol.Tls, form);
            }

            return same && Ja3.GetString(in p) == Ja3.GetString(in g) && Ja3.GetHashString(in p) == Ja3.GetHashString(in g);
        });

        [FsCheck.Xunit.Property(MaxTest = 300)]
        public Property The_span_code_agrees_with_the_string_reference() => Prop.ForAll(Seeds, seed =>
        {
            byte[] body = Encode(Generate(new Random(seed)));
            ClientHello hello = Parse(body);
            string ja3 = ReferenceJa3String(body);
            return Ja4.GetString(in hello, HandshakeProtocol.Tls) == ReferenceJa4(body)
                && Ja4.GetString(in hello, HandshakeProtocol.Tls, Ja4Form.Raw) == ReferenceJa4(body, raw: true)
                && Ja4.GetString(in hello, HandshakeProtocol.Tls, Ja4Form.HashedOriginal) == ReferenceJa4(body, original: true)
                && Ja4.GetString(in hello, HandshakeProtocol.Tls, Ja4Form.RawOriginal) == ReferenceJa4(body, raw: true, original: true)
                && Ja3.GetString(in hello) == ja3 && Ja3.GetHashString(in hello) == Md5Hex(ja3);
        });
    }
}
