namespace Tsid.Capture
{
    /// <summary>How an inspection ended: the capture error (if any) with its offset, and the counters.</summary>
    public sealed class CaptureInspectionResult
    {
        internal CaptureInspectionResult(CaptureFormat format, bool isCompressed, CaptureError error, long errorOffset, LinkType? unsupportedLinkType, CaptureStatistics statistics)
        {
            Format = format;
            IsCompressed = isCompressed;
            Error = error;
            ErrorOffset = errorOffset;
            UnsupportedLinkType = unsupportedLinkType;
            Statistics = statistics;
        }

        /// <summary>The capture format.</summary>
        public CaptureFormat Format { get; }

        /// <summary>True when the file was gzip-compressed.</summary>
        public bool IsCompressed { get; }

        /// <summary>
        /// The first problem: the reader's error (not a capture, truncated, ...), else
        /// <see cref="CaptureError.UnsupportedLinkType"/> when some frames could not be decoded for their link type.
        /// Everything read before it was reported.
        /// </summary>
        public CaptureError Error { get; }

        /// <summary>Byte offset in the (decompressed) file of <see cref="Error"/>, or -1.</summary>
        public long ErrorOffset { get; }

        /// <summary>The first undecodable link type met, or null.</summary>
        public LinkType? UnsupportedLinkType { get; }

        /// <summary>The counters.</summary>
        public CaptureStatistics Statistics { get; }
    }
}
