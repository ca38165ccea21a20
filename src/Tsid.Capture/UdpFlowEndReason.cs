namespace Tsid.Capture
{
    /// <summary>Why a UDP flow ended (UDP has no FIN: flows end by silence, capacity or the end of the capture).</summary>
    public enum UdpFlowEndReason : byte
    {
        /// <summary>The flow has not ended.</summary>
        None = 0,

        /// <summary>No datagram for longer than <see cref="UdpFlowOptions.IdleTimeout"/> (capture time).</summary>
        Idle,

        /// <summary>Evicted to stay within <see cref="UdpFlowOptions.MaxFlows"/>.</summary>
        Capacity,

        /// <summary>The capture ended while the flow was open.</summary>
        EndOfCapture,
    }
}
