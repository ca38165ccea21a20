using System;
using System.Collections.Generic;
using System.Formats.Asn1;
using System.Security.Cryptography.X509Certificates;
using BenchmarkDotNet.Attributes;
using Tsid.X509;

namespace Tsid.Benchmarks
{
    /// <summary>
    /// Parse a certificate and read its subject CN, OU and every SAN dNSName: Tsid.Core (views over the DER, no strings)
    /// against X509Certificate2 (+ GetNameInfo, X509SubjectAlternativeNameExtension), BouncyCastle and a hand walk with
    /// System.Formats.Asn1's AsnDecoder. Every method returns a checksum over what it read so nothing is optimised away.
    /// </summary>
    [MemoryDiagnoser]
    [MedianColumn]
    public class X509NamesBenchmark
    {
        private const string CommonNameOid = "2.5.4.3";
        private const string OrganizationalUnitOid = "2.5.4.11";
        private const string SubjectAltNameOid = "2.5.29.17";

        private byte[] _der = Array.Empty<byte>();

        [Params("cisco-nocn.der", "small-ec.der", "big-100san.der")]
        public string File { get; set; } = "cisco-nocn.der";

        [GlobalSetup]
        public void Setup()
        {
            _der = Fixtures.Bytes(File);
            int expected = TsidCore();
            if (expected != TsidCoreDeferred() || expected != TsidCoreStrings() || expected != AsnDecoderWalk() || expected != X509Certificate2GetNameInfo() || expected != BouncyCastle())
            {
                throw new InvalidOperationException($"peers disagree on {File}: {expected} {AsnDecoderWalk()} {X509Certificate2GetNameInfo()} {BouncyCastle()}");
            }
        }

        /// <summary>Names as spans after the default parse, which checks the whole certificate.</summary>
        [Benchmark(Baseline = true)]
        public int TsidCore() => Names(CertificateParseOptions.Default);

        /// <summary>
        /// Names as spans after a parse with <see cref="CertificateParseOptions.DeferStructureChecks"/>: like the walk,
        /// it checks the names and the subjectAltName as it reads them and leaves the issuer and the other extensions'
        /// insides alone (it still checks the key, the algorithms and every TBS field's framing).
        /// </summary>
        [Benchmark]
        public int TsidCoreDeferred() => Names(CertificateParseOptions.Deferred);

        /// <summary>The same names as strings (<c>GetString()</c> per name), which is what the peers hand back.</summary>
        [Benchmark]
        public int TsidCoreStrings()
        {
            if (!Certificate.TryParse(_der, out Certificate certificate, out _))
            {
                return -1;
            }

            int sum = 0;
            foreach (AttributeTypeAndValue cn in certificate.Subject.EnumerateAttributes(AttributeType.CommonName))
            {
                sum += cn.Value.GetString().Length;
            }

            foreach (AttributeTypeAndValue ou in certificate.Subject.EnumerateAttributes(AttributeType.OrganizationalUnitName))
            {
                sum += ou.Value.GetString().Length;
            }

            if (certificate.TryGetSubjectAltName(out SubjectAltName san))
            {
                foreach (GeneralName name in san.Enumerate(GeneralNameType.DnsName))
                {
                    sum += name.GetString().Length;
                }
            }

            return sum;
        }

        [Benchmark]
        public int AsnDecoderWalk()
        {
            const AsnEncodingRules Der = AsnEncodingRules.DER;
            ReadOnlySpan<byte> der = _der;
            AsnDecoder.ReadSequence(der, Der, out int certOffset, out int certLength, out _);
            ReadOnlySpan<byte> cert = der.Slice(certOffset, certLength);
            AsnDecoder.ReadSequence(cert, Der, out int tbsOffset, out int tbsLength, out _);
            ReadOnlySpan<byte> tbs = cert.Slice(tbsOffset, tbsLength);

            Asn1Tag versionTag = new(TagClass.ContextSpecific, 0, isConstructed: true);
            if (Asn1Tag.Decode(tbs, out _) == versionTag)
            {
                tbs = Skip(tbs);
            }

            tbs = Skip(tbs); // serialNumber
            tbs = Skip(tbs); // signature
            tbs = Skip(tbs); // issuer
            tbs = Skip(tbs); // validity

            int sum = 0;
            AsnDecoder.ReadSequence(tbs, Der, out int nameOffset, out int nameLength, out int nameConsumed);
            ReadOnlySpan<byte> rdns = tbs.Slice(nameOffset, nameLength);
            tbs = tbs.Slice(nameConsumed);
            while (!rdns.IsEmpty)
            {
                AsnDecoder.ReadSetOf(rdns, Der, out int setOffset, out int setLength, out int setConsumed, skipSortOrderValidation: true);
                ReadOnlySpan<byte> attributes = rdns.Slice(setOffset, setLength);
                rdns = rdns.Slice(setConsumed);
                while (!attributes.IsEmpty)
                {
                    AsnDecoder.ReadSequence(attributes, Der, out int atvOffset, out int atvLength, out int atvConsumed);
                    ReadOnlySpan<byte> atv = attributes.Slice(atvOffset, atvLength);
                    attributes = attributes.Slice(atvConsumed);
                    string oid = AsnDecoder.ReadObjectIdentifier(atv, Der, out int oidConsumed);
                    if (oid == CommonNameOid || oid == OrganizationalUnitOid)
                    {
                        ReadOnlySpan<byte> value = atv.Slice(oidConsumed);
                        Asn1Tag tag = Asn1Tag.Decode(value, out _);
                        sum += AsnDecoder.ReadCharacterString(value, Der, (UniversalTagNumber)tag.TagValue, out _).Length;
                    }
                }
            }

            tbs = Skip(tbs); // subjectPublicKeyInfo
            Asn1Tag extensionsTag = new(TagClass.ContextSpecific, 3, isConstructed: true);
            while (!tbs.IsEmpty && Asn1Tag.Decode(tbs, out _) != extensionsTag)
            {
                tbs = Skip(tbs);
            }

            if (tbs.IsEmpty)
            {
                return sum;
            }

            AsnDecoder.ReadSequence(tbs, Der, out int wrapOffset, out int wrapLength, out _, extensionsTag);
            ReadOnlySpan<byte> wrapped = tbs.Slice(wrapOffset, wrapLength);
            AsnDecoder.ReadSequence(wrapped, Der, out int listOffset, out int listLength, out _);
            ReadOnlySpan<byte> extensions = wrapped.Slice(listOffset, listLength);
            while (!extensions.IsEmpty)
            {
                AsnDecoder.ReadSequence(extensions, Der, out int extOffset, out int extLength, out int extConsumed);
                ReadOnlySpan<byte> extension = extensions.Slice(extOffset, extLength);
                extensions = extensions.Slice(extConsumed);
                string oid = AsnDecoder.ReadObjectIdentifier(extension, Der, out int oidConsumed);
                if (oid != SubjectAltNameOid)
                {
                    continue;
                }

                extension = extension.Slice(oidConsumed);
                if (Asn1Tag.Decode(extension, out _) == Asn1Tag.Boolean)
                {
                    AsnDecoder.ReadBoolean(extension, Der, out int boolConsumed);
                    extension = extension.Slice(boolConsumed);
                }

                ReadOnlySpan<byte> value = AsnDecoder.ReadOctetString(extension, Der, out _);
                AsnDecoder.ReadSequence(value, Der, out int namesOffset, out int namesLength, out _);
                ReadOnlySpan<byte> names = value.Slice(namesOffset, namesLength);
                Asn1Tag dnsTag = new(TagClass.ContextSpecific, 2);
                while (!names.IsEmpty)
                {
                    if (Asn1Tag.Decode(names, out _) == dnsTag)
                    {
                        sum += AsnDecoder.ReadCharacterString(names, Der, UniversalTagNumber.IA5String, out int consumed, dnsTag).Length;
                        names = names.Slice(consumed);
                    }
                    else
                    {
                        names = Skip(names);
                    }
                }
            }

            return sum;
        }

        [Benchmark]
        public int X509Certificate2GetNameInfo()
        {
            using X509Certificate2 certificate = X509CertificateLoader.LoadCertificate(_der);
            int sum = 0;
            foreach (X500RelativeDistinguishedName rdn in certificate.SubjectName.EnumerateRelativeDistinguishedNames(reversed: false))
            {
                string? oid = rdn.GetSingleElementType().Value;
                if (oid == OrganizationalUnitOid)
                {
                    sum += rdn.GetSingleElementValue()!.Length;
                }
            }

            // GetNameInfo(SimpleName) is the CN when there is one; count it only then, like the other methods.
            if (certificate.SubjectName.Name.Contains("CN=", StringComparison.Ordinal))
            {
                sum += certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false).Length;
            }

            foreach (X509Extension extension in certificate.Extensions)
            {
                if (extension is X509SubjectAlternativeNameExtension san)
                {
                    foreach (string dns in san.EnumerateDnsNames())
                    {
                        sum += dns.Length;
                    }
                }
            }

            return sum;
        }

        [Benchmark]
        public int BouncyCastle()
        {
            Org.BouncyCastle.X509.X509Certificate certificate = new Org.BouncyCastle.X509.X509CertificateParser().ReadCertificate(_der);
            int sum = 0;
            foreach (string cn in certificate.SubjectDN.GetValueList(Org.BouncyCastle.Asn1.X509.X509Name.CN))
            {
                sum += cn.Length;
            }

            foreach (string ou in certificate.SubjectDN.GetValueList(Org.BouncyCastle.Asn1.X509.X509Name.OU))
            {
                sum += ou.Length;
            }

            var names = certificate.GetSubjectAlternativeNames();
            if (names is not null)
            {
                foreach (IList<object> entry in names)
                {
                    if ((int)entry[0] == 2)
                    {
                        sum += ((string)entry[1]).Length;
                    }
                }
            }

            return sum;
        }

        private int Names(CertificateParseOptions options)
        {
            if (!Certificate.TryParse(_der, options, out Certificate certificate, out _))
            {
                return -1;
            }

            int sum = 0;
            foreach (AttributeTypeAndValue cn in certificate.Subject.EnumerateAttributes(AttributeType.CommonName))
            {
                sum += cn.Value.RawValue.Length;
            }

            foreach (AttributeTypeAndValue ou in certificate.Subject.EnumerateAttributes(AttributeType.OrganizationalUnitName))
            {
                sum += ou.Value.RawValue.Length;
            }

            if (certificate.TryGetSubjectAltName(out SubjectAltName san))
            {
                foreach (GeneralName name in san.Enumerate(GeneralNameType.DnsName))
                {
                    sum += name.Value.Length;
                }
            }

            return sum;
        }

        private static ReadOnlySpan<byte> Skip(ReadOnlySpan<byte> data)
        {
            AsnDecoder.ReadEncodedValue(data, AsnEncodingRules.DER, out _, out _, out int consumed);
            return data.Slice(consumed);
        }
    }
}
