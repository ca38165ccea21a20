using System;

namespace Tsid.X509
{
    /// <summary>
    /// Enumerates the certificate blocks of PEM text in order. Text outside blocks and blocks with other labels are
    /// skipped. A block whose END line is missing stops the enumeration; a certificate block that is not valid base64
    /// is skipped. Either is reported by <see cref="Error"/> (<see cref="X509ErrorCode.InvalidPem"/>, char offset).
    /// </summary>
    public ref struct PemCertificateEnumerator
    {
        private const string Begin = "-----BEGIN ";
        private const string End = "-----END ";
        private const string Dashes = "-----";

        private readonly ReadOnlySpan<char> _text;
        private int _position;
        private PemBlock _current;

        internal PemCertificateEnumerator(ReadOnlySpan<char> text)
        {
            _text = text;
            _position = 0;
            _current = default;
            Error = default;
        }

        /// <summary>The current certificate block.</summary>
        public readonly PemBlock Current => _current;

        /// <summary>The first problem met so far (<see cref="X509ErrorCode.None"/> when none).</summary>
        public X509Error Error { get; private set; }

        /// <summary>Returns this enumerator (for <c>foreach</c>).</summary>
        public readonly PemCertificateEnumerator GetEnumerator() => this;

        /// <summary>Moves to the next certificate block; false when there is none.</summary>
        public bool MoveNext()
        {
            while (_position < _text.Length)
            {
                ReadOnlySpan<char> rest = _text.Slice(_position);
                int begin = rest.IndexOf(Begin.AsSpan(), StringComparison.Ordinal);
                if (begin < 0)
                {
                    _position = _text.Length;
                    return false;
                }

                int blockOffset = _position + begin;
                ReadOnlySpan<char> afterBegin = rest.Slice(begin + Begin.Length);
                int labelEnd = afterBegin.IndexOf(Dashes.AsSpan(), StringComparison.Ordinal);
                int lineEnd = afterBegin.IndexOf('\n');
                if (labelEnd < 0 || (lineEnd >= 0 && lineEnd < labelEnd))
                {
                    // Not a boundary line; look further on.
                    _position = blockOffset + Begin.Length;
                    continue;
                }

                ReadOnlySpan<char> label = afterBegin.Slice(0, labelEnd);
                ReadOnlySpan<char> body = afterBegin.Slice(labelEnd + Dashes.Length);
                int bodyOffset = blockOffset + Begin.Length + labelEnd + Dashes.Length;

                // RFC 7468 2: the END line carries the same label.
                int end = FindEnd(body, label);
                if (end < 0)
                {
                    Report(blockOffset);
                    _position = _text.Length;
                    return false;
                }

                ReadOnlySpan<char> base64 = body.Slice(0, end);
                _position = bodyOffset + end + End.Length + label.Length + Dashes.Length;
                bool isCertificate = label.SequenceEqual("CERTIFICATE".AsSpan()) || label.SequenceEqual("X509 CERTIFICATE".AsSpan());
                if (!isCertificate)
                {
                    continue;
                }

                if (!Pem.IsValidBase64(base64))
                {
                    Report(blockOffset);
                    continue;
                }

                _current = new PemBlock(label, base64, blockOffset);
                return true;
            }

            return false;
        }

        private static int FindEnd(ReadOnlySpan<char> body, ReadOnlySpan<char> label)
        {
            int searched = 0;
            while (searched < body.Length)
            {
                int at = body.Slice(searched).IndexOf(End.AsSpan(), StringComparison.Ordinal);
                if (at < 0)
                {
                    return -1;
                }

                int index = searched + at;
                ReadOnlySpan<char> after = body.Slice(index + End.Length);
                if (after.Length >= label.Length + Dashes.Length && after.Slice(0, label.Length).SequenceEqual(label)
                    && after.Slice(label.Length, Dashes.Length).SequenceEqual(Dashes.AsSpan()))
                {
                    return index;
                }

                searched = index + End.Length;
            }

            return -1;
        }

        private void Report(int offset)
        {
            if (Error.Code == X509ErrorCode.None)
            {
                Error = new X509Error(X509ErrorCode.InvalidPem, offset);
            }
        }
    }
}
