namespace Tsid.Identity
{
    /// <summary>The outcome of <see cref="HostName.Normalize(System.ReadOnlySpan{char}, System.Span{char}, out int, out HostNameFlags, IdnHandling)"/>: valid, or what was wrong.</summary>
    public enum HostNameStatus : byte
    {
        /// <summary>The name is a valid host name (or IP literal) and was written in normal form.</summary>
        Valid = 0,

        /// <summary>The name is empty, or is only the root (a lone dot).</summary>
        Empty,

        /// <summary>The name is longer than <see cref="HostName.MaxLength"/> characters once normalised (RFC 1035 2.3.4).</summary>
        TooLong,

        /// <summary>Two dots in a row, or a leading dot: a label is empty.</summary>
        EmptyLabel,

        /// <summary>A label is longer than <see cref="HostName.MaxLabelLength"/> characters (RFC 1035 2.3.4).</summary>
        LabelTooLong,

        /// <summary>A character that is not a letter, digit, hyphen or underscore (space, comma, control character, ...).</summary>
        InvalidCharacter,

        /// <summary>A label starts or ends with a hyphen (RFC 952, RFC 1123 2.1).</summary>
        HyphenAtLabelEdge,

        /// <summary>An asterisk outside the left-most label, or more than one asterisk.</summary>
        InvalidWildcard,

        /// <summary>An <c>xn--</c> label is not valid Punycode (RFC 3492), or a Unicode label cannot be an IDN label.</summary>
        InvalidIdn,

        /// <summary>The input bytes are not well-formed UTF-8.</summary>
        InvalidUtf8,

        /// <summary>The name contains non-ASCII characters and <see cref="IdnHandling.Reject"/> was asked for.</summary>
        NonAscii,

        /// <summary>The destination buffer is too small; <see cref="HostName.MaxLength"/> characters always suffice.</summary>
        DestinationTooSmall,
    }
}
