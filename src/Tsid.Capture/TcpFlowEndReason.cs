namespace Tsid.Capture
{
    /// <summary>Why a TCP flow ended.</summary>
    public enum TcpFlowEndReason : byte
    {
        /// <summary>The flow has not ended.</summary>
        None = 0,

        /// <summary>Both sides sent FIN.</summary>
        Fin,

        /// <summary>A side sent RST.</summary>
        Reset,

        /// <summary>No packet for longer than <see cref="TcpReassemblerOptions.IdleTimeout"/> (capture time).</summary>
        Idle,

        /// <summary>Evicted to stay within <see cref="TcpReassemblerOptions.MaxFlows"/>.</summary>
        Capacity,

        /// <summary>A new SYN reused the 5-tuple of a flow that had not ended.</summary>
        PortReused,

        /// <summary>The capture ended while the flow was open (<see cref="TcpReassembler.Flush"/>).</summary>
        EndOfCapture,
    }
}
