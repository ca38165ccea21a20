using System;

namespace Tsid.Capture
{
    /// <summary>
    /// What <see cref="CaptureInspector"/> reports about UDP, when its <see cref="IFlowConsumer"/> also implements this
    /// interface: the consumer classifies each datagram by content (on any port), and the inspector tracks the QUIC and
    /// DTLS ones as flows keyed by 5-tuple and hands their datagrams over in capture order. Other datagrams are counted
    /// (<see cref="CaptureStatistics.IgnoredUdpDatagrams"/>) and dropped; DNS answers are still read from port 53.
    /// Calls are synchronous and single-threaded, like <see cref="IFlowConsumer"/>'s.
    /// </summary>
    /// <remarks>
    /// The classifier lives with the consumer because the content tests (QUIC's header form and version, the RFC 7983
    /// first-byte demultiplexing of DTLS from STUN, TURN and RTP) belong to the protocol parsers, which this package
    /// does not reference.
    /// </remarks>
    public interface IDatagramConsumer
    {
        /// <summary>
        /// Says what <paramref name="datagram"/> (a UDP payload) carries and whether it may start a flow (see
        /// <see cref="UdpFlowOpening"/>). Called for every UDP datagram except DNS responses; must not throw on any bytes.
        /// </summary>
        /// <param name="datagram">The UDP payload, valid only during the call.</param>
        /// <param name="opening">Whether the datagram may open a new flow, and which end sent it.</param>
        /// <returns>The kind; <see cref="UdpPayloadKind.Other"/> to ignore the datagram.</returns>
        UdpPayloadKind ClassifyDatagram(ReadOnlySpan<byte> datagram, out UdpFlowOpening opening);

        /// <summary>A UDP flow started with the datagram about to be reported (<see cref="UdpFlow.Kind"/> is its kind).</summary>
        /// <param name="flow">The flow.</param>
        void OnUdpFlowStarted(UdpFlow flow);

        /// <summary>A QUIC or DTLS datagram of <paramref name="flow"/>.</summary>
        /// <param name="flow">The flow.</param>
        /// <param name="direction">Which end sent it.</param>
        /// <param name="kind">What the classifier said it carries: always the flow's <see cref="UdpFlow.Kind"/> (datagrams of another kind on the 5-tuple are counted as ignored).</param>
        /// <param name="datagram">The UDP payload, valid only during the call.</param>
        void OnDatagram(UdpFlow flow, FlowDirection direction, UdpPayloadKind kind, ReadOnlySpan<byte> datagram);

        /// <summary>The flow ended (<see cref="UdpFlow.EndReason"/>); the last call for it.</summary>
        /// <param name="flow">The flow.</param>
        void OnUdpFlowEnded(UdpFlow flow);
    }
}
