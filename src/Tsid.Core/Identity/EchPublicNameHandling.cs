namespace Tsid.Identity
{
    /// <summary>What the SNI rules do when the ClientHello uses Encrypted Client Hello and the outer SNI is only the public name.</summary>
    public enum EchPublicNameHandling : byte
    {
        /// <summary>Use the outer SNI, reported with <see cref="IdentitySource.EchPublicName"/> and <see cref="IdentityDiagnostics.EchPublicName"/>.</summary>
        Report = 0,

        /// <summary>Ignore the outer SNI: SNI rules yield nothing, and later rules (a hint, the address) decide.</summary>
        Ignore = 1,
    }
}
