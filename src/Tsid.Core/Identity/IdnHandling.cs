namespace Tsid.Identity
{
    /// <summary>What to do with a name that holds Unicode (U-label) characters.</summary>
    public enum IdnHandling : byte
    {
        /// <summary>Convert each Unicode label to its A-label (<c>xn--</c> + Punycode, RFC 3492) after lower-casing, and flag it.</summary>
        ConvertToALabels = 0,

        /// <summary>Reject the name with <see cref="HostNameStatus.NonAscii"/>.</summary>
        Reject = 1,
    }
}
