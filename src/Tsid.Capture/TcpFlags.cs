using System;

namespace Tsid.Capture
{
    /// <summary>TCP header control bits (RFC 9293 3.1), low byte of the flags field.</summary>
    [Flags]
    public enum TcpFlags : byte
    {
        /// <summary>No flag.</summary>
        None = 0,

        /// <summary>No more data from sender.</summary>
        Fin = 0x01,

        /// <summary>Synchronize sequence numbers.</summary>
        Syn = 0x02,

        /// <summary>Reset the connection.</summary>
        Rst = 0x04,

        /// <summary>Push function.</summary>
        Psh = 0x08,

        /// <summary>Acknowledgment field is significant.</summary>
        Ack = 0x10,

        /// <summary>Urgent pointer field is significant.</summary>
        Urg = 0x20,

        /// <summary>ECN-Echo (RFC 3168).</summary>
        Ece = 0x40,

        /// <summary>Congestion Window Reduced (RFC 3168).</summary>
        Cwr = 0x80,
    }
}
