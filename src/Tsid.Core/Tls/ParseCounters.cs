using System;

namespace Tsid.Tls
{
    /// <summary>
    /// How many times each message parser ran on the current thread, so tests can prove "parsed once" on a whole
    /// path (observer, evidence, resolve, evaluate) instead of trusting it. One thread-static increment per parse;
    /// nothing else reads these. Call <see cref="Reset"/> before the code under test, read the counts after.
    /// </summary>
    internal static class ParseCounters
    {
        /// <summary>Full ClientHello parses (<see cref="Tls.ClientHello.TryParse(ReadOnlySpan{byte}, out Tls.ClientHello, out TlsError)"/>; the SNI peek is not counted).</summary>
        [ThreadStatic]
        internal static int ClientHello;

        /// <summary>ServerHello parses (<see cref="Tls.ServerHello.TryParse"/>).</summary>
        [ThreadStatic]
        internal static int ServerHello;

        /// <summary>Certificate message parses (<see cref="CertificateMessage.TryParse"/>, <see cref="CertificateMessage.TryParseTls13"/>).</summary>
        [ThreadStatic]
        internal static int CertificateMessage;

        /// <summary>
        /// X.509 certificate parses: the hook for <c>Tsid.X509.Certificate.TryParse</c> (and any lazy re-location of
        /// its fields) to increment, so one count covers the leaf too. Nothing in <c>Tsid.Tls</c> touches it.
        /// </summary>
        [ThreadStatic]
        internal static int Certificate;

        /// <summary>Sets every count of this thread to zero.</summary>
        internal static void Reset()
        {
            ClientHello = 0;
            ServerHello = 0;
            CertificateMessage = 0;
            Certificate = 0;
        }
    }
}
