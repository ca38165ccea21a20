using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Text;

namespace Tsid.Capture.Tests.Support
{
    /// <summary>
    /// A test-only writer of tunnel negotiations (each message as its spec draws it), to put in front of recorded TLS
    /// handshakes: the client's bytes before its ClientHello and the server's before its first TLS record.
    /// </summary>
    internal static class TunnelStreams
    {
        public static byte[] Ascii(string text) => Encoding.ASCII.GetBytes(text);

        /// <summary>RFC 9110 9.3.6: <c>CONNECT host:port HTTP/1.1</c>, a Host header, the empty line; the proxy's 200.</summary>
        public static (byte[] Client, byte[] Server) HttpConnect(string authority, string status = "200 Connection established") =>
            (Ascii("CONNECT " + authority + " HTTP/1.1\r\nHost: " + authority + "\r\nUser-Agent: test/1.0\r\nProxy-Connection: keep-alive\r\n\r\n"),
             Ascii("HTTP/1.1 " + status + "\r\n\r\n"));

        /// <summary>SOCKS 4: VN CD DSTPORT DSTIP USERID NUL; reply VN=0 CD=90.</summary>
        public static (byte[] Client, byte[] Server) Socks4(IPAddress address, ushort port, string userId = "alice")
        {
            var client = new List<byte> { 4, 1, (byte)(port >> 8), (byte)port };
            client.AddRange(address.GetAddressBytes());
            client.AddRange(Ascii(userId));
            client.Add(0);
            return (client.ToArray(), new byte[] { 0, 90, 0, 0, 0, 0, 0, 0 });
        }

        /// <summary>SOCKS 4a: DSTIP 0.0.0.1, the host name after the USERID.</summary>
        public static (byte[] Client, byte[] Server) Socks4a(string host, ushort port)
        {
            var client = new List<byte> { 4, 1, (byte)(port >> 8), (byte)port, 0, 0, 0, 1 };
            client.Add(0);
            client.AddRange(Ascii(host));
            client.Add(0);
            return (client.ToArray(), new byte[] { 0, 90, 0, 0, 0, 0, 0, 0 });
        }

        /// <summary>SOCKS 5 (RFC 1928), no authentication or RFC 1929 username/password, to a domain name or an address.</summary>
        public static (byte[] Client, byte[] Server) Socks5(string? host, IPAddress? address, ushort port, bool password = false, byte reply = 0)
        {
            var client = new List<byte> { 5, 1, (byte)(password ? 2 : 0) };
            var server = new List<byte> { 5, (byte)(password ? 2 : 0) };
            if (password)
            {
                client.AddRange(new byte[] { 1, 5 });
                client.AddRange(Ascii("alice"));
                client.Add(6);
                client.AddRange(Ascii("s3cret"));
                server.AddRange(new byte[] { 1, 0 });
            }

            client.AddRange(new byte[] { 5, 1, 0 });
            client.AddRange(Address(host, address));
            client.Add((byte)(port >> 8));
            client.Add((byte)port);
            server.AddRange(new byte[] { 5, reply, 0 });
            server.AddRange(Address(null, IPAddress.Parse("198.51.100.20")));
            server.AddRange(new byte[] { 0xC3, 0x50 });
            return (client.ToArray(), server.ToArray());
        }

        /// <summary>PROXY v1: <c>PROXY TCP4|TCP6 src dst sport dport\r\n</c>.</summary>
        public static byte[] ProxyV1(IPEndPoint source, IPEndPoint destination) =>
            Ascii("PROXY " + (source.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? "TCP6 " : "TCP4 ")
                + source.Address + " " + destination.Address + " " + source.Port + " " + destination.Port + "\r\n");

        /// <summary>PROXY v2: signature, PROXY command, TCP over IPv4/IPv6, addresses, then TLVs (an AUTHORITY when given, and a NOOP).</summary>
        public static byte[] ProxyV2(IPEndPoint source, IPEndPoint destination, string? authority, bool local = false)
        {
            bool v6 = source.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
            var block = new MemoryStream();
            block.Write(source.Address.GetAddressBytes());
            block.Write(destination.Address.GetAddressBytes());
            Span<byte> ports = stackalloc byte[4];
            BinaryPrimitives.WriteUInt16BigEndian(ports, (ushort)source.Port);
            BinaryPrimitives.WriteUInt16BigEndian(ports.Slice(2), (ushort)destination.Port);
            block.Write(ports);
            if (authority is not null)
            {
                byte[] value = Ascii(authority);
                block.WriteByte(0x02);
                block.WriteByte((byte)(value.Length >> 8));
                block.WriteByte((byte)value.Length);
                block.Write(value);
            }

            block.Write(new byte[] { 0x04, 0x00, 0x02, 0x00, 0x00 }); // PP2_TYPE_NOOP, 2 bytes
            var header = new MemoryStream();
            header.Write(new byte[] { 0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A });
            header.WriteByte((byte)(local ? 0x20 : 0x21));
            header.WriteByte((byte)(v6 ? 0x21 : 0x11));
            header.WriteByte((byte)(block.Length >> 8));
            header.WriteByte((byte)block.Length);
            header.Write(block.ToArray());
            return header.ToArray();
        }

        public static byte[] Concat(params byte[][] parts)
        {
            var all = new MemoryStream();
            foreach (byte[] part in parts)
            {
                all.Write(part);
            }

            return all.ToArray();
        }

        public static (byte[] C2S, byte[] S2C) Recording(string name) =>
            (File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Tls", name + ".c2s.bin")),
             File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Tls", name + ".s2c.bin")));

        private static IEnumerable<byte> Address(string? host, IPAddress? address)
        {
            if (host is not null)
            {
                var bytes = new List<byte> { 3, (byte)host.Length };
                bytes.AddRange(Ascii(host));
                return bytes;
            }

            byte[] raw = address!.GetAddressBytes();
            var result = new List<byte> { (byte)(raw.Length == 4 ? 1 : 4) };
            result.AddRange(raw);
            return result;
        }
    }
}
