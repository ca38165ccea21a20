using System;
using System.Globalization;
using System.Numerics;
using System.Text;

namespace Tsid.X509
{
    /// <summary>Formats OBJECT IDENTIFIER contents octets (X.690 8.19) as dotted decimal text.</summary>
    public static class ObjectIdentifier
    {
        /// <summary>The dotted decimal form, for example "2.5.4.3"; sub-identifiers of any size are exact.</summary>
        /// <param name="contents">OID contents octets, as returned by <see cref="DerReader.TryReadObjectIdentifier"/>.</param>
        /// <exception cref="ArgumentException"><paramref name="contents"/> is not a valid OID encoding.</exception>
        public static string ToDottedString(ReadOnlySpan<byte> contents)
        {
            if (!DerReader.IsValidOid(contents))
            {
                throw new ArgumentException("Not a valid OBJECT IDENTIFIER encoding.", nameof(contents));
            }

            StringBuilder text = new StringBuilder(contents.Length * 3);
            bool first = true;
            int start = 0;
            for (int i = 0; i < contents.Length; i++)
            {
                if ((contents[i] & 0x80) != 0)
                {
                    continue;
                }

                ReadOnlySpan<byte> sub = contents.Slice(start, i - start + 1);
                start = i + 1;
                if (sub.Length <= 8)
                {
                    ulong value = 0;
                    for (int j = 0; j < sub.Length; j++)
                    {
                        value = (value << 7) | (uint)(sub[j] & 0x7F);
                    }

                    if (first)
                    {
                        // X.690 8.19.4: the first sub-identifier packs the first two arcs as 40 * X + Y.
                        ulong arc0 = value < 40 ? 0UL : value < 80 ? 1UL : 2UL;
                        text.Append(arc0.ToString(CultureInfo.InvariantCulture)).Append('.').Append((value - (arc0 * 40)).ToString(CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        text.Append('.').Append(value.ToString(CultureInfo.InvariantCulture));
                    }
                }
                else
                {
                    BigInteger value = BigInteger.Zero;
                    for (int j = 0; j < sub.Length; j++)
                    {
                        value = (value << 7) | (sub[j] & 0x7F);
                    }

                    if (first)
                    {
                        text.Append("2.").Append((value - 80).ToString(CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        text.Append('.').Append(value.ToString(CultureInfo.InvariantCulture));
                    }
                }

                first = false;
            }

            return text.ToString();
        }

        /// <summary>True when <paramref name="contents"/> encodes exactly the OID written in <paramref name="dotted"/>.</summary>
        /// <param name="contents">OID contents octets.</param>
        /// <param name="dotted">Dotted decimal text such as "2.5.29.17".</param>
        public static bool Matches(ReadOnlySpan<byte> contents, string dotted)
        {
            if (dotted is null)
            {
                throw new ArgumentNullException(nameof(dotted));
            }

            return DerReader.IsValidOid(contents) && string.Equals(ToDottedString(contents), dotted, StringComparison.Ordinal);
        }
    }
}
