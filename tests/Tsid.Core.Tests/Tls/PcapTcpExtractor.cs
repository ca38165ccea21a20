using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.IO.Compression;
using System.Net;

namespace Tsid.Tests.Tls
{
    /// <summary>
    /// Test-only: reads pcap / pcapng (optionally .gz), decodes Ethernet (VLAN), Linux SLL/SLL2, raw IP and BSD
    /// loopback, IPv4/IPv6 and TCP, and replays each TCP connection's payload per direction in capture order with
    /// simple reassembly by sequence number (out-of-order segments held back, retransmissions trimmed, a gap stops
    /// that direction). The real capture library is written separately; this only feeds the TLS tests.
    /// </summary>
    internal static class PcapTcpExtractor
    {
        internal sealed class Connection
        {
            public string Client = string.Empty;
            public string Server = string.Empty;
            public int Index;
            public bool SawSyn;
            public readonly Direction ToServer = new();
            public readonly Direction ToClient = new();

            /// <summary>Payload deliveries in capture order (true = client to server).</summary>
            public readonly List<(bool FromClient, byte[] Data)> Deliveries = new();
        }

        internal sealed class Direction
        {
            public bool HasBase;
            public uint Next;
            public bool Gap;

            /// <summary>Segments that arrived ahead of the next expected sequence number (held back, delivered later).</summary>
            public int OutOfOrder;
            public readonly List<(uint Seq, byte[] Data)> Pending = new();
        }

        public static List<Connection> Read(string path)
        {
            byte[] bytes = File.ReadAllBytes(path);
            if (path.EndsWith(".gz", StringComparison.Ordinal))
            {
                using var gz = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
                using var ms = new MemoryStream();
                gz.CopyTo(ms);
                bytes = ms.ToArray();
            }

            var connections = new Dictionary<string, Connection>();
            var ordered = new List<Connection>();
            foreach ((int linkType, byte[] frame) in Frames(bytes))
            {
                Packet(linkType, frame, connections, ordered);
            }

            return ordered;
        }

        internal static IEnumerable<(int LinkType, byte[] Frame)> Frames(byte[] b)
        {
            uint magic = BinaryPrimitives.ReadUInt32LittleEndian(b);
            if (magic == 0x0A0D0D0A)
            {
                foreach (var f in PcapNg(b))
                {
                    yield return f;
                }

                yield break;
            }

            bool le = magic == 0xA1B2C3D4 || magic == 0xA1B23C4D;
            bool be = magic == 0xD4C3B2A1 || magic == 0x4D3CB2A1;
            if (!le && !be)
            {
                throw new InvalidDataException("not a capture");
            }

            int link = (int)U32(b, 20, le);
            int pos = 24;
            while (pos + 16 <= b.Length)
            {
                int incl = (int)U32(b, pos + 8, le);
                pos += 16;
                if (incl < 0 || pos + incl > b.Length)
                {
                    yield break;
                }

                yield return (link, b.AsSpan(pos, incl).ToArray());
                pos += incl;
            }
        }

        private static IEnumerable<(int, byte[])> PcapNg(byte[] b)
        {
            var links = new List<int>();
            bool le = true;
            int pos = 0;
            while (pos + 12 <= b.Length)
            {
                uint type = U32(b, pos, le);
                if (type == 0x0A0D0D0A)
                {
                    le = BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(pos + 8)) == 0x1A2B3C4D;
                    links.Clear();
                }

                int len = (int)U32(b, pos + 4, le);
                if (len < 12 || pos + len > b.Length)
                {
                    yield break;
                }

                if (type == 1)
                {
                    links.Add(U16(b, pos + 8, le));
                }
                else if (type == 6 && len >= 28)
                {
                    int iface = (int)U32(b, pos + 8, le);
                    int cap = (int)U32(b, pos + 20, le);
                    if (iface < links.Count && 28 + cap <= len)
                    {
                        yield return (links[iface], b.AsSpan(pos + 28, cap).ToArray());
                    }
                }
                else if (type == 3 && links.Count > 0 && len >= 16)
                {
                    int orig = (int)U32(b, pos + 8, le);
                    int cap = Math.Min(orig, len - 16);
                    yield return (links[0], b.AsSpan(pos + 12, cap).ToArray());
                }
                else if (type == 2 && len >= 28)
                {
                    int iface = U16(b, pos + 8, le);
                    int cap = (int)U32(b, pos + 20, le);
                    if (iface < links.Count && 28 + cap <= len)
                    {
                        yield return (links[iface], b.AsSpan(pos + 28, cap).ToArray());
                    }
                }

                pos += len;
            }
        }

        private static void Packet(int link, byte[] f, Dictionary<string, Connection> connections, List<Connection> ordered)
        {
            int off;
            int etherType;
            switch (link)
            {
                case 1: // Ethernet
                    if (f.Length < 14)
                    {
                        return;
                    }

                    etherType = (f[12] << 8) | f[13];
                    off = 14;
                    while ((etherType == 0x8100 || etherType == 0x88a8) && f.Length >= off + 4)
                    {
                        etherType = (f[off + 2] << 8) | f[off + 3];
                        off += 4;
                    }

                    break;
                case 113: // Linux SLL
                    if (f.Length < 16)
                    {
                        return;
                    }

                    etherType = (f[14] << 8) | f[15];
                    off = 16;
                    break;
                case 276: // Linux SLL2
                    if (f.Length < 20)
                    {
                        return;
                    }

                    etherType = (f[0] << 8) | f[1];
                    off = 20;
                    break;
                case 0: // BSD loopback
                case 109:
                    if (f.Length < 4)
                    {
                        return;
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
                    return;
            }

            string src;
            string dst;
            int proto;
            int end;
            if (etherType == 0x0800)
            {
                if (f.Length < off + 20)
                {
                    return;
                }

                int ihl = (f[off] & 0xf) * 4;
                int total = (f[off + 2] << 8) | f[off + 3];
                proto = f[off + 9];
                if (((f[off + 6] & 0x3f) | f[off + 7]) != 0)
                {
                    return; // IPv4 fragment: not needed by the corpus captures
                }

                src = new IPAddress(f.AsSpan(off + 12, 4)).ToString();
                dst = new IPAddress(f.AsSpan(off + 16, 4)).ToString();
                end = Math.Min(f.Length, off + (total == 0 ? f.Length - off : total));
                off += ihl;
            }
            else if (etherType == 0x86dd)
            {
                if (f.Length < off + 40)
                {
                    return;
                }

                int payload = (f[off + 4] << 8) | f[off + 5];
                proto = f[off + 6];
                src = new IPAddress(f.AsSpan(off + 8, 16)).ToString();
                dst = new IPAddress(f.AsSpan(off + 24, 16)).ToString();
                end = Math.Min(f.Length, off + 40 + payload);
                off += 40;
                while ((proto == 0 || proto == 43 || proto == 60) && off + 8 <= end)
                {
                    proto = f[off];
                    off += (f[off + 1] + 1) * 8;
                }
            }
            else
            {
                return;
            }

            if (proto != 6 || off + 20 > end)
            {
                return;
            }

            int sport = (f[off] << 8) | f[off + 1];
            int dport = (f[off + 2] << 8) | f[off + 3];
            uint seq = BinaryPrimitives.ReadUInt32BigEndian(f.AsSpan(off + 4));
            int dataOff = (f[off + 12] >> 4) * 4;
            byte flags = f[off + 13];
            bool syn = (flags & 0x02) != 0;
            bool ack = (flags & 0x10) != 0;
            bool rst = (flags & 0x04) != 0;
            string a = Endpoint(src, sport);
            string b = Endpoint(dst, dport);
            string key = string.CompareOrdinal(a, b) < 0 ? a + "|" + b : b + "|" + a;
            if (syn && !ack && connections.TryGetValue(key, out Connection? old) && (old.ToServer.HasBase || old.ToClient.HasBase) && old.Client == a && old.Deliveries.Count > 0)
            {
                connections.Remove(key); // port reuse: a new connection
            }

            if (!connections.TryGetValue(key, out Connection? c))
            {
                c = new Connection { Client = a, Server = b, Index = ordered.Count };
                if (syn && ack)
                {
                    c.Client = b;
                    c.Server = a;
                }

                connections[key] = c;
                ordered.Add(c);
            }

            bool fromClient = a == c.Client;
            Direction d = fromClient ? c.ToServer : c.ToClient;
            if (syn)
            {
                c.SawSyn = true;
                d.HasBase = true;
                d.Next = seq + 1;
                return;
            }

            if (rst)
            {
                return;
            }

            int start = off + dataOff;
            if (start >= end)
            {
                return;
            }

            byte[] data = f.AsSpan(start, end - start).ToArray();
            if (!d.HasBase)
            {
                d.HasBase = true;
                d.Next = seq;
            }

            if (d.Gap)
            {
                return;
            }

            if ((int)(seq - d.Next) > 0)
            {
                d.OutOfOrder++;
            }

            d.Pending.Add((seq, data));
            bool progressed = true;
            while (progressed)
            {
                progressed = false;
                for (int i = 0; i < d.Pending.Count; i++)
                {
                    (uint s, byte[] bytes) = d.Pending[i];
                    int rel = (int)(s - d.Next);
                    if (rel > 0)
                    {
                        continue;
                    }

                    d.Pending.RemoveAt(i);
                    progressed = true;
                    int skip = -rel;
                    if (skip < bytes.Length)
                    {
                        byte[] fresh = bytes.AsSpan(skip).ToArray();
                        d.Next += (uint)fresh.Length;
                        c.Deliveries.Add((fromClient, fresh));
                    }

                    break;
                }
            }

            if (d.Pending.Count > 64)
            {
                d.Gap = true; // a hole that never fills: stop this direction
            }
        }

        private static string Endpoint(string ip, int port) => ip + ":" + port;

        private static uint U32(byte[] b, int at, bool le) => le ? BinaryPrimitives.ReadUInt32LittleEndian(b.AsSpan(at)) : BinaryPrimitives.ReadUInt32BigEndian(b.AsSpan(at));

        private static int U16(byte[] b, int at, bool le) => le ? BinaryPrimitives.ReadUInt16LittleEndian(b.AsSpan(at)) : BinaryPrimitives.ReadUInt16BigEndian(b.AsSpan(at));
    }
}
