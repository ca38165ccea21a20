using System;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Net;
using Tsid.Tests.Tls;

namespace Tsid.Tests.Dtls
{
    /// <summary>
    /// Test-only: the UDP datagrams of a capture, grouped by flow (the first sender of a 5-tuple is the client), in
    /// capture order. Frames come from <see cref="PcapTcpExtractor"/>; Ethernet (VLAN), Linux SLL/SLL2, BSD loopback
    /// and raw IP, IPv4 (unfragmented) and IPv6 are decoded. The real capture library is written separately.
    /// </summary>
    internal static class PcapUdpExtractor
    {
        internal sealed class Flow
        {
            public string Client = string.Empty;
            public string Server = string.Empty;
            public readonly List<(bool FromClient, int Frame, byte[] Data)> Datagrams = new();
        }

        public static List<Flow> Read(string path)
        {
            byte[] bytes = File.ReadAllBytes(path);
            if (path.EndsWith(".gz", StringComparison.Ordinal))
            {
                using var gz = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
                using var ms = new MemoryStream();
                gz.CopyTo(ms);
                bytes = ms.ToArray();
            }

            var flows = new Dictionary<string, Flow>();
            var ordered = new List<Flow>();
            int frameNumber = 0;
            foreach ((int link, byte[] f) in PcapTcpExtractor.Frames(bytes))
            {
                frameNumber++;
                if (!TryUdp(link, f, out string src, out string dst, out byte[] payload))
                {
                    continue;
                }

                if (flows.TryGetValue(src + ">" + dst, out Flow? flow))
                {
                    flow.Datagrams.Add((true, frameNumber, payload));
                }
                else if (flows.TryGetValue(dst + ">" + src, out flow))
                {
                    flow.Datagrams.Add((false, frameNumber, payload));
                }
                else
                {
                    flow = new Flow { Client = src, Server = dst };
                    flow.Datagrams.Add((true, frameNumber, payload));
                    flows[src + ">" + dst] = flow;
                    ordered.Add(flow);
                }
            }

            return ordered;
        }

        private static bool TryUdp(int link, byte[] f, out string src, out string dst, out byte[] payload)
        {
            src = dst = string.Empty;
            payload = Array.Empty<byte>();
            int off;
            int etherType;
            switch (link)
            {
                case 1:
                    if (f.Length < 14)
                    {
                        return false;
                    }

                    etherType = (f[12] << 8) | f[13];
                    off = 14;
                    while ((etherType == 0x8100 || etherType == 0x88a8) && f.Length >= off + 4)
                    {
                        etherType = (f[off + 2] << 8) | f[off + 3];
                        off += 4;
                    }

                    break;
                case 113:
                    if (f.Length < 16)
                    {
                        return false;
                    }

                    etherType = (f[14] << 8) | f[15];
                    off = 16;
                    break;
                case 276:
                    if (f.Length < 20)
                    {
                        return false;
                    }

                    etherType = (f[0] << 8) | f[1];
                    off = 20;
                    break;
                case 0:
                case 109:
                    if (f.Length < 5)
                    {
                        return false;
                    }

                    off = 4;
                    etherType = (f[4] >> 4) == 6 ? 0x86dd : 0x0800;
                    break;
                case 12:
                case 14:
                case 101:
                case 228:
                case 229:
                    off = 0;
                    etherType = f.Length > 0 && (f[0] >> 4) == 6 ? 0x86dd : 0x0800;
                    break;
                default:
                    return false;
            }

            int proto;
            int end;
            if (etherType == 0x0800 && f.Length >= off + 20)
            {
                int ihl = (f[off] & 0xf) * 4;
                int total = (f[off + 2] << 8) | f[off + 3];
                proto = f[off + 9];
                if (((f[off + 6] & 0x3f) | f[off + 7]) != 0)
                {
                    return false;
                }

                src = new IPAddress(f.AsSpan(off + 12, 4)).ToString();
                dst = new IPAddress(f.AsSpan(off + 16, 4)).ToString();
                end = Math.Min(f.Length, off + total);
                off += ihl;
            }
            else if (etherType == 0x86dd && f.Length >= off + 40)
            {
                int length = (f[off + 4] << 8) | f[off + 5];
                proto = f[off + 6];
                src = new IPAddress(f.AsSpan(off + 8, 16)).ToString();
                dst = new IPAddress(f.AsSpan(off + 24, 16)).ToString();
                end = Math.Min(f.Length, off + 40 + length);
                off += 40;
            }
            else
            {
                return false;
            }

            if (proto != 17 || off + 8 > end)
            {
                return false;
            }

            int sport = (f[off] << 8) | f[off + 1];
            int dport = (f[off + 2] << 8) | f[off + 3];
            int udpLength = (f[off + 4] << 8) | f[off + 5];
            src += ":" + sport;
            dst += ":" + dport;
            int stop = Math.Min(end, off + Math.Max(udpLength, 8));
            payload = f.AsSpan(off + 8, stop - off - 8).ToArray();
            return true;
        }
    }
}
