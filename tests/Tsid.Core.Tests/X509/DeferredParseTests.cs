using System;
using System.Collections.Generic;
using Tsid.Testing;
using Tsid.Tests.Support;
using Tsid.X509;
using Xunit;
using static Tsid.Testing.Der;
using static Tsid.Tests.X509.TestCertificates;

namespace Tsid.Tests.X509
{
    /// <summary>
    /// <see cref="CertificateParseOptions.DeferStructureChecks"/>: the same parser, checking the names and the
    /// extensions other than the first subjectAltName only when they are read.
    /// </summary>
    public class DeferredParseTests
    {
        private static readonly byte[] Subject = Name(Rdn(Attribute("2.5.4.3", Utf8String("s"))));

        // An attribute whose type OID starts a sub-identifier with 0x80 (X.690 8.19.2 forbids it).
        private static readonly byte[] BadOidAttribute = Sequence(Tlv(0x06, new byte[] { 0x80, 0x01 }), Utf8String("x"));

        [Theory]
        [InlineData("cisco-cn.der")]
        [InlineData("cisco-nocn.der")]
        [InlineData("small-ec.der")]
        [InlineData("big-100san.der")]
        public void Every_fixture_parses_the_same_in_all_three_modes(string file)
        {
            (bool strict, bool lenient, bool deferred) = ParseModes.AssertConsistent(Fixture.Bytes(file));
            Assert.True(strict && lenient && deferred);
        }

        [Fact]
        public void A_malformed_subject_is_left_to_its_enumerator()
        {
            byte[] subject = Name(Rdn(Attribute("2.5.4.3", Utf8String("first"))), Rdn(BadOidAttribute), Rdn(Attribute("2.5.4.11", Utf8String("after"))));
            byte[] der = BuildCertificate(subject);

            Assert.False(Certificate.TryParse(der, out _, out X509Error error));
            Assert.Equal(new X509Error(X509ErrorCode.InvalidOid, der.AsSpan().IndexOf(new byte[] { 0x06, 0x02, 0x80, 0x01 })), error);

            Assert.True(Certificate.TryParse(der, CertificateParseOptions.Deferred, out Certificate certificate, out error), error.ToString());
            Assert.Equal(subject, certificate.Subject.Encoded.ToArray());
            List<string> seen = new();
            foreach (AttributeTypeAndValue attribute in certificate.Subject.EnumerateAttributes())
            {
                seen.Add(attribute.Type + "=" + attribute.Value.GetString());
            }

            // Enumeration stops at the attribute it cannot read; nothing after it is guessed at.
            Assert.Equal(new[] { "CommonName=first" }, seen);
            Assert.Equal("CN=first", certificate.Subject.ToRfc4514String());
            Assert.True(certificate.Subject.TryGetFirst(AttributeType.CommonName, out DirectoryString cn));
            Assert.Equal("first", cn.GetString());
        }

        [Fact]
        public void RequireValidStrings_still_walks_the_names()
        {
            byte[] der = BuildCertificate(Name(Rdn(Attribute("2.5.4.3", PrintableString("a@b")))));
            CertificateParseOptions options = new CertificateParseOptions { DeferStructureChecks = true, RequireValidStrings = true };
            Assert.True(Certificate.TryParse(der, CertificateParseOptions.Deferred, out _, out _));
            Assert.False(Certificate.TryParse(der, options, out _, out X509Error error));
            Assert.Equal(new X509Error(X509ErrorCode.InvalidString, der.AsSpan().IndexOf(new byte[] { 0x13, 0x03, (byte)'a' })), error);
        }

        [Fact]
        public void Other_extensions_are_left_to_the_extension_enumerator()
        {
            byte[] san = SanExtension(AsciiString(0x82, "www.example"));
            byte[] noValue = Sequence(Oid("2.5.29.19"));
            byte[] badOid = Sequence(Tlv(0x06, new byte[] { 0x80, 0x01 }), Tlv(0x04, Sequence()));
            byte[] der = BuildCertificate(Subject, new[] { noValue, san, badOid });

            Assert.False(Certificate.TryParse(der, out _, out X509Error error));
            Assert.Equal(new X509Error(X509ErrorCode.Truncated, der.AsSpan().IndexOf(noValue) + noValue.Length), error);

            Assert.True(Certificate.TryParse(der, CertificateParseOptions.Deferred, out Certificate certificate, out error), error.ToString());
            Assert.True(certificate.TryGetSubjectAltName(out SubjectAltName subjectAltName));
            GeneralNameEnumerator names = subjectAltName.GetEnumerator();
            Assert.True(names.MoveNext());
            Assert.Equal("www.example", names.Current.GetString());
            Assert.False(names.MoveNext());

            // The first extension cannot be read, so the enumerator (and every typed reader) sees none.
            ExtensionEnumerator extensions = certificate.Extensions;
            Assert.False(extensions.MoveNext());
            Assert.False(certificate.TryGetBasicConstraints(out _));
            Assert.True(certificate.HasExtensions);
        }

        [Fact]
        public void The_first_subjectAltName_is_checked_whole()
        {
            // critical BOOLEAN 01: DER allows only 00 and FF (X.690 11.1).
            byte[] san = Sequence(Oid("2.5.29.17"), Tlv(0x01, new byte[] { 0x01 }), Tlv(0x04, Sequence(AsciiString(0x82, "a.example"))));
            byte[] der = BuildCertificate(Subject, new[] { san });
            X509Error expected = new X509Error(X509ErrorCode.InvalidBoolean, der.AsSpan().IndexOf(new byte[] { 0x01, 0x01, 0x01 }));
            Assert.False(Certificate.TryParse(der, out _, out X509Error error));
            Assert.Equal(expected, error);
            Assert.False(Certificate.TryParse(der, CertificateParseOptions.Deferred, out _, out error));
            Assert.Equal(expected, error);
        }

        [Fact]
        public void The_first_of_two_subjectAltNames_is_the_one_read()
        {
            byte[] der = BuildCertificate(Subject, new[] { SanExtension(AsciiString(0x82, "first.example")), SanExtension(AsciiString(0x82, "second.example")) });
            (_, bool lenient, bool deferred) = ParseModes.AssertConsistent(der);
            Assert.True(lenient && deferred);
            Assert.True(Certificate.TryParse(der, CertificateParseOptions.Deferred, out Certificate certificate, out _));
            Assert.True(certificate.TryGetSubjectAltName(out SubjectAltName san));
            GeneralNameEnumerator names = san.GetEnumerator();
            Assert.True(names.MoveNext());
            Assert.Equal("first.example", names.Current.GetString());
        }

        [Fact]
        public void Framing_errors_are_reported_as_without_deferral()
        {
            byte[] der = BuildCertificate(Subject, notAfter: Tlv(0x04, new byte[] { 0x30 }));
            Assert.False(Certificate.TryParse(der, out _, out X509Error error));
            Assert.False(Certificate.TryParse(der, CertificateParseOptions.Deferred, out _, out X509Error deferred));
            Assert.Equal(X509ErrorCode.UnexpectedTag, error.Code);
            Assert.Equal(error, deferred);

            byte[] issuer = Fixture.Bytes("small-ec.der");
            issuer[47] = 0x80; // the issuer's first RDN SET gets an indefinite length
            Assert.False(Certificate.TryParse(issuer, out _, out error));
            Assert.Equal(X509ErrorCode.IndefiniteLength, error.Code);
            Assert.Equal(47, error.Offset);
            Assert.True(Certificate.TryParse(issuer, CertificateParseOptions.Deferred, out Certificate certificate, out _));
            Assert.False(certificate.Issuer.EnumerateAttributes().MoveNext());
            Assert.True(certificate.Subject.TryGetFirst(AttributeType.CommonName, out DirectoryString cn));
            Assert.Equal("www.example.com", cn.GetString());
        }

        [Fact]
        public void RequireValidGeneralNames_alone_checks_every_subjectAltName()
        {
            byte[] badIp = Tlv(0x87, new byte[] { 10, 0, 0, 1, 9 });
            byte[] der = BuildCertificate(Subject, new[] { SanExtension(AsciiString(0x82, "ok.example"), badIp), Extension("2.5.29.19", false, Tlv(0x04)) });
            CertificateParseOptions options = new CertificateParseOptions { RequireValidGeneralNames = true };
            Assert.True(Certificate.TryParse(der, out _, out _));
            Assert.False(Certificate.TryParse(der, options, out _, out X509Error error));
            Assert.Equal(new X509Error(X509ErrorCode.InvalidGeneralName, der.AsSpan().IndexOf(new byte[] { 0x87, 0x05 })), error);

            // Only the subjectAltName: the malformed basicConstraints (an OCTET STRING, not a SEQUENCE) is left alone.
            byte[] goodSan = BuildCertificate(Subject, new[] { SanExtension(AsciiString(0x82, "ok.example")), Extension("2.5.29.19", false, Tlv(0x04)) });
            Assert.True(Certificate.TryParse(goodSan, options, out _, out error), error.ToString());
            Assert.False(Certificate.TryParse(goodSan, CertificateParseOptions.Strict, out _, out _));
        }
    }
}
