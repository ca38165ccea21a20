using System;
using System.IO;
using Tsid.Tls;

namespace Tsid.Docs.Tests.Support
{
    /// <summary>The project's own fixtures (tests/Tsid.Core.Tests/Fixtures), linked into this project's output.</summary>
    internal static class Fixture
    {
        /// <summary>TLS 1.2 without SNI to the Cisco-like chain of three (first SAN toos.cisco.com, then tools.cisco.com).</summary>
        public const string SeedRecording = "tls12-nosni-cisco-chain3";

        /// <summary>TLS 1.2, SNI tls-test.example, ALPN h2 and http/1.1 offered, h2 chosen.</summary>
        public const string Tls12SniAlpn = "tls12-sni-alpn";

        /// <summary>TLS 1.3, SNI tls-test.example: the certificate is encrypted.</summary>
        public const string Tls13SniAlpn = "tls13-sni-alpn";

        /// <summary>The folder of the fixtures in the output.</summary>
        public static string Directory => Path.Combine(AppContext.BaseDirectory, "Fixtures");

        public static byte[] Bytes(string relativePath) => File.ReadAllBytes(Path.Combine(Directory, relativePath));

        /// <summary>A recorded handshake: every byte the client wrote, every byte the server wrote.</summary>
        public static (byte[] C2S, byte[] S2C) Recording(string name) =>
            (Bytes(Path.Combine("Tls", name + ".c2s.bin")), Bytes(Path.Combine("Tls", name + ".s2c.bin")));

        /// <summary>An observer fed both directions of a recording, whole.</summary>
        public static TlsConnectionObserver Observe(string recording)
        {
            (byte[] c2s, byte[] s2c) = Recording(recording);
            var observer = new TlsConnectionObserver();
            observer.Feed(TlsDirection.ClientToServer, c2s);
            observer.Feed(TlsDirection.ServerToClient, s2c);
            return observer;
        }

        /// <summary>The content of the handshake records at the start of a TLS byte stream (up to the first other record).</summary>
        public static byte[] HandshakeBytes(byte[] stream)
        {
            using var handshake = new MemoryStream();
            int at = 0;
            while (at + 5 <= stream.Length && stream[at] == 22)
            {
                int length = (stream[at + 3] << 8) | stream[at + 4];
                handshake.Write(stream, at + 5, length);
                at += 5 + length;
            }

            return handshake.ToArray();
        }
    }
}
