namespace Tsid.Capture
{
    /// <summary>Whether TLS was found on a flow.</summary>
    public enum TlsStartState : byte
    {
        /// <summary>Still looking (not enough bytes yet, or a STARTTLS dialogue in progress).</summary>
        Undetermined = 0,

        /// <summary>TLS starts at <see cref="TcpFlow.ClientTlsOffset"/> and <see cref="TcpFlow.ServerTlsOffset"/>.</summary>
        Started,

        /// <summary>The flow is not TLS (or TLS was not found within <see cref="CaptureInspectorOptions.MaxPreTlsBytes"/>).</summary>
        NotTls,
    }
}
