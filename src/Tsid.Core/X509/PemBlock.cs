using System;

namespace Tsid.X509
{
    /// <summary>One PEM block (RFC 7468 section 2) found by <see cref="PemCertificateEnumerator"/>, as views over the text.</summary>
    public readonly ref struct PemBlock
    {
        internal PemBlock(ReadOnlySpan<char> label, ReadOnlySpan<char> base64, int offset)
        {
            Label = label;
            Base64 = base64;
            Offset = offset;
        }

        /// <summary>The label, for example "CERTIFICATE".</summary>
        public ReadOnlySpan<char> Label { get; }

        /// <summary>The base64 text between the encapsulation boundaries (line breaks included).</summary>
        public ReadOnlySpan<char> Base64 { get; }

        /// <summary>Char offset of "-----BEGIN" in the text.</summary>
        public int Offset { get; }

        /// <summary>An upper bound on the decoded length, for sizing a buffer.</summary>
        public int MaxDecodedLength => Pem.GetMaxDecodedLength(Base64);

        /// <summary>Decodes the block into <paramref name="destination"/>; allocates nothing.</summary>
        /// <param name="destination">At least <see cref="MaxDecodedLength"/> bytes.</param>
        /// <param name="bytesWritten">The DER length.</param>
        public bool TryDecode(Span<byte> destination, out int bytesWritten) => Pem.TryDecodeBase64(Base64, destination, out bytesWritten);

        /// <summary>Decodes the block into a new array (the DER certificate).</summary>
        /// <exception cref="FormatException">The block is not valid base64 (the enumerator only returns valid blocks).</exception>
        public byte[] ToArray()
        {
            byte[] buffer = new byte[MaxDecodedLength];
            if (!TryDecode(buffer, out int written))
            {
                throw new FormatException("The PEM block is not valid base64.");
            }

            if (written == buffer.Length)
            {
                return buffer;
            }

            byte[] exact = new byte[written];
            Array.Copy(buffer, exact, written);
            return exact;
        }
    }
}
