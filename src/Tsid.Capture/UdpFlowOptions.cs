using System;

namespace Tsid.Capture
{
    /// <summary>Limits of UDP flow tracking in <see cref="CaptureInspector"/>: every bound a hostile capture could push on.</summary>
    public sealed record UdpFlowOptions
    {
        /// <summary>The defaults (see each property).</summary>
        public static UdpFlowOptions Default { get; } = new();

        /// <summary>
        /// UDP flows tracked at once; beyond it the least recently active flow is ended as
        /// <see cref="UdpFlowEndReason.Capacity"/> and counted (<see cref="CaptureStatistics.EvictedUdpFlows"/>). Only
        /// flows that opened with a QUIC or DTLS handshake datagram take a slot. Default 65,536.
        /// </summary>
        public int MaxFlows { get; init; } = 65_536;

        /// <summary>
        /// A flow without a datagram for this long (capture time) is ended as <see cref="UdpFlowEndReason.Idle"/>. Default
        /// 2 minutes: the shortest UDP mapping lifetime RFC 4787 (REQ-5) lets a NAT use, and longer than QUIC's common
        /// 30-second idle timeout (RFC 9000 10.1), so a flow a middlebox still holds is one flow here too.
        /// </summary>
        public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(2);

        internal void Validate()
        {
            if (MaxFlows < 1 || IdleTimeout <= TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(UdpFlowOptions), "UDP flow limits must be positive.");
            }
        }
    }
}
