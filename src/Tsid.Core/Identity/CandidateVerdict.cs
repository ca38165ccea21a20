namespace Tsid.Identity
{
    /// <summary>Why a candidate in a <see cref="ServerIdentityExplanation"/> was taken or not.</summary>
    public enum CandidateVerdict : byte
    {
        /// <summary>This candidate is the resolved name.</summary>
        Taken = 0,

        /// <summary>The evidence the rule needs is absent (no SNI, no certificate, no SAN, no CN, no hint, no address).</summary>
        Missing,

        /// <summary>The candidate is not a valid host name and invalid names are skipped.</summary>
        Invalid,

        /// <summary>The candidate needed the certificate to cover it, and it does not.</summary>
        NotCovered,

        /// <summary>The candidate exists but the rule does not use it (a second CN, an IP entry for a dNSName rule, an ignored ECH public name).</summary>
        Ignored,

        /// <summary>The rule stopped resolution without a name (FortiGate <c>strict</c> on an SNI mismatch).</summary>
        Rejected,

        /// <summary>The rule was not consulted because an earlier rule decided.</summary>
        NotConsulted,
    }
}
