using System;
using System.Collections.Generic;
using System.Globalization;
using System.Numerics;
using System.Text;

namespace Tsid.Testing
{
    /// <summary>
    /// DER (X.690) encoding primitives: tag-length-value, the universal types certificates use, OIDs and times. Every
    /// method returns a new array and checks nothing about what it is given, so a test can write exactly the bytes it means,
    /// well-formed or not (a wrong tag, a bad string, a truncated value). <see cref="CertificateBuilder"/> is built on these.
    /// </summary>
    public static class Der
    {
        /// <summary>The tag of a constructed SEQUENCE (X.690 8.9).</summary>
        public const byte SequenceTag = 0x30;

        /// <summary>The tag of a constructed SET (X.690 8.11).</summary>
        public const byte SetTag = 0x31;

        /// <summary>One TLV: the tag, the definite length in minimal form (X.690 8.1.3, 10.1), then the contents concatenated.</summary>
        /// <param name="tag">The identifier octet, written as given.</param>
        /// <param name="contents">The contents, concatenated in order.</param>
        /// <returns>The encoding.</returns>
        public static byte[] Tlv(byte tag, params byte[][] contents)
        {
            byte[] content = Concat(contents);
            byte[] length = Length(content.Length);
            byte[] output = new byte[1 + length.Length + content.Length];
            output[0] = tag;
            length.CopyTo(output, 1);
            content.CopyTo(output, 1 + length.Length);
            return output;
        }

        /// <summary>A definite length in minimal form: one byte below 128, else 0x80 | n and n big-endian bytes (X.690 8.1.3).</summary>
        /// <param name="length">The length, not negative.</param>
        /// <returns>The length octets.</returns>
        public static byte[] Length(int length)
        {
            if (length < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(length));
            }

            if (length < 0x80)
            {
                return new[] { (byte)length };
            }

            var octets = new List<byte>();
            for (int v = length; v > 0; v >>= 8)
            {
                octets.Insert(0, (byte)v);
            }

            octets.Insert(0, (byte)(0x80 | octets.Count));
            return octets.ToArray();
        }

        /// <summary>The parts one after the other.</summary>
        /// <param name="parts">The byte arrays; null entries are skipped.</param>
        /// <returns>A new array.</returns>
        public static byte[] Concat(params byte[][] parts) => Concat((IEnumerable<byte[]>)parts);

        /// <summary>The parts one after the other.</summary>
        /// <param name="parts">The byte arrays; null entries are skipped.</param>
        /// <returns>A new array.</returns>
        public static byte[] Concat(IEnumerable<byte[]> parts)
        {
            if (parts is null)
            {
                throw new ArgumentNullException(nameof(parts));
            }

            int total = 0;
            foreach (byte[] p in parts)
            {
                total += p?.Length ?? 0;
            }

            byte[] output = new byte[total];
            int at = 0;
            foreach (byte[] p in parts)
            {
                if (p is not null)
                {
                    p.CopyTo(output, at);
                    at += p.Length;
                }
            }

            return output;
        }

        /// <summary>A SEQUENCE of the given encodings (X.690 8.9).</summary>
        /// <param name="contents">The elements, already encoded.</param>
        /// <returns>The encoding.</returns>
        public static byte[] Sequence(params byte[][] contents) => Tlv(SequenceTag, contents);

        /// <summary>A SET of the given encodings, in the order given (X.690 8.11; DER sorting is the caller's business).</summary>
        /// <param name="contents">The elements, already encoded.</param>
        /// <returns>The encoding.</returns>
        public static byte[] Set(params byte[][] contents) => Tlv(SetTag, contents);

        /// <summary>An INTEGER in minimal two's complement (X.690 8.3).</summary>
        /// <param name="value">The value.</param>
        /// <returns>The encoding.</returns>
        public static byte[] Integer(long value)
        {
            var bytes = new List<byte>();
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

        /// <summary>A non-negative INTEGER from its big-endian magnitude (a serial number): leading zeros dropped, a 0x00 added when the top bit is set.</summary>
        /// <param name="magnitude">The unsigned big-endian value.</param>
        /// <returns>The encoding.</returns>
        public static byte[] UnsignedInteger(byte[] magnitude)
        {
            if (magnitude is null)
            {
                throw new ArgumentNullException(nameof(magnitude));
            }

            int start = 0;
            while (start < magnitude.Length - 1 && magnitude[start] == 0)
            {
                start++;
            }

            byte[] trimmed = magnitude.Length == 0 ? new byte[] { 0 } : magnitude.AsSpan(start).ToArray();
            return (trimmed[0] & 0x80) != 0 ? Tlv(0x02, new byte[] { 0 }, trimmed) : Tlv(0x02, trimmed);
        }

        /// <summary>A BOOLEAN: 0xFF for true, 0x00 for false (X.690 11.1).</summary>
        /// <param name="value">The value.</param>
        /// <returns>The encoding.</returns>
        public static byte[] Boolean(bool value) => Tlv(0x01, new[] { value ? (byte)0xFF : (byte)0x00 });

        /// <summary>NULL (X.690 8.8).</summary>
        /// <returns>05 00.</returns>
        public static byte[] Null() => new byte[] { 0x05, 0x00 };

        /// <summary>An OCTET STRING.</summary>
        /// <param name="value">The octets.</param>
        /// <returns>The encoding.</returns>
        public static byte[] OctetString(byte[] value) => Tlv(0x04, value);

        /// <summary>A BIT STRING with no unused bits (X.690 8.6).</summary>
        /// <param name="value">The bits, whole octets.</param>
        /// <returns>The encoding.</returns>
        public static byte[] BitString(byte[] value) => Tlv(0x03, new byte[] { 0 }, value);

        /// <summary>The contents octets of an OBJECT IDENTIFIER (X.690 8.19): base-128 arcs, the first two combined; arcs of any size.</summary>
        /// <param name="dotted">The OID in dotted form, e.g. <c>2.5.4.3</c>.</param>
        /// <returns>The contents (no tag, no length).</returns>
        public static byte[] OidContents(string dotted)
        {
            if (dotted is null)
            {
                throw new ArgumentNullException(nameof(dotted));
            }

            string[] parts = dotted.Split('.');
            if (parts.Length < 2)
            {
                throw new ArgumentException("an OID has at least two arcs", nameof(dotted));
            }

            var arcs = new BigInteger[parts.Length];
            for (int i = 0; i < parts.Length; i++)
            {
                arcs[i] = BigInteger.Parse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture);
            }

            var output = new List<byte>();
            AppendBase128(output, (arcs[0] * 40) + arcs[1]);
            for (int i = 2; i < arcs.Length; i++)
            {
                AppendBase128(output, arcs[i]);
            }

            return output.ToArray();
        }

        /// <summary>An OBJECT IDENTIFIER (X.690 8.19).</summary>
        /// <param name="dotted">The OID in dotted form.</param>
        /// <returns>The encoding.</returns>
        public static byte[] Oid(string dotted) => Tlv(0x06, OidContents(dotted));

        /// <summary>A UTF8String (tag 12): the text's UTF-8 bytes.</summary>
        /// <param name="text">The text; NUL and any other code point are written as they are.</param>
        /// <returns>The encoding.</returns>
        public static byte[] Utf8String(string text) => String(DerStringType.Utf8String, text);

        /// <summary>A PrintableString (tag 19): one byte per character, not checked against the PrintableString alphabet.</summary>
        /// <param name="text">The text.</param>
        /// <returns>The encoding.</returns>
        public static byte[] PrintableString(string text) => String(DerStringType.PrintableString, text);

        /// <summary>An IA5String (tag 22): one byte per character.</summary>
        /// <param name="text">The text.</param>
        /// <returns>The encoding.</returns>
        public static byte[] Ia5String(string text) => String(DerStringType.Ia5String, text);

        /// <summary>
        /// ASCII text under any tag, as an implicitly tagged string is written: <c>0x82</c> a dNSName, <c>0x81</c> an
        /// rfc822Name, <c>0x86</c> a URI (RFC 5280 4.2.1.6), <c>0x16</c> IA5String, <c>0x1A</c> VisibleString, <c>0x12</c>
        /// NumericString. Characters outside ASCII become <c>?</c>; write raw bytes with <see cref="Tlv"/> instead.
        /// </summary>
        /// <param name="tag">The identifier octet.</param>
        /// <param name="text">The text.</param>
        /// <returns>The encoding.</returns>
        public static byte[] AsciiString(byte tag, string text) => Tlv(tag, Encoding.ASCII.GetBytes(text ?? throw new ArgumentNullException(nameof(text))));

        /// <summary>
        /// A string of the given ASN.1 type, encoded the way that type is: UTF-8 for UTF8String, UTF-16BE for BMPString,
        /// UTF-32BE for UniversalString, one byte per character (Latin-1) for the 8-bit types (Printable, IA5, Teletex, Visible,
        /// Numeric), so a test can put any byte there. The alphabet of the type is not checked.
        /// </summary>
        /// <param name="type">The string type (its tag).</param>
        /// <param name="text">The text.</param>
        /// <returns>The encoding.</returns>
        public static byte[] String(DerStringType type, string text) => Tlv((byte)type, StringContents(type, text));

        /// <summary>The contents octets of <see cref="String(DerStringType, string)"/>.</summary>
        /// <param name="type">The string type.</param>
        /// <param name="text">The text.</param>
        /// <returns>The encoded characters.</returns>
        public static byte[] StringContents(DerStringType type, string text)
        {
            if (text is null)
            {
                throw new ArgumentNullException(nameof(text));
            }

            return type switch
            {
                DerStringType.Utf8String => Encoding.UTF8.GetBytes(text),
                DerStringType.BmpString => Encoding.BigEndianUnicode.GetBytes(text),
                DerStringType.UniversalString => new UTF32Encoding(bigEndian: true, byteOrderMark: false).GetBytes(text),
                _ => Encoding.Latin1.GetBytes(text),
            };
        }

        /// <summary>A UTCTime (tag 23) with the text as given, e.g. <c>250101000000Z</c>.</summary>
        /// <param name="text">The time text, not checked.</param>
        /// <returns>The encoding.</returns>
        public static byte[] UtcTime(string text) => Tlv(0x17, Encoding.ASCII.GetBytes(text ?? throw new ArgumentNullException(nameof(text))));

        /// <summary>A UTCTime in the form RFC 5280 4.1.2.5.1 requires: <c>YYMMDDHHMMSSZ</c>, in UTC.</summary>
        /// <param name="time">The time; years 1950-2049 are what the two-digit year means.</param>
        /// <returns>The encoding.</returns>
        public static byte[] UtcTime(DateTimeOffset time) => UtcTime(time.UtcDateTime.ToString("yyMMddHHmmss", CultureInfo.InvariantCulture) + "Z");

        /// <summary>A GeneralizedTime (tag 24) with the text as given, e.g. <c>20500101000000Z</c>.</summary>
        /// <param name="text">The time text, not checked.</param>
        /// <returns>The encoding.</returns>
        public static byte[] GeneralizedTime(string text) => Tlv(0x18, Encoding.ASCII.GetBytes(text ?? throw new ArgumentNullException(nameof(text))));

        /// <summary>A GeneralizedTime in the form RFC 5280 4.1.2.5.2 requires: <c>YYYYMMDDHHMMSSZ</c>, in UTC, no fraction.</summary>
        /// <param name="time">The time.</param>
        /// <returns>The encoding.</returns>
        public static byte[] GeneralizedTime(DateTimeOffset time) => GeneralizedTime(time.UtcDateTime.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + "Z");

        /// <summary>A Name (RFC 5280 4.1.2.4): a SEQUENCE of RDNs, in the order given.</summary>
        /// <param name="rdns">The RelativeDistinguishedNames, already encoded (see <see cref="Rdn"/>).</param>
        /// <returns>The encoding.</returns>
        public static byte[] Name(params byte[][] rdns) => Sequence(rdns);

        /// <summary>A RelativeDistinguishedName: a SET of attributes (more than one makes a multi-valued RDN).</summary>
        /// <param name="attributes">The AttributeTypeAndValues, already encoded (see <see cref="Attribute"/>).</param>
        /// <returns>The encoding.</returns>
        public static byte[] Rdn(params byte[][] attributes) => Set(attributes);

        /// <summary>An AttributeTypeAndValue: SEQUENCE { type OID, value }.</summary>
        /// <param name="oid">The attribute type, e.g. <c>2.5.4.3</c> for commonName.</param>
        /// <param name="value">The value, already encoded (any type, e.g. <see cref="Utf8String"/>).</param>
        /// <returns>The encoding.</returns>
        public static byte[] Attribute(string oid, byte[] value) => Sequence(Oid(oid), value);

        /// <summary>An Extension (RFC 5280 4.1): SEQUENCE { extnID, critical BOOLEAN only when true (DER omits the default), extnValue OCTET STRING }.</summary>
        /// <param name="oid">The extension's OID.</param>
        /// <param name="critical">Whether it is critical.</param>
        /// <param name="value">The extnValue contents (the DER of the extension's own structure).</param>
        /// <returns>The encoding.</returns>
        public static byte[] Extension(string oid, bool critical, byte[] value) =>
            critical ? Sequence(Oid(oid), Boolean(true), OctetString(value)) : Sequence(Oid(oid), OctetString(value));

        /// <summary>A non-critical subjectAltName extension (RFC 5280 4.2.1.6) over the given GeneralNames, in order.</summary>
        /// <param name="generalNames">The GeneralName encodings (see <see cref="GeneralNamesBuilder"/> or <see cref="AsciiString"/>).</param>
        /// <returns>The encoding.</returns>
        public static byte[] SanExtension(params byte[][] generalNames) => Extension(Oids.SubjectAltName, false, Sequence(generalNames));

        /// <summary>An AlgorithmIdentifier for sha256WithRSAEncryption with NULL parameters (RFC 4055 5).</summary>
        public static byte[] Sha256WithRsa => Sequence(Oid(Oids.Sha256WithRsaEncryption), Null());

        /// <summary>An AlgorithmIdentifier for ecdsa-with-SHA256, parameters absent (RFC 5758 3.2).</summary>
        public static byte[] EcdsaWithSha256 => Sequence(Oid(Oids.EcdsaWithSha256));

        /// <summary>An EC P-256 SubjectPublicKeyInfo with a made-up point (04 01 02 … 40): well-formed, not a real key.</summary>
        /// <returns>The encoding.</returns>
        public static byte[] DummyEcSubjectPublicKeyInfo()
        {
            byte[] point = new byte[65];
            point[0] = 0x04;
            for (int i = 1; i < point.Length; i++)
            {
                point[i] = (byte)i;
            }

            return Sequence(Sequence(Oid("1.2.840.10045.2.1"), Oid("1.2.840.10045.3.1.7")), BitString(point));
        }

        /// <summary>PEM (RFC 7468): the label's BEGIN line, base64 in 64-character lines, the END line, each ending in <c>\n</c>.</summary>
        /// <param name="label">The label, e.g. <c>CERTIFICATE</c>.</param>
        /// <param name="der">The bytes.</param>
        /// <returns>The text.</returns>
        public static string Pem(string label, byte[] der)
        {
            string base64 = Convert.ToBase64String(der ?? throw new ArgumentNullException(nameof(der)));
            var text = new StringBuilder();
            text.Append("-----BEGIN ").Append(label).Append("-----\n");
            for (int i = 0; i < base64.Length; i += 64)
            {
                text.Append(base64, i, Math.Min(64, base64.Length - i)).Append('\n');
            }

            text.Append("-----END ").Append(label).Append("-----\n");
            return text.ToString();
        }

        private static void AppendBase128(List<byte> output, BigInteger value)
        {
            var groups = new Stack<byte>();
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
