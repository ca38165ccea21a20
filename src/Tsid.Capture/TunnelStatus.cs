namespace Tsid.Capture
{
    /// <summary>How far a tunnel got (see <see cref="TunnelInfo.Status"/>).</summary>
    public enum TunnelStatus : byte
    {
        /// <summary>The negotiation had started and not finished when the flow ended (or bytes were missing).</summary>
        Negotiating = 0,

        /// <summary>The tunnel was set up and TLS follows it.</summary>
        Tls,

        /// <summary>The tunnel was set up but what follows is not TLS: a tunnel to a non-TLS service (not an error).</summary>
        NotTls,

        /// <summary>The proxy refused (a non-2xx CONNECT answer, a SOCKS rejection or failed authentication).</summary>
        Refused,

        /// <summary>A negotiation message after the first one was malformed (<see cref="TunnelInfo.Error"/> says where).</summary>
        Invalid,
    }
}
