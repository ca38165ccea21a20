using System;
using Tsid.Tests.Quic;
using System.Buffers;
using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Tsid.Quic;
using Tsid.Tls;

namespace Tsid.Benchmarks
{
    /// <summary>
    /// QUIC client Initial (the 1,200-byte datagram of RFC 9001 A.2) to its ClientHello: header protection removed,
    /// payload decrypted, frames read, CRYPTO data through the handshake reassembler, ClientHello parsed. Tsid: a warm
    /// observer (Reset between datagrams; the keys of the same first DCID are kept, as for a retransmitted Initial);
    /// the baseline does the same steps with the BCL's allocating calls and byte[] copies (same keys, made once).
    /// NewConnection adds the per-connection work: key derivation (HKDF) and the AES objects.
    /// </summary>
    [MemoryDiagnoser]
    public class QuicBenchmarks
    {
        // RFC 9001 A.2: client Initial, DCID 0x8394c8f03e515708, packet number 2, ClientHello for example.com.
        private static readonly byte[] ClientInitial = QuicVectors.V1ClientInitial;

        private static readonly byte[] Dcid = Convert.FromHexString("8394c8f03e515708");

        private readonly QuicConnectionObserver _observer = new QuicConnectionObserver();
        private AesGcm? _gcm;
        private Aes? _hp;
        private byte[] _iv = Array.Empty<byte>();

        [GlobalSetup]
        public void Setup()
        {
            // The baseline's keys, RFC 9001 5.2 with allocating calls.
            byte[] salt = Convert.FromHexString("38762cf7f55934b34d179ae6a4c80cadccbb7f0a");
            byte[] initial = HKDF.Extract(HashAlgorithmName.SHA256, Dcid, salt);
            byte[] secret = HKDF.Expand(HashAlgorithmName.SHA256, initial, 32, Label("client in", 32));
            _gcm = new AesGcm(HKDF.Expand(HashAlgorithmName.SHA256, secret, 16, Label("quic key", 16)), 16);
            _iv = HKDF.Expand(HashAlgorithmName.SHA256, secret, 12, Label("quic iv", 12));
            _hp = Aes.Create();
            _hp.Key = HKDF.Expand(HashAlgorithmName.SHA256, secret, 16, Label("quic hp", 16));
            if (Baseline() != 241 || Tsid() != 241 || NewConnection() != 241)
            {
                throw new InvalidOperationException("The benchmark Initial does not give the RFC ClientHello.");
            }
        }

        [GlobalCleanup]
        public void Cleanup()
        {
            _observer.Dispose();
            _gcm?.Dispose();
            _hp?.Dispose();
        }

        [Benchmark(Baseline = true)]
        public int Baseline()
        {
            byte[] packet = ClientInitial;
            int pnOffset = 18;
            byte[] mask = _hp!.EncryptEcb(packet.AsSpan(pnOffset + 4, 16).ToArray(), PaddingMode.None);
            byte[] header = packet.AsSpan(0, pnOffset + 4).ToArray();
            header[0] ^= (byte)(mask[0] & 0x0f);
            int pnLength = (header[0] & 3) + 1;
            Array.Resize(ref header, pnOffset + pnLength);
            long pn = 0;
            for (int i = 0; i < pnLength; i++)
            {
                header[pnOffset + i] ^= mask[1 + i];
                pn = (pn << 8) | header[pnOffset + i];
            }

            byte[] nonce = (byte[])_iv.Clone();
            for (int i = 0; i < 8; i++)
            {
                nonce[11 - i] ^= (byte)(pn >> (8 * i));
            }

            byte[] ciphertext = packet.AsSpan(header.Length, packet.Length - header.Length - 16).ToArray();
            byte[] tag = packet.AsSpan(packet.Length - 16).ToArray();
            byte[] plaintext = new byte[ciphertext.Length];
            _gcm!.Decrypt(nonce, ciphertext, tag, plaintext, header);

            // One CRYPTO frame at offset 0 (06 00 40f1): its data, copied, is the ClientHello message.
            int length = ((plaintext[2] & 0x3f) << 8) | plaintext[3];
            byte[] message = plaintext.AsSpan(4, length).ToArray();
            return ClientHello.TryParse(message.AsSpan(4), HandshakeProtocol.Quic, out _, out _) ? message.Length : -1;
        }

        [Benchmark]
        public int Tsid()
        {
            _observer.Reset();
            _observer.Feed(TlsDirection.ClientToServer, ClientInitial);
            return _observer.Handshake.TryGetClientHello(out _) ? (int)_observer.CryptoBytes(TlsDirection.ClientToServer) : -1;
        }

        [Benchmark]
        public int NewConnection()
        {
            using var observer = new QuicConnectionObserver();
            observer.Feed(TlsDirection.ClientToServer, ClientInitial);
            return observer.Handshake.TryGetClientHello(out _) ? (int)observer.CryptoBytes(TlsDirection.ClientToServer) : -1;
        }

        private static byte[] Label(string label, int length)
        {
            byte[] full = System.Text.Encoding.ASCII.GetBytes("tls13 " + label);
            byte[] info = new byte[4 + full.Length];
            info[0] = (byte)(length >> 8);
            info[1] = (byte)length;
            info[2] = (byte)full.Length;
            full.CopyTo(info, 3);
            return info;
        }
    }
}
