using System.Collections.Generic;

namespace Tsid.Capture
{
    /// <summary>Reassembly state of one direction (mutable, kept inside <see cref="TcpFlow"/>).</summary>
    internal struct TcpHalf
    {
        public bool Initialized;
        public bool SynSeen;
        public uint InitialSequence;
        public uint NextSequence;
        public long Delivered;
        public bool FinSeen;
        public uint FinSequence;
        public bool FinReached;
        public bool Gap;
        public long GapOffset;
        public long Segments;
        public long Retransmitted;
        public long OutOfOrder;
        public int PendingBytes;
        public List<PendingSegment>? Pending;

        public readonly bool Done => FinSeen && (FinReached || Gap);
    }

    /// <summary>An out-of-order segment copied into a pooled buffer.</summary>
    internal struct PendingSegment
    {
        public uint Sequence;
        public byte[] Buffer;
        public int Length;
    }
}
