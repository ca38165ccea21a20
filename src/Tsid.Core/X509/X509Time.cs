using System;

namespace Tsid.X509
{
    /// <summary>Decodes UTCTime and GeneralizedTime contents (RFC 5280 4.1.2.5).</summary>
    internal static class X509Time
    {
        /// <summary>
        /// Strict: exactly YYMMDDHHMMSSZ (UTCTime) or YYYYMMDDHHMMSSZ (GeneralizedTime), RFC 5280 4.1.2.5.1 and 4.1.2.5.2.
        /// Lenient adds what OpenSSL also reads: UTCTime without seconds, a +hhmm/-hhmm offset instead of Z, and
        /// fractional seconds in GeneralizedTime (dropped).
        /// </summary>
        public static bool TryDecode(byte tag, ReadOnlySpan<byte> text, bool strict, out DateTimeOffset value)
        {
            value = default;
            int p = 0;
            int year;
            if (tag == DerTag.UtcTime)
            {
                if (!TryDigits(text, ref p, 2, out int yy))
                {
                    return false;
                }

                // RFC 5280 4.1.2.5.1: YY >= 50 is 19YY, YY < 50 is 20YY.
                year = yy >= 50 ? 1900 + yy : 2000 + yy;
            }
            else if (tag == DerTag.GeneralizedTime)
            {
                if (!TryDigits(text, ref p, 4, out year) || year == 0)
                {
                    return false;
                }
            }
            else
            {
                return false;
            }

            if (!TryDigits(text, ref p, 2, out int month) || !TryDigits(text, ref p, 2, out int day)
                || !TryDigits(text, ref p, 2, out int hour) || !TryDigits(text, ref p, 2, out int minute))
            {
                return false;
            }

            int second = 0;
            bool hasSeconds = TryDigits(text, ref p, 2, out second);
            if (!hasSeconds && (strict || tag == DerTag.GeneralizedTime))
            {
                return false;
            }

            if (!strict && tag == DerTag.GeneralizedTime && p < text.Length && (text[p] == '.' || text[p] == ','))
            {
                p++;
                int digits = 0;
                while (p < text.Length && text[p] >= '0' && text[p] <= '9')
                {
                    p++;
                    digits++;
                }

                if (digits == 0)
                {
                    return false;
                }
            }

            TimeSpan offset = TimeSpan.Zero;
            if (p < text.Length && text[p] == 'Z')
            {
                p++;
            }
            else if (!strict && p < text.Length && (text[p] == '+' || text[p] == '-'))
            {
                bool negative = text[p] == '-';
                p++;
                if (!TryDigits(text, ref p, 2, out int oh) || !TryDigits(text, ref p, 2, out int om) || oh > 23 || om > 59)
                {
                    return false;
                }

                offset = new TimeSpan(oh, om, 0);
                if (negative)
                {
                    offset = offset.Negate();
                }
            }
            else
            {
                return false;
            }

            if (p != text.Length)
            {
                return false;
            }

            if (month < 1 || month > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
                || hour > 23 || minute > 59 || second > 59)
            {
                return false;
            }

            DateTime local = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified);
            long ticks = local.Ticks - offset.Ticks;
            if (ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks)
            {
                return false;
            }

            value = new DateTimeOffset(new DateTime(ticks, DateTimeKind.Unspecified), TimeSpan.Zero);
            return true;
        }

        private static bool TryDigits(ReadOnlySpan<byte> text, ref int p, int count, out int value)
        {
            value = 0;
            if (text.Length - p < count)
            {
                return false;
            }

            for (int i = 0; i < count; i++)
            {
                int d = text[p + i] - '0';
                if ((uint)d > 9)
                {
                    value = 0;
                    return false;
                }

                value = (value * 10) + d;
            }

            p += count;
            return true;
        }
    }
}
