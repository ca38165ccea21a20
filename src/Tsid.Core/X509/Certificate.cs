using System;
using System.Runtime.CompilerServices;

namespace Tsid.X509
{
    /// <summary>
    /// An X.509 v1/v2/v3 certificate (RFC 5280 4.1) as a view over the caller's DER bytes. <see cref="TryParse(ReadOnlySpan{byte}, out Certificate, out X509Error)"/>
    /// checks the whole structure once and keeps where each field starts; afterwards every member is a view (one
    /// header decoded at a known offset) or a cheap walk, and never fails on the bytes the parse checked. With
    /// <see cref="CertificateParseOptions.DeferStructureChecks"/> the parse checks less, and the views check the rest
    /// as they read it. Parsing and enumerating names allocates nothing.
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

        // The index the parse leaves behind: where each field's TLV starts in Encoded (for the subjectAltName: where its
        // extnValue contents start, and their length). The parse framed every one of them, so a member decodes one
        // header at a known offset and never fails. 0 means absent (offset 0 is the outer SEQUENCE, where no field starts).
        private readonly int _tbsAt;
        private readonly int _serialNumberAt;
        private readonly int _tbsSignatureAlgorithmAt;
        private readonly int _issuerAt;
        private readonly int _notBeforeAt;
        private readonly int _notAfterAt;
        private readonly int _subjectAt;
        private readonly int _subjectPublicKeyInfoAt;
        private readonly int _issuerUniqueIdAt;
        private readonly int _subjectUniqueIdAt;
        private readonly int _extensionsAt;
        private readonly int _subjectAltNameAt;
        private readonly int _subjectAltNameLength;
        private readonly int _signatureAlgorithmAt;
        private readonly int _signatureValueAt;

        private Certificate(ReadOnlySpan<byte> encoded, int version, scoped in FieldOffsets index)
        {
            Encoded = encoded;
            Version = version;
            _tbsAt = index.Tbs;
            _serialNumberAt = index.SerialNumber;
            _tbsSignatureAlgorithmAt = index.TbsSignatureAlgorithm;
            _issuerAt = index.Issuer;
            _notBeforeAt = index.NotBefore;
            _notAfterAt = index.NotAfter;
            _subjectAt = index.Subject;
            _subjectPublicKeyInfoAt = index.SubjectPublicKeyInfo;
            _issuerUniqueIdAt = index.IssuerUniqueId;
            _subjectUniqueIdAt = index.SubjectUniqueId;
            _extensionsAt = index.Extensions;
            _subjectAltNameAt = index.SubjectAltName;
            _subjectAltNameLength = index.SubjectAltNameLength;
            _signatureAlgorithmAt = index.SignatureAlgorithm;
            _signatureValueAt = index.SignatureValue;
        }

        /// <summary>The certificate's whole DER encoding.</summary>
        public ReadOnlySpan<byte> Encoded { get; }

        /// <summary>The raw tbsCertificate TLV (what the signature covers).</summary>
        public ReadOnlySpan<byte> TbsCertificate => ElementAt(_tbsAt).Encoded;

        /// <summary>
        /// The version: 1, 2 or 3 (RFC 5280 4.1.2.1). In lenient mode a certificate with another version number is
        /// kept and this reports it (for example 8 for an encoded value of 7).
        /// </summary>
        public int Version { get; }

        /// <summary>The serialNumber INTEGER contents octets (big-endian two's complement, RFC 5280 4.1.2.2).</summary>
        public ReadOnlySpan<byte> SerialNumber => ElementAt(_serialNumberAt).Content;

        /// <summary>The issuer name.</summary>
        public DistinguishedName Issuer => NameOf(ElementAt(_issuerAt));

        /// <summary>The subject name.</summary>
        public DistinguishedName Subject => NameOf(ElementAt(_subjectAt));

        /// <summary>The validity period.</summary>
        public Validity Validity
        {
            get
            {
                DerElement notBefore = ElementAt(_notBeforeAt);
                DerElement notAfter = ElementAt(_notAfterAt);
                return new Validity(notBefore.Tag, notBefore.Content, notAfter.Tag, notAfter.Content);
            }
        }

        /// <summary>The outer signatureAlgorithm (RFC 5280 4.1.1.2).</summary>
        public AlgorithmIdentifier SignatureAlgorithm => AlgorithmIdentifier.FromEncoded(ElementAt(_signatureAlgorithmAt));

        /// <summary>The TBS <c>signature</c> field (RFC 5280 4.1.2.3), which must equal <see cref="SignatureAlgorithm"/>.</summary>
        public AlgorithmIdentifier TbsSignatureAlgorithm => AlgorithmIdentifier.FromEncoded(ElementAt(_tbsSignatureAlgorithmAt));

        /// <summary>The signatureValue bits (the BIT STRING contents after the unused-bits octet).</summary>
        public ReadOnlySpan<byte> SignatureValue => BitsAt(_signatureValueAt);

        /// <summary>The subject's public key.</summary>
        public SubjectPublicKeyInfo SubjectPublicKeyInfo => SubjectPublicKeyInfo.FromEncoded(ElementAt(_subjectPublicKeyInfoAt));

        /// <summary>The issuerUniqueID bits (RFC 5280 4.1.2.8), empty when absent.</summary>
        public ReadOnlySpan<byte> IssuerUniqueId => _issuerUniqueIdAt == 0 ? default : BitsAt(_issuerUniqueIdAt);

        /// <summary>The subjectUniqueID bits (RFC 5280 4.1.2.8), empty when absent.</summary>
        public ReadOnlySpan<byte> SubjectUniqueId => _subjectUniqueIdAt == 0 ? default : BitsAt(_subjectUniqueIdAt);

        /// <summary>True when the certificate has an extensions field.</summary>
        public bool HasExtensions => _extensionsAt != 0;

        /// <summary>Enumerates the extensions in DER order (none for v1/v2 certificates).</summary>
        public ExtensionEnumerator Extensions => new ExtensionEnumerator(_extensionsAt == 0 ? default : ElementAt(_extensionsAt).Content);

        /// <summary>Parses a DER certificate leniently (<see cref="CertificateParseOptions.Default"/>).</summary>
        /// <param name="der">Exactly one DER Certificate; trailing bytes are an error.</param>
        /// <param name="certificate">The view, valid while <paramref name="der"/> is.</param>
        /// <param name="error">What was wrong and where, when false is returned.</param>
        public static bool TryParse(ReadOnlySpan<byte> der, out Certificate certificate, out X509Error error) =>
            TryParse(der, CertificateParseOptions.Default, out certificate, out error);

        /// <summary>
        /// Parses a DER certificate with the given options, in one pass: it frames every field of the certificate and
        /// its TBS, locates the subject, the extensions and the first subjectAltName, and (unless
        /// <see cref="CertificateParseOptions.DeferStructureChecks"/>) checks the inside of every field.
        /// </summary>
        /// <param name="der">Exactly one DER Certificate; trailing bytes are an error.</param>
        /// <param name="options">Strictness settings.</param>
        /// <param name="certificate">The view, valid while <paramref name="der"/> is.</param>
        /// <param name="error">What was wrong and where, when false is returned.</param>
        /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
        [MethodImpl(MethodImplOptions.NoInlining)]
        public static bool TryParse(ReadOnlySpan<byte> der, CertificateParseOptions options, out Certificate certificate, out X509Error error)
        {
            if (options is null)
            {
                throw new ArgumentNullException(nameof(options));
            }

            if (Tsid.Tls.ParseCounters.Enabled)
            {
                Tsid.Tls.ParseCounters.Certificate++;
            }

            certificate = default;
            FieldOffsets index = default;
            DerReader outer = new DerReader(der);
            if (!outer.TryReadSequence(out DerReader cert, out error) || !outer.TryReadEnd(out error))
            {
                return false;
            }

            index.Tbs = cert.Offset;
            if (!cert.TryReadElement(DerTag.Sequence, out DerElement tbsElement, out error))
            {
                return false;
            }

            index.SignatureAlgorithm = cert.Offset;
            if (!TryReadAlgorithm(ref cert, !options.DeferStructureChecks, out ReadOnlySpan<byte> signatureAlgorithm, out error))
            {
                return false;
            }

            index.SignatureValue = cert.Offset;
            if (!cert.TryReadBitString(out _, out _, out error) || !cert.TryReadEnd(out error))
            {
                return false;
            }

            DerReader tbs = new DerReader(tbsElement.Content, tbsElement.ContentOffset, cert.Depth + 1);
            if (!TryReadTbsNames(ref tbs, options, signatureAlgorithm, ref index, out int version, out error)
                || !TryReadTbsKeyAndExtensions(ref tbs, options, version, ref index, out error))
            {
                return false;
            }

            certificate = new Certificate(der, version, index);
            return true;
        }

        // TBSCertificate from version to subject (RFC 5280 4.1.2.1 to 4.1.2.6).
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static bool TryReadTbsNames(scoped ref DerReader tbs, CertificateParseOptions options, ReadOnlySpan<byte> signatureAlgorithm, ref FieldOffsets index, out int version, out X509Error error)
        {
            // DeferStructureChecks leaves the names unwalked unless RequireValidStrings needs them.
            bool checkNames = !options.DeferStructureChecks || options.RequireValidStrings;
            bool checkAlgorithm = !options.DeferStructureChecks;
            if (!TryReadVersion(ref tbs, options, out version, out error))
            {
                return false;
            }

            index.SerialNumber = tbs.Offset;
            if (!tbs.TryReadInteger(out _, out error))
            {
                return false;
            }

            index.TbsSignatureAlgorithm = tbs.Offset;
            if (!TryReadAlgorithm(ref tbs, checkAlgorithm, out ReadOnlySpan<byte> tbsSignature, out error))
            {
                return false;
            }

            if (options.RequireMatchingSignatureAlgorithms && !tbsSignature.SequenceEqual(signatureAlgorithm))
            {
                error = new X509Error(X509ErrorCode.SignatureAlgorithmMismatch, index.TbsSignatureAlgorithm);
                return false;
            }

            index.Issuer = tbs.Offset;
            if (!TryReadName(ref tbs, checkNames, options.RequireValidStrings, out error))
            {
                return false;
            }

            // RFC 5280 4.1.2.5: Validity ::= SEQUENCE { notBefore Time, notAfter Time }.
            if (!tbs.TryReadSequence(out DerReader validity, out error))
            {
                return false;
            }

            index.NotBefore = validity.Offset;
            if (!TryReadTime(ref validity, options.RequireValidTime, out error))
            {
                return false;
            }

            index.NotAfter = validity.Offset;
            if (!TryReadTime(ref validity, options.RequireValidTime, out error) || !validity.TryReadEnd(out error))
            {
                return false;
            }

            index.Subject = tbs.Offset;
            return TryReadName(ref tbs, checkNames, options.RequireValidStrings, out error);
        }

        // TBSCertificate from subjectPublicKeyInfo to the end (RFC 5280 4.1.2.7 to 4.1.2.9).
        [MethodImpl(MethodImplOptions.NoInlining)]
        private static bool TryReadTbsKeyAndExtensions(scoped ref DerReader tbs, CertificateParseOptions options, int version, ref FieldOffsets index, out X509Error error)
        {
            // RFC 5280 4.1.2.7: SubjectPublicKeyInfo ::= SEQUENCE { algorithm AlgorithmIdentifier, subjectPublicKey BIT STRING }.
            index.SubjectPublicKeyInfo = tbs.Offset;
            if (!tbs.TryEnter(DerTag.Sequence, out DerReader spki, out error)
                || (!options.DeferStructureChecks
                    && (!AlgorithmIdentifier.TryRead(ref spki, out _, out error)
                        || !spki.TryReadBitString(out _, out _, out error)
                        || !spki.TryReadEnd(out error))))
            {
                if (error.Code == X509ErrorCode.TrailingData)
                {
                    error = new X509Error(X509ErrorCode.InvalidAlgorithmIdentifier, index.SubjectPublicKeyInfo);
                }

                return false;
            }

            // RFC 5280 4.1.2.8: issuerUniqueID [1] IMPLICIT BIT STRING, subjectUniqueID [2] IMPLICIT BIT STRING.
            if (tbs.PeekTagIs(DerTag.ContextPrimitive(1)))
            {
                index.IssuerUniqueId = tbs.Offset;
                if (!tbs.TryReadBitString(DerTag.ContextPrimitive(1), out _, out _, out error))
                {
                    return false;
                }
            }

            if (tbs.PeekTagIs(DerTag.ContextPrimitive(2)))
            {
                index.SubjectUniqueId = tbs.Offset;
                if (!tbs.TryReadBitString(DerTag.ContextPrimitive(2), out _, out _, out error))
                {
                    return false;
                }
            }

            // RFC 5280 4.1.2.9: extensions [3] EXPLICIT Extensions; Extensions ::= SEQUENCE SIZE (1..MAX) OF Extension.
            if (tbs.PeekTagIs(DerTag.ContextConstructed(3)))
            {
                int extensionsOffset = tbs.Offset;
                if (!tbs.TryEnter(DerTag.ContextConstructed(3), out DerReader wrapper, out error))
                {
                    return false;
                }

                index.Extensions = wrapper.Offset;
                if (!wrapper.TryReadSequence(out DerReader list, out error) || !wrapper.TryReadEnd(out error))
                {
                    return false;
                }

                if (options.RequireValidExtensionValues && (version != 3 || !list.HasData))
                {
                    error = new X509Error(version != 3 ? X509ErrorCode.InvalidVersion : X509ErrorCode.InvalidExtension, extensionsOffset);
                    return false;
                }

                bool checkExtensions = !options.DeferStructureChecks || options.RejectDuplicateExtensions || options.RejectEncodedDefaults
                    || options.RequireValidExtensionValues || options.RequireValidGeneralNames;
                if (!TryReadExtensions(ref list, options, checkExtensions, ref index, out error))
                {
                    return false;
                }
            }

            return tbs.TryReadEnd(out error);
        }

        /// <summary>
        /// The subjectAltName extension (RFC 5280 4.2.1.6); false when the certificate has none. In lenient mode a
        /// malformed value still returns true and enumerates its unreadable parts as <see cref="GeneralNameType.Invalid"/>.
        /// </summary>
        /// <param name="subjectAltName">The extension's GeneralNames.</param>
        public bool TryGetSubjectAltName(out SubjectAltName subjectAltName)
        {
            if (_subjectAltNameAt == 0)
            {
                subjectAltName = default;
                return false;
            }

            subjectAltName = X509.SubjectAltName.FromExtensionValue(Encoded.Slice(_subjectAltNameAt, _subjectAltNameLength));
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

        // RFC 5280 4.1.2.1: version [0] EXPLICIT Version DEFAULT v1; Version ::= INTEGER { v1(0), v2(1), v3(2) }.
        private static bool TryReadVersion(scoped ref DerReader tbs, CertificateParseOptions options, out int version, out X509Error error)
        {
            version = 1;
            error = default;
            if (!tbs.PeekTagIs(DerTag.ContextConstructed(0)))
            {
                return true;
            }

            int versionOffset = tbs.Offset;
            if (!tbs.TryEnter(DerTag.ContextConstructed(0), out DerReader versionReader, out error)
                || !versionReader.TryReadInt32(out int raw, out error)
                || !versionReader.TryReadEnd(out error))
            {
                if (error.Code == X509ErrorCode.InvalidInteger)
                {
                    error = new X509Error(X509ErrorCode.InvalidVersion, versionOffset);
                }

                return false;
            }

            // X.690 11.5: v1 is the DEFAULT and must not be encoded.
            if (raw >= MaxLenientVersion || (options.RequireValidVersion && raw > 2) || (raw == 0 && options.RejectEncodedDefaults))
            {
                error = new X509Error(X509ErrorCode.InvalidVersion, versionOffset);
                return false;
            }

            version = raw + 1;
            return true;
        }

        // RFC 5280 4.1.2.4: Name; walked and checked, or framed only.
        private static bool TryReadName(scoped ref DerReader reader, bool check, bool requireValidStrings, out X509Error error)
        {
            return check
                ? DistinguishedName.TryRead(ref reader, requireValidStrings, out _, out error)
                : reader.TryReadElement(DerTag.Sequence, out _, out error);
        }

        // RFC 5280 4.1.2.5: Time ::= CHOICE { utcTime UTCTime, generalTime GeneralizedTime }.
        private static bool TryReadTime(scoped ref DerReader reader, bool strict, out X509Error error)
        {
            DerReader copy = reader;
            if (!copy.TryReadElement(out DerElement time, out error))
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

        // The extension list: each extension checked (framing, OID, BOOLEAN) plus what the options ask for, or, with
        // 'checkEach' false (DeferStructureChecks), only framed as a SEQUENCE and its extnID compared with
        // subjectAltName's (DER is canonical: that OID TLV has the one encoding 06 03 55 1D 11). Either way the first
        // subjectAltName is read whole and located.
        private static bool TryReadExtensions(scoped ref DerReader list, CertificateParseOptions options, bool checkEach, ref FieldOffsets index, out X509Error error)
        {
            error = default;
            ReadOnlySpan<byte> extensions = list.RemainingBytes;
            int listOffset = list.Offset;
            int count = 0;
            bool rejectEncodedDefaults = options.RejectEncodedDefaults;
            bool rejectDuplicates = options.RejectDuplicateExtensions;
            bool validateValues = options.RequireValidExtensionValues;
            bool validateGeneralNames = options.RequireValidGeneralNames;
            while (list.HasData)
            {
                int extensionOffset = list.Offset;
                if (++count > MaxExtensions)
                {
                    error = new X509Error(X509ErrorCode.TooManyExtensions, extensionOffset);
                    return false;
                }

                bool isSubjectAltName;
                Extension extension;
                int valueOffset;
                if (checkEach)
                {
                    if (!Extension.TryRead(ref list, rejectEncodedDefaults, out extension, out valueOffset, out error))
                    {
                        return false;
                    }

                    if (rejectDuplicates && ContainsExtension(extensions.Slice(0, extensionOffset - listOffset), extension.Oid))
                    {
                        error = new X509Error(X509ErrorCode.DuplicateExtension, extensionOffset);
                        return false;
                    }

                    isSubjectAltName = IsSubjectAltName(extension.Oid);
                    if ((validateValues || (isSubjectAltName && validateGeneralNames))
                        && !ExtensionValues.TryValidate(extension, valueOffset, out error))
                    {
                        return false;
                    }
                }
                else
                {
                    DerReader probe = list;
                    if (!list.TryReadElement(DerTag.Sequence, out DerElement framed, out error))
                    {
                        return false;
                    }

                    isSubjectAltName = index.SubjectAltName == 0 && framed.Content.StartsWith(SubjectAltNameOidTlv);
                    if (!isSubjectAltName)
                    {
                        continue;
                    }

                    if (!Extension.TryRead(ref probe, rejectEncodedDefault: false, out extension, out valueOffset, out error))
                    {
                        return false;
                    }
                }

                // The first subjectAltName wins; a second one is reported by TryFindDuplicateExtension.
                if (isSubjectAltName && index.SubjectAltName == 0)
                {
                    index.SubjectAltName = valueOffset;
                    index.SubjectAltNameLength = extension.Value.Length;
                }
            }

            return true;
        }

        // RFC 5280 4.1.1.2: AlgorithmIdentifier, checked inside or (DeferStructureChecks) framed only; returned whole.
        private static bool TryReadAlgorithm(scoped ref DerReader reader, bool check, out ReadOnlySpan<byte> encoded, out X509Error error)
        {
            if (check)
            {
                bool ok = AlgorithmIdentifier.TryRead(ref reader, out AlgorithmIdentifier algorithm, out error);
                encoded = algorithm.Encoded;
                return ok;
            }

            bool framed = reader.TryReadElement(DerTag.Sequence, out DerElement element, out error);
            encoded = element.Encoded;
            return framed;
        }

        // RFC 5280 4.2.1.6: subjectAltName is id-ce 17, 2.5.29.17 (55 1D 11); as a DER TLV, 06 03 55 1D 11.
        private static ReadOnlySpan<byte> SubjectAltNameOidTlv => new byte[] { DerTag.ObjectIdentifier, 0x03, 0x55, 0x1D, 0x11 };

        private static bool IsSubjectAltName(ReadOnlySpan<byte> oid)
        {
            ReadOnlySpan<byte> subjectAltName = SubjectAltNameOidTlv;
            return oid.Length == 3 && oid[0] == subjectAltName[2] && oid[1] == subjectAltName[3] && oid[2] == subjectAltName[4];
        }

        // True when an extension in 'earlier' (the extensions before the one being checked) has the OID 'oid'.
        private static bool ContainsExtension(ReadOnlySpan<byte> earlier, ReadOnlySpan<byte> oid)
        {
            DerReader list = new DerReader(earlier);
            while (list.TryEnter(DerTag.Sequence, out DerReader extension, out _))
            {
                if (extension.TryReadContent(DerTag.ObjectIdentifier, out ReadOnlySpan<byte> candidate, out _) && candidate.SequenceEqual(oid))
                {
                    return true;
                }
            }

            return false;
        }

        // The TLV at 'offset' of Encoded, which the parse framed (an empty element for a default Certificate).
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private DerElement ElementAt(int offset)
        {
            DerReader reader = new DerReader(Encoded.Slice(offset));
            reader.TryReadElement(out DerElement element, out _);
            return element;
        }

        // A BIT STRING's bits after the unused-bits octet (the parse checked there is one).
        private ReadOnlySpan<byte> BitsAt(int offset)
        {
            ReadOnlySpan<byte> content = ElementAt(offset).Content;
            return content.IsEmpty ? default : content.Slice(1);
        }

        private static DistinguishedName NameOf(DerElement name) => new DistinguishedName(name.Encoded, name.Content);

        /// <summary>Where each field of a certificate being parsed starts.</summary>
        private struct FieldOffsets
        {
            public int Tbs;
            public int SerialNumber;
            public int TbsSignatureAlgorithm;
            public int Issuer;
            public int NotBefore;
            public int NotAfter;
            public int Subject;
            public int SubjectPublicKeyInfo;
            public int IssuerUniqueId;
            public int SubjectUniqueId;
            public int Extensions;
            public int SubjectAltName;
            public int SubjectAltNameLength;
            public int SignatureAlgorithm;
            public int SignatureValue;
        }
    }
}
