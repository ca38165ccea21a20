using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Tsid.Testing;
using Tsid.Tests.Support;
using Tsid.X509;
using Xunit;
using static Tsid.Testing.Der;
using static Tsid.Tests.X509.TestCertificates;

namespace Tsid.Tests.X509
{
    /// <summary>
    /// Model-based properties: generate a subject or a SAN list, encode it into a whole certificate with the test-only
    /// DER writer (or CertificateRequest), parse it back and compare; and mutation properties on real certificates.
    /// </summary>
    public class CertificatePropertyTests
    {
        private static readonly string[] AttributeOids =
        {
            "2.5.4.3", "2.5.4.11", "2.5.4.10", "2.5.4.6", "2.5.4.7", "2.5.4.8", "2.5.4.9", "2.5.4.5", "2.5.4.4", "2.5.4.42",
            "0.9.2342.19200300.100.1.25", "0.9.2342.19200300.100.1.1", "1.2.840.113549.1.9.1", "1.3.6.1.4.1.311.60.2.1.3",
            "1.2.3.4", "2.999.1234567", "1.3.6.1.4.1.99999.1.2.3",
        };

        /// <summary>One attribute of the model: type OID, string tag, the text, and its encoding for that tag.</summary>
        public sealed record AttributeModel(string Oid, byte Tag, string Text)
        {
            public byte[] Contents => Tag switch
            {
                0x0C => Encoding.UTF8.GetBytes(Text),
                0x1E => Encoding.BigEndianUnicode.GetBytes(Text),
                0x1C => new UTF32Encoding(bigEndian: true, byteOrderMark: false).GetBytes(Text),
                _ => Encoding.Latin1.GetBytes(Text),
            };

            public override string ToString() => $"{Oid}:{Tag:X2}:{Text}";
        }

        /// <summary>One SAN entry of the model: its expected type and its whole encoding.</summary>
        public sealed record GeneralNameModel(GeneralNameType Type, byte[] Encoded, string? Text)
        {
            public override string ToString() => $"{Type}:{Convert.ToHexString(Encoded)}";
        }

        private static Gen<string> TextOf(byte tag)
        {
            Gen<char> chars = tag switch
            {
                0x13 => Gen.Elements("ABCXYZabcxyz0189 '()+,-./:=?".ToCharArray()),
                0x12 => Gen.Elements("0123456789 ".ToCharArray()),
                0x16 => Gen.Choose(0, 0x7F).Select(c => (char)c),
                0x1A => Gen.Choose(0x20, 0x7E).Select(c => (char)c),
                0x14 => Gen.Choose(0, 0xFF).Select(c => (char)c),
                0x1E => Gen.OneOf(Gen.Choose(0, 0xD7FF), Gen.Choose(0xE000, 0xFFFD)).Select(c => (char)c),
                _ => Gen.Frequency(
                    (6, Gen.Choose(0x20, 0x7E).Select(c => (char)c)),
                    (1, Gen.Constant('\0')),
                    (2, Gen.Elements("éßЖ中文☃,+\"\\<>;#= ".ToCharArray())),
                    (1, Gen.OneOf(Gen.Choose(0xA0, 0xD7FF), Gen.Choose(0xE000, 0xFFFD)).Select(c => (char)c))),
            };
            Gen<string> plain = chars.ListOf().Select(list => new string(list.ToArray()));
            if (tag is 0x0C or 0x1C)
            {
                // Supplementary code points (surrogate pairs in UTF-16) for the types that can carry them.
                return Gen.Frequency((4, plain), (1, plain.SelectMany(s => Gen.Elements("😀", "𝄞", "𠜎").Select(e => s + e + s))));
            }

            return plain;
        }

        private static readonly Gen<AttributeModel> AttributeGen =
            from oid in Gen.Elements(AttributeOids)
            from tag in Gen.Elements(new byte[] { 0x0C, 0x13, 0x16, 0x1A, 0x12, 0x14, 0x1E, 0x1C })
            from text in TextOf(tag)
            select new AttributeModel(oid, tag, text);

        private static readonly Gen<List<List<AttributeModel>>> SubjectGen =
            Gen.Choose(0, 8).SelectMany(n => Gen.Frequency((5, Gen.Constant(1)), (1, Gen.Choose(2, 4))).SelectMany(k => AttributeGen.ListOf(k)).ListOf(n))
                .Select(rdns => rdns.Select(r => r.ToList()).ToList());

        private static Gen<string> HostGen =>
            Gen.Choose(0, 40).SelectMany(n => Gen.Elements("abcdefghijklmnopqrstuvwxyz0123456789-".ToCharArray()).ArrayOf(n)).Select(l => new string(l))
                .SelectMany(label => Gen.Elements("example.com", "cisco.com", "a.b.c").Select(d => (label.Length == 0 ? "*" : label) + "." + d));

        private static readonly Gen<GeneralNameModel> GeneralNameGen = Gen.OneOf(
            HostGen.Select(h => new GeneralNameModel(GeneralNameType.DnsName, AsciiString(0x82, h), h)),
            HostGen.Select(h => new GeneralNameModel(GeneralNameType.Rfc822Name, AsciiString(0x81, "user@" + h), "user@" + h)),
            HostGen.Select(h => new GeneralNameModel(GeneralNameType.UniformResourceIdentifier, AsciiString(0x86, "https://" + h + "/"), "https://" + h + "/")),
            Gen.Choose(0, 255).ArrayOf(4).Select(b => new GeneralNameModel(GeneralNameType.IPAddress, Tlv(0x87, b.Select(x => (byte)x).ToArray()), string.Join('.', b))),
            Gen.Choose(0, 255).ArrayOf(16).Select(b => new GeneralNameModel(GeneralNameType.IPAddress, Tlv(0x87, b.Select(x => (byte)x).ToArray()), null)),
            Gen.Choose(1, 100000).Select(a => new GeneralNameModel(GeneralNameType.RegisteredId, Tlv(0x88, OidContents("1.3.6.1.4.1." + a)), "1.3.6.1.4.1." + a)),
            HostGen.Select(h => new GeneralNameModel(GeneralNameType.OtherName, Tlv(0xA0, Oid("1.3.6.1.4.1.311.20.2.3"), Tlv(0xA0, Utf8String(h))), null)),
            HostGen.Select(h => new GeneralNameModel(GeneralNameType.DirectoryName, Tlv(0xA4, Name(Rdn(Attribute("2.5.4.3", Utf8String(h))))), "CN=" + h)),
            HostGen.Select(h => new GeneralNameModel(GeneralNameType.X400Address, Tlv(0xA3, Sequence(PrintableString(h))), null)),
            HostGen.Select(h => new GeneralNameModel(GeneralNameType.EdiPartyName, Tlv(0xA5, Tlv(0x81, Utf8String(h))), null)));

        private static readonly Gen<List<GeneralNameModel>> SanListGen =
            Gen.Frequency((6, Gen.Choose(0, 20)), (2, Gen.Choose(21, 120)), (1, Gen.Choose(400, 500)))
                .SelectMany(n => GeneralNameGen.ListOf(n))
                .Select(l => l.ToList());

        [FsCheck.Xunit.Property(MaxTest = 200)]
        public Property Generated_subjects_parse_back_in_order() => Prop.ForAll(Arb.From(SubjectGen), rdns =>
        {
            byte[] name = Name(rdns.Select(rdn => Rdn(rdn.Select(a => Attribute(a.Oid, Tlv(a.Tag, a.Contents))).ToArray())).ToArray());
            byte[] der = BuildCertificate(name);
            if (!Certificate.TryParse(der, CertificateParseOptions.Strict, out Certificate certificate, out X509Error error))
            {
                return false.Label("strict parse failed: " + error);
            }

            List<string> expected = new();
            for (int i = 0; i < rdns.Count; i++)
            {
                expected.AddRange(rdns[i].Select(a => $"{i}|{a.Oid}|{a.Tag}|{a.Text}"));
            }

            List<string> actual = new();
            int index = 0;
            foreach (RelativeDistinguishedName rdn in certificate.Subject)
            {
                foreach (AttributeTypeAndValue attribute in rdn)
                {
                    char[] buffer = new char[attribute.Value.MaxCharCount];
                    string text = attribute.Value.TryDecode(buffer, out int written) ? new string(buffer, 0, written) : "<undecodable>";
                    actual.Add($"{index}|{ObjectIdentifier.ToDottedString(attribute.TypeOid)}|{attribute.Value.Tag}|{text}");
                }

                index++;
            }

            // The filtered enumeration sees the same CN values in the same order.
            List<string> cns = CertificateFixtureTests.Values(certificate.Subject, AttributeType.CommonName);
            List<string> modelCns = rdns.SelectMany(r => r).Where(a => a.Oid == "2.5.4.3").Select(a => a.Text).ToList();

            // The RFC 4514 form has one '=' per attribute outside escaped values and round-trips through .NET's parser
            // into the same number of RDNs.
            string rfc4514 = certificate.Subject.ToRfc4514String();
            return (expected.SequenceEqual(actual) && cns.SequenceEqual(modelCns) && (rdns.Count == 0) == (rfc4514.Length == 0))
                .Label("expected:\n" + string.Join("\n", expected) + "\nactual:\n" + string.Join("\n", actual));
        });

        [FsCheck.Xunit.Property(MaxTest = 150)]
        public Property Generated_san_lists_parse_back_in_order() => Prop.ForAll(Arb.From(SanListGen), entries =>
        {
            byte[] der = BuildCertificate(Name(Rdn(Attribute("2.5.4.3", Utf8String("s")))), new[] { SanExtension(entries.Select(e => e.Encoded).ToArray()) });
            CertificateParseOptions options = entries.Count > 0 ? CertificateParseOptions.Strict : CertificateParseOptions.Default;
            if (!Certificate.TryParse(der, options, out Certificate certificate, out X509Error error) || !certificate.TryGetSubjectAltName(out SubjectAltName san))
            {
                return false.Label("parse failed: " + error);
            }

            List<string> actual = new();
            foreach (GeneralName name in san)
            {
                string text = entries[actual.Count].Text is null ? string.Empty : name.GetString();
                actual.Add($"{name.Type}|{Convert.ToHexString(name.Encoded)}|{text}");
            }

            List<string> expected = entries.Select(e => $"{e.Type}|{Convert.ToHexString(e.Encoded)}|{e.Text ?? string.Empty}").ToList();
            int dns = 0;
            foreach (GeneralName unused in san.Enumerate(GeneralNameType.DnsName))
            {
                dns++;
            }

            return (expected.SequenceEqual(actual) && dns == entries.Count(e => e.Type == GeneralNameType.DnsName))
                .Label($"expected {expected.Count}, actual {actual.Count}");
        });

        private static readonly ECDsa Key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

        private static readonly Gen<(string[] Ous, string Cn, string[] Dns)> RequestGen =
            from count in Gen.Choose(0, 3)
            from ous in TextOf(0x0C).Where(s => s.Length > 0 && !s.Contains('\0', StringComparison.Ordinal)).ListOf(count)
            from cn in TextOf(0x0C).Where(s => s.Length > 0 && !s.Contains('\0', StringComparison.Ordinal))
            from dns in HostGen.Select(h => h.Replace('-', 'x').Replace('*', 'w')).ListOf()
            select (ous.ToArray(), cn, dns.ToArray());

        [FsCheck.Xunit.Property(MaxTest = 60)]
        public Property Certificate_request_subjects_and_sans_parse_back() => Prop.ForAll(Arb.From(RequestGen), model =>
        {
            X500DistinguishedNameBuilder subject = new();
            foreach (string ou in model.Ous)
            {
                subject.AddOrganizationalUnitName(ou);
            }

            subject.AddCommonName(model.Cn);
            CertificateRequest request = new(subject.Build(), Key, HashAlgorithmName.SHA256);
            if (model.Dns.Length > 0)
            {
                SubjectAlternativeNameBuilder sans = new();
                foreach (string d in model.Dns)
                {
                    sans.AddDnsName(d);
                }

                request.CertificateExtensions.Add(sans.Build());
            }

            using X509Certificate2 made = request.CreateSelfSigned(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddYears(1));
            if (!Certificate.TryParse(made.RawData, CertificateParseOptions.Strict, out Certificate certificate, out X509Error error))
            {
                return false.Label(error.ToString());
            }

            // X500DistinguishedNameBuilder writes RDNs in reverse order of the Add calls.
            List<string> ous = CertificateFixtureTests.Values(certificate.Subject, AttributeType.OrganizationalUnitName);
            ous.Reverse();
            List<string> cns = CertificateFixtureTests.Values(certificate.Subject, AttributeType.CommonName);
            List<string> dns = CertificateFixtureTests.DnsNames(certificate);
            return (ous.SequenceEqual(model.Ous) && cns.SequenceEqual(new[] { model.Cn }) && dns.SequenceEqual(model.Dns)).ToProperty();
        });

        public static IEnumerable<object[]> RealCertificates()
        {
            yield return new object[] { "cisco-nocn.der" };
            yield return new object[] { "cisco-cn.der" };
            yield return new object[] { "small-ec.der" };
            yield return new object[] { "big-100san.der" };
        }

        [Theory]
        [MemberData(nameof(RealCertificates))]
        public void Every_truncation_is_an_error_never_an_exception(string file)
        {
            byte[] der = Fixture.Bytes(file);
            for (int length = 0; length < der.Length; length++)
            {
                // A fresh exact-size array, so any read past the end would throw rather than see the rest of the input.
                byte[] prefix = der.AsSpan(0, length).ToArray();
                Assert.False(Certificate.TryParse(prefix, out _, out X509Error error));
                Assert.Equal(X509ErrorCode.Truncated, error.Code);
                Assert.InRange(error.Offset, 0, length);
                Assert.False(Certificate.TryParse(prefix, CertificateParseOptions.Strict, out _, out _));
                Assert.False(Certificate.TryParse(prefix, CertificateParseOptions.Deferred, out _, out X509Error deferred));
                Assert.Equal(error, deferred);
            }
        }

        [Theory]
        [MemberData(nameof(RealCertificates))]
        public void Every_single_bit_flip_is_an_error_or_a_valid_parse(string file)
        {
            byte[] der = Fixture.Bytes(file);
            int parsed = 0;

            // Every position of the small certificates; every eighth one of the 4 KB certificate keeps the suite quick.
            int step = der.Length > 2000 ? 8 : 1;
            for (int position = 0; position < der.Length; position += step)
            {
                for (int bit = 0; bit < 8; bit++)
                {
                    byte[] mutated = (byte[])der.Clone();
                    mutated[position] ^= (byte)(1 << bit);
                    parsed += ParseAndTouchEverything(mutated) ? 1 : 0;
                }
            }

            // Most flips land in names, keys and signatures and still parse; framing flips do not.
            Assert.InRange(parsed, 1, (der.Length * 8) - 1);
        }

        private static readonly Gen<(byte[] Der, (int Position, byte Value)[] Edits)> MutationGen =
            from file in Gen.Elements("cisco-nocn.der", "small-ec.der", "big-100san.der")
            let der = Fixture.Bytes(file)
            from count in Gen.Choose(1, 6)
            from edits in Gen.Zip(Gen.Choose(0, der.Length - 1), Gen.Choose(0, 255).Select(v => (byte)v)).ArrayOf(count)
            select (der, edits);

        [FsCheck.Xunit.Property(MaxTest = 300)]
        public Property Random_byte_rewrites_never_throw() => Prop.ForAll(Arb.From(MutationGen), input =>
        {
            byte[] mutated = (byte[])input.Der.Clone();
            foreach ((int position, byte value) in input.Edits)
            {
                mutated[position] = value;
            }

            ParseAndTouchEverything(mutated);
            ParseAndTouchEverything(mutated.AsSpan(0, mutated.Length / 2).ToArray());
            return true.ToProperty();
        });

        /// <summary>
        /// Parses in every mode (strict, lenient, deferred), checks the modes agree (<see cref="ParseModes"/>) and reads
        /// every member of each lenient and deferred parse that succeeds; any exception fails the caller.
        /// Returns whether the lenient (default) parse succeeded.
        /// </summary>
        internal static bool ParseAndTouchEverything(byte[] der)
        {
            (_, bool lenient, bool deferred) = ParseModes.AssertConsistent(der);
            if (deferred)
            {
                // Deferred mode leaves parts unchecked: its views must read them without throwing whatever they hold.
                Assert.True(Certificate.TryParse(der, CertificateParseOptions.Deferred, out Certificate deferredCertificate, out _));
                TouchEverything(deferredCertificate);
            }

            if (!Certificate.TryParse(der, out Certificate certificate, out X509Error error))
            {
                Assert.False(lenient);
                Assert.NotEqual(X509ErrorCode.None, error.Code);
                Assert.InRange(error.Offset, 0, der.Length);
                return false;
            }

            TouchEverything(certificate);
            return true;
        }

        private static void TouchEverything(in Certificate certificate)
        {
            _ = certificate.Version + certificate.SerialNumber.Length + certificate.TbsCertificate.Length + certificate.SignatureValue.Length;
            _ = certificate.Subject.ToRfc4514String() + certificate.Issuer.ToRfc4514String();
            foreach (AttributeTypeAndValue attribute in certificate.Subject.EnumerateAttributes())
            {
                _ = attribute.Value.GetString();
                _ = attribute.Value.IsValid;
                attribute.Value.TryDecode(new char[attribute.Value.MaxCharCount], out _);
            }

            certificate.Validity.TryGetNotBefore(out _);
            certificate.Validity.TryGetNotAfter(out _);
            certificate.SubjectPublicKeyInfo.TryGetKeySize(out _);
            certificate.SubjectPublicKeyInfo.TryGetNamedCurve(out _);
            _ = certificate.SignatureAlgorithm.GetAlgorithmString() + certificate.TbsSignatureAlgorithm.GetAlgorithmString()
                + certificate.SubjectPublicKeyInfo.Algorithm.GetAlgorithmString();
            foreach (Extension extension in certificate.Extensions)
            {
                _ = extension.GetOidString();
            }

            certificate.TryFindDuplicateExtension(out _, out _);
            if (certificate.TryGetSubjectAltName(out SubjectAltName san))
            {
                foreach (GeneralName name in san)
                {
                    _ = name.GetString();
                    name.TryGetDirectoryName(out _);
                    name.TryGetOtherName(out _, out _);
                }
            }

            certificate.TryGetBasicConstraints(out _);
            certificate.TryGetKeyUsage(out _);
            if (certificate.TryGetExtendedKeyUsage(out ExtendedKeyUsage eku))
            {
                eku.Contains(KeyPurposeOids.ServerAuth);
            }

            certificate.TryGetSubjectKeyIdentifier(out _);
            if (certificate.TryGetAuthorityKeyIdentifier(out AuthorityKeyIdentifier aki))
            {
                foreach (GeneralName name in aki.EnumerateAuthorityCertIssuer())
                {
                    _ = name.GetString();
                }
            }
        }
    }
}
