using System;
using System.Globalization;
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
        /// the range of <see cref="DateTimeOffset"/>. Returns the length written (<see cref="Rfc3339MicroLength"/>).
        /// </summary>
        public static int FormatRfc3339Micro(long unixNanoseconds, Span<char> destination)
        {
            DateTime utc = CaptureTime.ToDateTimeOffset(unixNanoseconds).UtcDateTime;
            utc.TryFormat(destination, out int written, "yyyy'-'MM'-'dd'T'HH':'mm':'ss'.'ffffff'Z'", CultureInfo.InvariantCulture);
            return written;
        }
    }
}
