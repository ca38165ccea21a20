namespace Tsid.Capture
{
    /// <summary>Why <see cref="DnsResponseReader.Read"/> stopped reading a DNS message.</summary>
    public enum DnsError : byte
    {
        /// <summary>The message was read (answers that could be read are returned).</summary>
        None = 0,

        /// <summary>The message ends inside the header, a question, a record or a name.</summary>
        Truncated,

        /// <summary>QR is 0 (a query) or the opcode is not QUERY: nothing to read.</summary>
        NotAResponse,

        /// <summary>A compression pointer does not point strictly backwards, or too many pointers were followed (RFC 1035 4.1.4).</summary>
        InvalidPointer,

        /// <summary>A name is longer than 255 octets (RFC 1035 2.3.4), or uses a reserved label type.</summary>
        InvalidName,

        /// <summary>More records than <see cref="DnsResponseReader.MaxRecords"/>.</summary>
        TooManyRecords,
    }
}
