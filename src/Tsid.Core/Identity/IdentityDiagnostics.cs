using System;

namespace Tsid.Identity
{
    /// <summary>Facts about a resolved identity that a firewall operator should see, computed on every resolve at no allocation cost.</summary>
    [Flags]
    public enum IdentityDiagnostics : uint
    {
        /// <summary>Nothing to report.</summary>
        None = 0,

        /// <summary>
        /// The chosen certificate name is one edit away from another dNSName of the same certificate: the Smart Licensing trap,
        /// where <c>toos.cisco.com</c> is listed before <c>tools.cisco.com</c>. Policy decided on such a name deserves a second look.
        /// </summary>
        NearDuplicateName = 1 << 0,

        /// <summary>The chosen name is a wildcard pattern (<c>*.example.com</c>), kept as the certificate states it.</summary>
        WildcardName = 1 << 1,

        /// <summary>The chosen name holds an IDN A-label (<c>xn--</c>).</summary>
        IdnName = 1 << 2,

        /// <summary>The chosen name had Unicode labels that were converted to A-labels.</summary>
        IdnConverted = 1 << 3,

        /// <summary>Encrypted Client Hello is in use: the outer SNI is only the ECH public name (RFC 9849), not the name really visited.</summary>
        EchPublicName = 1 << 4,

        /// <summary>The chosen name is an IP address literal (an SNI that breaks RFC 6066 3, a certificate name, or the destination).</summary>
        IPLiteral = 1 << 5,

        /// <summary>The chosen name is not a valid host name and was kept verbatim because <see cref="InvalidNameHandling.KeepFlagged"/> is set.</summary>
        NotAHostName = 1 << 6,

        /// <summary>The ClientHello carried more than one host_name entry (RFC 6066 3 forbids it); the first was used.</summary>
        SeveralServerNames = 1 << 7,

        /// <summary>The subject holds several commonName attributes; the first in DER order was used (as OpenSSL's X509_NAME_get_text_by_NID does).</summary>
        SeveralCommonNames = 1 << 8,

        /// <summary>A rule stopped resolution without a name because the certificate does not cover the SNI (FortiGate <c>strict</c>): the connection would be closed.</summary>
        SniCheckRejected = 1 << 9,

        /// <summary>At least one candidate was skipped because it is not a valid host name.</summary>
        InvalidCandidatesSkipped = 1 << 10,
    }
}
