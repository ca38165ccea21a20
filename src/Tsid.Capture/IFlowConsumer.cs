using System;

namespace Tsid.Capture
{
    /// <summary>
    /// What <see cref="CaptureInspector"/> reports, in capture order: flows, where TLS starts, each direction's TLS bytes
    /// as they become available (feed them to a TLS parser per direction), gaps, flow ends and DNS answers.
    /// Calls are synchronous and single-threaded.
    /// </summary>
    public interface IFlowConsumer
    {
        /// <summary>A TCP flow started (TLS not known yet).</summary>
        void OnFlowStarted(TcpFlow flow);

        /// <summary>
        /// TLS was found: <see cref="TcpFlow.TlsProtocol"/>, <see cref="TcpFlow.ClientTlsOffset"/> and
        /// <see cref="TcpFlow.ServerTlsOffset"/> are set. Called at most once per flow, before its first <see cref="OnTlsData"/>.
        /// </summary>
        void OnTlsStarted(TcpFlow flow);

        /// <summary>
        /// The next in-order bytes of one direction from its TLS start on (the first call of a direction starts exactly at
        /// the TLS offset). <paramref name="data"/> is valid only during the call.
        /// </summary>
        void OnTlsData(TcpFlow flow, FlowDirection direction, ReadOnlySpan<byte> data);

        /// <summary>Bytes are missing in one direction of a TLS flow (see <see cref="TcpFlow.GetStream"/>): stop parsing that direction.</summary>
        void OnGap(TcpFlow flow, FlowDirection direction);

        /// <summary>The flow ended; the last call for it. <see cref="TcpFlow.TlsState"/> is final (never undetermined here).</summary>
        void OnFlowEnded(TcpFlow flow);

        /// <summary>An address from a DNS response (UDP port 53), in capture order, so later flows to it can use the names as hints.</summary>
        void OnDnsAnswer(DnsAnswer answer);
    }
}
