namespace Tsid.Testing
{
    /// <summary>The bytes each side of a recorded TLS connection wrote, in order: what a firewall sees on the wire.</summary>
    /// <param name="ClientToServer">Everything the client wrote (ClientHello first).</param>
    /// <param name="ServerToClient">Everything the server wrote.</param>
    public sealed record HandshakeRecording(byte[] ClientToServer, byte[] ServerToClient);
}
