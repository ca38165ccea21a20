using System;

namespace Tsid.X509
{
    /// <summary>
    /// The extKeyUsage extension (RFC 5280 4.2.1.12): <c>ExtKeyUsageSyntax ::= SEQUENCE SIZE (1..MAX) OF KeyPurposeId</c>.
    /// </summary>
    public readonly ref struct ExtendedKeyUsage
    {
        private readonly ReadOnlySpan<byte> _purposes;

        private ExtendedKeyUsage(ReadOnlySpan<byte> purposes)
        {
            _purposes = purposes;
        }

        /// <summary>Parses the extension value; every element must be a valid OID (and, with <paramref name="strict"/>, at least one).</summary>
        /// <param name="extnValue">The extension value.</param>
        /// <param name="strict">Require SIZE (1..MAX).</param>
        /// <param name="value">The view.</param>
        /// <param name="error">What was wrong, when false is returned; offsets count from the start of <paramref name="extnValue"/>.</param>
        public static bool TryParse(ReadOnlySpan<byte> extnValue, bool strict, out ExtendedKeyUsage value, out X509Error error) =>
            TryParse(extnValue, 0, strict, out value, out error);

        internal static bool TryParse(ReadOnlySpan<byte> extnValue, int baseOffset, bool strict, out ExtendedKeyUsage value, out X509Error error)
        {
            value = default;
            DerReader reader = new DerReader(extnValue, baseOffset, 0);
            if (!reader.TryReadSequence(out DerReader list, out error) || !reader.TryReadEnd(out error))
            {
                return false;
            }

            ReadOnlySpan<byte> all = list.RemainingBytes;
            if (strict && !list.HasData)
            {
                error = new X509Error(X509ErrorCode.InvalidExtension, baseOffset);
                return false;
            }

            while (list.HasData)
            {
                if (!list.TryReadObjectIdentifier(out _, out error))
                {
                    return false;
                }
            }

            value = new ExtendedKeyUsage(all);
            return true;
        }

        /// <summary>True when <paramref name="purpose"/> (OID contents, see <see cref="KeyPurposeOids"/>) is listed.</summary>
        /// <param name="purpose">The purpose OID.</param>
        public bool Contains(ReadOnlySpan<byte> purpose)
        {
            foreach (ReadOnlySpan<byte> oid in this)
            {
                if (oid.SequenceEqual(purpose))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Enumerates the KeyPurposeId OIDs (contents octets) in DER order.</summary>
        public ObjectIdentifierEnumerator GetEnumerator() => new ObjectIdentifierEnumerator(_purposes);
    }
}
