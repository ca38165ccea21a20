using System;

namespace Tsid.X509
{
    /// <summary>
    /// OIDs (contents octets) of the certificate extensions this library reads, all under id-ce 2.5.29 (RFC 5280 4.2.1).
    /// </summary>
    public static class ExtensionOids
    {
        /// <summary>subjectKeyIdentifier 2.5.29.14 (RFC 5280 4.2.1.2).</summary>
        public static ReadOnlySpan<byte> SubjectKeyIdentifier => new byte[] { 0x55, 0x1D, 0x0E };

        /// <summary>keyUsage 2.5.29.15 (RFC 5280 4.2.1.3).</summary>
        public static ReadOnlySpan<byte> KeyUsage => new byte[] { 0x55, 0x1D, 0x0F };

        /// <summary>subjectAltName 2.5.29.17 (RFC 5280 4.2.1.6).</summary>
        public static ReadOnlySpan<byte> SubjectAltName => new byte[] { 0x55, 0x1D, 0x11 };

        /// <summary>issuerAltName 2.5.29.18 (RFC 5280 4.2.1.7).</summary>
        public static ReadOnlySpan<byte> IssuerAltName => new byte[] { 0x55, 0x1D, 0x12 };

        /// <summary>basicConstraints 2.5.29.19 (RFC 5280 4.2.1.9).</summary>
        public static ReadOnlySpan<byte> BasicConstraints => new byte[] { 0x55, 0x1D, 0x13 };

        /// <summary>authorityKeyIdentifier 2.5.29.35 (RFC 5280 4.2.1.1).</summary>
        public static ReadOnlySpan<byte> AuthorityKeyIdentifier => new byte[] { 0x55, 0x1D, 0x23 };

        /// <summary>extKeyUsage 2.5.29.37 (RFC 5280 4.2.1.12).</summary>
        public static ReadOnlySpan<byte> ExtendedKeyUsage => new byte[] { 0x55, 0x1D, 0x25 };

        /// <summary>True when <paramref name="oid"/> equals <paramref name="expected"/>.</summary>
        /// <param name="oid">OID contents octets.</param>
        /// <param name="expected">One of this class's OIDs.</param>
        public static bool Is(ReadOnlySpan<byte> oid, ReadOnlySpan<byte> expected) => oid.SequenceEqual(expected);
    }
}
