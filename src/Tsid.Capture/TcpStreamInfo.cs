namespace Tsid.Capture
{
    /// <summary>A snapshot of one direction of a TCP flow: how many in-order bytes were delivered and what went wrong.</summary>
    public readonly struct TcpStreamInfo
    {
        internal TcpStreamInfo(in TcpHalf half)
        {
            Length = half.Delivered;
            HasGap = half.Gap;
            GapOffset = half.Gap ? half.GapOffset : -1;
            FinSeen = half.FinSeen;
            SynSeen = half.SynSeen;
            Segments = half.Segments;
            RetransmittedSegments = half.Retransmitted;
            OutOfOrderSegments = half.OutOfOrder;
        }

        /// <summary>Bytes delivered in order (the stream offset of the next byte).</summary>
        public long Length { get; }

        /// <summary>True when bytes are missing (lost from the capture, or out-of-order data beyond the limits): the stream is incomplete from <see cref="GapOffset"/> on, and nothing after the gap is delivered.</summary>
        public bool HasGap { get; }

        /// <summary>The stream offset where the gap starts, or -1.</summary>
        public long GapOffset { get; }

        /// <summary>True when this side sent FIN.</summary>
        public bool FinSeen { get; }

        /// <summary>True when this side's SYN was captured (the initial sequence number is known, so the stream starts at its real beginning).</summary>
        public bool SynSeen { get; }

        /// <summary>Segments seen from this side (with or without data).</summary>
        public long Segments { get; }

        /// <summary>Segments whose data was, in whole or part, already delivered (retransmissions and overlaps).</summary>
        public long RetransmittedSegments { get; }

        /// <summary>Segments that arrived ahead of the next expected byte and were buffered.</summary>
        public long OutOfOrderSegments { get; }
    }
}
