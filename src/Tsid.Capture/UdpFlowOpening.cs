namespace Tsid.Capture
{
    /// <summary>Whether a datagram may start a UDP flow, and which end sent it.</summary>
    /// <remarks>
    /// UDP has no SYN: the side that sent the first handshake datagram is the client (a QUIC long-header Initial,
    /// RFC 9000 17.2.2; a DTLS ClientHello, RFC 6347 4.2). A datagram that shows it comes from the server (a DTLS
    /// ServerHello or HelloVerifyRequest whose client flight was not captured) may open the flow the other way round.
    /// </remarks>
    public enum UdpFlowOpening : byte
    {
        /// <summary>The datagram cannot start a flow (mid-connection traffic whose start was not captured).</summary>
        None = 0,

        /// <summary>The sender is the client.</summary>
        SenderIsClient = 1,

        /// <summary>The sender is the server.</summary>
        SenderIsServer = 2,
    }
}
