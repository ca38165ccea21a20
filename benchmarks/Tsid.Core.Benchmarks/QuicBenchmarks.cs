using System;
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
        private static readonly byte[] ClientInitial = Convert.FromHexString(
            "c000000001088394c8f03e5157080000449e7b9aec34d1b1c98dd7689fb8ec11" +
            "d242b123dc9bd8bab936b47d92ec356c0bab7df5976d27cd449f63300099f399" +
            "1c260ec4c60d17b31f8429157bb35a1282a643a8d2262cad67500cadb8e7378c" +
            "8eb7539ec4d4905fed1bee1fc8aafba17c750e2c7ace01e6005f80fcb7df6212" +
            "30c83711b39343fa028cea7f7fb5ff89eac2308249a02252155e2347b63d58c5" +
            "457afd84d05dfffdb20392844ae812154682e9cf012f9021a6f0be17ddd0c208" +
            "4dce25ff9b06cde535d0f920a2db1bf362c23e596d11a4f5a6cf3948838a3aec" +
            "4e15daf8500a6ef69ec4e3feb6b1d98e610ac8b7ec3faf6ad760b7bad1db4ba3" +
            "485e8a94dc250ae3fdb41ed15fb6a8e5eba0fc3dd60bc8e30c5c4287e53805db" +
            "059ae0648db2f64264ed5e39be2e20d82df566da8dd5998ccabdae053060ae6c" +
            "7b4378e846d29f37ed7b4ea9ec5d82e7961b7f25a9323851f681d582363aa5f8" +
            "9937f5a67258bf63ad6f1a0b1d96dbd4faddfcefc5266ba6611722395c906556" +
            "be52afe3f565636ad1b17d508b73d8743eeb524be22b3dcbc2c7468d54119c74" +
            "68449a13d8e3b95811a198f3491de3e7fe942b330407abf82a4ed7c1b311663a" +
            "c69890f4157015853d91e923037c227a33cdd5ec281ca3f79c44546b9d90ca00" +
            "f064c99e3dd97911d39fe9c5d0b23a229a234cb36186c4819e8b9c5927726632" +
            "291d6a418211cc2962e20fe47feb3edf330f2c603a9d48c0fcb5699dbfe58964" +
            "25c5bac4aee82e57a85aaf4e2513e4f05796b07ba2ee47d80506f8d2c25e50fd" +
            "14de71e6c418559302f939b0e1abd576f279c4b2e0feb85c1f28ff18f58891ff" +
            "ef132eef2fa09346aee33c28eb130ff28f5b766953334113211996d20011a198" +
            "e3fc433f9f2541010ae17c1bf202580f6047472fb36857fe843b19f5984009dd" +
            "c324044e847a4f4a0ab34f719595de37252d6235365e9b84392b061085349d73" +
            "203a4a13e96f5432ec0fd4a1ee65accdd5e3904df54c1da510b0ff20dcc0c77f" +
            "cb2c0e0eb605cb0504db87632cf3d8b4dae6e705769d1de354270123cb11450e" +
            "fc60ac47683d7b8d0f811365565fd98c4c8eb936bcab8d069fc33bd801b03ade" +
            "a2e1fbc5aa463d08ca19896d2bf59a071b851e6c239052172f296bfb5e724047" +
            "90a2181014f3b94a4e97d117b438130368cc39dbb2d198065ae3986547926cd2" +
            "162f40a29f0c3c8745c0f50fba3852e566d44575c29d39a03f0cda721984b6f4" +
            "40591f355e12d439ff150aab7613499dbd49adabc8676eef023b15b65bfc5ca0" +
            "6948109f23f350db82123535eb8a7433bdabcb909271a6ecbcb58b936a88cd4e" +
            "8f2e6ff5800175f113253d8fa9ca8885c2f552e657dc603f252e1a8e308f76f0" +
            "be79e2fb8f5d5fbbe2e30ecadd220723c8c0aea8078cdfcb3868263ff8f09400" +
            "54da48781893a7e49ad5aff4af300cd804a6b6279ab3ff3afb64491c85194aab" +
            "760d58a606654f9f4400e8b38591356fbf6425aca26dc85244259ff2b19c41b9" +
            "f96f3ca9ec1dde434da7d2d392b905ddf3d1f9af93d1af5950bd493f5aa731b4" +
            "056df31bd267b6b90a079831aaf579be0a39013137aac6d404f518cfd4684064" +
            "7e78bfe706ca4cf5e9c5453e9f7cfd2b8b4c8d169a44e55c88d4a9a7f9474241" +
            "e221af44860018ab0856972e194cd934");

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
