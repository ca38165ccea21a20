using Tsid.Capture;
using Tsid.Tls;

namespace Tsid.Inspection
{
    /// <summary>What went wrong in one direction of a connection: a TLS parse error, or a gap where the capture lost bytes.</summary>
    public readonly struct ConnectionError
    {
        /// <summary>Creates an error.</summary>
        /// <param name="direction">The direction whose bytes are concerned.</param>
        /// <param name="isGap">True for a gap, false for a parse error.</param>
        /// <param name="code">The parse error's code (<see cref="TlsErrorCode.None"/> for a gap).</param>
        /// <param name="offset">Byte offset in that direction's stream, counted from the TLS start.</param>
        public ConnectionError(FlowDirection direction, bool isGap, TlsErrorCode code, long offset)
        {
            Direction = direction;
            IsGap = isGap;
            Code = code;
            Offset = offset;
        }

        /// <summary>The direction whose bytes are concerned.</summary>
        public FlowDirection Direction { get; }

        /// <summary>True for a gap (bytes the capture does not have), false for a TLS parse error.</summary>
        public bool IsGap { get; }

        /// <summary>The parse error's code; <see cref="TlsErrorCode.None"/> for a gap.</summary>
        public TlsErrorCode Code { get; }

        /// <summary>Byte offset in that direction's stream, counted from the TLS start.</summary>
        public long Offset { get; }

        /// <summary><c>ClientToServer: TruncatedRecord@17</c> or <c>ServerToClient: gap@1460</c>.</summary>
        /// <returns>Text for logs.</returns>
        public override string ToString() =>
            Direction.ToString() + ": " + (IsGap ? "gap" : Code.ToString()) + "@" + Offset.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
