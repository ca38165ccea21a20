using System;
using System.Net;
using System.Security.Cryptography;
using Tsid.Capture;

namespace Tsid.Inspection
{
    /// <summary>
    /// How fields are spelled in <see cref="CertificateRecord"/> and in <c>tsid</c>'s output: certificate fields the way
    /// OpenSSL and tshark print them, capture timestamps in RFC 3339. Each has a <c>TryFormat…</c> that writes into the
    /// caller's buffer without allocating, and most a <c>Format…</c> that returns a string.
    /// </summary>
    public static class InspectionFormat
    {
        /// <summary>Characters of a SHA-256 fingerprint in hex.</summary>
        public const int Sha256Length = 64;

        /// <summary>Characters of a formatted certificate time: <c>yyyy-MM-ddTHH:mm:ssZ</c>.</summary>
        public const int TimeLength = 20;

        /// <summary>Characters of a formatted capture timestamp: <c>yyyy-MM-ddTHH:mm:ss.ffffffZ</c>.</summary>
        public const int TimestampLength = 27;

        private const string UpperHex = "0123456789ABCDEF";
        private const string LowerHex = "0123456789abcdef";

        /// <summary>The serial number as an unsigned upper-case hex number without leading zeros (<c>0</c> for all zeros; empty for an empty serial).</summary>
        /// <param name="serialNumber">The INTEGER's content octets (<c>Certificate.SerialNumber</c>).</param>
        /// <param name="destination">At least twice as many characters as <paramref name="serialNumber"/> has bytes.</param>
        /// <param name="charsWritten">Characters written.</param>
        /// <returns>False when <paramref name="destination"/> is too short.</returns>
        public static bool TryFormatSerialNumber(ReadOnlySpan<byte> serialNumber, Span<char> destination, out int charsWritten)
        {
            charsWritten = 0;
            if (serialNumber.IsEmpty)
            {
                return true;
            }

            int i = 0;
            while (i < serialNumber.Length && serialNumber[i] == 0)
            {
                i++;
            }

            if (i == serialNumber.Length)
            {
                if (destination.IsEmpty)
                {
                    return false;
                }

                destination[0] = '0';
                charsWritten = 1;
                return true;
            }

            bool highNibble = serialNumber[i] >= 0x10;
            int needed = ((serialNumber.Length - i) * 2) - (highNibble ? 0 : 1);
            if (destination.Length < needed)
            {
                return false;
            }

            int n = 0;
            if (!highNibble)
            {
                destination[n++] = UpperHex[serialNumber[i] & 0xF];
                i++;
            }

            for (; i < serialNumber.Length; i++)
            {
                destination[n++] = UpperHex[serialNumber[i] >> 4];
                destination[n++] = UpperHex[serialNumber[i] & 0xF];
            }

            charsWritten = n;
            return true;
        }

        /// <summary>The serial number as <see cref="TryFormatSerialNumber"/> writes it.</summary>
        /// <param name="serialNumber">The INTEGER's content octets.</param>
        /// <returns>The text.</returns>
        public static string FormatSerialNumber(ReadOnlySpan<byte> serialNumber)
        {
            char[] buffer = new char[serialNumber.Length * 2];
            TryFormatSerialNumber(serialNumber, buffer, out int written);
            return new string(buffer, 0, written);
        }

        /// <summary>A certificate time in UTC as <c>yyyy-MM-ddTHH:mm:ssZ</c> (ISO 8601, whole seconds).</summary>
        /// <param name="time">The time (any offset; it is converted to UTC).</param>
        /// <param name="destination">At least <see cref="TimeLength"/> characters.</param>
        /// <param name="charsWritten">Characters written.</param>
        /// <returns>False when <paramref name="destination"/> is too short.</returns>
        public static bool TryFormatTime(DateTimeOffset time, Span<char> destination, out int charsWritten)
        {
            charsWritten = 0;
            if (destination.Length < TimeLength)
            {
                return false;
            }

            WriteIso(time.UtcDateTime, microseconds: false, destination);
            charsWritten = TimeLength;
            return true;
        }

        /// <summary>A certificate time as <see cref="TryFormatTime"/> writes it.</summary>
        /// <param name="time">The time.</param>
        /// <returns>The text.</returns>
        public static string FormatTime(DateTimeOffset time)
        {
            Span<char> buffer = stackalloc char[TimeLength];
            TryFormatTime(time, buffer, out _);
            return buffer.ToString();
        }

        /// <summary>
        /// A capture timestamp (ns since the Unix epoch, e.g. <see cref="InspectedConnection.FirstPacketNanoseconds"/>) in
        /// RFC 3339, UTC, with microseconds (truncated, not rounded): <c>2026-12-01T19:21:40.123456Z</c>. Clamped to the
        /// range of <see cref="DateTimeOffset"/>.
        /// </summary>
        /// <param name="unixNanoseconds">The timestamp.</param>
        /// <param name="destination">At least <see cref="TimestampLength"/> characters.</param>
        /// <param name="charsWritten">Characters written.</param>
        /// <returns>False when <paramref name="destination"/> is too short.</returns>
        public static bool TryFormatTimestamp(long unixNanoseconds, Span<char> destination, out int charsWritten)
        {
            charsWritten = 0;
            if (destination.Length < TimestampLength)
            {
                return false;
            }

            WriteIso(CaptureTime.ToDateTimeOffset(unixNanoseconds).UtcDateTime, microseconds: true, destination);
            charsWritten = TimestampLength;
            return true;
        }

        /// <summary>The SHA-256 of the DER encoding in lower-case hex (the fingerprint tshark, Zeek and OpenSSL show).</summary>
        /// <param name="der">The certificate's DER bytes.</param>
        /// <param name="destination">At least <see cref="Sha256Length"/> characters.</param>
        /// <param name="charsWritten">Characters written.</param>
        /// <returns>False when <paramref name="destination"/> is too short.</returns>
        public static bool TryFormatSha256(ReadOnlySpan<byte> der, Span<char> destination, out int charsWritten)
        {
            charsWritten = 0;
            if (destination.Length < Sha256Length)
            {
                return false;
            }

            Span<byte> hash = stackalloc byte[32];
            Sha256(der, hash);
            for (int i = 0; i < hash.Length; i++)
            {
                destination[2 * i] = LowerHex[hash[i] >> 4];
                destination[(2 * i) + 1] = LowerHex[hash[i] & 0xF];
            }

            charsWritten = Sha256Length;
            return true;
        }

        /// <summary>The fingerprint as <see cref="TryFormatSha256"/> writes it.</summary>
        /// <param name="der">The certificate's DER bytes.</param>
        /// <returns>The text.</returns>
        public static string FormatSha256(ReadOnlySpan<byte> der)
        {
            Span<char> buffer = stackalloc char[Sha256Length];
            TryFormatSha256(der, buffer, out _);
            return buffer.ToString();
        }

        /// <summary>An iPAddress subjectAltName (4 or 16 bytes) as <see cref="IPAddress"/> prints it (RFC 5952 for IPv6); null for any other length.</summary>
        /// <param name="address">The GeneralName's octets.</param>
        /// <returns>The text, or null.</returns>
        public static string? FormatIPAddress(ReadOnlySpan<byte> address) =>
            address.Length == 4 || address.Length == 16 ? new IPAddress(address.ToArray()).ToString() : null;

        /// <summary><c>yyyy-MM-ddTHH:mm:ssZ</c>, or with <c>.ffffff</c> before the Z; digit by digit (a custom DateTime format costs far more).</summary>
        private static void WriteIso(DateTime utc, bool microseconds, Span<char> destination)
        {
            Digits(destination, 0, utc.Year, 4);
            destination[4] = '-';
            Digits(destination, 5, utc.Month, 2);
            destination[7] = '-';
            Digits(destination, 8, utc.Day, 2);
            destination[10] = 'T';
            Digits(destination, 11, utc.Hour, 2);
            destination[13] = ':';
            Digits(destination, 14, utc.Minute, 2);
            destination[16] = ':';
            Digits(destination, 17, utc.Second, 2);
            int end = 19;
            if (microseconds)
            {
                destination[19] = '.';
                Digits(destination, 20, (int)(utc.Ticks % TimeSpan.TicksPerSecond / 10), 6);
                end = 26;
            }

            destination[end] = 'Z';
        }

        private static void Digits(Span<char> destination, int at, int value, int count)
        {
            for (int i = count - 1; i >= 0; i--)
            {
                destination[at + i] = (char)('0' + (value % 10));
                value /= 10;
            }
        }

        private static void Sha256(ReadOnlySpan<byte> data, Span<byte> hash)
        {
#if NET
            SHA256.HashData(data, hash);
#else
            using SHA256 sha = SHA256.Create();
            byte[] copy = data.ToArray();
            sha.ComputeHash(copy).AsSpan().CopyTo(hash);
#endif
        }
    }
}
