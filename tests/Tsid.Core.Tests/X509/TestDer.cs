using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Numerics;
using System.Text;

namespace Tsid.Tests.X509
{
    /// <summary>
    /// A test-only DER writer: just enough X.690 to build certificates with any subject, SAN list or extension the
    /// tests need, including ones CertificateRequest cannot express (TeletexString, UniversalString, NUL bytes,
    /// x400Address, malformed entries). Signatures are not real; the parser under test does not verify them.
    /// </summary>
    internal static class TestDer
    {
        public static byte[] Tlv(byte tag, params byte[][] contents)
        {
            byte[] content = Concat(contents);
            List<byte> output = new() { tag };
            int length = content.Length;
            if (length < 0x80)
            {
                output.Add((byte)length);
            }
            else
            {
                List<byte> octets = new();
                for (int v = length; v > 0; v >>= 8)
                {
                    octets.Insert(0, (byte)v);
                }

                output.Add((byte)(0x80 | octets.Count));
                output.AddRange(octets);
            }

            output.AddRange(content);
            return output.ToArray();
        }

        public static byte[] Concat(params byte[][] parts) => parts.SelectMany(p => p).ToArray();

        public static byte[] Concat(IEnumerable<byte[]> parts) => parts.SelectMany(p => p).ToArray();

        public static byte[] Sequence(params byte[][] contents) => Tlv(0x30, contents);

        public static byte[] Set(params byte[][] contents) => Tlv(0x31, contents);

        public static byte[] Integer(long value)
        {
            List<byte> bytes = new();
            long v = value;
            do
            {
                bytes.Insert(0, (byte)v);
                v >>= 8;
            }
            while (v != 0 && v != -1);

            if (value >= 0 && (bytes[0] & 0x80) != 0)
            {
                bytes.Insert(0, 0);
            }

            if (value < 0 && (bytes[0] & 0x80) == 0)
            {
                bytes.Insert(0, 0xFF);
            }

            return Tlv(0x02, bytes.ToArray());
        }

        public static byte[] OidContents(string dotted)
        {
            BigInteger[] arcs = dotted.Split('.').Select(a => BigInteger.Parse(a, CultureInfo.InvariantCulture)).ToArray();
            List<byte> output = new();
            AppendBase128(output, (arcs[0] * 40) + arcs[1]);
            for (int i = 2; i < arcs.Length; i++)
            {
                AppendBase128(output, arcs[i]);
            }

            return output.ToArray();
        }

        public static byte[] Oid(string dotted) => Tlv(0x06, OidContents(dotted));

        public static byte[] Utf8(string text) => Tlv(0x0C, Encoding.UTF8.GetBytes(text));

        public static byte[] Printable(string text) => Tlv(0x13, Encoding.ASCII.GetBytes(text));

        public static byte[] Ia5(byte tag, string text) => Tlv(tag, Encoding.ASCII.GetBytes(text));

        public static byte[] Name(params byte[][] rdns) => Sequence(rdns);

        public static byte[] Rdn(params byte[][] attributes) => Set(attributes);

        public static byte[] Attribute(string oid, byte[] value) => Sequence(Oid(oid), value);

        public static byte[] Extension(string oid, bool critical, byte[] value) =>
            critical ? Sequence(Oid(oid), Tlv(0x01, new byte[] { 0xFF }), Tlv(0x04, value)) : Sequence(Oid(oid), Tlv(0x04, value));

        public static byte[] SanExtension(params byte[][] generalNames) => Extension("2.5.29.17", false, Sequence(generalNames));

        public static readonly byte[] Sha256WithRsa = Sequence(Oid("1.2.840.113549.1.1.11"), Tlv(0x05));

        public static byte[] UtcTime(string text) => Tlv(0x17, Encoding.ASCII.GetBytes(text));

        public static byte[] GeneralizedTime(string text) => Tlv(0x18, Encoding.ASCII.GetBytes(text));

        /// <summary>An EC P-256 SubjectPublicKeyInfo with a dummy point (the parser does not check the curve math).</summary>
        public static byte[] EcSpki()
        {
            byte[] point = new byte[65];
            point[0] = 0x04;
            for (int i = 1; i < point.Length; i++)
            {
                point[i] = (byte)i;
            }

            return Sequence(Sequence(Oid("1.2.840.10045.2.1"), Oid("1.2.840.10045.3.1.7")), Tlv(0x03, new byte[] { 0 }, point));
        }

        /// <summary>Builds a whole certificate.</summary>
        public static byte[] BuildCertificate(
            byte[] subject,
            IEnumerable<byte[]>? extensions = null,
            byte[]? issuer = null,
            byte[]? version = null,
            byte[]? serial = null,
            byte[]? notBefore = null,
            byte[]? notAfter = null,
            byte[]? outerAlgorithm = null)
        {
            List<byte[]> tbs = new();
            tbs.Add(version ?? Tlv(0xA0, Integer(2)));
            tbs.Add(serial ?? Integer(0x1234567));
            tbs.Add(Sha256WithRsa);
            tbs.Add(issuer ?? Name(Rdn(Attribute("2.5.4.3", Utf8("Test CA")))));
            tbs.Add(Sequence(notBefore ?? UtcTime("250101000000Z"), notAfter ?? UtcTime("351231235959Z")));
            tbs.Add(subject);
            tbs.Add(EcSpki());
            List<byte[]> extensionList = extensions?.ToList() ?? new List<byte[]>();
            if (extensionList.Count > 0)
            {
                tbs.Add(Tlv(0xA3, Sequence(extensionList.ToArray())));
            }

            return Sequence(Sequence(tbs.ToArray()), outerAlgorithm ?? Sha256WithRsa, Tlv(0x03, new byte[] { 0, 1, 2, 3, 4 }));
        }

        private static void AppendBase128(List<byte> output, BigInteger value)
        {
            Stack<byte> groups = new();
            groups.Push((byte)(value & 0x7F));
            value >>= 7;
            while (value != 0)
            {
                groups.Push((byte)(0x80 | (byte)(value & 0x7F)));
                value >>= 7;
            }

            output.AddRange(groups);
        }
    }
}
