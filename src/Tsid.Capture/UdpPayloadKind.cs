namespace Tsid.Capture
{
    /// <summary>
    /// What a UDP datagram carries, as far as TLS inspection cares: decided from its content by the consumer's
    /// <see cref="IDatagramConsumer.ClassifyDatagram"/>, on any port.
    /// </summary>
    public enum UdpPayloadKind : byte
    {
        /// <summary>Anything else (DNS, STUN, RTP, ...): counted and ignored.</summary>
        Other = 0,

        /// <summary>QUIC packets (RFC 9000 17): the handshake travels in CRYPTO frames of Initial packets.</summary>
        Quic = 1,

        /// <summary>DTLS records (RFC 6347 4.1, RFC 9147 4).</summary>
        Dtls = 2,
    }
}
