namespace Tsid.Capture
{
    /// <summary>Which side of a TCP connection sent the bytes.</summary>
    public enum FlowDirection : byte
    {
        /// <summary>From the client (the side that sent the SYN, or the side guessed to be the client) to the server.</summary>
        ClientToServer = 0,

        /// <summary>From the server to the client.</summary>
        ServerToClient = 1,
    }
}
