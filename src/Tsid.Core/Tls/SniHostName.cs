using System;

namespace Tsid.Tls
{
    /// <summary>Checks the syntax of a server_name host_name (RFC 6066 3, RFC 1035 2.3.4).</summary>
    public static class SniHostName
    {
        /// <summary>The longest name without a trailing dot (RFC 1035 2.3.4: 255 octets on the wire).</summary>
        public const int MaxLength = 253;

        /// <summary>The longest label (RFC 1035 2.3.4).</summary>
        public const int MaxLabelLength = 63;

        /// <summary>Classifies a host name; the first problem found wins, in the order of <see cref="SniHostNameStatus"/>'s checks.</summary>
        /// <param name="name">The ASCII bytes of the name.</param>
        /// <returns><see cref="SniHostNameStatus.Valid"/> or what is wrong.</returns>
        public static SniHostNameStatus Validate(ReadOnlySpan<byte> name)
        {
            if (name.IsEmpty)
            {
                return SniHostNameStatus.Empty;
            }

            bool onlyDigitsAndDots = true;
            bool illegal = false;
            for (int i = 0; i < name.Length; i++)
            {
                byte c = name[i];
                if (c == (byte)':')
                {
                    return SniHostNameStatus.IPv6Literal;
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
                return SniHostNameStatus.IllegalCharacter;
            }

            if (name[name.Length - 1] == (byte)'.')
            {
                return SniHostNameStatus.TrailingDot;
            }

            int labelLength = 0;
            for (int i = 0; i <= name.Length; i++)
            {
                if (i == name.Length || name[i] == (byte)'.')
                {
                    if (labelLength == 0)
                    {
                        return SniHostNameStatus.EmptyLabel;
                    }

                    if (labelLength > MaxLabelLength)
                    {
                        return SniHostNameStatus.LabelTooLong;
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
                return SniHostNameStatus.TooLong;
            }

            // A dotted quad (or any all-numeric dotted name of 4 labels) is an IPv4 literal; a top-level label is never all digits.
            if (onlyDigitsAndDots)
            {
                return SniHostNameStatus.IPv4Literal;
            }

            return SniHostNameStatus.Valid;
        }
    }
}
