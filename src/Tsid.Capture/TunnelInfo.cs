using System.Globalization;

namespace Tsid.Capture
{
    /// <summary>
    /// The tunnel a TCP flow started with (<see cref="TcpFlow.Tunnel"/>): its kind, the target the client asked for (or, for
    /// the PROXY protocol, the original destination and client), and how far it got. Set by <see cref="CaptureInspector"/>
    /// once the first tunnel message was read; final when the flow ends. <see cref="TcpFlow.Client"/> and
    /// <see cref="TcpFlow.Server"/> stay the captured endpoints (the client and the proxy).
    /// </summary>
    public sealed class TunnelInfo
    {
        internal TunnelInfo(TunnelKind kind) => Kind = kind;

        /// <summary>Which tunnel.</summary>
        public TunnelKind Kind { get; }

        /// <summary>How far it got.</summary>
        public TunnelStatus Status { get; internal set; }

        /// <summary>
        /// The target host as the client named it (CONNECT authority host, SOCKS domain name or address as text), or for the
        /// PROXY protocol the original destination address; null when not known (SOCKS 5 before its request, PROXY without addresses).
        /// </summary>
        public string? TargetHost { get; internal set; }

        /// <summary>The target port (0 when not known).</summary>
        public ushort TargetPort { get; internal set; }

        /// <summary>
        /// The host name the client asked for, when it named one: the CONNECT host, the SOCKS 4a/5 domain name or address, the
        /// PROXY v2 PP2_TYPE_AUTHORITY TLV; null otherwise (PROXY v1, v2 without the TLV). This is the identity hint.
        /// </summary>
        public string? RequestedHost { get; internal set; }

        /// <summary>True when <see cref="Source"/> holds the original client (PROXY protocol with TCP4/TCP6 or AF_INET/AF_INET6, PROXY command).</summary>
        public bool HasSource { get; internal set; }

        /// <summary>The original client's endpoint (PROXY protocol only; see <see cref="HasSource"/>).</summary>
        public FlowEndpoint Source { get; internal set; }

        /// <summary>The proxy's answer code: the HTTP status of the last CONNECT response, the SOCKS reply code, or 0.</summary>
        public int ReplyCode { get; internal set; }

        /// <summary>Why the negotiation is <see cref="TunnelStatus.Invalid"/>: the error, its offset in the direction's stream.</summary>
        public TunnelError Error { get; internal set; }

        /// <summary>The direction <see cref="Error"/> is in.</summary>
        public FlowDirection ErrorDirection { get; internal set; }

        /// <summary>"host:port" of the target (IPv6 in brackets, RFC 3986 3.2.2), or null when unknown; allocates.</summary>
        /// <returns>The target.</returns>
        public string? GetTarget()
        {
            if (TargetHost is null)
            {
                return null;
            }

            string port = TargetPort.ToString(CultureInfo.InvariantCulture);
            return TargetHost.IndexOf(':') >= 0 ? "[" + TargetHost + "]:" + port : TargetHost + ":" + port;
        }

        /// <summary>"kind target status" for logs; allocates.</summary>
        /// <returns>Text.</returns>
        public override string ToString() => Kind.ToString() + " " + (GetTarget() ?? "?") + " " + Status.ToString();
    }
}
