namespace Tsid.Testing
{
    /// <summary>How <see cref="CertificateBuilder.Validity"/> writes its times.</summary>
    public enum CertificateTimeEncoding
    {
        /// <summary>What RFC 5280 4.1.2.5 requires: UTCTime through 2049, GeneralizedTime from 2050.</summary>
        Rfc5280,

        /// <summary>Always UTCTime (two-digit years: a year outside 1950-2049 is written modulo 100, as a broken issuer would).</summary>
        UtcTime,

        /// <summary>Always GeneralizedTime, also before 2050 (which RFC 5280 forbids and some issuers do).</summary>
        GeneralizedTime,
    }
}
