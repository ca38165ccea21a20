using System;

namespace Tsid.X509
{
    /// <summary>
    /// An X.509 v1/v2/v3 certificate (RFC 5280 4.1) as a view over the caller's DER bytes. <see cref="TryParse(ReadOnlySpan{byte}, out Certificate, out X509Error)"/>
    /// checks the whole structure once; afterwards every member is a view or a cheap walk and never fails on the
    /// bytes it has already checked. Parsing and enumerating names allocates nothing.
    /// </summary>
    /// <remarks>
    /// <code>
    /// Certificate  ::=  SEQUENCE  {
    ///      tbsCertificate       TBSCertificate,
    ///      signatureAlgorithm   AlgorithmIdentifier,
    ///      signatureValue       BIT STRING  }
    ///
    /// TBSCertificate  ::=  SEQUENCE  {
    ///      version         [0]  EXPLICIT Version DEFAULT v1,
    ///      serialNumber         CertificateSerialNumber,
    ///      signature            AlgorithmIdentifier,
    ///      issuer               Name,
    ///      validity             Validity,
    ///      subject              Name,
    ///      subjectPublicKeyInfo SubjectPublicKeyInfo,
    ///      issuerUniqueID  [1]  IMPLICIT UniqueIdentifier OPTIONAL,
    ///      subjectUniqueID [2]  IMPLICIT UniqueIdentifier OPTIONAL,
    ///      extensions      [3]  EXPLICIT Extensions OPTIONAL }
    /// </code>
    /// </remarks>
    public readonly ref partial struct Certificate
    {
        /// <summary>
        /// The most extensions a certificate may carry. Real certificates carry fewer than 30; the bound keeps the
        /// duplicate check (quadratic, allocation-free) cheap on hostile input.
        /// </summary>
        public const int MaxExtensions = 256;

        /// <summary>The largest version number accepted in lenient mode (v1 = 1); beyond it the version is rejected in both modes.</summary>
        public const int MaxLenientVersion = 256;

        private readonly ReadOnlySpan<byte> _serialNumber;
        private readonly ReadOnlySpan<byte> _signatureAlgorithm;
        private readonly ReadOnlySpan<byte> _tbsSignatureAlgorithm;
        private readonly ReadOnlySpan<byte> _issuer;
        private readonly ReadOnlySpan<byte> _subject;
        private readonly ReadOnlySpan<byte> _notBefore;
        private readonly ReadOnlySpan<byte> _notAfter;
        private readonly ReadOnlySpan<byte> _subjectPublicKeyInfo;
        private readonly ReadOnlySpan<byte> _issuerUniqueId;
        private readonly ReadOnlySpan<byte> _subjectUniqueId;
        private readonly ReadOnlySpan<byte> _extensions;
        private readonly ReadOnlySpan<byte> _subjectAltName;
        private readonly ReadOnlySpan<byte> _signatureValue;
        private readonly byte _notBeforeTag;
        private readonly byte _notAfterTag;
        private readonly bool _hasSubjectAltName;
        private readonly bool _hasExtensions;

        private Certificate(
            ReadOnlySpan<byte> encoded,
            ReadOnlySpan<byte> tbs,
            int version,
            ReadOnlySpan<byte> serialNumber,
            ReadOnlySpan<byte> tbsSignatureAlgorithm,
            ReadOnlySpan<byte> issuer,
            byte notBeforeTag,
            ReadOnlySpan<byte> notBefore,
            byte notAfterTag,
            ReadOnlySpan<byte> notAfter,
            ReadOnlySpan<byte> subject,
            ReadOnlySpan<byte> subjectPublicKeyInfo,
            ReadOnlySpan<byte> issuerUniqueId,
            ReadOnlySpan<byte> subjectUniqueId,
            bool hasExtensions,
            ReadOnlySpan<byte> extensions,
            bool hasSubjectAltName,
            ReadOnlySpan<byte> subjectAltName,
            ReadOnlySpan<byte> signatureAlgorithm,
            ReadOnlySpan<byte> signatureValue)
        {
            Encoded = encoded;
            TbsCertificate = tbs;
            Version = version;
            _serialNumber = serialNumber;
            _tbsSignatureAlgorithm = tbsSignatureAlgorithm;
            _issuer = issuer;
            _notBeforeTag = notBeforeTag;
            _notBefore = notBefore;
            _notAfterTag = notAfterTag;
            _notAfter = notAfter;
            _subject = subject;
            _subjectPublicKeyInfo = subjectPublicKeyInfo;
            _issuerUniqueId = issuerUniqueId;
            _subjectUniqueId = subjectUniqueId;
            _hasExtensions = hasExtensions;
            _extensions = extensions;
            _hasSubjectAltName = hasSubjectAltName;
            _subjectAltName = subjectAltName;
            _signatureAlgorithm = signatureAlgorithm;
            _signatureValue = signatureValue;
        }

        /// <summary>The certificate's whole DER encoding.</summary>
        public ReadOnlySpan<byte> Encoded { get; }

        /// <summary>The raw tbsCertificate TLV (what the signature covers).</summary>
        public ReadOnlySpan<byte> TbsCertificate { get; }

        /// <summary>
        /// The version: 1, 2 or 3 (RFC 5280 4.1.2.1). In lenient mode a certificate with another version number is
        /// kept and this reports it (for example 8 for an encoded value of 7).
        /// </summary>
        public int Version { get; }

        /// <summary>The serialNumber INTEGER contents octets (big-endian two's complement, RFC 5280 4.1.2.2).</summary>
        public ReadOnlySpan<byte> SerialNumber => _serialNumber;

        /// <summary>The issuer name.</summary>
        public DistinguishedName Issuer => NameOf(_issuer);

        /// <summary>The subject name.</summary>
        public DistinguishedName Subject => NameOf(_subject);

        /// <summary>The validity period.</summary>
        public Validity Validity => new Validity(_notBeforeTag, _notBefore, _notAfterTag, _notAfter);

        /// <summary>The outer signatureAlgorithm (RFC 5280 4.1.1.2).</summary>
        public AlgorithmIdentifier SignatureAlgorithm => AlgorithmOf(_signatureAlgorithm);

        /// <summary>The TBS <c>signature</c> field (RFC 5280 4.1.2.3), which must equal <see cref="SignatureAlgorithm"/>.</summary>
        public AlgorithmIdentifier TbsSignatureAlgorithm => AlgorithmOf(_tbsSignatureAlgorithm);

        /// <summary>The signatureValue bits (the BIT STRING contents after the unused-bits octet).</summary>
        public ReadOnlySpan<byte> SignatureValue => _signatureValue;

        /// <summary>The subject's public key.</summary>
        public SubjectPublicKeyInfo SubjectPublicKeyInfo
        {
            get
            {
                ReadOnlySpan<byte> rest = _subjectPublicKeyInfo;
                Der.TryRead(ref rest, out _, out ReadOnlySpan<byte> content, out _);
                ReadOnlySpan<byte> algorithmRest = content;
                Der.TryRead(ref algorithmRest, out _, out _, out ReadOnlySpan<byte> algorithm);
                Der.TryRead(ref algorithmRest, out _, out ReadOnlySpan<byte> bitString, out _);
                ReadOnlySpan<byte> key = bitString.Length > 0 ? bitString.Slice(1) : default;
                return new SubjectPublicKeyInfo(_subjectPublicKeyInfo, AlgorithmOf(algorithm), key);
            }
        }

        /// <summary>The issuerUniqueID bits (RFC 5280 4.1.2.8), empty when absent.</summary>
        public ReadOnlySpan<byte> IssuerUniqueId => _issuerUniqueId;

        /// <summary>The subjectUniqueID bits (RFC 5280 4.1.2.8), empty when absent.</summary>
        public ReadOnlySpan<byte> SubjectUniqueId => _subjectUniqueId;

        /// <summary>True when the certificate has an extensions field.</summary>
        public bool HasExtensions => _hasExtensions;

        /// <summary>Enumerates the extensions in DER order (none for v1/v2 certificates).</summary>
        public ExtensionEnumerator Extensions => new ExtensionEnumerator(_extensions);

        /// <summary>Parses a DER certificate leniently (<see cref="CertificateParseOptions.Default"/>).</summary>
        /// <param name="der">Exactly one DER Certificate; trailing bytes are an error.</param>
        /// <param name="certificate">The view, valid while <paramref name="der"/> is.</param>
        /// <param name="error">What was wrong and where, when false is returned.</param>
        public static bool TryParse(ReadOnlySpan<byte> der, out Certificate certificate, out X509Error error) =>
            TryParse(der, CertificateParseOptions.Default, out certificate, out error);

        /// <summary>Parses a DER certificate with the given options.</summary>
        /// <param name="der">Exactly one DER Certificate; trailing bytes are an error.</param>
        /// <param name="options">Strictness settings.</param>
        /// <param name="certificate">The view, valid while <paramref name="der"/> is.</param>
        /// <param name="error">What was wrong and where, when false is returned.</param>
        /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
        public static bool TryParse(ReadOnlySpan<byte> der, CertificateParseOptions options, out Certificate certificate, out X509Error error)
        {
            if (options is null)
            {
                throw new ArgumentNullException(nameof(options));
            }

            if (options.IsLenient && TryParseLenientFast(der, out certificate))
            {
                error = default;
                return true;
            }

            return TryParseGeneral(der, options, out certificate, out error);
        }

        /// <summary>The general parser: every check, every option, precise error codes and offsets.</summary>
        internal static bool TryParseGeneral(ReadOnlySpan<byte> der, CertificateParseOptions options, out Certificate certificate, out X509Error error)
        {
            certificate = default;
            DerReader outer = new DerReader(der);
            if (!outer.TryReadSequence(out DerReader cert, out error) || !outer.TryReadEnd(out error))
            {
                return false;
            }

            if (!cert.TryReadElement(DerTag.Sequence, out DerElement tbsElement, out error)
                || !AlgorithmIdentifier.TryRead(ref cert, out AlgorithmIdentifier signatureAlgorithm, out error)
                || !cert.TryReadBitString(out _, out ReadOnlySpan<byte> signatureValue, out error)
                || !cert.TryReadEnd(out error))
            {
                return false;
            }

            DerReader tbs = new DerReader(tbsElement.Content, tbsElement.ContentOffset, cert.Depth + 1);

            // RFC 5280 4.1.2.1: version [0] EXPLICIT Version DEFAULT v1; Version ::= INTEGER { v1(0), v2(1), v3(2) }.
            int version = 1;
            if (tbs.PeekTagIs(DerTag.ContextConstructed(0)))
            {
                int versionOffset = tbs.Offset;
                if (!tbs.TryReadConstructed(DerTag.ContextConstructed(0), out DerReader versionReader, out error)
                    || !versionReader.TryReadInt32(out int raw, out error)
                    || !versionReader.TryReadEnd(out error))
                {
                    if (error.Code == X509ErrorCode.InvalidInteger)
                    {
                        error = new X509Error(X509ErrorCode.InvalidVersion, versionOffset);
                    }

                    return false;
                }

                if (raw >= MaxLenientVersion || (options.RequireValidVersion && raw > 2))
                {
                    error = new X509Error(X509ErrorCode.InvalidVersion, versionOffset);
                    return false;
                }

                if (raw == 0 && options.RejectEncodedDefaults)
                {
                    // X.690 11.5: v1 is the DEFAULT and must not be encoded.
                    error = new X509Error(X509ErrorCode.InvalidVersion, versionOffset);
                    return false;
                }

                version = raw + 1;
            }

            if (!tbs.TryReadInteger(out ReadOnlySpan<byte> serialNumber, out error))
            {
                return false;
            }

            int tbsSignatureOffset = tbs.Offset;
            if (!AlgorithmIdentifier.TryRead(ref tbs, out AlgorithmIdentifier tbsSignature, out error))
            {
                return false;
            }

            if (options.RequireMatchingSignatureAlgorithms && !tbsSignature.Encoded.SequenceEqual(signatureAlgorithm.Encoded))
            {
                error = new X509Error(X509ErrorCode.SignatureAlgorithmMismatch, tbsSignatureOffset);
                return false;
            }

            if (!DistinguishedName.TryRead(ref tbs, options.RequireValidStrings, out DistinguishedName issuer, out error))
            {
                return false;
            }

            // RFC 5280 4.1.2.5: Validity ::= SEQUENCE { notBefore Time, notAfter Time }.
            if (!tbs.TryReadSequence(out DerReader validity, out error)
                || !TryReadTime(ref validity, options.RequireValidTime, out DerElement notBefore, out error)
                || !TryReadTime(ref validity, options.RequireValidTime, out DerElement notAfter, out error)
                || !validity.TryReadEnd(out error))
            {
                return false;
            }

            if (!DistinguishedName.TryRead(ref tbs, options.RequireValidStrings, out DistinguishedName subject, out error))
            {
                return false;
            }

            // RFC 5280 4.1.2.7: SubjectPublicKeyInfo ::= SEQUENCE { algorithm AlgorithmIdentifier, subjectPublicKey BIT STRING }.
            DerReader spkiPeek = tbs;
            if (!tbs.TryReadElement(DerTag.Sequence, out DerElement spki, out error)
                || !spkiPeek.TryReadSequence(out DerReader spkiReader, out error)
                || !AlgorithmIdentifier.TryRead(ref spkiReader, out _, out error)
                || !spkiReader.TryReadBitString(out _, out _, out error)
                || !spkiReader.TryReadEnd(out error))
            {
                if (error.Code == X509ErrorCode.TrailingData)
                {
                    error = new X509Error(X509ErrorCode.InvalidAlgorithmIdentifier, spki.Offset);
                }

                return false;
            }

            // RFC 5280 4.1.2.8: issuerUniqueID [1] IMPLICIT BIT STRING, subjectUniqueID [2] IMPLICIT BIT STRING.
            ReadOnlySpan<byte> issuerUniqueId = default;
            ReadOnlySpan<byte> subjectUniqueId = default;
            if (tbs.PeekTagIs(DerTag.ContextPrimitive(1)) && !tbs.TryReadBitString(DerTag.ContextPrimitive(1), out _, out issuerUniqueId, out error))
            {
                return false;
            }

            if (tbs.PeekTagIs(DerTag.ContextPrimitive(2)) && !tbs.TryReadBitString(DerTag.ContextPrimitive(2), out _, out subjectUniqueId, out error))
            {
                return false;
            }

            // RFC 5280 4.1.2.9: extensions [3] EXPLICIT Extensions; Extensions ::= SEQUENCE SIZE (1..MAX) OF Extension.
            bool hasExtensions = false;
            ReadOnlySpan<byte> extensions = default;
            bool hasSubjectAltName = false;
            ReadOnlySpan<byte> subjectAltName = default;
            if (tbs.PeekTagIs(DerTag.ContextConstructed(3)))
            {
                int extensionsOffset = tbs.Offset;
                if (!tbs.TryReadConstructed(DerTag.ContextConstructed(3), out DerReader wrapper, out error)
                    || !wrapper.TryReadSequence(out DerReader list, out error)
                    || !wrapper.TryReadEnd(out error))
                {
                    return false;
                }

                if (options.RequireValidExtensionValues && (version != 3 || !list.HasData))
                {
                    error = new X509Error(version != 3 ? X509ErrorCode.InvalidVersion : X509ErrorCode.InvalidExtension, extensionsOffset);
                    return false;
                }

                hasExtensions = true;
                extensions = list.RemainingBytes;
                int count = 0;
                while (list.HasData)
                {
                    int extensionOffset = list.Offset;
                    int relativeStart = extensions.Length - list.RemainingBytes.Length;
                    if (++count > MaxExtensions)
                    {
                        error = new X509Error(X509ErrorCode.TooManyExtensions, extensionOffset);
                        return false;
                    }

                    if (!Extension.TryRead(ref list, options.RejectEncodedDefaults, out Extension extension, out int valueOffset, out error))
                    {
                        return false;
                    }

                    if (options.RejectDuplicateExtensions && ContainsExtension(extensions, relativeStart, extension.Oid))
                    {
                        error = new X509Error(X509ErrorCode.DuplicateExtension, extensionOffset);
                        return false;
                    }

                    if (options.RequireValidExtensionValues && !ExtensionValues.TryValidate(extension, valueOffset, out error))
                    {
                        return false;
                    }

                    // The first subjectAltName wins; a second one is reported by TryFindDuplicateExtension.
                    if (!hasSubjectAltName && ExtensionOids.Is(extension.Oid, ExtensionOids.SubjectAltName))
                    {
                        hasSubjectAltName = true;
                        subjectAltName = extension.Value;
                    }
                }
            }

            if (!tbs.TryReadEnd(out error))
            {
                return false;
            }

            certificate = new Certificate(
                der.Slice(0, der.Length),
                tbsElement.Encoded,
                version,
                serialNumber,
                tbsSignature.Encoded,
                issuer.Encoded,
                notBefore.Tag,
                notBefore.Content,
                notAfter.Tag,
                notAfter.Content,
                subject.Encoded,
                spki.Encoded,
                issuerUniqueId,
                subjectUniqueId,
                hasExtensions,
                extensions,
                hasSubjectAltName,
                subjectAltName,
                signatureAlgorithm.Encoded,
                signatureValue);
            error = default;
            return true;
        }

        /// <summary>
        /// The subjectAltName extension (RFC 5280 4.2.1.6); false when the certificate has none. In lenient mode a
        /// malformed value still returns true and enumerates its unreadable parts as <see cref="GeneralNameType.Invalid"/>.
        /// </summary>
        /// <param name="subjectAltName">The extension's GeneralNames.</param>
        public bool TryGetSubjectAltName(out SubjectAltName subjectAltName)
        {
            if (!_hasSubjectAltName)
            {
                subjectAltName = default;
                return false;
            }

            subjectAltName = X509.SubjectAltName.FromExtensionValue(_subjectAltName);
            return true;
        }

        /// <summary>The first extension whose OID is <paramref name="oid"/> (contents octets); false when absent.</summary>
        /// <param name="oid">OID contents octets, for example 55 1D 13 for basicConstraints.</param>
        /// <param name="extension">The extension.</param>
        public bool TryGetExtension(ReadOnlySpan<byte> oid, out Extension extension)
        {
            foreach (Extension candidate in Extensions)
            {
                if (candidate.Oid.SequenceEqual(oid))
                {
                    extension = candidate;
                    return true;
                }
            }

            extension = default;
            return false;
        }

        /// <summary>
        /// Finds the first extension whose OID repeats an earlier one (RFC 5280 4.2: "A certificate MUST NOT include
        /// more than one instance of a particular extension"). Strict parsing rejects such certificates; lenient parsing
        /// keeps them and the typed readers use the first instance.
        /// </summary>
        /// <param name="first">The earlier instance.</param>
        /// <param name="duplicate">The later instance with the same OID.</param>
        /// <returns>True when a duplicate exists.</returns>
        public bool TryFindDuplicateExtension(out Extension first, out Extension duplicate)
        {
            ExtensionEnumerator outerEnumerator = Extensions;
            int index = 0;
            while (outerEnumerator.MoveNext())
            {
                Extension later = outerEnumerator.Current;
                ExtensionEnumerator inner = Extensions;
                for (int i = 0; i < index && inner.MoveNext(); i++)
                {
                    if (inner.Current.Oid.SequenceEqual(later.Oid))
                    {
                        first = inner.Current;
                        duplicate = later;
                        return true;
                    }
                }

                index++;
            }

            first = default;
            duplicate = default;
            return false;
        }

        private static bool TryReadTime(scoped ref DerReader reader, bool strict, out DerElement time, out X509Error error)
        {
            DerReader copy = reader;
            if (!copy.TryReadElement(out time, out error))
            {
                return false;
            }

            if (time.Tag != DerTag.UtcTime && time.Tag != DerTag.GeneralizedTime)
            {
                error = new X509Error(time.Tag == (DerTag.UtcTime | DerTag.ConstructedBit) || time.Tag == (DerTag.GeneralizedTime | DerTag.ConstructedBit)
                    ? X509ErrorCode.InvalidEncoding
                    : X509ErrorCode.UnexpectedTag, time.Offset);
                return false;
            }

            if (strict && !X509Time.TryDecode(time.Tag, time.Content, strict: true, out _))
            {
                error = new X509Error(X509ErrorCode.InvalidTime, time.Offset);
                return false;
            }

            reader = copy;
            return true;
        }

        // Walks the extensions that precede the one at relative offset 'end' looking for the same OID.
        private static bool ContainsExtension(ReadOnlySpan<byte> extensions, int end, ReadOnlySpan<byte> oid)
        {
            ReadOnlySpan<byte> rest = extensions;
            while (!rest.IsEmpty && extensions.Length - rest.Length < end)
            {
                if (!Der.TryRead(ref rest, DerTag.Sequence, out ReadOnlySpan<byte> content)
                    || !Der.TryRead(ref content, DerTag.ObjectIdentifier, out ReadOnlySpan<byte> earlier))
                {
                    return false;
                }

                if (earlier.SequenceEqual(oid))
                {
                    return true;
                }
            }

            return false;
        }

        private static DistinguishedName NameOf(ReadOnlySpan<byte> encoded)
        {
            ReadOnlySpan<byte> rest = encoded;
            Der.TryRead(ref rest, out _, out ReadOnlySpan<byte> rdns, out _);
            return new DistinguishedName(encoded, rdns);
        }

        private static AlgorithmIdentifier AlgorithmOf(ReadOnlySpan<byte> encoded)
        {
            ReadOnlySpan<byte> rest = encoded;
            Der.TryRead(ref rest, out _, out ReadOnlySpan<byte> content, out _);
            Der.TryRead(ref content, DerTag.ObjectIdentifier, out ReadOnlySpan<byte> oid);
            ReadOnlySpan<byte> parameters = default;
            if (!content.IsEmpty)
            {
                Der.TryRead(ref content, out _, out _, out parameters);
            }

            return new AlgorithmIdentifier(encoded, oid, parameters);
        }
    }
}
