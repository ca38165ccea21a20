namespace Tsid.Tls
{
    /// <summary>Which half of a TCP connection bytes belong to.</summary>
    public enum TlsDirection : byte
    {
        /// <summary>Client to server (ClientHello, client Certificate, …).</summary>
        ClientToServer = 0,

        /// <summary>Server to client (ServerHello, Certificate, …).</summary>
        ServerToClient = 1,
    }
}
