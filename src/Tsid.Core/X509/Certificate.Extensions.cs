using System;

namespace Tsid.X509
{
    /// <content>Typed readers for the extensions of RFC 5280 4.2.1 that name or constrain the subject.</content>
    public readonly ref partial struct Certificate
    {
        /// <summary>basicConstraints (RFC 5280 4.2.1.9); false when absent or malformed.</summary>
        /// <param name="value">The constraints.</param>
        public bool TryGetBasicConstraints(out BasicConstraints value)
        {
            value = default;
            return TryGetExtension(ExtensionOids.BasicConstraints, out Extension extension)
                && X509.BasicConstraints.TryParse(extension.Value, strict: false, out value, out _);
        }

        /// <summary>keyUsage (RFC 5280 4.2.1.3); false when absent or malformed.</summary>
        /// <param name="usage">The bits.</param>
        public bool TryGetKeyUsage(out KeyUsage usage)
        {
            usage = KeyUsage.None;
            return TryGetExtension(ExtensionOids.KeyUsage, out Extension extension)
                && KeyUsageReader.TryParse(extension.Value, strict: false, out usage, out _);
        }

        /// <summary>extKeyUsage (RFC 5280 4.2.1.12); false when absent or malformed.</summary>
        /// <param name="value">The purposes.</param>
        public bool TryGetExtendedKeyUsage(out ExtendedKeyUsage value)
        {
            value = default;
            return TryGetExtension(ExtensionOids.ExtendedKeyUsage, out Extension extension)
                && ExtendedKeyUsage.TryParse(extension.Value, strict: false, out value, out _);
        }

        /// <summary>subjectKeyIdentifier (RFC 5280 4.2.1.2): <c>KeyIdentifier ::= OCTET STRING</c>; false when absent or malformed.</summary>
        /// <param name="keyIdentifier">The key identifier octets.</param>
        public bool TryGetSubjectKeyIdentifier(out ReadOnlySpan<byte> keyIdentifier)
        {
            keyIdentifier = default;
            return TryGetExtension(ExtensionOids.SubjectKeyIdentifier, out Extension extension)
                && DerReader.TryReadSingle(extension.Value, DerTag.OctetString, out keyIdentifier);
        }

        /// <summary>authorityKeyIdentifier (RFC 5280 4.2.1.1); false when absent or malformed.</summary>
        /// <param name="value">The identifier.</param>
        public bool TryGetAuthorityKeyIdentifier(out AuthorityKeyIdentifier value)
        {
            value = default;
            return TryGetExtension(ExtensionOids.AuthorityKeyIdentifier, out Extension extension)
                && X509.AuthorityKeyIdentifier.TryParse(extension.Value, strict: false, out value, out _);
        }
    }
}
