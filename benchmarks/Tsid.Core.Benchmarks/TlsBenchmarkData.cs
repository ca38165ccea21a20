using System;
using System.Text;
using Tsid.Testing;

namespace Tsid.Benchmarks
{
    /// <summary>Inputs for the TLS benchmarks: a Chrome-like post-quantum hello (built here) and the project's recordings.</summary>
    internal static class TlsBenchmarkData
    {
        /// <summary>
        /// A ClientHello shaped like Chrome 131's (one record, about 1.8 KB): GREASE cipher suite and extensions,
        /// server_name, ALPN h2/http1.1, ALPS, compress_certificate, a GREASE encrypted_client_hello, and key shares
        /// for X25519MLKEM768 (group 0x11EC, 1216 bytes) and X25519.
        /// </summary>
        public static byte[] ChromeLikeHello()
        {
            var random = new Random(42);
            byte[] Bytes(int n)
            {
                byte[] b = new byte[n];
                random.NextBytes(b);
                return b;
            }

            return new ClientHelloBuilder()
                .Random(Bytes(32))
                .SessionId(Bytes(32))
                .CipherSuites(TlsGrease.Value(13), 0x1301, 0x1302, 0x1303, 0xc02b, 0xc02f, 0xc02c, 0xc030, 0xcca9, 0xcca8, 0xc013, 0xc014, 0x009c, 0x009d, 0x002f, 0x0035)
                .Extension(TlsGrease.Value(2), Array.Empty<byte>())
                .ServerName("www.example-shop.com")
                .Extension(0x0017, Array.Empty<byte>())
                .Extension(0xff01, new byte[] { 0 })
                .SupportedGroups(TlsGrease.Value(4), ClientHelloBuilder.X25519MLKEM768, ClientHelloBuilder.X25519, 0x0017, 0x0018)
                .EcPointFormats(0)
                .Extension(0x0023, Array.Empty<byte>())
                .Alpn("h2", "http/1.1")
                .Extension(0x0005, new byte[] { 1, 0, 0, 0, 0 })
                .SignatureAlgorithms(0x0403, 0x0804, 0x0401, 0x0503, 0x0805, 0x0501, 0x0806, 0x0601)
                .Extension(0x0012, Array.Empty<byte>())
                .KeyShares((TlsGrease.Value(4), 1), (ClientHelloBuilder.X25519MLKEM768, ClientHelloBuilder.X25519MLKEM768KeyShareLength), (ClientHelloBuilder.X25519, 32))
                .Extension(0x002d, new byte[] { 1, 1 })
                .SupportedVersions(TlsGrease.Value(8), 0x0304, 0x0303)
                .Extension(0x001b, TlsWire.U16List8(0x0002))
                .Extension(0x44cd, TlsWire.Vector16(TlsWire.Vector8(Encoding.ASCII.GetBytes("h2"))))
                .EncryptedClientHelloOuter()
                .Extension(TlsGrease.Value(1), new byte[] { 0 })
                .ToRecord();
        }

        /// <summary>The server's first flight of a recording: every record up to and including the one that ends with ServerHelloDone.</summary>
        public static byte[] ServerFlight(byte[] serverToClient)
        {
            int p = 0;
            while (p + 5 <= serverToClient.Length)
            {
                int length = (serverToClient[p + 3] << 8) | serverToClient[p + 4];
                int end = p + 5 + length;
                if (serverToClient[end - 4] == 14 && serverToClient[end - 3] == 0 && serverToClient[end - 2] == 0 && serverToClient[end - 1] == 0)
                {
                    return serverToClient.AsSpan(0, end).ToArray();
                }

                p = end;
            }

            throw new InvalidOperationException("no ServerHelloDone in the recording");
        }
    }
}
