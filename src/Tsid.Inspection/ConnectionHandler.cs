namespace Tsid.Inspection
{
    /// <summary>
    /// Receives each inspected connection. <paramref name="connection"/> is a view over the inspector's buffers, valid only
    /// during the call: read what you need, or keep <see cref="InspectedConnection.ToRecord"/>.
    /// </summary>
    /// <param name="connection">The connection, its handshake facts, identity and decision.</param>
    public delegate void ConnectionHandler(in InspectedConnection connection);
}
