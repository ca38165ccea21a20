using System;

namespace Tsid.X509
{
    /// <summary>
    /// <c>Validity ::= SEQUENCE { notBefore Time, notAfter Time }</c>, <c>Time ::= CHOICE { utcTime UTCTime, generalTime GeneralizedTime }</c>
    /// (RFC 5280 4.1.2.5). The times are kept raw and decoded on request.
    /// </summary>
    public readonly ref struct Validity
    {
        private readonly byte _notBeforeTag;
        private readonly byte _notAfterTag;

        internal Validity(byte notBeforeTag, ReadOnlySpan<byte> notBefore, byte notAfterTag, ReadOnlySpan<byte> notAfter)
        {
            _notBeforeTag = notBeforeTag;
            _notAfterTag = notAfterTag;
            NotBeforeText = notBefore;
            NotAfterText = notAfter;
        }

        /// <summary>The notBefore contents octets (ASCII, for example "250101000000Z").</summary>
        public ReadOnlySpan<byte> NotBeforeText { get; }

        /// <summary>The notAfter contents octets.</summary>
        public ReadOnlySpan<byte> NotAfterText { get; }

        /// <summary>True when notBefore is a GeneralizedTime, false for UTCTime.</summary>
        public bool NotBeforeIsGeneralizedTime => _notBeforeTag == DerTag.GeneralizedTime;

        /// <summary>True when notAfter is a GeneralizedTime, false for UTCTime.</summary>
        public bool NotAfterIsGeneralizedTime => _notAfterTag == DerTag.GeneralizedTime;

        /// <summary>
        /// Decodes notBefore (UTC). Accepts the RFC 5280 4.1.2.5 forms and, like OpenSSL, UTCTime without seconds,
        /// a +hhmm/-hhmm offset and fractional GeneralizedTime seconds; false for anything else.
        /// </summary>
        /// <param name="value">The time.</param>
        public bool TryGetNotBefore(out DateTimeOffset value) => X509Time.TryDecode(_notBeforeTag, NotBeforeText, strict: false, out value);

        /// <summary>Decodes notAfter (UTC); same rules as <see cref="TryGetNotBefore"/>.</summary>
        /// <param name="value">The time.</param>
        public bool TryGetNotAfter(out DateTimeOffset value) => X509Time.TryDecode(_notAfterTag, NotAfterText, strict: false, out value);

        /// <summary>
        /// True when <paramref name="now"/> is within [notBefore, notAfter] (RFC 5280 4.1.2.5: both ends inclusive).
        /// False when either time cannot be decoded. The caller supplies the clock.
        /// </summary>
        /// <param name="now">The time to test.</param>
        public bool Contains(DateTimeOffset now) =>
            TryGetNotBefore(out DateTimeOffset notBefore) && TryGetNotAfter(out DateTimeOffset notAfter) && now >= notBefore && now <= notAfter;
    }
}
