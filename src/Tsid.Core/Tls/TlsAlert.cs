namespace Tsid.Tls
{
    /// <summary>A plaintext alert seen by a <see cref="TlsConnectionObserver"/>.</summary>
    public readonly struct TlsAlert
    {
        /// <summary>Creates an alert record.</summary>
        /// <param name="direction">Who sent it.</param>
        /// <param name="level">The level.</param>
        /// <param name="description">The description.</param>
        /// <param name="streamOffset">Where in the sender's stream.</param>
        public TlsAlert(TlsDirection direction, TlsAlertLevel level, TlsAlertDescription description, long streamOffset)
        {
            Direction = direction;
            Level = level;
            Description = description;
            StreamOffset = streamOffset;
        }

        /// <summary>Who sent it.</summary>
        public TlsDirection Direction { get; }

        /// <summary>The level (warning or fatal).</summary>
        public TlsAlertLevel Level { get; }

        /// <summary>The description, e.g. <see cref="TlsAlertDescription.UnrecognizedName"/>.</summary>
        public TlsAlertDescription Description { get; }

        /// <summary>The offset of the alert in the sender's stream.</summary>
        public long StreamOffset { get; }

        /// <summary>For example <c>ServerToClient Fatal UnrecognizedName</c>.</summary>
        /// <returns>The text.</returns>
        public override string ToString() => Direction + " " + Level + " " + Description;
    }
}
