using System;

namespace Tsid.Capture
{
    /// <summary>Conversions for capture timestamps, which this library keeps as nanoseconds since the Unix epoch.</summary>
    public static class CaptureTime
    {
        private const long UnixEpochTicks = 621355968000000000L; // DateTime(1970, 1, 1).Ticks

        /// <summary>Nanoseconds since 1970-01-01T00:00:00Z to a UTC <see cref="DateTimeOffset"/> (clamped to its range).</summary>
        public static DateTimeOffset ToDateTimeOffset(long unixNanoseconds)
        {
            long ticks = unixNanoseconds / 100;
            long max = DateTimeOffset.MaxValue.UtcTicks - UnixEpochTicks;
            long min = -UnixEpochTicks;
            if (ticks > max)
            {
                ticks = max;
            }
            else if (ticks < min)
            {
                ticks = min;
            }

            return new DateTimeOffset(UnixEpochTicks + ticks, TimeSpan.Zero);
        }

        /// <summary>A <see cref="DateTimeOffset"/> to nanoseconds since 1970-01-01T00:00:00Z.</summary>
        public static long FromDateTimeOffset(DateTimeOffset time) => (time.UtcTicks - UnixEpochTicks) * 100;
    }
}
