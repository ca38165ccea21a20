namespace Tsid.X509
{
    /// <summary>
    /// The one-octet DER tags X.509 uses (X.690 8.1.2). High-tag-number forms never occur in X.509, so a tag is a byte.
    /// </summary>
    public static class DerTag
    {
        /// <summary>Bit 6: the encoding is constructed.</summary>
        public const byte ConstructedBit = 0x20;

        /// <summary>Bits 7-8 = 10: context-specific class.</summary>
        public const byte ContextSpecific = 0x80;

        /// <summary>BOOLEAN (UNIVERSAL 1).</summary>
        public const byte Boolean = 0x01;

        /// <summary>INTEGER (UNIVERSAL 2).</summary>
        public const byte Integer = 0x02;

        /// <summary>BIT STRING (UNIVERSAL 3).</summary>
        public const byte BitString = 0x03;

        /// <summary>OCTET STRING (UNIVERSAL 4).</summary>
        public const byte OctetString = 0x04;

        /// <summary>NULL (UNIVERSAL 5).</summary>
        public const byte Null = 0x05;

        /// <summary>OBJECT IDENTIFIER (UNIVERSAL 6).</summary>
        public const byte ObjectIdentifier = 0x06;

        /// <summary>UTF8String (UNIVERSAL 12).</summary>
        public const byte Utf8String = 0x0C;

        /// <summary>NumericString (UNIVERSAL 18).</summary>
        public const byte NumericString = 0x12;

        /// <summary>PrintableString (UNIVERSAL 19).</summary>
        public const byte PrintableString = 0x13;

        /// <summary>TeletexString / T61String (UNIVERSAL 20).</summary>
        public const byte TeletexString = 0x14;

        /// <summary>IA5String (UNIVERSAL 22).</summary>
        public const byte Ia5String = 0x16;

        /// <summary>UTCTime (UNIVERSAL 23).</summary>
        public const byte UtcTime = 0x17;

        /// <summary>GeneralizedTime (UNIVERSAL 24).</summary>
        public const byte GeneralizedTime = 0x18;

        /// <summary>VisibleString (UNIVERSAL 26).</summary>
        public const byte VisibleString = 0x1A;

        /// <summary>UniversalString (UNIVERSAL 28).</summary>
        public const byte UniversalString = 0x1C;

        /// <summary>BMPString (UNIVERSAL 30).</summary>
        public const byte BmpString = 0x1E;

        /// <summary>SEQUENCE / SEQUENCE OF (UNIVERSAL 16, constructed).</summary>
        public const byte Sequence = 0x30;

        /// <summary>SET / SET OF (UNIVERSAL 17, constructed).</summary>
        public const byte Set = 0x31;

        /// <summary>The tag of a context-specific primitive element <c>[number]</c> (IMPLICIT over a primitive type).</summary>
        /// <param name="number">Tag number, 0 to 30.</param>
        public static byte ContextPrimitive(int number) => (byte)(ContextSpecific | (number & 0x1F));

        /// <summary>The tag of a context-specific constructed element <c>[number]</c> (EXPLICIT, or IMPLICIT over a constructed type).</summary>
        /// <param name="number">Tag number, 0 to 30.</param>
        public static byte ContextConstructed(int number) => (byte)(ContextSpecific | ConstructedBit | (number & 0x1F));

        /// <summary>True when the tag says the encoding is constructed.</summary>
        /// <param name="tag">A one-octet tag.</param>
        public static bool IsConstructed(byte tag) => (tag & ConstructedBit) != 0;
    }
}
