namespace Tsid.Capture
{
    /// <summary>
    /// Why reading a capture stopped early. Readers never throw on malformed bytes; they stop, report one of these
    /// with the byte offset (in the decompressed stream) where the damage starts, and keep what was read before.
    /// </summary>
    public enum CaptureError
    {
        /// <summary>No error: the capture was read to its end.</summary>
        None = 0,

        /// <summary>The first bytes are neither a pcap nor a pcapng magic number (nor gzip wrapping one).</summary>
        NotACapture,

        /// <summary>The file ends inside the file header or the first Section Header Block.</summary>
        TruncatedHeader,

        /// <summary>The file ends inside a packet record or a block (the usual sign of a capture cut off while written).</summary>
        TruncatedRecord,

        /// <summary>A pcap record claims more captured bytes than <see cref="CaptureReader.MaxPacketLength"/>, or more than its original length allows.</summary>
        InvalidRecordLength,

        /// <summary>A pcapng block length is not a multiple of 4, smaller than 12, or the trailing copy differs.</summary>
        InvalidBlockLength,

        /// <summary>A pcapng Section Header Block has an unknown byte-order magic or an unsupported major version.</summary>
        InvalidSectionHeader,

        /// <summary>A pcapng packet block names an interface that no Interface Description Block declared.</summary>
        UnknownInterface,

        /// <summary>A pcap header has an unsupported major version.</summary>
        UnsupportedVersion,

        /// <summary>The gzip layer is corrupt (the decompressor rejected the data).</summary>
        CorruptCompressedData,

        /// <summary>An interface uses a link type this library cannot decode (its packets are counted and skipped).</summary>
        UnsupportedLinkType,
    }
}
