using System;
using System.Globalization;
using Tsid.Capture;

namespace Tsid.Cli.Output
{
    /// <summary>Endpoint text written into the caller's buffer (the form the JSON Lines contract uses).</summary>
    internal static class Endpoints
    {
        /// <summary>
        /// <c>192.0.2.1:443</c> for IPv4 without allocating; returns 0 for IPv6 (the caller then uses
        /// <see cref="FlowEndpoint.ToString"/>, which brackets it) or when <paramref name="destination"/> is too short.
        /// </summary>
        public static int TryFormat(FlowEndpoint endpoint, Span<char> destination)
        {
            if (endpoint.Address.IsIPv6 || destination.Length < 21)
            {
                return 0;
            }

            Span<byte> address = stackalloc byte[4];
            endpoint.Address.TryWriteBytes(address, out _);
            int n = 0;
            for (int i = 0; i < 4; i++)
            {
                if (i > 0)
                {
                    destination[n++] = '.';
                }

                address[i].TryFormat(destination.Slice(n), out int written, default, CultureInfo.InvariantCulture);
                n += written;
            }

            destination[n++] = ':';
            endpoint.Port.TryFormat(destination.Slice(n), out int portLength, default, CultureInfo.InvariantCulture);
            return n + portLength;
        }
    }
}
