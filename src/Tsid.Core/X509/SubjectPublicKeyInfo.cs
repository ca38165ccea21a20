using System;

namespace Tsid.X509
{
    /// <summary>
    /// <c>SubjectPublicKeyInfo ::= SEQUENCE { algorithm AlgorithmIdentifier, subjectPublicKey BIT STRING }</c>
    /// (RFC 5280 4.1.2.7), as a view over the certificate.
    /// </summary>
    public readonly ref struct SubjectPublicKeyInfo
    {
        // RFC 8017 A.1 rsaEncryption 1.2.840.113549.1.1.1.
        private static ReadOnlySpan<byte> RsaEncryption => new byte[] { 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x01, 0x01 };

        // RFC 5480 2.1.1 id-ecPublicKey 1.2.840.10045.2.1.
        private static ReadOnlySpan<byte> EcPublicKey => new byte[] { 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x02, 0x01 };

        // RFC 3279 2.3.2 id-dsa 1.2.840.10040.4.1.
        private static ReadOnlySpan<byte> Dsa => new byte[] { 0x2A, 0x86, 0x48, 0xCE, 0x38, 0x04, 0x01 };

        // RFC 5480 2.1.1.1 secp256r1 1.2.840.10045.3.1.7.
        private static ReadOnlySpan<byte> Secp256r1 => new byte[] { 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07 };

        internal SubjectPublicKeyInfo(ReadOnlySpan<byte> encoded, AlgorithmIdentifier algorithm, ReadOnlySpan<byte> subjectPublicKey)
        {
            Encoded = encoded;
            Algorithm = algorithm;
            SubjectPublicKey = subjectPublicKey;
        }

        /// <summary>The parts of a SubjectPublicKeyInfo TLV the parse framed (empty where the bytes do not say).</summary>
        internal static SubjectPublicKeyInfo FromEncoded(DerElement element)
        {
            DerReader inner = new DerReader(element.Content);
            inner.TryReadElement(out DerElement algorithm, out _);
            inner.TryReadContent(DerTag.BitString, out ReadOnlySpan<byte> bitString, out _);
            ReadOnlySpan<byte> key = bitString.Length > 0 ? bitString.Slice(1) : default;
            return new SubjectPublicKeyInfo(element.Encoded, AlgorithmIdentifier.FromEncoded(algorithm), key);
        }

        /// <summary>The whole SubjectPublicKeyInfo TLV.</summary>
        public ReadOnlySpan<byte> Encoded { get; }

        /// <summary>The key algorithm (for example rsaEncryption, id-ecPublicKey with a named curve).</summary>
        public AlgorithmIdentifier Algorithm { get; }

        /// <summary>The subjectPublicKey bits (the BIT STRING contents after the unused-bits octet).</summary>
        public ReadOnlySpan<byte> SubjectPublicKey { get; }

        /// <summary>
        /// The named curve of an id-ecPublicKey key (RFC 5480 2.1.1: the parameters are a namedCurve OID); false for
        /// other algorithms or other parameters.
        /// </summary>
        /// <param name="curve">The curve OID contents (for example 1.2.840.10045.3.1.7 for P-256).</param>
        public bool TryGetNamedCurve(out ReadOnlySpan<byte> curve)
        {
            curve = default;
            return Algorithm.Algorithm.SequenceEqual(EcPublicKey)
                && DerReader.TryReadSingle(Algorithm.Parameters, DerTag.ObjectIdentifier, out curve)
                && DerReader.IsValidOid(curve);
        }

        /// <summary>
        /// The key size in bits when it is cheap to find: RSA modulus length, DSA p length, EC field size of the
        /// named curve (or from the point length), 256 for Ed25519/X25519, 456 for Ed448, 448 for X448.
        /// </summary>
        /// <param name="bits">The key size.</param>
        public bool TryGetKeySize(out int bits)
        {
            bits = 0;
            ReadOnlySpan<byte> algorithm = Algorithm.Algorithm;
            if (algorithm.SequenceEqual(RsaEncryption))
            {
                // RFC 8017 A.1.1: RSAPublicKey ::= SEQUENCE { modulus INTEGER, publicExponent INTEGER }.
                return DerReader.TryReadSingle(SubjectPublicKey, DerTag.Sequence, out ReadOnlySpan<byte> rsa)
                    && new DerReader(rsa).TryReadContent(DerTag.Integer, out ReadOnlySpan<byte> modulus, out _)
                    && TryBitLength(modulus, out bits);
            }

            if (algorithm.SequenceEqual(Dsa))
            {
                // RFC 3279 2.3.2: Dss-Parms ::= SEQUENCE { p INTEGER, q INTEGER, g INTEGER }.
                return DerReader.TryReadSingle(Algorithm.Parameters, DerTag.Sequence, out ReadOnlySpan<byte> dss)
                    && new DerReader(dss).TryReadContent(DerTag.Integer, out ReadOnlySpan<byte> p, out _)
                    && TryBitLength(p, out bits);
            }

            if (TryGetNamedCurve(out ReadOnlySpan<byte> curve))
            {
                if (curve.SequenceEqual(Secp256r1))
                {
                    bits = 256;
                    return true;
                }

                // secp384r1 1.3.132.0.34, secp521r1 1.3.132.0.35 (RFC 5480 2.1.1.1).
                if (curve.Length == 5 && curve[0] == 0x2B && curve[1] == 0x81 && curve[2] == 0x04 && curve[3] == 0x00)
                {
                    if (curve[4] == 0x22)
                    {
                        bits = 384;
                        return true;
                    }

                    if (curve[4] == 0x23)
                    {
                        bits = 521;
                        return true;
                    }
                }

                // SEC 1 2.3.3: an uncompressed point is 04 || X || Y.
                ReadOnlySpan<byte> point = SubjectPublicKey;
                if (point.Length > 1 && point[0] == 0x04 && (point.Length & 1) == 1)
                {
                    bits = (point.Length - 1) / 2 * 8;
                    return true;
                }

                if (point.Length > 1 && (point[0] == 0x02 || point[0] == 0x03))
                {
                    bits = (point.Length - 1) * 8;
                    return true;
                }

                return false;
            }

            // RFC 8410 3: id-X25519 1.3.101.110, id-X448 .111, id-Ed25519 .112, id-Ed448 .113.
            if (algorithm.Length == 3 && algorithm[0] == 0x2B && algorithm[1] == 0x65)
            {
                switch (algorithm[2])
                {
                    case 110:
                    case 112:
                        bits = 256;
                        return true;
                    case 111:
                        bits = 448;
                        return true;
                    case 113:
                        bits = 456;
                        return true;
                }
            }

            return false;
        }

        private static bool TryBitLength(ReadOnlySpan<byte> integer, out int bits)
        {
            bits = 0;
            int i = 0;
            while (i < integer.Length && integer[i] == 0)
            {
                i++;
            }

            if (i == integer.Length)
            {
                return false;
            }

            int top = integer[i];
            int topBits = 0;
            while (top != 0)
            {
                topBits++;
                top >>= 1;
            }

            bits = ((integer.Length - i - 1) * 8) + topBits;
            return true;
        }
    }
}
