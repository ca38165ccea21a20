namespace Tsid.Testing
{
    /// <summary>Object identifiers the builders write, in dotted form, named as their RFCs name them.</summary>
    public static class Oids
    {
        /// <summary>id-at-commonName (RFC 5280 A.1).</summary>
        public const string CommonName = "2.5.4.3";

        /// <summary>id-at-countryName.</summary>
        public const string CountryName = "2.5.4.6";

        /// <summary>id-at-localityName.</summary>
        public const string LocalityName = "2.5.4.7";

        /// <summary>id-at-stateOrProvinceName.</summary>
        public const string StateOrProvinceName = "2.5.4.8";

        /// <summary>id-at-organizationName.</summary>
        public const string OrganizationName = "2.5.4.10";

        /// <summary>id-at-organizationalUnitName.</summary>
        public const string OrganizationalUnitName = "2.5.4.11";

        /// <summary>id-ce-subjectAltName (RFC 5280 4.2.1.6).</summary>
        public const string SubjectAltName = "2.5.29.17";

        /// <summary>id-ce-basicConstraints (RFC 5280 4.2.1.9).</summary>
        public const string BasicConstraints = "2.5.29.19";

        /// <summary>id-ce-extKeyUsage (RFC 5280 4.2.1.12).</summary>
        public const string ExtendedKeyUsage = "2.5.29.37";

        /// <summary>id-kp-serverAuth (RFC 5280 4.2.1.12).</summary>
        public const string ServerAuth = "1.3.6.1.5.5.7.3.1";

        /// <summary>sha256WithRSAEncryption (RFC 4055 5).</summary>
        public const string Sha256WithRsaEncryption = "1.2.840.113549.1.1.11";

        /// <summary>ecdsa-with-SHA256 (RFC 5758 3.2).</summary>
        public const string EcdsaWithSha256 = "1.2.840.10045.4.3.2";
    }
}
