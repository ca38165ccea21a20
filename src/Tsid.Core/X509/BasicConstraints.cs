using System;

namespace Tsid.X509
{
    /// <summary>
    /// The basicConstraints extension (RFC 5280 4.2.1.9):
    /// <c>BasicConstraints ::= SEQUENCE { cA BOOLEAN DEFAULT FALSE, pathLenConstraint INTEGER (0..MAX) OPTIONAL }</c>.
    /// </summary>
    public readonly struct BasicConstraints
    {
        private readonly int _pathLengthConstraint;

        private BasicConstraints(bool certificateAuthority, bool hasPathLengthConstraint, int pathLengthConstraint)
        {
            CertificateAuthority = certificateAuthority;
            HasPathLengthConstraint = hasPathLengthConstraint;
            _pathLengthConstraint = pathLengthConstraint;
        }

        /// <summary>The cA flag.</summary>
        public bool CertificateAuthority { get; }

        /// <summary>True when pathLenConstraint is present.</summary>
        public bool HasPathLengthConstraint { get; }

        /// <summary>pathLenConstraint, or -1 when absent.</summary>
        public int PathLengthConstraint => HasPathLengthConstraint ? _pathLengthConstraint : -1;

        /// <summary>
        /// Parses the extension value. With <paramref name="strict"/>, an explicitly encoded <c>cA FALSE</c>
        /// (a DER DEFAULT violation, X.690 11.5) is rejected, and so is a pathLenConstraint without cA (RFC 5280 4.2.1.9).
        /// </summary>
        /// <param name="extnValue">The extension value.</param>
        /// <param name="strict">Apply the strict rules.</param>
        /// <param name="value">The constraints.</param>
        /// <param name="error">What was wrong, when false is returned; offsets count from the start of <paramref name="extnValue"/>.</param>
        public static bool TryParse(ReadOnlySpan<byte> extnValue, bool strict, out BasicConstraints value, out X509Error error) =>
            TryParse(extnValue, 0, strict, out value, out error);

        internal static bool TryParse(ReadOnlySpan<byte> extnValue, int baseOffset, bool strict, out BasicConstraints value, out X509Error error)
        {
            value = default;
            DerReader reader = new DerReader(extnValue, baseOffset, 0);
            if (!reader.TryReadSequence(out DerReader inner, out error) || !reader.TryReadEnd(out error))
            {
                return false;
            }

            bool ca = false;
            if (inner.PeekTagIs(DerTag.Boolean))
            {
                int at = inner.Offset;
                if (!inner.TryReadBoolean(out ca, out error))
                {
                    return false;
                }

                if (!ca && strict)
                {
                    error = new X509Error(X509ErrorCode.InvalidExtension, at);
                    return false;
                }
            }

            bool hasPathLength = false;
            int pathLength = 0;
            if (inner.HasData)
            {
                int at = inner.Offset;
                if (!inner.TryReadInt32(out pathLength, out error))
                {
                    return false;
                }

                if (strict && !ca)
                {
                    error = new X509Error(X509ErrorCode.InvalidExtension, at);
                    return false;
                }

                hasPathLength = true;
            }

            if (!inner.TryReadEnd(out error))
            {
                return false;
            }

            value = new BasicConstraints(ca, hasPathLength, pathLength);
            return true;
        }
    }
}
