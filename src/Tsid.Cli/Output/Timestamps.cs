using System;
using Tsid.Capture;

namespace Tsid.Cli.Output
{
    /// <summary>Capture timestamps as RFC 3339 text.</summary>
    internal static class Timestamps
    {
        /// <summary>Characters of <see cref="FormatRfc3339Micro"/>: <c>2026-12-01T19:21:40.123456Z</c>.</summary>
        public const int Rfc3339MicroLength = 27;

        /// <summary>
        /// RFC 3339 in UTC with microseconds (truncated, not rounded), e.g. <c>2026-12-01T19:21:40.123456Z</c>; clamped to
        /// the range of <see cref="DateTimeOffset"/>. Written digit by digit (a custom DateTime format costs more than the
        /// rest of the line's numbers together). Returns the length written, <see cref="Rfc3339MicroLength"/>.
        /// </summary>
        public static int FormatRfc3339Micro(long unixNanoseconds, Span<char> destination)
        {
            DateTime utc = CaptureTime.ToDateTimeOffset(unixNanoseconds).UtcDateTime;
            Span<char> text = destination.Slice(0, Rfc3339MicroLength);
            Digits(text, 0, utc.Year, 4);
            text[4] = '-';
            Digits(text, 5, utc.Month, 2);
            text[7] = '-';
            Digits(text, 8, utc.Day, 2);
            text[10] = 'T';
            Digits(text, 11, utc.Hour, 2);
            text[13] = ':';
            Digits(text, 14, utc.Minute, 2);
            text[16] = ':';
            Digits(text, 17, utc.Second, 2);
            text[19] = '.';
            Digits(text, 20, (int)(utc.Ticks % TimeSpan.TicksPerSecond / 10), 6);
            text[26] = 'Z';
            return Rfc3339MicroLength;
        }

        private static void Digits(Span<char> destination, int at, int value, int count)
        {
            for (int i = count - 1; i >= 0; i--)
            {
                destination[at + i] = (char)('0' + (value % 10));
                value /= 10;
            }
        }
    }
}
