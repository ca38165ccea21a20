using System;
using Tsid.Tls;
using Tsid.X509;

namespace Tsid.Identity
{
    /// <summary>
    /// Name look-ups on a parsed leaf certificate that rules share, and that the policy matcher can use too. Allocation-free.
    /// </summary>
    public static class CertificateNames
    {
        /// <summary>
        /// The subject commonName a rule uses when there are several: the <b>first in DER order</b> (least specific RDN first),
        /// which is what OpenSSL's <c>X509_NAME_get_text_by_NID(name, NID_commonName, …)</c> returns (it searches from
        /// <c>lastpos = -1</c>) and what python-cryptography's <c>get_attributes_for_oid(COMMON_NAME)[0]</c> gives.
        /// </summary>
        /// <param name="certificate">The certificate.</param>
        /// <param name="commonName">The first commonName value.</param>
        /// <returns>False when the subject has no commonName.</returns>
        public static bool TryGetCommonName(in Certificate certificate, out DirectoryString commonName)
        {
            foreach (AttributeTypeAndValue attribute in certificate.Subject.EnumerateAttributes(AttributeType.CommonName))
            {
                commonName = attribute.Value;
                return true;
            }

            commonName = default;
            return false;
        }

        /// <summary>How many commonName attributes the subject holds.</summary>
        /// <param name="certificate">The certificate.</param>
        /// <returns>The count.</returns>
        public static int CountCommonNames(in Certificate certificate)
        {
            int count = 0;
            foreach (AttributeTypeAndValue attribute in certificate.Subject.EnumerateAttributes(AttributeType.CommonName))
            {
                count++;
            }

            return count;
        }

        /// <summary>True when the subjectAltName extension holds at least one dNSName.</summary>
        /// <param name="certificate">The certificate.</param>
        /// <returns>True when there is a dNSName.</returns>
        public static bool HasDnsName(in Certificate certificate)
        {
            return certificate.TryGetSubjectAltName(out SubjectAltName san) && HasDnsName(san);
        }

        internal static bool HasDnsName(SubjectAltName san)
        {
            foreach (GeneralName name in san)
            {
                if (name.Type == GeneralNameType.DnsName)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// RFC 6125 6.4: does the certificate cover <paramref name="referenceName"/>? A DNS reference is compared with every
        /// dNSName (wildcards per <paramref name="options"/>) and, per <paramref name="commonNames"/>, with the commonNames;
        /// an IP-literal reference is compared with every iPAddress entry only.
        /// </summary>
        /// <param name="certificate">The certificate.</param>
        /// <param name="referenceName">The wanted name (ASCII: normalise IDNs first).</param>
        /// <param name="commonNames">Whether commonNames count.</param>
        /// <param name="options">Wildcard options.</param>
        /// <returns>Match when some name covers it; InvalidInput when the reference is not a host name or address.</returns>
        public static NameMatchResult Covers(in Certificate certificate, ReadOnlySpan<char> referenceName, CommonNameFallback commonNames, HostNameMatchOptions options)
        {
            bool haveSan = certificate.TryGetSubjectAltName(out SubjectAltName san);
            return Covers(certificate.Subject, haveSan, san, referenceName, commonNames, options);
        }

        internal static NameMatchResult Covers(DistinguishedName subject, bool haveSan, SubjectAltName san, ReadOnlySpan<char> referenceName, CommonNameFallback commonNames, HostNameMatchOptions options)
        {
            // One scan of the reference says whether it may be an IP literal and whether it is a host name.
            HostNameShape shape = ScanReference(referenceName, out ReadOnlySpan<char> trimmed);
            if ((shape.HasColon || shape.DigitsAndDotsOnly) && TryCoversAddress(haveSan, san, referenceName, out NameMatchResult byAddress))
            {
                return byAddress;
            }

            if (trimmed.IsEmpty || trimmed.Length > HostName.MaxLength || shape.Problem != HostNameProblem.None)
            {
                return NameMatchResult.InvalidInput;
            }

            return CoversHostName(subject, haveSan, san, referenceName, commonNames, options);
        }

        /// <summary>True when <paramref name="reference"/> is a DNS host name to match certificate names against: well formed, no wildcard, not an IP literal (one scan).</summary>
        internal static bool IsHostNameReference(ReadOnlySpan<char> reference)
        {
            HostNameShape shape = ScanReference(reference, out ReadOnlySpan<char> trimmed);
            return !trimmed.IsEmpty && trimmed.Length <= HostName.MaxLength && shape.Problem == HostNameProblem.None
                && !(shape.DigitsAndDotsOnly && HostNameMatcher.IsIPLiteral(reference));
        }

        // A reference identifier may end in one dot (the DNS root); the scanner measures it without.
        private static HostNameShape ScanReference(ReadOnlySpan<char> reference, out ReadOnlySpan<char> trimmed)
        {
            trimmed = reference.Length > 1 && reference[reference.Length - 1] == '.' ? reference.Slice(0, reference.Length - 1) : reference;
            return HostNameSyntax.Scan(trimmed, WildcardSyntax.None, HyphenEdges.Allowed);
        }

        // RFC 6125 1.7.2 / RFC 5280 4.2.1.6: an IP-literal reference is compared with the iPAddress entries only.
        private static bool TryCoversAddress(bool haveSan, SubjectAltName san, ReadOnlySpan<char> reference, out NameMatchResult result)
        {
            Span<byte> address = stackalloc byte[16];
            int addressLength = IPAddressText.TryParse(reference, address);
            result = NameMatchResult.NoMatch;
            if (addressLength == 0)
            {
                return false;
            }

            if (haveSan)
            {
                foreach (GeneralName name in san)
                {
                    if (name.Type == GeneralNameType.IPAddress
                        && HostNameMatcher.MatchIPAddress(name.Value, address.Slice(0, addressLength)) == NameMatchResult.Match)
                    {
                        result = NameMatchResult.Match;
                        break;
                    }
                }
            }

            return true;
        }

        /// <summary>
        /// The DNS part of <see cref="Covers(in Certificate, ReadOnlySpan{char}, CommonNameFallback, HostNameMatchOptions)"/>
        /// for a reference the caller already knows is a host name (normalised, not an IP literal, no wildcard).
        /// </summary>
        internal static NameMatchResult CoversHostName(scoped in ServerIdentityEvidence evidence, ReadOnlySpan<char> hostName, CommonNameFallback commonNames, HostNameMatchOptions options)
        {
            bool haveSan = evidence.TryGetLeafSubjectAltName(out SubjectAltName san);
            return CoversHostName(evidence.LeafSubject, haveSan, san, hostName, commonNames, options);
        }

        private static NameMatchResult CoversHostName(DistinguishedName subject, bool haveSan, SubjectAltName san, ReadOnlySpan<char> referenceName, CommonNameFallback commonNames, HostNameMatchOptions options)
        {
            bool hasDnsName = false;
            if (haveSan)
            {
                foreach (GeneralName name in san)
                {
                    if (name.Type != GeneralNameType.DnsName)
                    {
                        continue;
                    }

                    hasDnsName = true;
                    if (HostNameMatcher.Covers(name.Value, referenceName, options))
                    {
                        return NameMatchResult.Match;
                    }
                }
            }

            if (commonNames == CommonNameFallback.Always || (commonNames == CommonNameFallback.WhenNoDnsSubjectAltName && !hasDnsName))
            {
                foreach (AttributeTypeAndValue attribute in subject.EnumerateAttributes(AttributeType.CommonName))
                {
                    if (CommonNameMatches(attribute.Value, referenceName, options))
                    {
                        return NameMatchResult.Match;
                    }
                }
            }

            return NameMatchResult.NoMatch;
        }

        /// <summary>The same as <see cref="Covers(in Certificate, ReadOnlySpan{char}, CommonNameFallback, HostNameMatchOptions)"/> for a reference given as ASCII bytes (an SNI).</summary>
        /// <param name="certificate">The certificate.</param>
        /// <param name="referenceName">The wanted name as ASCII bytes.</param>
        /// <param name="commonNames">Whether commonNames count.</param>
        /// <param name="options">Wildcard options.</param>
        /// <returns>Match, no match, or invalid input (non-ASCII or malformed reference).</returns>
        public static NameMatchResult Covers(in Certificate certificate, ReadOnlySpan<byte> referenceName, CommonNameFallback commonNames, HostNameMatchOptions options)
        {
            bool haveSan = certificate.TryGetSubjectAltName(out SubjectAltName san);
            return Covers(certificate.Subject, haveSan, san, referenceName, commonNames, options);
        }

        internal static NameMatchResult Covers(scoped in ServerIdentityEvidence evidence, ReadOnlySpan<char> referenceName, CommonNameFallback commonNames, HostNameMatchOptions options)
        {
            bool haveSan = evidence.TryGetLeafSubjectAltName(out SubjectAltName san);
            return Covers(evidence.LeafSubject, haveSan, san, referenceName, commonNames, options);
        }

        internal static NameMatchResult Covers(scoped in ServerIdentityEvidence evidence, ReadOnlySpan<byte> referenceName, CommonNameFallback commonNames, HostNameMatchOptions options)
        {
            bool haveSan = evidence.TryGetLeafSubjectAltName(out SubjectAltName san);
            return Covers(evidence.LeafSubject, haveSan, san, referenceName, commonNames, options);
        }

        internal static NameMatchResult Covers(DistinguishedName subject, bool haveSan, SubjectAltName san, ReadOnlySpan<byte> referenceName, CommonNameFallback commonNames, HostNameMatchOptions options)
        {
            if (referenceName.Length > HostName.MaxLength + 1)
            {
                return NameMatchResult.InvalidInput;
            }

            Span<char> reference = stackalloc char[referenceName.Length];
            if (!HostNameMatcher.Widen(referenceName, reference))
            {
                return NameMatchResult.InvalidInput;
            }

            return Covers(subject, haveSan, san, reference, commonNames, options);
        }

        /// <summary>
        /// Normalises an attribute value (CN, OU): UTF8String, PrintableString, IA5String, VisibleString and NumericString are
        /// read as UTF-8 bytes without copying; other string types are decoded first. A value that is not text is not a host name.
        /// </summary>
        internal static HostNameStatus Normalize(scoped DirectoryString value, Span<char> destination, out int charsWritten, out HostNameFlags flags, IdnHandling idn)
        {
            if (ServerIdentityRuleContext.IsUtf8Compatible(value.StringType))
            {
                return HostName.Normalize(value.RawValue, destination, out charsWritten, out flags, idn);
            }

            charsWritten = 0;
            flags = HostNameFlags.None;
            if (value.RawValue.Length > HostName.MaxInputLength)
            {
                return HostNameStatus.TooLong;
            }

            Span<char> decoded = stackalloc char[HostName.MaxInputLength];
            return value.TryDecode(decoded, out int written)
                ? HostName.Normalize(decoded.Slice(0, written), destination, out charsWritten, out flags, idn)
                : HostNameStatus.InvalidCharacter;
        }

        internal static bool CommonNameMatches(DirectoryString value, ReadOnlySpan<char> referenceName, HostNameMatchOptions options)
        {
            if (ServerIdentityRuleContext.IsUtf8Compatible(value.StringType))
            {
                return HostNameMatcher.Match(value.RawValue, referenceName, options) == NameMatchResult.Match;
            }

            Span<char> decoded = stackalloc char[HostName.MaxLength + 1];
            return value.RawValue.Length <= 4 * (HostName.MaxLength + 1)
                && value.TryDecode(decoded, out int written)
                && HostNameMatcher.Match(decoded.Slice(0, written), referenceName, options) == NameMatchResult.Match;
        }
    }
}
