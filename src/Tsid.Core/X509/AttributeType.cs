namespace Tsid.X509
{
    /// <summary>
    /// Well-known attribute types in distinguished names (RFC 5280 4.1.2.4 and Appendix A, RFC 4519, RFC 4524,
    /// PKCS #9, CA/Browser Forum EV). Any other type is <see cref="Unknown"/>; its OID stays available as
    /// <see cref="AttributeTypeAndValue.TypeOid"/>.
    /// </summary>
    public enum AttributeType
    {
        /// <summary>A type not listed here; read <see cref="AttributeTypeAndValue.TypeOid"/>.</summary>
        Unknown = 0,

        /// <summary>commonName, CN (2.5.4.3).</summary>
        CommonName,

        /// <summary>surname, SN (2.5.4.4).</summary>
        Surname,

        /// <summary>serialNumber (2.5.4.5).</summary>
        SerialNumber,

        /// <summary>countryName, C (2.5.4.6).</summary>
        CountryName,

        /// <summary>localityName, L (2.5.4.7).</summary>
        LocalityName,

        /// <summary>stateOrProvinceName, ST (2.5.4.8).</summary>
        StateOrProvinceName,

        /// <summary>streetAddress, STREET (2.5.4.9).</summary>
        StreetAddress,

        /// <summary>organizationName, O (2.5.4.10).</summary>
        OrganizationName,

        /// <summary>organizationalUnitName, OU (2.5.4.11).</summary>
        OrganizationalUnitName,

        /// <summary>title (2.5.4.12).</summary>
        Title,

        /// <summary>givenName, GN (2.5.4.42).</summary>
        GivenName,

        /// <summary>domainComponent, DC (0.9.2342.19200300.100.1.25).</summary>
        DomainComponent,

        /// <summary>userId, UID (0.9.2342.19200300.100.1.1).</summary>
        UserId,

        /// <summary>PKCS #9 emailAddress (1.2.840.113549.1.9.1).</summary>
        EmailAddress,

        /// <summary>initials (2.5.4.43).</summary>
        Initials,

        /// <summary>generationQualifier (2.5.4.44).</summary>
        GenerationQualifier,

        /// <summary>x500UniqueIdentifier (2.5.4.45), a BIT STRING.</summary>
        X500UniqueIdentifier,

        /// <summary>dnQualifier (2.5.4.46).</summary>
        DnQualifier,

        /// <summary>pseudonym (2.5.4.65).</summary>
        Pseudonym,

        /// <summary>postalCode (2.5.4.17).</summary>
        PostalCode,

        /// <summary>businessCategory (2.5.4.15).</summary>
        BusinessCategory,

        /// <summary>name (2.5.4.41).</summary>
        Name,

        /// <summary>organizationIdentifier (2.5.4.97).</summary>
        OrganizationIdentifier,

        /// <summary>jurisdictionOfIncorporationLocalityName (1.3.6.1.4.1.311.60.2.1.1), CA/B Forum EV.</summary>
        JurisdictionLocalityName,

        /// <summary>jurisdictionOfIncorporationStateOrProvinceName (1.3.6.1.4.1.311.60.2.1.2), CA/B Forum EV.</summary>
        JurisdictionStateOrProvinceName,

        /// <summary>jurisdictionOfIncorporationCountryName (1.3.6.1.4.1.311.60.2.1.3), CA/B Forum EV.</summary>
        JurisdictionCountryName,
    }
}
