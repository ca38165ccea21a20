namespace Tsid.Samples.AspNetCoreFingerprints
{
    /// <summary>What the first TLS record of a connection gave.</summary>
    public enum ClientHelloStatus : byte
    {
        /// <summary>The ClientHello sat whole in the first record and parsed: SNI, ALPN, JA4 and JA3 are known.</summary>
        Parsed = 1,

        /// <summary>
        /// The ClientHello continues in a further record (RFC 8446 5.1 lets a handshake message span records). Kestrel's
        /// callback delivers only the first record, so nothing is reported: no SNI, no ALPN, no fingerprint (a guess from a
        /// partial hello could be wrong, and splitting the hello is how a client dodges first-record fingerprinting).
        /// </summary>
        Incomplete,

        /// <summary>The record does not hold a well-formed ClientHello (<see cref="ITlsClientHelloFeature.Error"/> says what and where).</summary>
        Malformed,
    }
}
