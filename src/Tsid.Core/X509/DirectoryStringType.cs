namespace Tsid.X509
{
    /// <summary>The ASN.1 string type of an attribute value (RFC 5280 4.1.2.4 DirectoryString and the PKCS #9 / RFC 4519 types).</summary>
    public enum DirectoryStringType
    {
        /// <summary>Not a character string (for example the BIT STRING of x500UniqueIdentifier); read the raw bytes.</summary>
        Other = 0,

        /// <summary>UTF8String: UTF-8.</summary>
        Utf8String,

        /// <summary>PrintableString: A-Z a-z 0-9 space and '()+,-./:=? (X.680 41.4).</summary>
        PrintableString,

        /// <summary>IA5String: 7-bit ASCII.</summary>
        Ia5String,

        /// <summary>VisibleString: printing ASCII, 0x20 to 0x7E.</summary>
        VisibleString,

        /// <summary>NumericString: digits and space.</summary>
        NumericString,

        /// <summary>TeletexString (T61String): decoded as Latin-1, as OpenSSL does.</summary>
        TeletexString,

        /// <summary>BMPString: UCS-2, big-endian.</summary>
        BmpString,

        /// <summary>UniversalString: UCS-4, big-endian.</summary>
        UniversalString,
    }
}
