namespace Tsid.Identity
{
    /// <summary>Where a resolved server name came from.</summary>
    public enum IdentitySource : byte
    {
        /// <summary>No name was resolved.</summary>
        None = 0,

        /// <summary>The ClientHello server_name extension (RFC 6066 3), host_name entry.</summary>
        Sni,

        /// <summary>
        /// The outer ClientHello server_name while Encrypted Client Hello is in use: this is the ECH
        /// <em>public name</em> of the client-facing server, not the name the client is really visiting.
        /// </summary>
        EchPublicName,

        /// <summary>A commonName attribute of the leaf certificate's subject (RFC 5280 4.1.2.6).</summary>
        SubjectCommonName,

        /// <summary>The first dNSName of the leaf certificate's subjectAltName extension, in wire order (RFC 5280 4.2.1.6).</summary>
        FirstSubjectAltName,

        /// <summary>A dNSName of the leaf certificate's subjectAltName chosen because it covers the SNI (see <see cref="AnyCertificateNameRule"/>), spelled as the certificate spells it.</summary>
        SubjectAltName,

        /// <summary>A name the caller's DNS cache maps to the destination address, taken because a certificate name covers it.</summary>
        DnsHint,

        /// <summary>The HTTP Host the caller saw, taken because a certificate name covers it.</summary>
        HttpHostHint,

        /// <summary>An identity the caller cached for this destination earlier, taken because a certificate name covers it.</summary>
        CachedIdentityHint,

        /// <summary>An organizationalUnitName attribute of the leaf certificate's subject.</summary>
        OrganizationalUnit,

        /// <summary>The destination IP address, as a literal, when nothing better is known.</summary>
        DestinationAddress,

        /// <summary>A caller-supplied custom rule.</summary>
        Custom,

        /// <summary>
        /// The host the client asked a proxy for (CONNECT authority, SOCKS domain name, PROXY v2 authority), taken because a
        /// certificate name covers it. Last in the enum so that earlier values keep their numbers.
        /// </summary>
        ProxyTargetHint,
    }
}
