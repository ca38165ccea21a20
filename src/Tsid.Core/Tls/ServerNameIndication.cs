using System;
using System.Buffers;

namespace Tsid.Tls
{
    /// <summary>
    /// The SNI peek: the first host_name of a ClientHello that sits whole in the first TLS record (nearly every
    /// hello, including 1.8 KB post-quantum ones), read straight from the caller's bytes. It is a thin entry point
    /// over the one ClientHello walk (<see cref="ClientHello.TryParse(ReadOnlySpan{byte}, out ClientHello, out TlsError)"/>),
    /// run in its peek mode: the record, the hello and every length up to server_name are checked exactly as in a full
    /// parse, and so is the whole server_name list; then the walk stops. A hello without server_name is walked to its
    /// last extension header, so a truncated or malformed hello is never reported as "no SNI". It does not look at
    /// later extensions (a second server_name, other extensions' contents); the full parse does.
    /// </summary>
    public static class ServerNameIndication
    {
        /// <summary>Reads the SNI from the start of a client's stream.</summary>
        /// <param name="streamStart">The client's first bytes, starting at a record header.</param>
        /// <param name="hostName">The first host_name (a view into <paramref name="streamStart"/>), empty when the hello has no server_name.</param>
        /// <param name="error">
        /// When <see cref="OperationStatus.InvalidData"/>: what was wrong and where (an offset inside
        /// <paramref name="streamStart"/>; <see cref="TlsErrorCode.Truncated"/> then means a field runs past the end of
        /// the complete hello or record). Otherwise none.
        /// </param>
        /// <returns>
        /// <see cref="OperationStatus.Done"/>: the hello was read (<paramref name="hostName"/> may be empty);
        /// <see cref="OperationStatus.NeedMoreData"/>: the bytes are a valid beginning but the record or the hello in it
        /// is not complete yet, or the hello continues in a further record (the peek reads only the first record: feed a
        /// <see cref="TlsRecordLayer"/> or a <see cref="TlsConnectionObserver"/> then);
        /// <see cref="OperationStatus.InvalidData"/>: no further bytes can make this a ClientHello.
        /// </returns>
        public static OperationStatus TryPeek(ReadOnlySpan<byte> streamStart, out ReadOnlySpan<byte> hostName, out TlsError error)
        {
            hostName = default;
            OperationStatus status = ClientHello.LocateInFirstRecord(streamStart, out ReadOnlySpan<byte> body, out error);
            if (status != OperationStatus.Done)
            {
                return status;
            }

            TlsErrorCode code = ClientHello.PeekServerName(body, out hostName, out int at);
            if (code != TlsErrorCode.None)
            {
                error = new TlsError(code, ClientHello.BodyOffsetInRecord + at);
                return OperationStatus.InvalidData;
            }

            return OperationStatus.Done;
        }
    }
}
