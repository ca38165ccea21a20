namespace Tsid.Inspection
{
    /// <summary>The transport a connection of the capture travelled on.</summary>
    public enum ConnectionTransport : byte
    {
        /// <summary>TCP: TLS records in a reassembled byte stream (directly or after STARTTLS).</summary>
        Tcp = 0,

        /// <summary>UDP: DTLS records or QUIC packets in datagrams, one flow per 5-tuple.</summary>
        Udp = 1,
    }
}
