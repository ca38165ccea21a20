namespace Tsid.Capture
{
    /// <summary>
    /// Link-layer header types (the tcpdump.org LINKTYPE_ registry values, as stored in pcap and pcapng files).
    /// Only the named members are decoded; any other value passes through as a number.
    /// </summary>
    public enum LinkType : ushort
    {
        /// <summary>LINKTYPE_NULL (0): BSD loopback; a 4-byte address family in the capturing host's byte order.</summary>
        Null = 0,

        /// <summary>LINKTYPE_ETHERNET (1): IEEE 802.3 Ethernet, with optional 802.1Q / 802.1ad (QinQ) tags.</summary>
        Ethernet = 1,

        /// <summary>LINKTYPE_RAW (101): raw IPv4 or IPv6; the version nibble tells which.</summary>
        Raw = 101,

        /// <summary>LINKTYPE_LOOP (108): OpenBSD loopback; like <see cref="Null"/> but the family is big-endian.</summary>
        Loop = 108,

        /// <summary>LINKTYPE_LINUX_SLL (113): Linux "cooked" capture, 16-byte header.</summary>
        LinuxSll = 113,

        /// <summary>LINKTYPE_IPV4 (228): raw IPv4.</summary>
        IPv4 = 228,

        /// <summary>LINKTYPE_IPV6 (229): raw IPv6.</summary>
        IPv6 = 229,

        /// <summary>LINKTYPE_LINUX_SLL2 (276): Linux "cooked" capture v2, 20-byte header.</summary>
        LinuxSll2 = 276,
    }
}
