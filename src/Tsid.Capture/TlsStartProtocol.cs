namespace Tsid.Capture
{
    /// <summary>How TLS started on a flow (set by <see cref="CaptureInspector"/>).</summary>
    public enum TlsStartProtocol : byte
    {
        /// <summary>Not known yet, or the flow is not TLS (see <see cref="TcpFlow.TlsState"/>).</summary>
        None = 0,

        /// <summary>TLS from the first byte of the stream (HTTPS and any other port).</summary>
        Direct,

        /// <summary>SMTP STARTTLS (RFC 3207): client <c>STARTTLS</c>, server <c>220</c>.</summary>
        Smtp,

        /// <summary>IMAP STARTTLS (RFC 9051 6.2.1): tagged <c>STARTTLS</c>, tagged <c>OK</c>.</summary>
        Imap,

        /// <summary>POP3 STLS (RFC 2595 4): <c>STLS</c>, <c>+OK</c>.</summary>
        Pop3,

        /// <summary>LDAP StartTLS (RFC 4511 4.14): extended request 1.3.6.1.4.1.1466.20037, success response.</summary>
        Ldap,

        /// <summary>XMPP STARTTLS (RFC 6120 5.4): <c>&lt;starttls/&gt;</c>, <c>&lt;proceed/&gt;</c>.</summary>
        Xmpp,
    }
}
