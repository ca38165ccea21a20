namespace Tsid.Capture
{
    /// <summary>The container format of a capture file, recognised from its first bytes.</summary>
    public enum CaptureFormat
    {
        /// <summary>Not recognised (yet): too few bytes, or not a capture.</summary>
        Unknown = 0,

        /// <summary>libpcap format (magic <c>0xA1B2C3D4</c> for microseconds, <c>0xA1B23C4D</c> for nanoseconds, either byte order).</summary>
        Pcap = 1,

        /// <summary>pcapng (draft-ietf-opsawg-pcapng): a Section Header Block first, then interfaces and packets.</summary>
        PcapNg = 2,
    }
}
