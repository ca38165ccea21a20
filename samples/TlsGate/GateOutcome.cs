namespace Tsid.Samples.TlsGate
{
    /// <summary>How a connection through the gateway ended: the log's <c>gate.outcome</c> (snake case).</summary>
    public enum GateOutcome : byte
    {
        /// <summary>Allowed: relayed until one side closed.</summary>
        Relayed,

        /// <summary>The policy blocked it; closed before any application data (and, decided on the ClientHello, before connecting upstream).</summary>
        Blocked,

        /// <summary>The client's first bytes are not a TLS record (or the ClientHello does not parse); closed at once.</summary>
        NotTls,

        /// <summary>More than <see cref="TlsGateOptions.MaxClientHelloBytes"/> arrived without a complete ClientHello.</summary>
        ClientHelloTooLarge,

        /// <summary>The client closed before its ClientHello was complete.</summary>
        ClientClosed,

        /// <summary><see cref="TlsGateOptions.HandshakeTimeout"/> passed before the verdict.</summary>
        HandshakeTimeout,

        /// <summary>The upstream could not be reached within <see cref="TlsGateOptions.ConnectTimeout"/>.</summary>
        UpstreamUnreachable,

        /// <summary>The upstream closed before the verdict (nothing of it was relayed).</summary>
        UpstreamClosed,

        /// <summary>The upstream's bytes are not a TLS server flight; closed (fail closed).</summary>
        ServerInvalid,

        /// <summary>More than <see cref="TlsGateOptions.MaxServerFlightBytes"/> of server flight without a verdict.</summary>
        ServerFlightTooLarge,

        /// <summary><see cref="TlsGateOptions.MaxConcurrentConnections"/> were already open; closed at once.</summary>
        OverCapacity,
    }

    /// <summary>Where the verdict was made: the log's <c>gate.decided_at</c>.</summary>
    public enum DecisionPoint : byte
    {
        /// <summary>No verdict was made.</summary>
        None,

        /// <summary>From the ClientHello (SNI), before connecting upstream.</summary>
        ClientHello,

        /// <summary>At the ServerHello: TLS 1.3, where the certificate is encrypted (RFC 8446 4.3), or a TLS 1.2 resumption without one.</summary>
        ServerHello,

        /// <summary>At the server's Certificate message (TLS 1.2 and older, RFC 5246 7.4.2).</summary>
        ServerCertificate,
    }
}
