using System;

namespace Tsid.X509
{
    /// <summary>
    /// The keyUsage bits (RFC 5280 4.2.1.3); flag value <c>1 &lt;&lt; n</c> is named bit n of
    /// <c>KeyUsage ::= BIT STRING { digitalSignature (0), … decipherOnly (8) }</c>.
    /// </summary>
    [Flags]
    public enum KeyUsage
    {
        /// <summary>No bit set.</summary>
        None = 0,

        /// <summary>digitalSignature (0).</summary>
        DigitalSignature = 1 << 0,

        /// <summary>nonRepudiation / contentCommitment (1).</summary>
        NonRepudiation = 1 << 1,

        /// <summary>keyEncipherment (2).</summary>
        KeyEncipherment = 1 << 2,

        /// <summary>dataEncipherment (3).</summary>
        DataEncipherment = 1 << 3,

        /// <summary>keyAgreement (4).</summary>
        KeyAgreement = 1 << 4,

        /// <summary>keyCertSign (5).</summary>
        KeyCertSign = 1 << 5,

        /// <summary>cRLSign (6).</summary>
        CrlSign = 1 << 6,

        /// <summary>encipherOnly (7).</summary>
        EncipherOnly = 1 << 7,

        /// <summary>decipherOnly (8).</summary>
        DecipherOnly = 1 << 8,
    }
}
