namespace Tsid.X509
{
    /// <summary>The GeneralName CHOICE alternatives (RFC 5280 4.2.1.6); the value is the context tag number.</summary>
    public enum GeneralNameType : byte
    {
        /// <summary>otherName [0] (for example a Microsoft UPN).</summary>
        OtherName = 0,

        /// <summary>rfc822Name [1], an e-mail address (IA5String).</summary>
        Rfc822Name = 1,

        /// <summary>dNSName [2] (IA5String).</summary>
        DnsName = 2,

        /// <summary>x400Address [3], kept raw.</summary>
        X400Address = 3,

        /// <summary>directoryName [4], a Name.</summary>
        DirectoryName = 4,

        /// <summary>ediPartyName [5], kept raw.</summary>
        EdiPartyName = 5,

        /// <summary>uniformResourceIdentifier [6] (IA5String).</summary>
        UniformResourceIdentifier = 6,

        /// <summary>iPAddress [7]: 4 octets (IPv4) or 16 octets (IPv6).</summary>
        IPAddress = 7,

        /// <summary>registeredID [8], an OBJECT IDENTIFIER.</summary>
        RegisteredId = 8,

        /// <summary>A malformed entry (lenient mode only); its raw bytes are in <see cref="GeneralName.Encoded"/>.</summary>
        Invalid = 255,
    }
}
