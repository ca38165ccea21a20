using System;

namespace Tsid.X509
{
    /// <summary>KeyPurposeId OIDs (contents octets) for extKeyUsage (RFC 5280 4.2.1.12).</summary>
    public static class KeyPurposeOids
    {
        /// <summary>id-kp-serverAuth 1.3.6.1.5.5.7.3.1.</summary>
        public static ReadOnlySpan<byte> ServerAuth => new byte[] { 0x2B, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x01 };

        /// <summary>id-kp-clientAuth 1.3.6.1.5.5.7.3.2.</summary>
        public static ReadOnlySpan<byte> ClientAuth => new byte[] { 0x2B, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x02 };

        /// <summary>id-kp-codeSigning 1.3.6.1.5.5.7.3.3.</summary>
        public static ReadOnlySpan<byte> CodeSigning => new byte[] { 0x2B, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x03 };

        /// <summary>id-kp-emailProtection 1.3.6.1.5.5.7.3.4.</summary>
        public static ReadOnlySpan<byte> EmailProtection => new byte[] { 0x2B, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x04 };

        /// <summary>id-kp-timeStamping 1.3.6.1.5.5.7.3.8.</summary>
        public static ReadOnlySpan<byte> TimeStamping => new byte[] { 0x2B, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x08 };

        /// <summary>id-kp-OCSPSigning 1.3.6.1.5.5.7.3.9.</summary>
        public static ReadOnlySpan<byte> OcspSigning => new byte[] { 0x2B, 0x06, 0x01, 0x05, 0x05, 0x07, 0x03, 0x09 };

        /// <summary>anyExtendedKeyUsage 2.5.29.37.0.</summary>
        public static ReadOnlySpan<byte> AnyExtendedKeyUsage => new byte[] { 0x55, 0x1D, 0x25, 0x00 };
    }
}
