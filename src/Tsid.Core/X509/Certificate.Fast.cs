using System;
using System.Runtime.CompilerServices;

namespace Tsid.X509
{
    /// <content>
    /// The lenient fast path. It applies exactly the checks of the general parser with lenient options, but with the
    /// offset-free <see cref="Der"/> step and no error plumbing; when it rejects, the general parser runs again to say
    /// what was wrong and where. It must never accept what the general parser rejects (a test checks both agree).
    /// </content>
    public readonly ref partial struct Certificate
    {
        internal static bool TryParseLenientFast(ReadOnlySpan<byte> der, out Certificate certificate)
        {
            certificate = default;
            ReadOnlySpan<byte> rest = der;
            if (!Der.TryRead(ref rest, DerTag.Sequence, out ReadOnlySpan<byte> cert) || !rest.IsEmpty)
            {
                return false;
            }

            if (!Der.TryRead(ref cert, out byte tbsTag, out ReadOnlySpan<byte> tbs, out ReadOnlySpan<byte> tbsEncoded) || tbsTag != DerTag.Sequence
                || !TryAlgorithm(ref cert, out ReadOnlySpan<byte> signatureAlgorithm)
                || !TryBitString(ref cert, DerTag.BitString, out ReadOnlySpan<byte> signatureValue)
                || !cert.IsEmpty)
            {
                return false;
            }

            int version = 1;
            if (!tbs.IsEmpty && tbs[0] == 0xA0)
            {
                if (!Der.TryRead(ref tbs, 0xA0, out ReadOnlySpan<byte> versionContent)
                    || !Der.TryRead(ref versionContent, DerTag.Integer, out ReadOnlySpan<byte> versionInteger)
                    || !versionContent.IsEmpty
                    || !IsMinimalInteger(versionInteger)
                    || !DerReader.TryGetNonNegativeInt32(versionInteger, out int raw)
                    || raw >= MaxLenientVersion)
                {
                    return false;
                }

                version = raw + 1;
            }

            if (!Der.TryRead(ref tbs, DerTag.Integer, out ReadOnlySpan<byte> serialNumber) || !IsMinimalInteger(serialNumber)
                || !TryAlgorithm(ref tbs, out ReadOnlySpan<byte> tbsSignature)
                || !TryName(ref tbs, out ReadOnlySpan<byte> issuer, out ReadOnlySpan<byte> issuerRdns)
                || !Der.TryRead(ref tbs, DerTag.Sequence, out ReadOnlySpan<byte> validity)
                || !Der.TryRead(ref validity, out byte notBeforeTag, out ReadOnlySpan<byte> notBefore, out _) || !IsTimeTag(notBeforeTag)
                || !Der.TryRead(ref validity, out byte notAfterTag, out ReadOnlySpan<byte> notAfter, out _) || !IsTimeTag(notAfterTag)
                || !validity.IsEmpty
                || !TryName(ref tbs, out ReadOnlySpan<byte> subject, out ReadOnlySpan<byte> subjectRdns))
            {
                return false;
            }

            ReadOnlySpan<byte> spkiStart = tbs;
            if (!Der.TryRead(ref tbs, DerTag.Sequence, out ReadOnlySpan<byte> spki)
                || !TryAlgorithm(ref spki, out _)
                || !TryBitString(ref spki, DerTag.BitString, out _)
                || !spki.IsEmpty)
            {
                return false;
            }

            ReadOnlySpan<byte> spkiEncoded = spkiStart.Slice(0, spkiStart.Length - tbs.Length);
            ReadOnlySpan<byte> issuerUniqueId = default;
            ReadOnlySpan<byte> subjectUniqueId = default;
            if (!tbs.IsEmpty && tbs[0] == 0x81 && !TryBitString(ref tbs, 0x81, out issuerUniqueId))
            {
                return false;
            }

            if (!tbs.IsEmpty && tbs[0] == 0x82 && !TryBitString(ref tbs, 0x82, out subjectUniqueId))
            {
                return false;
            }

            bool hasExtensions = false;
            ReadOnlySpan<byte> extensions = default;
            bool hasSubjectAltName = false;
            ReadOnlySpan<byte> subjectAltName = default;
            if (!tbs.IsEmpty && tbs[0] == 0xA3)
            {
                if (!Der.TryRead(ref tbs, 0xA3, out ReadOnlySpan<byte> wrapper)
                    || !Der.TryRead(ref wrapper, DerTag.Sequence, out extensions)
                    || !wrapper.IsEmpty)
                {
                    return false;
                }

                hasExtensions = true;
                ReadOnlySpan<byte> list = extensions;
                int count = 0;
                while (!list.IsEmpty)
                {
                    if (++count > MaxExtensions
                        || !Der.TryRead(ref list, DerTag.Sequence, out ReadOnlySpan<byte> extension)
                        || !Der.TryRead(ref extension, DerTag.ObjectIdentifier, out ReadOnlySpan<byte> oid)
                        || !DerReader.IsValidOid(oid))
                    {
                        return false;
                    }

                    if (!extension.IsEmpty && extension[0] == DerTag.Boolean)
                    {
                        if (!Der.TryRead(ref extension, DerTag.Boolean, out ReadOnlySpan<byte> critical)
                            || critical.Length != 1 || (critical[0] != 0x00 && critical[0] != 0xFF))
                        {
                            return false;
                        }
                    }

                    if (!Der.TryRead(ref extension, DerTag.OctetString, out ReadOnlySpan<byte> value) || !extension.IsEmpty)
                    {
                        return false;
                    }

                    // RFC 5280 4.2.1.6 subjectAltName is 2.5.29.17 (55 1D 11); the first instance wins.
                    if (!hasSubjectAltName && oid.Length == 3 && oid[0] == 0x55 && oid[1] == 0x1D && oid[2] == 0x11)
                    {
                        hasSubjectAltName = true;
                        subjectAltName = value;
                    }
                }
            }

            if (!tbs.IsEmpty)
            {
                return false;
            }

            _ = issuerRdns;
            _ = subjectRdns;
            certificate = new Certificate(
                der,
                tbsEncoded,
                version,
                serialNumber,
                tbsSignature,
                issuer,
                notBeforeTag,
                notBefore,
                notAfterTag,
                notAfter,
                subject,
                spkiEncoded,
                issuerUniqueId,
                subjectUniqueId,
                hasExtensions,
                extensions,
                hasSubjectAltName,
                subjectAltName,
                signatureAlgorithm,
                signatureValue);
            return true;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static bool IsTimeTag(byte tag) => tag == DerTag.UtcTime || tag == DerTag.GeneralizedTime;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static bool IsMinimalInteger(ReadOnlySpan<byte> value) =>
            value.Length != 0 && !(value.Length > 1 && ((value[0] == 0x00 && value[1] < 0x80) || (value[0] == 0xFF && value[1] >= 0x80)));

        // AlgorithmIdentifier ::= SEQUENCE { algorithm OBJECT IDENTIFIER, parameters ANY OPTIONAL }; returns the whole TLV.
        private static bool TryAlgorithm(scoped ref ReadOnlySpan<byte> rest, out ReadOnlySpan<byte> encoded)
        {
            ReadOnlySpan<byte> copy = rest;
            if (!Der.TryRead(ref copy, out byte tag, out ReadOnlySpan<byte> content, out encoded) || tag != DerTag.Sequence
                || !Der.TryRead(ref content, DerTag.ObjectIdentifier, out ReadOnlySpan<byte> oid) || !DerReader.IsValidOid(oid)
                || (!content.IsEmpty && (!Der.TryRead(ref content, out _, out _, out _) || !content.IsEmpty)))
            {
                encoded = default;
                return false;
            }

            rest = copy;
            return true;
        }

        private static bool TryBitString(scoped ref ReadOnlySpan<byte> rest, byte tag, out ReadOnlySpan<byte> bits)
        {
            ReadOnlySpan<byte> copy = rest;
            if (!Der.TryRead(ref copy, tag, out ReadOnlySpan<byte> content) || !DerReader.TryParseBitString(content, out _, out bits))
            {
                bits = default;
                return false;
            }

            rest = copy;
            return true;
        }

        // RFC 5280 4.1.2.4: Name ::= SEQUENCE OF SET SIZE (1..MAX) OF SEQUENCE { type OBJECT IDENTIFIER, value ANY }.
        private static bool TryName(scoped ref ReadOnlySpan<byte> rest, out ReadOnlySpan<byte> encoded, out ReadOnlySpan<byte> rdns)
        {
            ReadOnlySpan<byte> copy = rest;
            if (!Der.TryRead(ref copy, out byte tag, out rdns, out encoded) || tag != DerTag.Sequence)
            {
                return false;
            }

            ReadOnlySpan<byte> sets = rdns;
            while (!sets.IsEmpty)
            {
                if (!Der.TryRead(ref sets, DerTag.Set, out ReadOnlySpan<byte> attributes) || attributes.IsEmpty)
                {
                    return false;
                }

                while (!attributes.IsEmpty)
                {
                    if (!Der.TryRead(ref attributes, DerTag.Sequence, out ReadOnlySpan<byte> atv)
                        || !Der.TryRead(ref atv, DerTag.ObjectIdentifier, out ReadOnlySpan<byte> oid) || !DerReader.IsValidOid(oid)
                        || !Der.TryRead(ref atv, out _, out _, out _) || !atv.IsEmpty)
                    {
                        return false;
                    }
                }
            }

            rest = copy;
            return true;
        }
    }
}
