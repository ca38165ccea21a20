using System;

namespace Tsid.Capture
{
    /// <summary>
    /// Receives what <see cref="TcpReassembler"/> makes of TCP segments: flows as they start, each direction's bytes
    /// in order as soon as they are contiguous, gaps, and ends. Called synchronously from
    /// <see cref="TcpReassembler.ProcessSegment(FlowEndpoint, FlowEndpoint, uint, uint, TcpFlags, ReadOnlySpan{byte}, long, int)"/>.
    /// </summary>
    public interface ITcpStreamHandler
    {
        /// <summary>A new flow (after a SYN, or the first data segment of a flow whose start was not captured).</summary>
        void OnFlowStarted(TcpFlow flow);

        /// <summary>
        /// The next in-order bytes of one direction; the first call of a direction starts at stream offset 0, each next
        /// call continues where the previous ended. <paramref name="data"/> is valid only during the call.
        /// </summary>
        void OnData(TcpFlow flow, FlowDirection direction, ReadOnlySpan<byte> data);

        /// <summary>Bytes are missing in <paramref name="direction"/> at <see cref="TcpStreamInfo.GapOffset"/>; no more data comes for that direction.</summary>
        void OnGap(TcpFlow flow, FlowDirection direction);

        /// <summary>The flow ended (<see cref="TcpFlow.EndReason"/> says why); it is the last call for the flow.</summary>
        void OnFlowEnded(TcpFlow flow);
    }
}
