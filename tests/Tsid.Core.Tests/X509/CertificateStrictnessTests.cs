using System;
using Tsid.Testing;
using Tsid.X509;
using Xunit;
using static Tsid.Testing.Der;
using static Tsid.Tests.X509.TestCertificates;

namespace Tsid.Tests.X509
{
    public class CertificateStrictnessTests
    {
        private static readonly byte[] Subject = Name(Rdn(Attribute("2.5.4.3", Utf8String("s"))));

        private static X509Error StrictError(byte[] der)
        {
            Assert.True(Certificate.TryParse(der, out _, out X509Error lenient), "lenient: " + lenient);
            Assert.False(Certificate.TryParse(der, CertificateParseOptions.Strict, out _, out X509Error error));
            return error;
        }

        [Fact]
        public void Version_7_is_kept_leniently_and_rejected_strictly()
        {
            byte[] der = BuildCertificate(Subject, version: Tlv(0xA0, Integer(7)));
            Assert.True(Certificate.TryParse(der, out Certificate certificate, out _));
            Assert.Equal(8, certificate.Version);
            Assert.Equal(new X509Error(X509ErrorCode.InvalidVersion, der.AsSpan().IndexOf(new byte[] { 0xA0, 0x03, 0x02, 0x01, 0x07 })), StrictError(der));
        }

        [Fact]
        public void Absent_version_is_v1_and_explicit_v1_is_an_encoded_default()
        {
            byte[] v1 = Sequence(Sequence(Integer(1), Sha256WithRsa, Subject, Sequence(UtcTime("250101000000Z"), UtcTime("260101000000Z")), Subject, DummyEcSubjectPublicKeyInfo()), Sha256WithRsa, Tlv(0x03, new byte[] { 0 }));
            Assert.True(Certificate.TryParse(v1, CertificateParseOptions.Strict, out Certificate certificate, out X509Error error), error.ToString());
            Assert.Equal(1, certificate.Version);
            Assert.False(certificate.HasExtensions);
            Assert.Equal(X509ErrorCode.InvalidVersion, StrictError(BuildCertificate(Subject, version: Tlv(0xA0, Integer(0)))).Code);
        }

        [Fact]
        public void Huge_version_is_rejected_in_both_modes()
        {
            byte[] der = BuildCertificate(Subject, version: Tlv(0xA0, Integer(1000)));
            Assert.False(Certificate.TryParse(der, out _, out X509Error error));
            Assert.Equal(X509ErrorCode.InvalidVersion, error.Code);
        }

        [Fact]
        public void Invalid_time_is_kept_leniently_and_rejected_strictly()
        {
            byte[] der = BuildCertificate(Subject, notAfter: UtcTime("19020701025736Z"));
            Assert.True(Certificate.TryParse(der, out Certificate certificate, out _));
            Assert.True(certificate.Validity.TryGetNotBefore(out _));
            Assert.False(certificate.Validity.TryGetNotAfter(out _));
            Assert.Equal("19020701025736Z", System.Text.Encoding.ASCII.GetString(certificate.Validity.NotAfterText));
            Assert.Equal(X509ErrorCode.InvalidTime, StrictError(der).Code);
        }

        [Fact]
        public void Lenient_times_accept_what_openssl_accepts()
        {
            byte[] der = BuildCertificate(Subject, notBefore: UtcTime("2501010000Z"), notAfter: GeneralizedTime("20351231235959.5+0100"));
            Assert.True(Certificate.TryParse(der, out Certificate certificate, out _));
            Assert.True(certificate.Validity.TryGetNotBefore(out DateTimeOffset notBefore));
            Assert.Equal(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero), notBefore);
            Assert.True(certificate.Validity.TryGetNotAfter(out DateTimeOffset notAfter));
            Assert.Equal(new DateTimeOffset(2035, 12, 31, 22, 59, 59, TimeSpan.Zero), notAfter);
            Assert.True(certificate.Validity.NotAfterIsGeneralizedTime);
            Assert.True(certificate.Validity.Contains(new DateTimeOffset(2030, 1, 1, 0, 0, 0, TimeSpan.Zero)));
            Assert.False(certificate.Validity.Contains(new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero)));
            Assert.Equal(X509ErrorCode.InvalidTime, StrictError(der).Code);
        }

        [Fact]
        public void Utc_time_years_pivot_at_1950()
        {
            byte[] der = BuildCertificate(Subject, notBefore: UtcTime("500101000000Z"), notAfter: UtcTime("491231235959Z"));
            Assert.True(Certificate.TryParse(der, CertificateParseOptions.Strict, out Certificate certificate, out _));
            Assert.True(certificate.Validity.TryGetNotBefore(out DateTimeOffset notBefore));
            Assert.True(certificate.Validity.TryGetNotAfter(out DateTimeOffset notAfter));
            Assert.Equal(1950, notBefore.Year);
            Assert.Equal(2049, notAfter.Year);
        }

        [Fact]
        public void Duplicate_extensions_are_reported_leniently_and_rejected_strictly()
        {
            byte[] san1 = SanExtension(AsciiString(0x82, "one.example"));
            byte[] san2 = SanExtension(AsciiString(0x82, "two.example"));
            byte[] der = BuildCertificate(Subject, new[] { san1, Extension("2.5.29.19", true, Sequence()), san2 });
            Assert.True(Certificate.TryParse(der, out Certificate certificate, out _));
            Assert.True(certificate.TryFindDuplicateExtension(out Extension first, out Extension duplicate));
            Assert.Equal("2.5.29.17", first.GetOidString());
            Assert.Equal(san1, first.Encoded.ToArray());
            Assert.Equal(san2, duplicate.Encoded.ToArray());
            Assert.Equal(new[] { "one.example" }, CertificateFixtureTests.DnsNames(certificate));

            X509Error error = StrictError(der);
            Assert.Equal(X509ErrorCode.DuplicateExtension, error.Code);
            Assert.Equal(der.AsSpan().LastIndexOf(san2), error.Offset);
        }

        [Fact]
        public void No_duplicate_is_reported_for_distinct_extensions()
        {
            byte[] der = BuildCertificate(Subject, new[] { SanExtension(AsciiString(0x82, "one.example")), Extension("2.5.29.19", true, Sequence()) });
            Assert.True(Certificate.TryParse(der, CertificateParseOptions.Strict, out Certificate certificate, out _));
            Assert.False(certificate.TryFindDuplicateExtension(out _, out _));
        }

        [Fact]
        public void Explicit_critical_false_is_an_encoded_default()
        {
            byte[] extension = Sequence(Oid("2.5.29.19"), Tlv(0x01, new byte[] { 0x00 }), Tlv(0x04, Sequence()));
            byte[] der = BuildCertificate(Subject, new[] { extension });
            Assert.True(Certificate.TryParse(der, out Certificate certificate, out _));
            ExtensionEnumerator e = certificate.Extensions;
            Assert.True(e.MoveNext());
            Assert.False(e.Current.Critical);
            Assert.Equal(X509ErrorCode.InvalidExtension, StrictError(der).Code);
        }

        [Fact]
        public void Mismatched_signature_algorithms_are_rejected_strictly()
        {
            byte[] der = BuildCertificate(Subject, outerAlgorithm: Sequence(Oid("1.2.840.10045.4.3.2")));
            Assert.Equal(X509ErrorCode.SignatureAlgorithmMismatch, StrictError(der).Code);
        }

        [Fact]
        public void Printable_string_with_an_at_sign_is_rejected_strictly()
        {
            byte[] der = BuildCertificate(Name(Rdn(Attribute("2.5.4.3", PrintableString("a@b")))));
            Assert.Equal(X509ErrorCode.InvalidString, StrictError(der).Code);
        }

        [Fact]
        public void Too_many_extensions_are_rejected()
        {
            byte[][] extensions = new byte[Certificate.MaxExtensions + 1][];
            for (int i = 0; i < extensions.Length; i++)
            {
                extensions[i] = Extension("1.2.3." + i, false, new byte[] { 0x05, 0x00 });
            }

            Assert.False(Certificate.TryParse(BuildCertificate(Subject, extensions), out _, out X509Error error));
            Assert.Equal(X509ErrorCode.TooManyExtensions, error.Code);
        }

        [Theory]
        [InlineData(0)]
        [InlineData(1)]
        public void Structural_faults_are_errors_in_both_modes(int which)
        {
            byte[] der = which switch
            {
                // notBefore is an INTEGER.
                0 => BuildCertificate(Subject, notBefore: Integer(5)),

                // An extension whose value is not an OCTET STRING.
                _ => BuildCertificate(Subject, new[] { Sequence(Oid("2.5.29.19"), Sequence()) }),
            };
            Assert.False(Certificate.TryParse(der, out _, out X509Error lenient));
            Assert.False(Certificate.TryParse(der, CertificateParseOptions.Strict, out _, out X509Error strict));
            Assert.Equal(lenient, strict);
            Assert.True(lenient.Offset > 0 && lenient.Offset < der.Length);
        }
    }
}
