namespace Tsid.Identity
{
    /// <summary>What <see cref="SniCoveredByCertificateRule"/> does when the certificate does not cover the SNI.</summary>
    public enum SniMismatchAction : byte
    {
        /// <summary>Yield nothing and let the next rule decide (FortiGate <c>enable</c>: use the CN instead).</summary>
        Continue = 0,

        /// <summary>Stop resolution with no name and <see cref="IdentityDiagnostics.SniCheckRejected"/> (FortiGate <c>strict</c>: close the connection).</summary>
        Reject = 1,
    }
}
