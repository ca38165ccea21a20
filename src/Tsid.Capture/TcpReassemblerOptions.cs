using System;

namespace Tsid.Capture
{
    /// <summary>Limits of <see cref="TcpReassembler"/>. Every bound is here so a hostile capture cannot make memory grow without limit.</summary>
    public sealed record TcpReassemblerOptions
    {
        /// <summary>The defaults (see each property).</summary>
        public static TcpReassemblerOptions Default { get; } = new();

        /// <summary>Out-of-order bytes buffered per direction before the missing bytes are given up as a gap. Default 256 KiB (a generous receive window).</summary>
        public int MaxBufferedBytesPerDirection { get; init; } = 256 * 1024;

        /// <summary>Out-of-order segments buffered per direction. Default 256.</summary>
        public int MaxBufferedSegmentsPerDirection { get; init; } = 256;

        /// <summary>Out-of-order bytes buffered over all flows. Default 64 MiB.</summary>
        public long MaxBufferedBytesTotal { get; init; } = 64L * 1024 * 1024;

        /// <summary>A segment starting further than this ahead of the next expected byte is not buffered: the flow gets a gap. Default 1 MiB.</summary>
        public int MaxSequenceLead { get; init; } = 1024 * 1024;

        /// <summary>Flows tracked at once (open and recently closed); beyond it, the least recently active is evicted. Default 262,144.</summary>
        public int MaxFlows { get; init; } = 262_144;

        /// <summary>A flow without packets for this long (capture time) is ended as <see cref="TcpFlowEndReason.Idle"/>. Default 5 minutes.</summary>
        public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(5);

        /// <summary>
        /// How long (capture time) an ended flow's 5-tuple is remembered, so that its late ACKs and retransmissions do not
        /// look like a new flow (tombstones are swept once per period, so one is kept between one and two periods).
        /// Default 30 seconds.
        /// </summary>
        public TimeSpan ClosedFlowLinger { get; init; } = TimeSpan.FromSeconds(30);

        internal void Validate()
        {
            if (MaxBufferedBytesPerDirection < 0 || MaxBufferedSegmentsPerDirection < 0 || MaxBufferedBytesTotal < 0
                || MaxSequenceLead < 1 || MaxFlows < 1 || IdleTimeout <= TimeSpan.Zero || ClosedFlowLinger < TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(TcpReassemblerOptions), "Reassembly limits must be positive.");
            }
        }
    }
}
