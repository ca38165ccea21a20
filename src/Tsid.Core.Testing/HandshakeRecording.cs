using System;
using System.Collections.Generic;
using System.Security.Authentication;

namespace Tsid.Testing
{
    /// <summary>The bytes each side of a recorded TLS connection wrote, in order: what a firewall sees on the wire.</summary>
    /// <param name="ClientToServer">Everything the client wrote (ClientHello first).</param>
    /// <param name="ServerToClient">Everything the server wrote.</param>
    public sealed record HandshakeRecording(byte[] ClientToServer, byte[] ServerToClient)
    {
        /// <summary>Every write of both sides in the order they happened, with the boundaries the TLS stack chose (true = from the client).</summary>
        public IReadOnlyList<(bool FromClient, byte[] Data)> Writes { get; init; } = Array.Empty<(bool, byte[])>();

        /// <summary>The protocol the client negotiated (<see cref="SslProtocols.None"/> when the handshake failed).</summary>
        public SslProtocols NegotiatedProtocol { get; init; }

        /// <summary>The ALPN protocol negotiated, or null for none.</summary>
        public string? NegotiatedApplicationProtocol { get; init; }

        /// <summary>Why the handshake failed (an alert, a timeout), or null when it completed; the bytes up to the failure are kept.</summary>
        public Exception? Failure { get; init; }
    }
}
