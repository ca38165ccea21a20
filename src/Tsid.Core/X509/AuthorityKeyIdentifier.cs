using System;

namespace Tsid.X509
{
    /// <summary>
    /// The authorityKeyIdentifier extension (RFC 5280 4.2.1.1):
    /// <code>
    /// AuthorityKeyIdentifier ::= SEQUENCE {
    ///     keyIdentifier             [0] KeyIdentifier           OPTIONAL,
    ///     authorityCertIssuer       [1] GeneralNames            OPTIONAL,
    ///     authorityCertSerialNumber [2] CertificateSerialNumber OPTIONAL }
    /// </code>
    /// </summary>
    public readonly ref struct AuthorityKeyIdentifier
    {
        private readonly ReadOnlySpan<byte> _issuer;

        private AuthorityKeyIdentifier(bool hasKeyIdentifier, ReadOnlySpan<byte> keyIdentifier, bool hasIssuer, ReadOnlySpan<byte> issuer, ReadOnlySpan<byte> serialNumber)
        {
            HasKeyIdentifier = hasKeyIdentifier;
            KeyIdentifier = keyIdentifier;
            HasAuthorityCertIssuer = hasIssuer;
            _issuer = issuer;
            AuthorityCertSerialNumber = serialNumber;
        }

        /// <summary>True when keyIdentifier is present.</summary>
        public bool HasKeyIdentifier { get; }

        /// <summary>The keyIdentifier octets, empty when absent.</summary>
        public ReadOnlySpan<byte> KeyIdentifier { get; }

        /// <summary>True when authorityCertIssuer is present.</summary>
        public bool HasAuthorityCertIssuer { get; }

        /// <summary>The authorityCertSerialNumber INTEGER contents, empty when absent.</summary>
        public ReadOnlySpan<byte> AuthorityCertSerialNumber { get; }

        /// <summary>Enumerates authorityCertIssuer's GeneralNames in wire order (none when absent).</summary>
        public GeneralNameEnumerator EnumerateAuthorityCertIssuer() => new GeneralNameEnumerator(_issuer, GeneralNameType.Invalid, filtered: false);

        /// <summary>
        /// Parses the extension value. With <paramref name="strict"/>, authorityCertIssuer and authorityCertSerialNumber
        /// must be both present or both absent (RFC 5280 4.2.1.1) and the issuer names must be well formed.
        /// </summary>
        /// <param name="extnValue">The extension value.</param>
        /// <param name="strict">Apply the strict rules.</param>
        /// <param name="value">The view.</param>
        /// <param name="error">What was wrong, when false is returned; offsets count from the start of <paramref name="extnValue"/>.</param>
        public static bool TryParse(ReadOnlySpan<byte> extnValue, bool strict, out AuthorityKeyIdentifier value, out X509Error error) =>
            TryParse(extnValue, 0, strict, out value, out error);

        internal static bool TryParse(ReadOnlySpan<byte> extnValue, int baseOffset, bool strict, out AuthorityKeyIdentifier value, out X509Error error)
        {
            value = default;
            DerReader reader = new DerReader(extnValue, baseOffset, 0);
            if (!reader.TryReadSequence(out DerReader inner, out error) || !reader.TryReadEnd(out error))
            {
                return false;
            }

            bool hasKeyId = false;
            ReadOnlySpan<byte> keyId = default;
            if (inner.PeekTagIs(DerTag.ContextPrimitive(0)))
            {
                if (!inner.TryReadElement(DerTag.ContextPrimitive(0), out DerElement element, out error))
                {
                    return false;
                }

                hasKeyId = true;
                keyId = element.Content;
            }

            bool hasIssuer = false;
            ReadOnlySpan<byte> issuer = default;
            if (inner.PeekTagIs(DerTag.ContextConstructed(1)))
            {
                int at = inner.Offset;
                if (!inner.TryReadConstructed(DerTag.ContextConstructed(1), out DerReader names, out error))
                {
                    return false;
                }

                hasIssuer = true;
                issuer = names.RemainingBytes;
                if (strict)
                {
                    while (names.HasData)
                    {
                        if (!names.TryReadElement(out DerElement entry, out error))
                        {
                            return false;
                        }

                        if (GeneralNames.Classify(entry.Tag, entry.Content, asciiOnly: true, out _) == GeneralNameType.Invalid)
                        {
                            error = new X509Error(X509ErrorCode.InvalidGeneralName, entry.Offset);
                            return false;
                        }
                    }

                    if (issuer.IsEmpty)
                    {
                        error = new X509Error(X509ErrorCode.InvalidExtension, at);
                        return false;
                    }
                }
            }

            ReadOnlySpan<byte> serial = default;
            if (inner.PeekTagIs(DerTag.ContextPrimitive(2)) && !inner.TryReadInteger(DerTag.ContextPrimitive(2), out serial, out error))
            {
                return false;
            }

            if (!inner.TryReadEnd(out error))
            {
                return false;
            }

            if (strict && hasIssuer != !serial.IsEmpty)
            {
                error = new X509Error(X509ErrorCode.InvalidExtension, baseOffset);
                return false;
            }

            value = new AuthorityKeyIdentifier(hasKeyId, keyId, hasIssuer, issuer, serial);
            return true;
        }
    }
}
