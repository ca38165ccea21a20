using System;
using Tsid.Fingerprints;
using Tsid.Identity;
using Tsid.Policy;
using Tsid.Tls;

namespace Tsid.Docs.Tests.Samples
{
    /// <summary>The code of docs/fingerprints.md and the fingerprint section of docs/policy.md, called by <see cref="FingerprintSampleTests"/>.</summary>
    internal static class FingerprintSamples
    {
        /// <summary>"Computing them": the three fingerprints of one observed connection, into stack buffers.</summary>
        public static (string Ja4, string Ja4Raw, string Ja3, string Ja3S) Compute(TlsConnectionObserver observer)
        {
            #region Fingerprints
            observer.TryGetClientHello(out ClientHello hello);
            Span<char> ja4 = stackalloc char[Ja4.Length];                      // 36: t13d1516h2_8daaf6152771_e5627efa2ab1
            Ja4.TryFormat(in hello, observer.Protocol, Ja4Form.Hashed, ja4, out int ja4Length);

            Span<char> raw = stackalloc char[Ja4.GetLength(in hello, Ja4Form.Raw)]; // JA4_r: the lists JA4 hashes
            Ja4.TryFormat(in hello, observer.Protocol, Ja4Form.Raw, raw, out int rawLength);

            Span<char> ja3 = stackalloc char[Ja3.HashLength];                   // 32 hex digits (MD5)
            Ja3.TryFormatHash(in hello, ja3, out int ja3Length);

            observer.TryGetServerHello(out ServerHello serverHello);
            string ja3s = Ja3S.GetHashString(in serverHello);                  // the string forms allocate: for logs
            #endregion

            return (ja4.Slice(0, ja4Length).ToString(), raw.Slice(0, rawLength).ToString(), ja3.Slice(0, ja3Length).ToString(), ja3s);
        }

        /// <summary>"Client fingerprints" in docs/policy.md: the facts get the fingerprints only when the policy looks at them.</summary>
        public static PolicyDecision Decide(TlsConnectionObserver observer, AccessPolicy policy)
        {
            #region FingerprintFacts
            Span<char> name = stackalloc char[ServerIdentityResolver.NameBufferLength];
            ServerIdentityEvidence evidence = ServerIdentityEvidence.FromHandshake(observer);
            ServerIdentity identity = ServerIdentityPresets.Firepower.Resolve(in evidence, name);

            Span<char> ja4 = stackalloc char[Ja4.Length];
            Span<char> ja3 = stackalloc char[Ja3.HashLength];
            int ja4Length = 0, ja3Length = 0;
            if (observer.TryGetClientHello(out ClientHello hello))
            {
                if (policy.UsesJa4)
                {
                    Ja4.TryFormat(in hello, observer.Protocol, Ja4Form.Hashed, ja4, out ja4Length);
                }

                if (policy.UsesJa3)
                {
                    Ja3.TryFormatHash(in hello, ja3, out ja3Length);
                }
            }

            ConnectionFacts facts = ConnectionFacts.From(observer, in identity, in evidence) with
            {
                Ja4 = ja4.Slice(0, ja4Length),
                Ja3 = ja3.Slice(0, ja3Length),
            };
            PolicyDecision decision = policy.Evaluate(in facts);   // decision.MatchedFingerprint: the entry that matched
            #endregion

            return decision;
        }
    }
}
