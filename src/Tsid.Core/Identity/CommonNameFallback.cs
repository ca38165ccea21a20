namespace Tsid.Identity
{
    /// <summary>Whether subject commonNames count when checking that a certificate covers a name.</summary>
    public enum CommonNameFallback : byte
    {
        /// <summary>Only subjectAltName entries count.</summary>
        Never = 0,

        /// <summary>commonNames count only when the certificate has no dNSName (RFC 6125 6.4.4).</summary>
        WhenNoDnsSubjectAltName,

        /// <summary>commonNames always count, next to the subjectAltName entries (FortiGate's "CN or SAN").</summary>
        Always,
    }
}
