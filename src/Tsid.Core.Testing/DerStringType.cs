namespace Tsid.Testing
{
    /// <summary>The ASN.1 string types a directory string can be written in, each backed by its universal tag (X.680 8.4).</summary>
    public enum DerStringType : byte
    {
        /// <summary>UTF8String, tag 12: UTF-8.</summary>
        Utf8String = 0x0C,

        /// <summary>NumericString, tag 18: one byte per character.</summary>
        NumericString = 0x12,

        /// <summary>PrintableString, tag 19: one byte per character (the type allows A-Z a-z 0-9 and <c>'()+,-./:=? </c>).</summary>
        PrintableString = 0x13,

        /// <summary>TeletexString (T61String), tag 20: written one byte per character (Latin-1), as most certificates that use it do.</summary>
        TeletexString = 0x14,

        /// <summary>IA5String, tag 22: one byte per character.</summary>
        Ia5String = 0x16,

        /// <summary>VisibleString, tag 26: one byte per character.</summary>
        VisibleString = 0x1A,

        /// <summary>UniversalString, tag 28: UTF-32BE.</summary>
        UniversalString = 0x1C,

        /// <summary>BMPString, tag 30: UTF-16BE.</summary>
        BmpString = 0x1E,
    }
}
