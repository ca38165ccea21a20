namespace Tsid.X509
{
    /// <summary>
    /// How strictly <see cref="Certificate.TryParse(System.ReadOnlySpan{byte}, CertificateParseOptions, out Certificate, out X509Error)"/>
    /// reads. DER framing (tags, lengths, nesting, trailing data) is always strict; these settings cover the places where
    /// real certificates break the RFCs and a name-reading caller still wants the rest of the certificate.
    /// Instances are immutable once built and safe to share between threads.
    /// </summary>
    public sealed class CertificateParseOptions
    {
        /// <summary>
        /// Lenient: every setting below is off. What OpenSSL reads, this reads (within DER framing). The whole structure
        /// is still checked on every parse.
        /// </summary>
        public static CertificateParseOptions Default { get; } = new CertificateParseOptions();

        /// <summary>
        /// Lenient and deferred: <see cref="DeferStructureChecks"/> on, every other setting off. For callers that read
        /// only names (a firewall naming a server): the parse locates the subject and the first subjectAltName, and the
        /// names and the other extensions are checked when, and as far as, they are read.
        /// </summary>
        public static CertificateParseOptions Deferred { get; } = new CertificateParseOptions { DeferStructureChecks = true };

        /// <summary>Strict: every setting below is on (RFC 5280 as written).</summary>
        public static CertificateParseOptions Strict { get; } = new CertificateParseOptions
        {
            RequireValidVersion = true,
            RequireValidTime = true,
            RejectDuplicateExtensions = true,
            RejectEncodedDefaults = true,
            RequireValidGeneralNames = true,
            RequireValidStrings = true,
            RequireMatchingSignatureAlgorithms = true,
            RequireValidExtensionValues = true,
        };

        /// <summary>
        /// Reject a version other than v1, v2 or v3 (RFC 5280 4.1.2.1) with <see cref="X509ErrorCode.InvalidVersion"/>.
        /// When off, any small non-negative version number is kept and reported by <see cref="Certificate.Version"/>.
        /// </summary>
        public bool RequireValidVersion { get; init; }

        /// <summary>
        /// Reject a notBefore/notAfter that is not in the RFC 5280 4.1.2.5 form with <see cref="X509ErrorCode.InvalidTime"/>.
        /// When off, the raw time is kept and only <see cref="Validity.TryGetNotBefore"/> / <see cref="Validity.TryGetNotAfter"/> fail.
        /// </summary>
        public bool RequireValidTime { get; init; }

        /// <summary>Reject two extensions with the same OID (RFC 5280 4.2) with <see cref="X509ErrorCode.DuplicateExtension"/>.</summary>
        public bool RejectDuplicateExtensions { get; init; }

        /// <summary>
        /// Reject an explicitly encoded DEFAULT value (an extension's <c>critical FALSE</c>, X.690 11.5) with
        /// <see cref="X509ErrorCode.InvalidExtension"/>.
        /// </summary>
        public bool RejectEncodedDefaults { get; init; }

        /// <summary>
        /// Reject a malformed subjectAltName entry (RFC 5280 4.2.1.6) with <see cref="X509ErrorCode.InvalidGeneralName"/>
        /// when the certificate is parsed (every subjectAltName extension is checked, as <see cref="SubjectAltName.TryParse(System.ReadOnlySpan{byte}, bool, out SubjectAltName, out X509Error)"/>
        /// does with <c>strict</c>). When off, such an entry enumerates as <see cref="GeneralNameType.Invalid"/> with its raw bytes.
        /// </summary>
        public bool RequireValidGeneralNames { get; init; }

        /// <summary>
        /// Reject subject or issuer attribute strings whose bytes break their string type (for example '@' in a
        /// PrintableString, invalid UTF-8 in a UTF8String) with <see cref="X509ErrorCode.InvalidString"/>.
        /// </summary>
        public bool RequireValidStrings { get; init; }

        /// <summary>
        /// Reject a certificate whose TBS <c>signature</c> differs from its outer <c>signatureAlgorithm</c>
        /// (RFC 5280 4.1.1.2) with <see cref="X509ErrorCode.SignatureAlgorithmMismatch"/>.
        /// </summary>
        public bool RequireMatchingSignatureAlgorithms { get; init; }

        /// <summary>
        /// Parse the values of the extensions this library reads (subjectAltName, basicConstraints, keyUsage,
        /// extKeyUsage, subjectKeyIdentifier, authorityKeyIdentifier) when the certificate is parsed, and reject a malformed
        /// one with <see cref="X509ErrorCode.InvalidExtension"/> (or <see cref="X509ErrorCode.InvalidGeneralName"/>).
        /// Also requires v3 when extensions are present and a non-empty extension list (RFC 5280 4.1.2.9).
        /// When off, extension values are read only when asked for.
        /// </summary>
        public bool RequireValidExtensionValues { get; init; }

        /// <summary>
        /// Check only what the parse must read to locate the fields, and leave the insides of the other parts to be
        /// checked when they are read. The parse checks the DER framing of the certificate and of every TBS field (one
        /// well-formed TLV each, with the right tag, in order, nothing after them), the version, serialNumber, validity,
        /// unique identifiers and signatureValue as without this setting, frames each extension's SEQUENCE to find
        /// subjectAltName, and checks the first subjectAltName extension whole. It does not look inside the issuer and
        /// subject names, the three AlgorithmIdentifiers, the public key, or the other extensions. The views over those
        /// parts never fail on malformed bytes: a name enumerator stops at the first RDN or attribute it cannot read
        /// (unframable, or with an invalid type OID); the extension enumerator stops at the first malformed extension
        /// (so <see cref="Certificate.TryGetExtension"/> and the typed readers see only the extensions before it);
        /// an AlgorithmIdentifier without a valid OID has an empty <see cref="AlgorithmIdentifier.Algorithm"/>;
        /// <see cref="SubjectPublicKeyInfo"/> parts that cannot be read are empty; a malformed SAN entry reads as
        /// <see cref="GeneralNameType.Invalid"/>. The other settings still apply, and one that needs a part has it
        /// checked whole at parse time (<see cref="RequireValidStrings"/> the names; the extension settings every
        /// extension). A certificate accepted without this setting is accepted with it, and every member reads the same.
        /// </summary>
        public bool DeferStructureChecks { get; init; }
    }
}
