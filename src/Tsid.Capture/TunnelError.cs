using System.Globalization;

namespace Tsid.Capture
{
    /// <summary>A tunnel parse error: what was wrong and at which byte offset of the input (or of the direction's stream, in <see cref="TunnelInfo.Error"/>).</summary>
    public readonly struct TunnelError
    {
        /// <summary>Creates an error.</summary>
        /// <param name="code">What was wrong.</param>
        /// <param name="offset">Where.</param>
        public TunnelError(TunnelErrorCode code, int offset)
        {
            Code = code;
            Offset = offset;
        }

        /// <summary>What was wrong (<see cref="TunnelErrorCode.None"/> for no error).</summary>
        public TunnelErrorCode Code { get; }

        /// <summary>The byte offset of the first wrong byte.</summary>
        public int Offset { get; }

        /// <summary>True when <see cref="Code"/> is not <see cref="TunnelErrorCode.None"/>.</summary>
        public bool IsError => Code != TunnelErrorCode.None;

        /// <summary>"Code at offset N"; allocates.</summary>
        /// <returns>Text.</returns>
        public override string ToString() => Code.ToString() + " at offset " + Offset.ToString(CultureInfo.InvariantCulture);
    }
}
