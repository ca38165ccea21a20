using System;
using System.Globalization;

namespace Tsid.Policy
{
    /// <summary>An inclusive range of TCP ports, written <c>443</c> or <c>8000-8443</c>.</summary>
    public readonly struct PortRange : IEquatable<PortRange>
    {
        /// <summary>Creates a range.</summary>
        /// <param name="first">First port, 1–65535.</param>
        /// <param name="last">Last port, <paramref name="first"/>–65535.</param>
        /// <exception cref="ArgumentOutOfRangeException">The ports are out of range or reversed.</exception>
        public PortRange(int first, int last)
        {
            if (first < 1 || last > 65535 || last < first)
            {
                throw new ArgumentOutOfRangeException(nameof(first), "Ports must satisfy 1 <= first <= last <= 65535.");
            }

            First = first;
            Last = last;
        }

        /// <summary>The first port.</summary>
        public int First { get; }

        /// <summary>The last port.</summary>
        public int Last { get; }

        /// <summary>Is <paramref name="port"/> in the range?</summary>
        /// <param name="port">A port.</param>
        /// <returns><see langword="true"/> when inside.</returns>
        public bool Contains(int port) => port >= First && port <= Last;

        /// <summary>Parses <c>443</c> or <c>8000-8443</c>.</summary>
        /// <param name="text">The text.</param>
        /// <param name="range">The range when valid.</param>
        /// <returns><see langword="true"/> when valid.</returns>
        public static bool TryParse(string? text, out PortRange range)
        {
            range = default;
            if (string.IsNullOrWhiteSpace(text))
            {
                return false;
            }

            string t = text!.Trim();
            int dash = t.IndexOf('-');
            string a = dash < 0 ? t : t.Substring(0, dash);
            string b = dash < 0 ? t : t.Substring(dash + 1);
            if (!int.TryParse(a, NumberStyles.None, CultureInfo.InvariantCulture, out int first)
                || !int.TryParse(b, NumberStyles.None, CultureInfo.InvariantCulture, out int last)
                || first < 1 || last > 65535 || last < first)
            {
                return false;
            }

            range = new PortRange(first, last);
            return true;
        }

        /// <inheritdoc/>
        public bool Equals(PortRange other) => First == other.First && Last == other.Last;

        /// <inheritdoc/>
        public override bool Equals(object? obj) => obj is PortRange p && Equals(p);

        /// <inheritdoc/>
        public override int GetHashCode() => (First << 16) ^ Last;

        /// <inheritdoc/>
        public override string ToString() => First == Last
            ? First.ToString(CultureInfo.InvariantCulture)
            : First.ToString(CultureInfo.InvariantCulture) + "-" + Last.ToString(CultureInfo.InvariantCulture);
    }
}
