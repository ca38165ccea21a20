using System;
using System.IO;

namespace Tsid.Benchmarks
{
    /// <summary>
    /// The baseline: a straightforward hand-written parser as found in many proxies — index arithmetic over one
    /// record, the array's own bounds checks as the only safety net (an exception on bad input), no duplicate or
    /// syntax checks, no reassembly across records.
    /// </summary>
    internal static class TlsNaiveParser
    {
        /// <summary>Walks to server_name and returns the first host name's length (0 without SNI).</summary>
        public static int Sni(byte[] record, out int nameOffset)
        {
            nameOffset = 0;
            int p = 5 + 4 + 2 + 32;
            p += 1 + record[p];
            p += 2 + ((record[p] << 8) | record[p + 1]);
            p += 1 + record[p];
            int end = p + 2 + ((record[p] << 8) | record[p + 1]);
            p += 2;
            while (p + 4 <= end)
            {
                int type = (record[p] << 8) | record[p + 1];
                int length = (record[p + 2] << 8) | record[p + 3];
                p += 4;
                if (type == 0)
                {
                    nameOffset = p + 5;
                    return (record[p + 3] << 8) | record[p + 4];
                }

                p += length;
            }

            return 0;
        }

        /// <summary>Walks every field and extension of the hello, picking out SNI, ALPN, supported_versions and key shares.</summary>
        public static int FullHello(byte[] record)
        {
            int p = 5 + 4;
            int version = (record[p] << 8) | record[p + 1];
            p += 2 + 32;
            p += 1 + record[p];
            int suites = (record[p] << 8) | record[p + 1];
            p += 2 + suites;
            p += 1 + record[p];
            int end = p + 2 + ((record[p] << 8) | record[p + 1]);
            p += 2;
            int sniLength = 0, alpnCount = 0, versions = 0, shares = 0, extensions = 0;
            while (p + 4 <= end)
            {
                int type = (record[p] << 8) | record[p + 1];
                int length = (record[p + 2] << 8) | record[p + 3];
                int data = p + 4;
                extensions++;
                switch (type)
                {
                    case 0:
                        sniLength = (record[data + 3] << 8) | record[data + 4];
                        break;
                    case 16:
                        for (int q = data + 2; q < data + length; q += 1 + record[q])
                        {
                            alpnCount++;
                        }

                        break;
                    case 43:
                        versions = record[data] / 2;
                        break;
                    case 51:
                        for (int q = data + 2; q < data + length; q += 4 + ((record[q + 2] << 8) | record[q + 3]))
                        {
                            shares++;
                        }

                        break;
                }

                p = data + length;
            }

            return version + sniLength + alpnCount + versions + shares + extensions;
        }

        /// <summary>Copies every handshake record's payload into one array, then walks to the Certificate's first entry.</summary>
        public static int FlightToLeafDer(byte[] flight, out int leafOffset)
        {
            var handshake = new MemoryStream();
            int p = 0;
            while (p + 5 <= flight.Length)
            {
                int length = (flight[p + 3] << 8) | flight[p + 4];
                if (flight[p] == 22)
                {
                    handshake.Write(flight, p + 5, length);
                }

                p += 5 + length;
            }

            byte[] hs = handshake.ToArray();
            p = 0;
            while (p + 4 <= hs.Length)
            {
                int length = (hs[p + 1] << 16) | (hs[p + 2] << 8) | hs[p + 3];
                if (hs[p] == 11)
                {
                    leafOffset = p + 4 + 3 + 3;
                    return (hs[p + 7] << 16) | (hs[p + 8] << 8) | hs[p + 9];
                }

                p += 4 + length;
            }

            leafOffset = 0;
            return 0;
        }
    }
}
