namespace Tsid.Capture
{
    /// <summary>Settings of <see cref="CaptureInspector"/>.</summary>
    public sealed record CaptureInspectorOptions
    {
        /// <summary>The defaults.</summary>
        public static CaptureInspectorOptions Default { get; } = new();

        /// <summary>TCP reassembly limits.</summary>
        public TcpReassemblerOptions Reassembly { get; init; } = TcpReassemblerOptions.Default;

        /// <summary>UDP flow limits (used when the consumer is an <see cref="IDatagramConsumer"/>).</summary>
        public UdpFlowOptions Udp { get; init; } = UdpFlowOptions.Default;

        /// <summary>Cleartext bytes scanned per direction for a STARTTLS dialogue before a flow is called not TLS. Default 64 KiB.</summary>
        public int MaxPreTlsBytes { get; init; } = 64 * 1024;

        /// <summary>Client bytes held between its STARTTLS and the server's answer (normally none). Default 16 KiB.</summary>
        public int MaxHeldBytes { get; init; } = 16 * 1024;

        /// <summary>Read DNS responses from UDP source port 53 and report their A/AAAA answers. Default true.</summary>
        public bool ReadDns { get; init; } = true;
    }
}
