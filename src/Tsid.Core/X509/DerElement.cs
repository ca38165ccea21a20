using System;

namespace Tsid.X509
{
    /// <summary>One DER element (tag, length, value) read by <see cref="DerReader"/>, as views over the input.</summary>
    public readonly ref struct DerElement
    {
        internal DerElement(byte tag, ReadOnlySpan<byte> encoded, int headerLength, int offset)
        {
            Tag = tag;
            Encoded = encoded;
            HeaderLength = headerLength;
            Offset = offset;
        }

        /// <summary>The one-octet tag.</summary>
        public byte Tag { get; }

        /// <summary>The whole TLV.</summary>
        public ReadOnlySpan<byte> Encoded { get; }

        /// <summary>The value (contents octets).</summary>
        public ReadOnlySpan<byte> Content => Encoded.Slice(HeaderLength);

        /// <summary>Number of tag and length octets.</summary>
        public int HeaderLength { get; }

        /// <summary>Offset of the tag octet from the start of the input the outermost reader was given.</summary>
        public int Offset { get; }

        /// <summary>Offset of the first contents octet from the start of the outermost input.</summary>
        public int ContentOffset => Offset + HeaderLength;

        /// <summary>True when the tag says the encoding is constructed.</summary>
        public bool IsConstructed => (Tag & DerTag.ConstructedBit) != 0;
    }
}
