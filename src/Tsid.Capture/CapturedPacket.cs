using System;

namespace Tsid.Capture
{
    /// <summary>
    /// One packet record as read from a capture file: the captured bytes (a view into the reader's buffer, valid until
    /// the next read), the link type of its interface and its timestamp.
    /// </summary>
    public readonly ref struct CapturedPacket
    {
        internal CapturedPacket(ReadOnlySpan<byte> data, LinkType linkType, int interfaceId, long timestampNanoseconds, int originalLength, long offset, long frameNumber)
        {
            Data = data;
            LinkType = linkType;
            InterfaceId = interfaceId;
            TimestampNanoseconds = timestampNanoseconds;
            OriginalLength = originalLength;
            Offset = offset;
            FrameNumber = frameNumber;
        }

        /// <summary>The captured bytes, starting with the link-layer header. Valid until the reader reads again.</summary>
        public ReadOnlySpan<byte> Data { get; }

        /// <summary>The link type of the interface the packet was captured on.</summary>
        public LinkType LinkType { get; }

        /// <summary>The pcapng interface id (0 for pcap files).</summary>
        public int InterfaceId { get; }

        /// <summary>Nanoseconds since 1970-01-01T00:00:00Z (pcap µs and pcapng resolutions are converted).</summary>
        public long TimestampNanoseconds { get; }

        /// <summary>The timestamp as a <see cref="DateTimeOffset"/> (100 ns resolution).</summary>
        public DateTimeOffset Timestamp => CaptureTime.ToDateTimeOffset(TimestampNanoseconds);

        /// <summary>The packet's length on the wire; larger than <see cref="Data"/> when the capture was cut at a snap length.</summary>
        public int OriginalLength { get; }

        /// <summary>Byte offset of the record (pcap) or block (pcapng) in the decompressed file.</summary>
        public long Offset { get; }

        /// <summary>1-based packet number in the file, counted the way tshark numbers frames.</summary>
        public long FrameNumber { get; }
    }
}
