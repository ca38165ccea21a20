using System;
using System.Collections.Generic;
using System.Security.Cryptography;

namespace Tsid.Testing
{
    /// <summary>
    /// A fluent X.509 v3 certificate builder (RFC 5280 4.1) that writes the DER itself, so any subject, SAN list and
    /// extension is possible — including those <c>CertificateRequest</c> cannot express (no CN, TeletexString, NUL bytes,
    /// x400Address, GeneralizedTime before 2050, malformed fields through the <c>Raw…</c> methods). Signed for real with
    /// <see cref="SignWith(ECDsa)"/> or <see cref="SignWith(RSA)"/> (the TBSCertificate is signed as written), or, by
    /// default, with a dummy signature (sha256WithRSAEncryption over 4 made-up bytes) that parsers accept and no verifier does.
    /// </summary>
    /// <example>
    /// <code>
    /// byte[] der = new CertificateBuilder()
    ///     .Subject(n => n.Organization("Cisco Systems Inc.").OrganizationalUnit("Cisco Smart Licensing"))
    ///     .SubjectAltName(s => s.DnsNames("toos.cisco.com", "tools.cisco.com"))
    ///     .ToDer();
    /// </code>
    /// </example>
    public sealed class CertificateBuilder
    {
        /// <summary>The default notBefore: 2025-01-01T00:00:00Z (UTCTime <c>250101000000Z</c>).</summary>
        public static readonly DateTimeOffset DefaultNotBefore = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

        /// <summary>The default notAfter: 2035-12-31T23:59:59Z (UTCTime <c>351231235959Z</c>).</summary>
        public static readonly DateTimeOffset DefaultNotAfter = new(2035, 12, 31, 23, 59, 59, TimeSpan.Zero);

        /// <summary>The default serialNumber.</summary>
        public const long DefaultSerialNumber = 0x1234567;

        private readonly List<byte[]> _extensions = new();
        private byte[]? _version = Der.Tlv(0xA0, Der.Integer(2));
        private byte[] _serial = Der.Integer(DefaultSerialNumber);
        private byte[] _issuer = new DistinguishedNameBuilder().CommonName("Test CA").ToDer();
        private byte[] _subject = Der.Name();
        private byte[] _notBefore = Der.UtcTime(DefaultNotBefore);
        private byte[] _notAfter = Der.UtcTime(DefaultNotAfter);
        private byte[]? _publicKeyInfo;
        private byte[]? _signatureAlgorithm;
        private byte[]? _outerSignatureAlgorithm;
        private byte[]? _extensionsField;
        private ECDsa? _ecdsaSigner;
        private RSA? _rsaSigner;

        /// <summary>The version field: 3 writes <c>[0] INTEGER 2</c>, 2 writes 1, and 1 omits the field (DER omits the default v1).</summary>
        /// <param name="version">1, 2 or 3.</param>
        /// <returns>This builder.</returns>
        public CertificateBuilder Version(int version)
        {
            if (version is < 1 or > 3)
            {
                throw new ArgumentOutOfRangeException(nameof(version), "X.509 versions are 1, 2 and 3");
            }

            _version = version == 1 ? null : Der.Tlv(0xA0, Der.Integer(version - 1));
            return this;
        }

        /// <summary>The version field as given (its whole <c>[0]</c> TLV), or null to omit it.</summary>
        /// <param name="encoded">The bytes.</param>
        /// <returns>This builder.</returns>
        public CertificateBuilder RawVersion(byte[]? encoded)
        {
            _version = encoded;
            return this;
        }

        /// <summary>The serialNumber.</summary>
        /// <param name="serialNumber">The value.</param>
        /// <returns>This builder.</returns>
        public CertificateBuilder SerialNumber(long serialNumber)
        {
            _serial = Der.Integer(serialNumber);
            return this;
        }

        /// <summary>The serialNumber field as given (its whole TLV: a 21-byte serial, a negative one, a wrong tag).</summary>
        /// <param name="encoded">The bytes.</param>
        /// <returns>This builder.</returns>
        public CertificateBuilder RawSerialNumber(byte[] encoded)
        {
            _serial = encoded ?? throw new ArgumentNullException(nameof(encoded));
            return this;
        }

        /// <summary>The subject, attribute by attribute in the order of the calls (the default is an empty Name).</summary>
        /// <param name="build">Adds the attributes.</param>
        /// <returns>This builder.</returns>
        public CertificateBuilder Subject(Action<DistinguishedNameBuilder> build)
        {
            _subject = BuildName(build);
            return this;
        }

        /// <summary>The subject as DER (e.g. <c>X500DistinguishedName.RawData</c>, or bytes from <see cref="Der.Name"/>), written as given.</summary>
        /// <param name="nameDer">The Name's bytes.</param>
        /// <returns>This builder.</returns>
        public CertificateBuilder Subject(byte[] nameDer)
        {
            _subject = nameDer ?? throw new ArgumentNullException(nameof(nameDer));
            return this;
        }

        /// <summary>The issuer, attribute by attribute (the default is <c>CN=Test CA</c>).</summary>
        /// <param name="build">Adds the attributes.</param>
        /// <returns>This builder.</returns>
        public CertificateBuilder Issuer(Action<DistinguishedNameBuilder> build)
        {
            _issuer = BuildName(build);
            return this;
        }

        /// <summary>The issuer as DER, written as given.</summary>
        /// <param name="nameDer">The Name's bytes.</param>
        /// <returns>This builder.</returns>
        public CertificateBuilder Issuer(byte[] nameDer)
        {
            _issuer = nameDer ?? throw new ArgumentNullException(nameof(nameDer));
            return this;
        }

        /// <summary>The validity period (the default is <see cref="DefaultNotBefore"/> to <see cref="DefaultNotAfter"/>).</summary>
        /// <param name="notBefore">The start, written to the second in UTC.</param>
        /// <param name="notAfter">The end.</param>
        /// <param name="encoding">UTCTime or GeneralizedTime; by default as RFC 5280 4.1.2.5 requires.</param>
        /// <returns>This builder.</returns>
        public CertificateBuilder Validity(DateTimeOffset notBefore, DateTimeOffset notAfter, CertificateTimeEncoding encoding = CertificateTimeEncoding.Rfc5280)
        {
            _notBefore = Time(notBefore, encoding);
            _notAfter = Time(notAfter, encoding);
            return this;
        }

        /// <summary>The two Time fields as given (whole TLVs: a fractional GeneralizedTime, a UTCTime without seconds, a wrong tag).</summary>
        /// <param name="notBefore">The notBefore bytes.</param>
        /// <param name="notAfter">The notAfter bytes.</param>
        /// <returns>This builder.</returns>
        public CertificateBuilder RawValidity(byte[] notBefore, byte[] notAfter)
        {
            _notBefore = notBefore ?? throw new ArgumentNullException(nameof(notBefore));
            _notAfter = notAfter ?? throw new ArgumentNullException(nameof(notAfter));
            return this;
        }

        /// <summary>The subject's public key, taken from a BCL key (the default is the signing key, else a dummy P-256 point).</summary>
        /// <param name="key">The key; only its public part is read.</param>
        /// <returns>This builder.</returns>
        public CertificateBuilder PublicKey(AsymmetricAlgorithm key)
        {
            _publicKeyInfo = (key ?? throw new ArgumentNullException(nameof(key))).ExportSubjectPublicKeyInfo();
            return this;
        }

        /// <summary>The SubjectPublicKeyInfo as given.</summary>
        /// <param name="encoded">The bytes.</param>
        /// <returns>This builder.</returns>
        public CertificateBuilder RawSubjectPublicKeyInfo(byte[] encoded)
        {
            _publicKeyInfo = encoded ?? throw new ArgumentNullException(nameof(encoded));
            return this;
        }

        /// <summary>A subjectAltName extension with the names in the order of the calls. Call it twice for two SAN extensions.</summary>
        /// <param name="build">Adds the names.</param>
        /// <param name="critical">Whether the extension is critical (RFC 5280 wants it so when the subject is empty).</param>
        /// <returns>This builder.</returns>
        public CertificateBuilder SubjectAltName(Action<GeneralNamesBuilder> build, bool critical = false)
        {
            var names = new GeneralNamesBuilder();
            (build ?? throw new ArgumentNullException(nameof(build)))(names);
            return Extension(Oids.SubjectAltName, critical, names.ToDer());
        }

        /// <summary>A basicConstraints extension (RFC 5280 4.2.1.9).</summary>
        /// <param name="certificateAuthority">The cA flag.</param>
        /// <param name="pathLengthConstraint">pathLenConstraint, or null to omit it.</param>
        /// <param name="critical">Whether the extension is critical.</param>
        /// <returns>This builder.</returns>
        public CertificateBuilder BasicConstraints(bool certificateAuthority, int? pathLengthConstraint = null, bool critical = true)
        {
            var fields = new List<byte[]>();
            if (certificateAuthority)
            {
                fields.Add(Der.Boolean(true));
            }

            if (pathLengthConstraint is int length)
            {
                fields.Add(Der.Integer(length));
            }

            return Extension(Oids.BasicConstraints, critical, Der.Sequence(fields.ToArray()));
        }

        /// <summary>An extKeyUsage extension (RFC 5280 4.2.1.12) with the purposes given, e.g. <see cref="Oids.ServerAuth"/>.</summary>
        /// <param name="purposes">KeyPurposeId OIDs.</param>
        /// <returns>This builder.</returns>
        public CertificateBuilder ExtendedKeyUsage(params string[] purposes)
        {
            var oids = new byte[(purposes ?? throw new ArgumentNullException(nameof(purposes))).Length][];
            for (int i = 0; i < purposes.Length; i++)
            {
                oids[i] = Der.Oid(purposes[i]);
            }

            return Extension(Oids.ExtendedKeyUsage, false, Der.Sequence(oids));
        }

        /// <summary>Any extension: OID, criticality and the extnValue contents as given. Extensions are written in the order added.</summary>
        /// <param name="oid">The extnID.</param>
        /// <param name="critical">Whether it is critical.</param>
        /// <param name="value">The extnValue contents (the extension's own DER, or any bytes).</param>
        /// <returns>This builder.</returns>
        public CertificateBuilder Extension(string oid, bool critical, byte[] value)
        {
            _extensions.Add(Der.Extension(oid, critical, value ?? throw new ArgumentNullException(nameof(value))));
            return this;
        }

        /// <summary>An Extension SEQUENCE as given (e.g. a critical flag written as FALSE, which DER forbids).</summary>
        /// <param name="encoded">The bytes.</param>
        /// <returns>This builder.</returns>
        public CertificateBuilder RawExtension(byte[] encoded)
        {
            _extensions.Add(encoded ?? throw new ArgumentNullException(nameof(encoded)));
            return this;
        }

        /// <summary>The whole <c>[3]</c> extensions field as given, replacing what <see cref="Extension"/> added (e.g. an empty SEQUENCE).</summary>
        /// <param name="encoded">The bytes, or null to go back to the extensions added.</param>
        /// <returns>This builder.</returns>
        public CertificateBuilder RawExtensionsField(byte[]? encoded)
        {
            _extensionsField = encoded;
            return this;
        }

        /// <summary>The AlgorithmIdentifier written in both signature fields (TBSCertificate.signature and signatureAlgorithm).</summary>
        /// <param name="encoded">The AlgorithmIdentifier's bytes.</param>
        /// <returns>This builder.</returns>
        public CertificateBuilder RawSignatureAlgorithm(byte[] encoded)
        {
            _signatureAlgorithm = encoded ?? throw new ArgumentNullException(nameof(encoded));
            return this;
        }

        /// <summary>The outer signatureAlgorithm only, to make it differ from the TBSCertificate's (RFC 5280 4.1.1.2 requires them equal).</summary>
        /// <param name="encoded">The AlgorithmIdentifier's bytes.</param>
        /// <returns>This builder.</returns>
        public CertificateBuilder RawOuterSignatureAlgorithm(byte[] encoded)
        {
            _outerSignatureAlgorithm = encoded ?? throw new ArgumentNullException(nameof(encoded));
            return this;
        }

        /// <summary>Signs with ECDSA and SHA-256 (ecdsa-with-SHA256). The key is also the subject key unless <see cref="PublicKey"/> says otherwise.</summary>
        /// <param name="issuerKey">The issuer's private key (the caller keeps ownership).</param>
        /// <returns>This builder.</returns>
        public CertificateBuilder SignWith(ECDsa issuerKey)
        {
            _ecdsaSigner = issuerKey ?? throw new ArgumentNullException(nameof(issuerKey));
            _rsaSigner = null;
            return this;
        }

        /// <summary>Signs with RSA PKCS#1 v1.5 and SHA-256 (sha256WithRSAEncryption). The key is also the subject key unless <see cref="PublicKey"/> says otherwise.</summary>
        /// <param name="issuerKey">The issuer's private key (the caller keeps ownership).</param>
        /// <returns>This builder.</returns>
        public CertificateBuilder SignWith(RSA issuerKey)
        {
            _rsaSigner = issuerKey ?? throw new ArgumentNullException(nameof(issuerKey));
            _ecdsaSigner = null;
            return this;
        }

        /// <summary>The TBSCertificate (RFC 5280 4.1) exactly as it is signed.</summary>
        /// <returns>The DER.</returns>
        public byte[] ToTbsDer()
        {
            var tbs = new List<byte[]>();
            if (_version is not null)
            {
                tbs.Add(_version);
            }

            tbs.Add(_serial);
            tbs.Add(InnerAlgorithm());
            tbs.Add(_issuer);
            tbs.Add(Der.Sequence(_notBefore, _notAfter));
            tbs.Add(_subject);
            tbs.Add(_publicKeyInfo ?? (_ecdsaSigner as AsymmetricAlgorithm ?? _rsaSigner)?.ExportSubjectPublicKeyInfo() ?? Der.DummyEcSubjectPublicKeyInfo());
            if (_extensionsField is not null)
            {
                tbs.Add(_extensionsField);
            }
            else if (_extensions.Count > 0)
            {
                tbs.Add(Der.Tlv(0xA3, Der.Sequence(_extensions.ToArray())));
            }

            return Der.Sequence(tbs.ToArray());
        }

        /// <summary>The Certificate: SEQUENCE { tbsCertificate, signatureAlgorithm, signatureValue }.</summary>
        /// <returns>The DER.</returns>
        public byte[] ToDer()
        {
            byte[] tbs = ToTbsDer();
            byte[] signature;
            if (_ecdsaSigner is not null)
            {
                // RFC 5758 3.2: the signature value is the DER of Ecdsa-Sig-Value, inside the BIT STRING.
                signature = _ecdsaSigner.SignData(tbs, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
            }
            else if (_rsaSigner is not null)
            {
                signature = _rsaSigner.SignData(tbs, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            }
            else
            {
                signature = new byte[] { 1, 2, 3, 4 };
            }

            return Der.Sequence(tbs, _outerSignatureAlgorithm ?? InnerAlgorithm(), Der.BitString(signature));
        }

        /// <summary>The certificate as PEM (<c>-----BEGIN CERTIFICATE-----</c>, RFC 7468 5.1).</summary>
        /// <returns>The text.</returns>
        public string ToPem() => Der.Pem("CERTIFICATE", ToDer());

        private byte[] InnerAlgorithm() =>
            _signatureAlgorithm ?? (_ecdsaSigner is not null ? Der.EcdsaWithSha256 : Der.Sha256WithRsa);

        private static byte[] BuildName(Action<DistinguishedNameBuilder> build)
        {
            var name = new DistinguishedNameBuilder();
            (build ?? throw new ArgumentNullException(nameof(build)))(name);
            return name.ToDer();
        }

        private static byte[] Time(DateTimeOffset time, CertificateTimeEncoding encoding) => encoding switch
        {
            CertificateTimeEncoding.UtcTime => Der.UtcTime(time),
            CertificateTimeEncoding.GeneralizedTime => Der.GeneralizedTime(time),
            _ => time.UtcDateTime.Year < 2050 ? Der.UtcTime(time) : Der.GeneralizedTime(time),
        };
    }
}
