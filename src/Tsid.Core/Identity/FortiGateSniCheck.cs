namespace Tsid.Identity
{
    /// <summary>
    /// FortiOS <c>config firewall ssl-ssh-profile</c> → <c>set sni-server-cert-check</c> (default <c>enable</c>).
    /// </summary>
    public enum FortiGateSniCheck : byte
    {
        /// <summary>Check the SNI against the certificate's CN or SAN; on a mismatch use the CN for URL filtering.</summary>
        Enable = 0,

        /// <summary>Check the SNI against the certificate's CN or SAN; on a mismatch close the connection.</summary>
        Strict = 1,

        /// <summary>Do not check: the SNI is used as sent.</summary>
        Disable = 2,
    }
}
