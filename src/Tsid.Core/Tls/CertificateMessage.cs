using System;

namespace Tsid.Tls
{
    /// <summary>
    /// A Certificate handshake message: the chain as DER spans, in the order sent (the sender's own certificate
    /// first). TLS 1.2 and older (RFC 5246 7.4.2):
    /// <code>
    /// opaque ASN.1Cert&lt;1..2^24-1&gt;;
    /// struct { ASN.1Cert certificate_list&lt;0..2^24-1&gt;; } Certificate;
    /// </code>
    /// TLS 1.3 (RFC 8446 4.4.2) sends it encrypted, so a passive observer never sees it; the 1.3 layout
    /// (<c>certificate_request_context</c>, then <c>CertificateEntry</c>s with extensions) is read by
    /// <see cref="TryParseTls13"/> for completeness.
    /// </summary>
    public readonly ref struct CertificateMessage
    {
        private readonly ReadOnlySpan<byte> _body;
        private readonly Layout _layout;

        /// <summary>Rebuilds a view from a body and the layout its parse recorded; nothing is checked again.</summary>
        /// <param name="body">The body the layout was recorded on (or an identical copy of it).</param>
        /// <param name="layout">The layout.</param>
        internal CertificateMessage(ReadOnlySpan<byte> body, scoped in Layout layout)
        {
            _body = body;
            _layout = layout;
        }

        /// <summary>How many certificates.</summary>
        public int Count => _layout.Count;

        /// <summary>True when the list is empty (a client without a certificate, RFC 5246 7.4.6).</summary>
        public bool IsEmpty => Count == 0;

        /// <summary>The first certificate (the sender's own, the "leaf").</summary>
        /// <param name="der">Its DER bytes.</param>
        /// <returns>False when the list is empty.</returns>
        public bool TryGetLeaf(out ReadOnlySpan<byte> der)
        {
            foreach (ReadOnlySpan<byte> certificate in this)
            {
                der = certificate;
                return true;
            }

            der = default;
            return false;
        }

        /// <summary>Enumerates the DER certificates in the order sent, without allocating.</summary>
        /// <returns>The enumerator.</returns>
        public Enumerator GetEnumerator() => new Enumerator(_body.Slice(_layout.ListOffset, _layout.ListLength), _layout.Tls13);

        /// <summary>The layout the parse recorded, for callers that keep the body and rebuild the view later.</summary>
        internal Layout Index => _layout;

        /// <summary>Parses a TLS 1.2-and-older Certificate message body.</summary>
        /// <param name="body">The bytes after the 4-byte handshake header.</param>
        /// <param name="message">The view.</param>
        /// <param name="error">What was wrong and where (offset within <paramref name="body"/>).</param>
        /// <returns>True when well formed.</returns>
        public static bool TryParse(ReadOnlySpan<byte> body, out CertificateMessage message, out TlsError error) => Parse(body, false, out message, out error);

        /// <summary>Parses a TLS 1.3 Certificate message body (RFC 8446 4.4.2).</summary>
        /// <param name="body">The bytes after the 4-byte handshake header.</param>
        /// <param name="message">The view.</param>
        /// <param name="error">What was wrong and where (offset within <paramref name="body"/>).</param>
        /// <returns>True when well formed.</returns>
        public static bool TryParseTls13(ReadOnlySpan<byte> body, out CertificateMessage message, out TlsError error) => Parse(body, true, out message, out error);

        private static bool Parse(ReadOnlySpan<byte> body, bool tls13, out CertificateMessage message, out TlsError error)
        {
            if (ParseCounters.Enabled)
            {
                ParseCounters.CertificateMessage++;
            }

            message = default;
            var reader = new TlsReader(body);
            if (tls13 && !reader.TryReadUInt8LengthPrefixed(out _))
            {
                error = new TlsError(TlsErrorCode.Truncated, 0);
                return false;
            }

            int at = reader.Position;
            if (!reader.TryReadUInt24LengthPrefixed(out TlsReader list))
            {
                error = new TlsError(TlsErrorCode.Truncated, at);
                return false;
            }

            if (!reader.IsEmpty)
            {
                error = new TlsError(TlsErrorCode.TrailingData, reader.Position);
                return false;
            }

            int listOffset = list.Position;
            int listLength = list.Remaining;
            int count = 0;
            while (!list.IsEmpty)
            {
                at = list.Position;
                if (!list.TryReadUInt24LengthPrefixed(out TlsReader certificate) || certificate.IsEmpty
                    || (tls13 && !list.TryReadUInt16LengthPrefixed(out _)))
                {
                    error = new TlsError(TlsErrorCode.InvalidCertificateList, at);
                    return false;
                }

                count++;
            }

            error = default;
            message = new CertificateMessage(body, new Layout { ListOffset = listOffset, ListLength = listLength, Count = count, Tls13 = tls13 });
            return true;
        }

        /// <summary>Where a parsed chain is (the offset index a parse records once).</summary>
        internal struct Layout
        {
            public int ListOffset;
            public int ListLength;
            public int Count;
            public bool Tls13;
        }

        /// <summary>Walks the certificates.</summary>
        public ref struct Enumerator
        {
            private TlsReader _reader;
            private ReadOnlySpan<byte> _current;
            private readonly bool _tls13;

            internal Enumerator(ReadOnlySpan<byte> entries, bool tls13)
            {
                _reader = new TlsReader(entries);
                _current = default;
                _tls13 = tls13;
            }

            /// <summary>The current certificate's DER bytes.</summary>
            public readonly ReadOnlySpan<byte> Current => _current;

            /// <summary>Moves on.</summary>
            /// <returns>False at the end.</returns>
            public bool MoveNext()
            {
                if (_reader.TryReadUInt24LengthPrefixed(out TlsReader certificate) && (!_tls13 || _reader.TryReadUInt16LengthPrefixed(out _)))
                {
                    _current = certificate.RemainingBytes;
                    return true;
                }

                return false;
            }
        }
    }
}
