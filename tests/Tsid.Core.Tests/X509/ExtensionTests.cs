using System;
using System.Collections.Generic;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Tsid.Testing;
using Tsid.X509;
using Xunit;
using static Tsid.Testing.Der;
using static Tsid.Tests.X509.TestCertificates;

namespace Tsid.Tests.X509
{
    public class ExtensionTests
    {
        [Fact]
        public void Typed_readers_agree_with_certificate_request()
        {
            using RSA key = RSA.Create(2048);
            CertificateRequest request = new("CN=ca.example", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 3, true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.DecipherOnly, true));
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2") }, false));
            X509SubjectKeyIdentifierExtension ski = new(request.PublicKey, false);
            request.CertificateExtensions.Add(ski);
            request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromSubjectKeyIdentifier(ski));
            using X509Certificate2 made = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));

            Assert.True(Certificate.TryParse(made.RawData, CertificateParseOptions.Strict, out Certificate certificate, out X509Error error), error.ToString());
            Assert.True(certificate.TryGetBasicConstraints(out BasicConstraints bc));
            Assert.True(bc.CertificateAuthority);
            Assert.True(bc.HasPathLengthConstraint);
            Assert.Equal(3, bc.PathLengthConstraint);

            Assert.True(certificate.TryGetKeyUsage(out KeyUsage usage));
            Assert.Equal(KeyUsage.KeyCertSign | KeyUsage.CrlSign | KeyUsage.DigitalSignature | KeyUsage.DecipherOnly, usage);

            Assert.True(certificate.TryGetExtendedKeyUsage(out ExtendedKeyUsage eku));
            Assert.True(eku.Contains(KeyPurposeOids.ServerAuth));
            Assert.True(eku.Contains(KeyPurposeOids.ClientAuth));
            Assert.False(eku.Contains(KeyPurposeOids.CodeSigning));
            List<string> purposes = new();
            foreach (ReadOnlySpan<byte> oid in eku)
            {
                purposes.Add(ObjectIdentifier.ToDottedString(oid));
            }

            Assert.Equal(new[] { "1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2" }, purposes);

            Assert.True(certificate.TryGetSubjectKeyIdentifier(out ReadOnlySpan<byte> keyId));
            Assert.Equal(ski.SubjectKeyIdentifierBytes.ToArray(), keyId.ToArray());
            Assert.True(certificate.TryGetAuthorityKeyIdentifier(out AuthorityKeyIdentifier aki));
            Assert.True(aki.HasKeyIdentifier);
            Assert.Equal(keyId.ToArray(), aki.KeyIdentifier.ToArray());
            Assert.False(aki.HasAuthorityCertIssuer);

            Assert.True(certificate.SubjectPublicKeyInfo.TryGetKeySize(out int bits));
            Assert.Equal(2048, bits);
            Assert.False(certificate.SubjectPublicKeyInfo.TryGetNamedCurve(out _));
            Assert.Equal("1.2.840.113549.1.1.11", certificate.SignatureAlgorithm.GetAlgorithmString());
            Assert.Equal(certificate.SignatureAlgorithm.Encoded.ToArray(), certificate.TbsSignatureAlgorithm.Encoded.ToArray());

            List<string> oids = new();
            foreach (Extension extension in certificate.Extensions)
            {
                oids.Add(extension.GetOidString());
            }

            List<string> peerOids = new();
            foreach (X509Extension extension in made.Extensions)
            {
                peerOids.Add(extension.Oid!.Value!);
            }

            Assert.Equal(peerOids, oids);
            Assert.True(certificate.TryGetExtension(ExtensionOids.BasicConstraints, out Extension basic));
            Assert.True(basic.Critical);
        }

        [Fact]
        public void Basic_constraints_with_explicit_false_and_path_length_is_lenient_only()
        {
            // wosign-bc-invalid.pem has this shape: CA:FALSE encoded explicitly, with a pathLenConstraint.
            byte[] value = Sequence(Tlv(0x01, new byte[] { 0x00 }), Integer(0));
            Assert.True(BasicConstraints.TryParse(value, strict: false, out BasicConstraints bc, out _));
            Assert.False(bc.CertificateAuthority);
            Assert.Equal(0, bc.PathLengthConstraint);
            Assert.False(BasicConstraints.TryParse(value, strict: true, out _, out X509Error error));
            Assert.Equal(new X509Error(X509ErrorCode.InvalidExtension, 2), error);
            Assert.True(BasicConstraints.TryParse(Sequence(), strict: true, out bc, out _));
            Assert.False(bc.CertificateAuthority);
            Assert.Equal(-1, bc.PathLengthConstraint);
        }

        [Fact]
        public void Authority_key_identifier_with_issuer_and_serial()
        {
            byte[] value = Sequence(
                Tlv(0x80, new byte[] { 1, 2, 3 }),
                Tlv(0xA1, Tlv(0xA4, Name(Rdn(Attribute("2.5.4.3", Utf8String("Root")))))),
                Tlv(0x82, new byte[] { 0x05 }));
            Assert.True(AuthorityKeyIdentifier.TryParse(value, strict: true, out AuthorityKeyIdentifier aki, out X509Error error), error.ToString());
            Assert.Equal(new byte[] { 1, 2, 3 }, aki.KeyIdentifier.ToArray());
            Assert.Equal(new byte[] { 5 }, aki.AuthorityCertSerialNumber.ToArray());
            int count = 0;
            foreach (GeneralName name in aki.EnumerateAuthorityCertIssuer())
            {
                Assert.Equal(GeneralNameType.DirectoryName, name.Type);
                Assert.Equal("CN=Root", name.GetString());
                count++;
            }

            Assert.Equal(1, count);

            // RFC 5280 4.2.1.1: issuer without serial is rejected strictly.
            byte[] issuerOnly = Sequence(Tlv(0xA1, Tlv(0xA4, Name(Rdn(Attribute("2.5.4.3", Utf8String("Root")))))));
            Assert.True(AuthorityKeyIdentifier.TryParse(issuerOnly, strict: false, out _, out _));
            Assert.False(AuthorityKeyIdentifier.TryParse(issuerOnly, strict: true, out _, out _));
        }

        [Theory]
        [InlineData("03 02 05 A0", KeyUsage.DigitalSignature | KeyUsage.KeyEncipherment)]
        [InlineData("03 03 07 00 80", KeyUsage.DecipherOnly)]
        [InlineData("03 02 01 06", KeyUsage.KeyCertSign | KeyUsage.CrlSign)]
        public void Key_usage_bits(string hex, KeyUsage expected)
        {
            byte[] bytes = Convert.FromHexString(hex.Replace(" ", string.Empty, StringComparison.Ordinal));
            Assert.True(KeyUsageReader.TryParse(bytes, strict: true, out KeyUsage usage, out _));
            Assert.Equal(expected, usage);
        }

        [Fact]
        public void Malformed_known_extension_is_rejected_strictly_and_skipped_leniently()
        {
            byte[] der = BuildCertificate(Name(Rdn(Attribute("2.5.4.3", Utf8String("s")))), new[] { Extension("2.5.29.19", true, Sequence(Integer(-1))) });
            Assert.True(Certificate.TryParse(der, out Certificate certificate, out _));
            Assert.False(certificate.TryGetBasicConstraints(out _));
            Assert.False(Certificate.TryParse(der, CertificateParseOptions.Strict, out _, out X509Error error));
            Assert.Equal(X509ErrorCode.InvalidInteger, error.Code);
        }
    }
}
