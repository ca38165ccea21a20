namespace Tsid.Tls
{
    /// <summary>A key-exchange group (RFC 8446 4.2.7 <c>NamedGroup</c>, IANA "TLS Supported Groups"). Open: unknown and GREASE values keep their wire value.</summary>
    public enum TlsNamedGroup : ushort
    {
        /// <summary><c>secp256r1(23)</c>.</summary>
        Secp256r1 = 0x0017,

        /// <summary><c>secp384r1(24)</c>.</summary>
        Secp384r1 = 0x0018,

        /// <summary><c>secp521r1(25)</c>.</summary>
        Secp521r1 = 0x0019,

        /// <summary><c>x25519(29)</c>.</summary>
        X25519 = 0x001d,

        /// <summary><c>x448(30)</c>.</summary>
        X448 = 0x001e,

        /// <summary><c>ffdhe2048(256)</c>.</summary>
        Ffdhe2048 = 0x0100,

        /// <summary><c>X25519MLKEM768</c> (0x11ec, draft-ietf-tls-ecdhe-mlkem): a 1216-byte client key share.</summary>
        X25519MLKEM768 = 0x11ec,

        /// <summary><c>X25519Kyber768Draft00</c> (0x6399, the pre-standard hybrid).</summary>
        X25519Kyber768Draft00 = 0x6399,
    }
}
