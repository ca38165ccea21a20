namespace Tsid.Policy
{
    /// <summary>What loading a domain list does with a line it cannot read.</summary>
    public enum DomainListMode : byte
    {
        /// <summary>Any bad line fails the load with a <see cref="DomainListFormatException"/> listing every bad line.</summary>
        Strict = 0,

        /// <summary>Bad lines are skipped and counted in <see cref="DomainListReport"/>; the rest of the list is loaded.</summary>
        Lenient,
    }
}
