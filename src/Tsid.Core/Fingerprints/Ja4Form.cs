namespace Tsid.Fingerprints
{
    /// <summary>
    /// The four outputs of JA4 (FoxIO <c>technical_details/JA4.md</c>, "Raw Output"): hashed or raw, with the cipher and
    /// extension lists sorted or in the order the client sent them. All four share the same <c>a</c> part.
    /// </summary>
    public enum Ja4Form : byte
    {
        /// <summary><c>JA4</c>: <c>a_b_c</c> with b and c truncated SHA-256 hashes of the sorted lists (SNI and ALPN left out of c).</summary>
        Hashed = 0,

        /// <summary><c>JA4_r</c>: the sorted lists themselves instead of their hashes.</summary>
        Raw,

        /// <summary><c>JA4_o</c>: hashes of the lists in wire order (SNI and ALPN kept in c).</summary>
        HashedOriginal,

        /// <summary><c>JA4_ro</c>: the lists in wire order, SNI and ALPN kept.</summary>
        RawOriginal,
    }
}
