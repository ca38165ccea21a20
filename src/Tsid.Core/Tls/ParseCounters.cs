using System;

namespace Tsid.Tls
{
    /// <summary>
    /// How many times each message parser ran on the current thread, so tests can prove "parsed once" on a whole
    /// path (observer, evidence, resolve, evaluate) instead of trusting it. Parsers count only once
    /// <see cref="Enabled"/> is set (by <see cref="Reset"/>), so production code pays one static load per parse, not a
    /// thread-static access. Call <see cref="Reset"/> before the code under test, read the counts after.
    /// </summary>
    internal static class ParseCounters
    {
        /// <summary>True once a test called <see cref="Reset"/>: parsers then count, on their own thread.</summary>
        internal static bool Enabled;

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
        /// X.509 certificate parses (<see cref="X509.Certificate.TryParse(ReadOnlySpan{byte}, X509.CertificateParseOptions, out X509.Certificate, out X509.X509Error)"/>,
        /// the one entry every DER certificate goes through), so the leaf and any chain certificate a caller formats are
        /// counted too. Nothing in <c>Tsid.Tls</c> touches it.
        /// </summary>
        [ThreadStatic]
        internal static int Certificate;

        /// <summary>Turns counting on (for every thread) and sets this thread's counts to zero.</summary>
        internal static void Reset()
        {
            Enabled = true;
            ClientHello = 0;
            ServerHello = 0;
            CertificateMessage = 0;
            Certificate = 0;
        }
    }
}
