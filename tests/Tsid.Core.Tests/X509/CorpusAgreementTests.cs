using System;
using System.Collections.Generic;
using System.Formats.Asn1;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Tsid.Tests.Support;
using Tsid.X509;
using Xunit;

namespace Tsid.Tests.X509
{
    /// <summary>
    /// Every certificate under the corpus's certs/ (and the project's fixtures) against two peers: X509Certificate2
    /// (OpenSSL, with System.Formats.Asn1 decoding its raw name and extension bytes) and the corpus's expected.json
    /// (python-cryptography, OpenSSL fallback).
    /// </summary>
    public class CorpusAgreementTests
    {
        /// <summary>
        /// Certificates on which we rightly disagree with a peer on one field, and why. Everything else must agree.
        /// </summary>
        private static readonly Dictionary<string, string> KnownSubjectStringDifferences = new()
        {
            // python-cryptography writes a non-string value as '#' + hex of the BIT STRING contents; RFC 4514 2.4
            // (and OpenSSL) write '#' + hex of the whole BER encoding, tag and length included, which is what we do.
            ["pyca/scottishpower-bitstring-dn.pem"] = "x500UniqueIdentifier BIT STRING: RFC 4514 2.4 hex of the whole encoding",
            ["pyca/unique_identifier.pem"] = "x500UniqueIdentifier BIT STRING: RFC 4514 2.4 hex of the whole encoding",
        };

        /// <summary>Certificates python-cryptography rejects (so expected.json has no python facts) but OpenSSL and we read.</summary>
        private static readonly Dictionary<string, string> PythonRejects = new()
        {
            ["pyca/badasn1time.pem"] = "notAfter is a 15-character UTCTime; OpenSSL and we (lenient) keep the certificate, its notAfter does not decode",
            ["pyca/custom/invalid_version.pem"] = "version 7; OpenSSL and we (lenient, Version = 8) keep it, strict mode rejects it",
            ["pyca/ed25519/ed25519-rfc8410.pem"] = "explicit critical FALSE (a DER DEFAULT violation); lenient mode keeps it, strict mode rejects it",
        };

        /// <summary>
        /// Certificates whose subjectAltName .NET's managed X509SubjectAlternativeNameExtension decoder refuses (OpenSSL
        /// and python-cryptography read them). The entry-by-entry AsnReader comparison still runs; only the typed
        /// EnumerateDnsNames/EnumerateIPAddresses comparison is replaced by expected.json.
        /// </summary>
        private static readonly Dictionary<string, string> PeerSanDecoderFailures = new()
        {
            ["pyca/san_edipartyname.der"] = ".NET rejects the ediPartyName's inner encoding; we keep ediPartyName raw (RFC 5280 4.2.1.6)",
            ["pyca/utf8-dnsname.pem"] = "raw UTF-8 in IA5String dNSNames; .NET throws, we keep the bytes (GetString decodes them as UTF-8, like python-cryptography)",
        };

        private static readonly Lazy<Dictionary<string, JsonElement>> Expected = new(LoadExpected);

        public static IEnumerable<object[]> Files()
        {
            if (Corpus.Directory is null)
            {
                yield break;
            }

            string certs = Path.Combine(Corpus.Directory, "certs");
            foreach (string path in Directory.EnumerateFiles(certs, "*", SearchOption.AllDirectories).OrderBy(p => p, StringComparer.Ordinal))
            {
                if (!path.EndsWith(".json", StringComparison.Ordinal))
                {
                    yield return new object[] { Path.GetRelativePath(certs, path).Replace('\\', '/') };
                }
            }
        }

        [CorpusTheory]
        [MemberData(nameof(Files))]
        public void Certificate_agrees_with_openssl_and_expected_json(string file)
        {
            byte[] bytes = File.ReadAllBytes(Path.Combine(Corpus.PathOf("certs"), file));
            List<byte[]> ders = Extract(bytes, file);
            Assert.NotEmpty(ders);
            foreach (byte[] der in ders)
            {
                CheckOne(file, der);
            }
        }

        [Theory]
        [InlineData("cisco-nocn.der")]
        [InlineData("cisco-cn.der")]
        [InlineData("small-ec.der")]
        [InlineData("big-100san.der")]
        public void Fixture_agrees_with_openssl(string file) => CheckOne("fixture/" + file, Fixture.Bytes(file));

        [CorpusTheory]
        [InlineData("pyca/badasn1time.pem", X509ErrorCode.InvalidTime)]
        [InlineData("pyca/custom/invalid_version.pem", X509ErrorCode.InvalidVersion)]
        [InlineData("pyca/ed25519/ed25519-rfc8410.pem", X509ErrorCode.InvalidExtension)]
        [InlineData("pyca/utf8-dnsname.pem", X509ErrorCode.InvalidGeneralName)]
        [InlineData("pyca/wosign-bc-invalid.pem", X509ErrorCode.InvalidExtension)]
        public void Lenient_cases_from_real_certificates_are_rejected_by_strict_mode(string file, X509ErrorCode code)
        {
            byte[] der = Extract(File.ReadAllBytes(Path.Combine(Corpus.PathOf("certs"), file)), file)[0];
            Assert.True(Certificate.TryParse(der, out _, out _));
            Assert.False(Certificate.TryParse(der, CertificateParseOptions.Strict, out _, out X509Error error));
            Assert.Equal(code, error.Code);
        }

        [CorpusFact]
        public void Every_expected_json_certificate_was_checked()
        {
            // Guards the theory above against silently matching nothing.
            HashSet<string> seen = new(StringComparer.Ordinal);
            foreach (object[] row in Files())
            {
                string file = (string)row[0];
                foreach (byte[] der in Extract(File.ReadAllBytes(Path.Combine(Corpus.PathOf("certs"), file)), file))
                {
                    seen.Add(Convert.ToHexString(SHA256.HashData(der)).ToLowerInvariant());
                }
            }

            Assert.True(Expected.Value.Count >= 180, "expected.json entries: " + Expected.Value.Count);
            Assert.All(Expected.Value.Keys, sha => Assert.Contains(sha, seen));
        }

        private static List<byte[]> Extract(byte[] bytes, string file)
        {
            if (bytes.Length > 0 && bytes[0] == 0x30)
            {
                return new List<byte[]> { bytes };
            }

            string text = Encoding.ASCII.GetString(bytes);
            List<byte[]> ders = new();
            PemCertificateEnumerator e = Pem.EnumerateCertificates(text);
            while (e.MoveNext())
            {
                ders.Add(e.Current.ToArray());
            }

            Assert.True(e.Error.Code == X509ErrorCode.None, file + ": " + e.Error);
            return ders;
        }

        private static void CheckOne(string file, byte[] der)
        {
            string sha = Convert.ToHexString(SHA256.HashData(der)).ToLowerInvariant();
            Assert.True(Certificate.TryParse(der, out Certificate certificate, out X509Error error), file + ": " + error);
            Assert.True(ParseModes.AssertConsistent(der).Deferred, file + ": deferred");
            bool strict = Certificate.TryParse(der, CertificateParseOptions.Strict, out _, out X509Error strictError);

            using X509Certificate2 peer = X509CertificateLoader.LoadCertificate(der);

            Assert.Equal(peer.RawData, certificate.Encoded.ToArray());
            Assert.Equal(peer.SerialNumberBytes.ToArray(), certificate.SerialNumber.ToArray());
            Assert.Equal(peer.SubjectName.RawData, certificate.Subject.Encoded.ToArray());
            Assert.Equal(peer.IssuerName.RawData, certificate.Issuer.Encoded.ToArray());
            Assert.Equal(PeerAttributes(peer.SubjectName.RawData), OurAttributes(certificate.Subject));
            Assert.Equal(PeerAttributes(peer.IssuerName.RawData), OurAttributes(certificate.Issuer));

            if (certificate.Version <= 3)
            {
                Assert.Equal(peer.Version, certificate.Version);
            }
            else
            {
                Assert.False(strict);
                Assert.Equal(X509ErrorCode.InvalidVersion, strictError.Code);
            }

            if (certificate.Validity.TryGetNotBefore(out DateTimeOffset notBefore))
            {
                Assert.Equal(peer.NotBefore.ToUniversalTime(), notBefore.UtcDateTime);
            }
            else
            {
                Assert.Contains(file, PythonRejects.Keys);
            }

            if (certificate.Validity.TryGetNotAfter(out DateTimeOffset notAfter))
            {
                Assert.Equal(peer.NotAfter.ToUniversalTime(), notAfter.UtcDateTime);
            }
            else
            {
                Assert.Contains(file, PythonRejects.Keys);
                Assert.False(strict);
                Assert.Equal(X509ErrorCode.InvalidTime, strictError.Code);
            }

            // Extensions: OIDs, critical flags and values, in order.
            List<(string Oid, bool Critical, string Value)> ours = new();
            foreach (Extension extension in certificate.Extensions)
            {
                ours.Add((extension.GetOidString(), extension.Critical, Convert.ToHexString(extension.Value)));
            }

            Assert.Equal(peer.Extensions.Select(x => (x.Oid!.Value!, x.Critical, Convert.ToHexString(x.RawData))).ToList(), ours);

            // subjectAltName: every entry's type and bytes in wire order, decoded independently with AsnReader;
            // then the dNSNames and IP addresses through X509SubjectAlternativeNameExtension where it can read them.
            X509Extension? peerSan = peer.Extensions.FirstOrDefault(x => x.Oid!.Value == "2.5.29.17");
            Assert.Equal(peerSan is not null, certificate.TryGetSubjectAltName(out SubjectAltName san));
            List<string> ourDns = new();
            if (peerSan is not null)
            {
                List<(int Tag, string Encoded)> ourEntries = new();
                List<string> ourIps = new();
                foreach (GeneralName name in san)
                {
                    Assert.True(name.IsValid, file + ": " + name.GetString());
                    ourEntries.Add(((int)name.Type, Convert.ToHexString(name.Encoded)));
                    if (name.Type == GeneralNameType.DnsName)
                    {
                        ourDns.Add(name.GetString());
                    }
                    else if (name.Type == GeneralNameType.IPAddress)
                    {
                        ourIps.Add(new System.Net.IPAddress(name.Value.ToArray()).ToString());
                    }
                }

                Assert.Equal(PeerGeneralNames(peerSan.RawData), ourEntries);
                if (PeerSanDecoderFailures.ContainsKey(file))
                {
                    Assert.Throws<CryptographicException>(() => new X509SubjectAlternativeNameExtension(peerSan.RawData, peerSan.Critical));
                }
                else
                {
                    X509SubjectAlternativeNameExtension typed = new(peerSan.RawData, peerSan.Critical);
                    Assert.Equal(typed.EnumerateDnsNames().ToList(), ourDns);
                    Assert.Equal(typed.EnumerateIPAddresses().Select(a => a.ToString()).ToList(), ourIps);
                }
            }

            // expected.json (python-cryptography) where it has this certificate.
            // The project's fixtures have no expected.json entry and must also pass on a clone without the corpus.
            JsonElement facts = default;
            if (Corpus.Directory is not null && Expected.Value.TryGetValue(sha, out facts))
            {
                if (facts.TryGetProperty("parse_error", out JsonElement parseError) && parseError.ValueKind == JsonValueKind.String)
                {
                    Assert.Contains(file, PythonRejects.Keys);
                    Assert.False(strict, file + " is accepted by strict mode but python-cryptography rejects it");
                    return;
                }

                if (!KnownSubjectStringDifferences.ContainsKey(file))
                {
                    Assert.Equal(facts.GetProperty("subject").GetString(), certificate.Subject.ToRfc4514String());
                }

                Assert.Equal(facts.GetProperty("issuer").GetString(), certificate.Issuer.ToRfc4514String());
                Assert.Equal(Strings(facts, "subject_cn"), CertificateFixtureTests.Values(certificate.Subject, AttributeType.CommonName));
                Assert.Equal(Strings(facts, "subject_ou"), CertificateFixtureTests.Values(certificate.Subject, AttributeType.OrganizationalUnitName));
                Assert.Equal(Strings(facts, "subject_o"), CertificateFixtureTests.Values(certificate.Subject, AttributeType.OrganizationName));
                if (facts.TryGetProperty("san_dns", out JsonElement sanDns) && sanDns.ValueKind == JsonValueKind.Array)
                {
                    Assert.Equal(Strings(facts, "san_dns"), ourDns);
                }

                Assert.Equal(facts.GetProperty("serial_hex").GetString(), SerialHex(certificate.SerialNumber));
                Assert.Equal(DateTimeOffset.Parse(facts.GetProperty("not_before").GetString()!, CultureInfo.InvariantCulture), notBefore);
                Assert.Equal(DateTimeOffset.Parse(facts.GetProperty("not_after").GetString()!, CultureInfo.InvariantCulture), notAfter);
            }
            else
            {
                Assert.StartsWith("fixture/", file, StringComparison.Ordinal);
            }
        }

        private static List<string> Strings(JsonElement facts, string property) =>
            facts.TryGetProperty(property, out JsonElement array) && array.ValueKind == JsonValueKind.Array
                ? array.EnumerateArray().Select(v => v.GetString()!).ToList()
                : new List<string>();

        private static string SerialHex(ReadOnlySpan<byte> serial)
        {
            BigInteger value = new(serial, isUnsigned: false, isBigEndian: true);
            string hex = BigInteger.Abs(value).ToString("X", CultureInfo.InvariantCulture).TrimStart('0');
            return (value.Sign < 0 ? "-" : string.Empty) + (hex.Length == 0 ? "0" : hex);
        }

        private static List<(int Rdn, string Oid, int Tag, string Raw, string? Text)> OurAttributes(DistinguishedName name)
        {
            List<(int, string, int, string, string?)> list = new();
            int index = 0;
            foreach (RelativeDistinguishedName rdn in name)
            {
                foreach (AttributeTypeAndValue attribute in rdn)
                {
                    DirectoryString value = attribute.Value;
                    string? text = value.StringType is DirectoryStringType.Other or DirectoryStringType.TeletexString ? null : value.GetString();
                    list.Add((index, ObjectIdentifier.ToDottedString(attribute.TypeOid), value.Tag, Convert.ToHexString(value.RawValue), text));
                }

                index++;
            }

            return list;
        }

        /// <summary>The peer's view of a Name, decoded from X509Certificate2's raw bytes with System.Formats.Asn1.</summary>
        private static List<(int Rdn, string Oid, int Tag, string Raw, string? Text)> PeerAttributes(byte[] name)
        {
            List<(int, string, int, string, string?)> list = new();
            AsnReader reader = new AsnReader(name, AsnEncodingRules.DER).ReadSequence();
            int index = 0;
            while (reader.HasData)
            {
                AsnReader set = reader.ReadSetOf(skipSortOrderValidation: true);
                while (set.HasData)
                {
                    AsnReader atv = set.ReadSequence();
                    string oid = atv.ReadObjectIdentifier();
                    ReadOnlyMemory<byte> encoded = atv.ReadEncodedValue();
                    AsnDecoder.ReadEncodedValue(encoded.Span, AsnEncodingRules.BER, out int contentOffset, out int contentLength, out _);
                    byte tag = encoded.Span[0];
                    string? text = null;
                    UniversalTagNumber? stringType = tag switch
                    {
                        0x0C => UniversalTagNumber.UTF8String,
                        0x13 => UniversalTagNumber.PrintableString,
                        0x16 => UniversalTagNumber.IA5String,
                        0x1A => UniversalTagNumber.VisibleString,
                        0x12 => UniversalTagNumber.NumericString,
                        0x1E => UniversalTagNumber.BMPString,
                        0x1C => UniversalTagNumber.UniversalString,
                        _ => null,
                    };
                    if (stringType is { } type)
                    {
                        try
                        {
                            text = AsnDecoder.ReadCharacterString(encoded.Span, AsnEncodingRules.BER, type, out _);
                        }
                        catch (AsnContentException)
                        {
                            // The peer cannot decode bytes outside the type's alphabet; our lenient decoding keeps them
                            // (Latin-1 for the single-byte types), so compare with that rule instead.
                            text = Latin1(encoded.Span.Slice(contentOffset, contentLength));
                        }
                    }

                    list.Add((index, oid, tag, Convert.ToHexString(encoded.Span.Slice(contentOffset, contentLength)), text));
                }

                index++;
            }

            return list;
        }

        private static string Latin1(ReadOnlySpan<byte> bytes) => Encoding.Latin1.GetString(bytes);

        private static List<(int Tag, string Encoded)> PeerGeneralNames(byte[] extensionValue)
        {
            List<(int, string)> list = new();
            AsnReader names = new AsnReader(extensionValue, AsnEncodingRules.DER).ReadSequence();
            while (names.HasData)
            {
                Asn1Tag tag = names.PeekTag();
                Assert.Equal(TagClass.ContextSpecific, tag.TagClass);
                list.Add((tag.TagValue, Convert.ToHexString(names.ReadEncodedValue().Span)));
            }

            return list;
        }

        private static Dictionary<string, JsonElement> LoadExpected()
        {
            Dictionary<string, JsonElement> bySha = new(StringComparer.Ordinal);
            using (JsonDocument pyca = JsonDocument.Parse(File.ReadAllBytes(Corpus.PathOf("certs/pyca/expected.json"))))
            {
                foreach (JsonElement file in pyca.RootElement.GetProperty("certificates").EnumerateArray())
                {
                    foreach (JsonElement cert in file.GetProperty("certs").EnumerateArray())
                    {
                        bySha[cert.GetProperty("sha256").GetString()!] = cert.Clone();
                    }
                }
            }

            using (JsonDocument pcaps = JsonDocument.Parse(File.ReadAllBytes(Corpus.PathOf("certs/from-pcaps/expected.json"))))
            {
                foreach (JsonElement cert in pcaps.RootElement.GetProperty("certificates").EnumerateArray())
                {
                    bySha[cert.GetProperty("sha256").GetString()!] = cert.GetProperty("facts_python_cryptography").Clone();
                }
            }

            return bySha;
        }
    }
}
