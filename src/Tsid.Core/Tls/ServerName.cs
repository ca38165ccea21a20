using System;

namespace Tsid.Tls
{
    /// <summary>One entry of a server_name list (RFC 6066 3 <c>ServerName</c>).</summary>
    public readonly ref struct ServerName
    {
        /// <summary>The only name type RFC 6066 defines: <c>host_name(0)</c>.</summary>
        public const byte HostNameType = 0;

        internal ServerName(byte nameType, ReadOnlySpan<byte> name, int offset)
        {
            NameType = nameType;
            Name = name;
            Offset = offset;
        }

        /// <summary>The name_type (0 = host_name; other values kept as sent).</summary>
        public byte NameType { get; }

        /// <summary>The name bytes (ASCII for a host_name).</summary>
        public ReadOnlySpan<byte> Name { get; }

        /// <summary>The offset of the entry's name_type byte in the message body.</summary>
        public int Offset { get; }

        /// <summary>True for a host_name entry.</summary>
        public bool IsHostName => NameType == HostNameType;

        /// <summary>The syntax verdict on a host_name (RFC 6066 3); computed on request.</summary>
        public SniHostNameStatus Status => SniHostName.Validate(Name);

        /// <summary>The name as a string (Latin-1, so every byte stays visible, NUL included). Allocates.</summary>
        /// <returns>The name.</returns>
        public string GetString() => Latin1.GetString(Name);
    }
}
