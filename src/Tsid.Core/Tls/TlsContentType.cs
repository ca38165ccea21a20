namespace Tsid.Tls
{
    /// <summary>The record-layer content type (RFC 8446 5.1 <c>ContentType</c>, RFC 6520 for heartbeat). Open: other values keep their wire value.</summary>
    public enum TlsContentType : byte
    {
        /// <summary>Not a record content type (RFC 8446 <c>invalid(0)</c>).</summary>
        Invalid = 0,

        /// <summary><c>change_cipher_spec(20)</c>.</summary>
        ChangeCipherSpec = 20,

        /// <summary><c>alert(21)</c>.</summary>
        Alert = 21,

        /// <summary><c>handshake(22)</c>.</summary>
        Handshake = 22,

        /// <summary><c>application_data(23)</c>; in TLS 1.3 also the outer type of every encrypted record.</summary>
        ApplicationData = 23,

        /// <summary><c>heartbeat(24)</c> (RFC 6520).</summary>
        Heartbeat = 24,
    }
}
