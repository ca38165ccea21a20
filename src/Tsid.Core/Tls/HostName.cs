using System;

namespace Tsid.Tls
{
    /// <summary>Checks the syntax of a server_name host_name (RFC 6066 3, RFC 1035 2.3.4).</summary>
    public static class HostName
    {
        /// <summary>The longest name without a trailing dot (RFC 1035 2.3.4: 255 octets on the wire).</summary>
        public const int MaxLength = 253;

        /// <summary>The longest label (RFC 1035 2.3.4).</summary>
        public const int MaxLabelLength = 63;

        /// <summary>Classifies a host name; the first problem found wins, in the order of <see cref="HostNameStatus"/>'s checks.</summary>
        /// <param name="name">The ASCII bytes of the name.</param>
        /// <returns><see cref="HostNameStatus.Valid"/> or what is wrong.</returns>
        public static HostNameStatus Validate(ReadOnlySpan<byte> name)
        {
            if (name.IsEmpty)
            {
                return HostNameStatus.Empty;
            }

            bool onlyDigitsAndDots = true;
            bool illegal = false;
            for (int i = 0; i < name.Length; i++)
            {
                byte c = name[i];
                if (c == (byte)':')
                {
                    return HostNameStatus.IPv6Literal;
                }

                bool digit = (uint)(c - '0') <= 9;
                bool letter = (uint)((c | 0x20) - 'a') <= 'z' - 'a';
                if (!digit && c != (byte)'.')
                {
                    onlyDigitsAndDots = false;
                }

                if (!digit && !letter && c != (byte)'-' && c != (byte)'_' && c != (byte)'.')
                {
                    illegal = true;
                }
            }

            if (illegal)
            {
                return HostNameStatus.IllegalCharacter;
            }

            if (name[name.Length - 1] == (byte)'.')
            {
                return HostNameStatus.TrailingDot;
            }

            int labelLength = 0;
            for (int i = 0; i <= name.Length; i++)
            {
                if (i == name.Length || name[i] == (byte)'.')
                {
                    if (labelLength == 0)
                    {
                        return HostNameStatus.EmptyLabel;
                    }

                    if (labelLength > MaxLabelLength)
                    {
                        return HostNameStatus.LabelTooLong;
                    }

                    labelLength = 0;
                }
                else
                {
                    labelLength++;
                }
            }

            if (name.Length > MaxLength)
            {
                return HostNameStatus.TooLong;
            }

            // A dotted quad (or any all-numeric dotted name of 4 labels) is an IPv4 literal; a top-level label is never all digits.
            if (onlyDigitsAndDots)
            {
                return HostNameStatus.IPv4Literal;
            }

            return HostNameStatus.Valid;
        }
    }
}
