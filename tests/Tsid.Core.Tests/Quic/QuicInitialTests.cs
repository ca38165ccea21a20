using System;
using System.Buffers;
using Tsid.Quic;
using Tsid.Tls;
using Xunit;
using V = Tsid.Tests.Quic.QuicVectors;
using W = Tsid.Tests.Quic.QuicTestWriter;

namespace Tsid.Tests.Quic
{
    public class QuicInitialTests
    {
        private const TlsDirection C = TlsDirection.ClientToServer;
        private const TlsDirection S = TlsDirection.ServerToClient;

        private static string Hex(ReadOnlySpan<byte> b) => Convert.ToHexString(b).ToLowerInvariant();

#if TSID_NETSTANDARD_BUILD
        /// <summary>
        /// netstandard2.0 (docs/quic.md, docs/packaging.md): no HKDF and no AES-GCM, so an Initial is reported as
        /// DecryptionNotSupported at its first byte and nothing in it is read; the observer stays usable.
        /// </summary>
        private static void AssertNotDecrypted(QuicConnectionObserver o, OperationStatus status, int packetAt = 0)
        {
            Assert.False(QuicConnectionObserver.DecryptionSupported);
            Assert.Equal(OperationStatus.InvalidData, status);
            Assert.Equal(QuicErrorCode.DecryptionNotSupported, o.Error.Code);
            Assert.Equal(packetAt, o.Error.Offset);
            Assert.False(o.Handshake.ClientHelloSeen);
            Assert.Null(o.GetServerNameString());
        }
#endif

        [Theory]
        // RFC 9001 A.1
        [InlineData(0x00000001u, false, "c00cf151ca5be075ed0ebfb5c80323c42d6b7db67881289af4008f1f6c357aea", "1f369613dd76d5467730efcbe3b1a22d", "fa044b2f42a3fd3b46fb255c", "9f50449e04a0e810283a1e9933adedd2")]
        [InlineData(0x00000001u, true, "3c199828fd139efd216c155ad844cc81fb82fa8d7446fa7d78be803acdda951b", "cf3a5331653c364c88f0f379b6067e37", "0ac1493ca1905853b0bba03e", "c206b8d9b9f0f37644430b490eeaa314")]
        // RFC 9369 A.1
        [InlineData(0x6b3343cfu, false, "14ec9d6eb9fd7af83bf5a668bc17a7e283766aade7ecd0891f70f9ff7f4bf47b", "8b1a0bc121284290a29e0971b5cd045d", "91f73e2351d8fa91660e909f", "45b95e15235d6f45a6b19cbcb0294ba9")]
        [InlineData(0x6b3343cfu, true, "0263db1782731bf4588e7e4d93b7463907cb8cd8200b5da55a8bd488eafc37c1", "82db637861d55e1d011f19ea71d5d2a7", "dd13c276499c0249d3310652", "edf6d05c83121201b436e16877593c3a")]
        public void Initial_keys_match_the_RFC_vectors(uint version, bool server, string secret, string key, string iv, string hp)
        {
            var v = new QuicVersion(version);
            Span<byte> s = stackalloc byte[32];
            byte[] k = new byte[16], i = new byte[12], h = new byte[16];
#if TSID_NETSTANDARD_BUILD
            // netstandard2.0: the library derives no keys (DecryptionSupported is false); the test writer's own derivation
            // must still match the RFC, or every packet the netstandard2.0 run feeds would prove nothing.
            Assert.False(QuicConnectionObserver.DecryptionSupported);
            QuicTestKeys.DeriveSecret(v, V.ClientDcid, server, s);
            Assert.Equal(secret, Hex(s));
            QuicTestKeys.Derive(v, V.ClientDcid, server, k, i, h);
#else
            Assert.True(QuicConnectionObserver.DecryptionSupported);
            QuicInitialKeys.DeriveSecret(v, V.ClientDcid, server, s);
            Assert.Equal(secret, Hex(s));
            QuicInitialKeys.Derive(v, V.ClientDcid, server, k, i, h);
#endif
            Assert.Equal(key, Hex(k));
            Assert.Equal(iv, Hex(i));
            Assert.Equal(hp, Hex(h));
        }

        [Theory]
        [InlineData(0x00000001u, "v1")]
        [InlineData(0x6b3343cfu, "v2")]
        public void The_RFC_client_Initial_decrypts_to_the_exact_ClientHello(uint version, string name)
        {
            byte[] packet = version == 1 ? V.V1ClientInitial : V.V2ClientInitial;
            Assert.True(QuicPacket.IsLikelyQuic(packet));
            Assert.Equal(QuicPacketType.Initial, QuicPacket.TypeOf(packet[0], new QuicVersion(version)));
            using var o = new QuicConnectionObserver();
#if TSID_NETSTANDARD_BUILD
            AssertNotDecrypted(o, o.Feed(C, packet));
            Assert.Equal(name, o.Version.ToString());
            Assert.Equal(0, o.InitialPacketCount);
#else
            Assert.Equal(OperationStatus.NeedMoreData, o.Feed(C, packet));
            Assert.False(o.HasError, o.Error.ToString());
            Assert.Equal(name, o.Version.ToString());
            Assert.Equal(1, o.InitialPacketCount);
            Assert.Equal(1, o.CryptoFrameCount);
            Assert.Equal(241, o.CryptoBytes(C));
            Assert.True(o.Handshake.TryGetClientHello(out ClientHello hello));
            Assert.Equal(Hex(V.ClientHelloMessage.AsSpan(4)), Hex(hello.Encoded));
            Assert.Equal("example.com", o.GetServerNameString());
#endif
        }

        [Theory]
        [InlineData(0x00000001u)]
        [InlineData(0x6b3343cfu)]
        public void The_RFC_server_Initial_gives_the_ServerHello_and_an_encrypted_certificate(uint version)
        {
            using var o = new QuicConnectionObserver();
#if TSID_NETSTANDARD_BUILD
            AssertNotDecrypted(o, o.Feed(C, version == 1 ? V.V1ClientInitial : V.V2ClientInitial));
            Assert.Equal(OperationStatus.InvalidData, o.Feed(S, version == 1 ? V.V1ServerInitial : V.V2ServerInitial));
            Assert.Equal(TlsDirection.ClientToServer, o.Error.Direction);
            Assert.False(o.Handshake.ServerHelloSeen);
#else
            o.Feed(C, version == 1 ? V.V1ClientInitial : V.V2ClientInitial);
            Assert.Equal(OperationStatus.Done, o.Feed(S, version == 1 ? V.V1ServerInitial : V.V2ServerInitial));
            Assert.False(o.HasError, o.Error.ToString());
            Assert.Equal(2, o.InitialPacketCount);
            Assert.True(o.Handshake.TryGetServerHello(out ServerHello hello));
            Assert.Equal(Hex(V.ServerHelloMessage.AsSpan(4)), Hex(hello.Encoded));
            Assert.Equal(TlsProtocolVersion.Tls13, hello.NegotiatedVersion);
            Assert.Equal((ushort)0x1301, o.Handshake.CipherSuite);
            Assert.Equal(TlsNamedGroup.X25519, hello.KeyShareGroup);
            Assert.Equal(TlsProtocolVersion.Tls13, o.Handshake.NegotiatedVersion);
            Assert.Equal(TlsCertificateVisibility.EncryptedTls13, o.ServerCertificateVisibility);
#endif
        }

        [Theory]
        [InlineData(0x00000001u)]
        [InlineData(0x6b3343cfu)]
        public void The_test_writer_reproduces_the_RFC_packets_byte_for_byte(uint version)
        {
            var v = new QuicVersion(version);
            byte[] client = W.Initial(v, false, V.ClientDcid, V.ClientDcid, default, default, 2, 4, Convert.FromHexString(V.ClientCryptoFrameHex), 1162);
            Assert.Equal(Hex(version == 1 ? V.V1ClientInitial : V.V2ClientInitial), Hex(client));
            byte[] server = W.Initial(v, true, V.ClientDcid, default, V.ServerScid, default, 1, 2, Convert.FromHexString(V.ServerFramesHex));
            Assert.Equal(Hex(version == 1 ? V.V1ServerInitial : V.V2ServerInitial), Hex(server));
        }

        [Theory]
        [InlineData(0x00000001u)]
        [InlineData(0x6b3343cfu)]
        public void A_Retry_with_a_valid_tag_is_followed_its_SCID_keys_the_next_Initials(uint version)
        {
            var v = new QuicVersion(version);
            byte[] retry = version == 1 ? V.V1Retry : V.V2Retry;
            Assert.Equal(QuicPacketType.Retry, QuicPacket.TypeOf(retry[0], v));
            using var o = new QuicConnectionObserver();
#if TSID_NETSTANDARD_BUILD
            // netstandard2.0: the Retry is counted, but its tag cannot be checked, so it is never followed.
            AssertNotDecrypted(o, o.Feed(C, version == 1 ? V.V1ClientInitial : V.V2ClientInitial));
            Assert.Equal(OperationStatus.NeedMoreData, o.Feed(S, retry));
            Assert.True(o.RetrySeen);
            Assert.False(o.RetryFollowed);
#else
            o.Feed(C, version == 1 ? V.V1ClientInitial : V.V2ClientInitial);
            Assert.Equal(OperationStatus.NeedMoreData, o.Feed(S, retry));
            Assert.False(o.HasError, o.Error.ToString());
            Assert.True(o.RetrySeen);
            Assert.True(o.RetryFollowed);

            // The client's second Initial: DCID = the Retry's SCID, the token, same ClientHello at offset 0, pn 3.
            byte[] frames = Convert.FromHexString(V.ClientCryptoFrameHex);
            byte[] again = W.Initial(v, false, V.ServerScid, V.ServerScid, default, "token"u8, 3, 2, frames, 1162);
            Assert.Equal(OperationStatus.NeedMoreData, o.Feed(C, again));
            Assert.False(o.HasError, o.Error.ToString());
            Assert.Equal(2, o.InitialPacketCount);

            // Keys from the old DCID no longer decrypt.
            byte[] stale = W.Initial(v, false, V.ClientDcid, V.ServerScid, default, "token"u8, 4, 2, frames, 1162);
            Assert.Equal(OperationStatus.InvalidData, o.Feed(C, stale));
            Assert.Equal(QuicErrorCode.AeadTagMismatch, o.Error.Code);
            Assert.Equal(1, o.DecryptFailures);
            Assert.Equal(3, o.Error.DatagramIndex);
#endif
        }

        [Fact]
        public void A_Retry_with_a_bad_tag_is_not_followed()
        {
            byte[] retry = (byte[])V.V1Retry.Clone();
            retry[^1] ^= 1;
            using var o = new QuicConnectionObserver();
#if TSID_NETSTANDARD_BUILD
            // netstandard2.0: no tag is checked, a good one or a bad one: the Retry is counted and not followed.
            AssertNotDecrypted(o, o.Feed(C, V.V1ClientInitial));
            Assert.Equal(OperationStatus.NeedMoreData, o.Feed(S, retry));
            Assert.True(o.RetrySeen);
            Assert.False(o.RetryFollowed);
#else
            o.Feed(C, V.V1ClientInitial);
            Assert.Equal(OperationStatus.InvalidData, o.Feed(S, retry));
            Assert.Equal(QuicErrorCode.RetryIntegrityTagMismatch, o.Error.Code);
            Assert.Equal(retry.Length - 16, o.Error.Offset);
            Assert.True(o.RetrySeen);
            Assert.False(o.RetryFollowed);

            // The original keys still serve the server's Initial.
            Assert.Equal(OperationStatus.Done, o.Feed(S, V.V1ServerInitial));
#endif
        }

        [Fact]
        public void Version_Negotiation_is_reported_and_the_client_switches_version()
        {
            // RFC 9000 17.2.1: first byte with the form bit, Version 0, DCID = the client's SCID (empty), SCID = its DCID, versions.
            byte[] vn = W.Concat(new byte[] { 0xc5, 0, 0, 0, 0, 0, 8 }, V.ClientDcid, new byte[] { 0x6b, 0x33, 0x43, 0xcf, 0, 0, 0, 1 });
            Assert.True(QuicPacket.IsLikelyQuic(vn));
            Assert.Equal(QuicPacketType.VersionNegotiation, QuicPacket.TypeOf(vn[0], default));
            using var o = new QuicConnectionObserver();
            byte[] first = (byte[])V.V1ClientInitial.Clone();
            first[1] = 0x1a; first[2] = 0x2a; first[3] = 0x3a; first[4] = 0x4a;
            Assert.Equal(OperationStatus.InvalidData, o.Feed(C, first));
            Assert.Equal(QuicErrorCode.UnsupportedVersion, o.Error.Code);
            Assert.Equal(1, o.Error.Offset);
            Assert.Equal("0x1a2a3a4a", o.Version.ToString());
            Assert.True(o.Version.IsReserved);
            Assert.False(o.Version.IsSupported);
            Assert.Equal(1, o.UnsupportedVersionPacketCount);

            o.Feed(S, vn);
            Assert.True(o.VersionNegotiationSeen);
            OperationStatus second = o.Feed(C, V.V2ClientInitial);
            Assert.Equal("v2", o.Version.ToString());
#if TSID_NETSTANDARD_BUILD
            Assert.Equal(OperationStatus.InvalidData, second);
            Assert.Null(o.GetServerNameString());
            Assert.Equal(QuicErrorCode.UnsupportedVersion, o.Error.Code); // the first error is kept
#else
            Assert.Equal(OperationStatus.NeedMoreData, second);
            Assert.Equal("example.com", o.GetServerNameString());
#endif
        }

        [Theory]
        [InlineData(0xff00001du, "draft-29")]
        [InlineData(0xff000020u, "draft-32")]
        [InlineData(0xff000022u, "draft-34")]
        public void Draft_versions_decrypt_with_their_salt_and_v1_labels(uint version, string name)
        {
            var v = new QuicVersion(version);
            Assert.True(v.IsSupported);
            byte[] packet = W.Initial(v, false, V.ClientDcid, V.ClientDcid, default, default, 0, 1, Convert.FromHexString(V.ClientCryptoFrameHex), 1180);
            using var o = new QuicConnectionObserver();
#if TSID_NETSTANDARD_BUILD
            AssertNotDecrypted(o, o.Feed(C, packet));
            Assert.Equal(name, o.Version.ToString());
#else
            o.Feed(C, packet);
            Assert.False(o.HasError, o.Error.ToString());
            Assert.Equal(name, o.Version.ToString());
            Assert.Equal("example.com", o.GetServerNameString());
#endif

            // Draft 29-32 use their own salt, 33-34 v1's: the key differs from v1's exactly for 29-32.
            byte[] k = new byte[16], k1 = new byte[16], x = new byte[16];
#if TSID_NETSTANDARD_BUILD
            QuicTestKeys.Derive(v, V.ClientDcid, false, k, new byte[12], x);
            QuicTestKeys.Derive(QuicVersion.V1, V.ClientDcid, false, k1, new byte[12], x);
#else
            QuicInitialKeys.Derive(v, V.ClientDcid, false, k, new byte[12], x);
            QuicInitialKeys.Derive(QuicVersion.V1, V.ClientDcid, false, k1, new byte[12], x);
#endif
            Assert.Equal(version > 0xff000020u, k.AsSpan().SequenceEqual(k1));
        }

        [Fact]
        public void Coalesced_packets_Handshake_0RTT_and_trailing_padding_are_counted_not_read()
        {
            var v = QuicVersion.V1;
            byte[] frames = Convert.FromHexString(V.ClientCryptoFrameHex);
            byte[] initial = W.Initial(v, false, V.ClientDcid, V.ClientDcid, default, default, 0, 1, frames);
            // A 0-RTT packet (type 1) of 40 bytes of payload; its keys are not known here.
            byte[] zeroRtt = W.Concat(new byte[] { 0xd0, 0, 0, 0, 1, 8 }, V.ClientDcid, new byte[] { 0, 0x40, 40 }, new byte[40]);
            byte[] datagram = W.Concat(initial, zeroRtt, new byte[100]);
            using var o = new QuicConnectionObserver();
#if TSID_NETSTANDARD_BUILD
            // netstandard2.0: the datagram stops at its first packet, the Initial that cannot be read.
            AssertNotDecrypted(o, o.Feed(C, datagram));
            Assert.Equal(0, o.ZeroRttPacketCount);
            byte[] server = W.Initial(v, true, V.ClientDcid, default, V.ServerScid, default, 1, 2, Convert.FromHexString(V.ServerFramesHex));
            Assert.Equal(OperationStatus.InvalidData, o.Feed(S, server));
            Assert.False(o.Handshake.ServerHelloSeen);
#else
            Assert.Equal(OperationStatus.NeedMoreData, o.Feed(C, datagram));
            Assert.False(o.HasError, o.Error.ToString());
            Assert.Equal(1, o.ZeroRttPacketCount);
            Assert.Equal(100, o.TrailingBytes);

            byte[] server = W.Initial(v, true, V.ClientDcid, default, V.ServerScid, default, 1, 2, Convert.FromHexString(V.ServerFramesHex));
            byte[] handshake = W.Concat(new byte[] { 0xe0, 0, 0, 0, 1, 0, 8 }, V.ServerScid, new byte[] { 0x40, 30 }, new byte[30]);
            byte[] shortHeader = W.Concat(new byte[] { 0x40 }, new byte[30]);
            Assert.Equal(OperationStatus.Done, o.Feed(S, W.Concat(server, handshake, shortHeader)));
            Assert.False(o.HasError, o.Error.ToString());
            Assert.Equal(1, o.HandshakePacketCount);
            Assert.Equal(1, o.OneRttPacketCount);
            Assert.Equal(TlsCertificateVisibility.EncryptedTls13, o.ServerCertificateVisibility);
#endif
        }

        [Fact]
        public void PING_ACK_with_ECN_and_CONNECTION_CLOSE_are_read()
        {
            byte[] hello = V.ClientHelloMessage;
            byte[] frames = W.Concat(
                new byte[] { 0x01 },
                new byte[] { 0x03, 0x05, 0x00, 0x01, 0x01, 0x00, 0x01, 0x07, 0x08, 0x09 }, // largest 5, first range 1 (5..4), gap 0 len 1 (2..1), ECN
                W.Crypto(100, hello.AsSpan(100)),
                W.Crypto(0, hello.AsSpan(0, 120)),
                new byte[] { 0x1c, 0x0a, 0x00, 0x02, (byte)'n', (byte)'o' });
            byte[] packet = W.Initial(QuicVersion.V1, false, V.ClientDcid, V.ClientDcid, default, default, 0, 1, frames, 1180);
            using var o = new QuicConnectionObserver();
#if TSID_NETSTANDARD_BUILD
            AssertNotDecrypted(o, o.Feed(C, packet));
            Assert.False(o.ConnectionCloseSeen);
#else
            o.Feed(C, packet);
            Assert.False(o.HasError, o.Error.ToString());
            Assert.True(o.ConnectionCloseSeen);
            Assert.Equal(10UL, o.ConnectionCloseErrorCode);
            Assert.Equal("example.com", o.GetServerNameString());
#endif
        }

        [Theory]
        [InlineData(new byte[] { 0x08, 0x00, 0x01, 0x61 }, QuicErrorCode.FrameNotAllowedInInitial)]   // STREAM
        [InlineData(new byte[] { 0x02, 0x01, 0x00, 0x00, 0x02 }, QuicErrorCode.InvalidFrameValue)]    // ACK below packet 0
        [InlineData(new byte[] { 0x06, 0x00, 0x40 }, QuicErrorCode.TruncatedFrame)]                    // CRYPTO cut
        [InlineData(new byte[] { 0x06, 0x80, 0x01, 0x00, 0x00, 0x01, 0x61 }, QuicErrorCode.CryptoLimitExceeded)] // offset 65536
        public void A_bad_frame_is_an_error_at_its_offset(byte[] frame, QuicErrorCode code)
        {
            byte[] frames = W.Concat(new byte[] { 0x01, 0x01 }, frame);
            byte[] packet = W.Initial(QuicVersion.V1, false, V.ClientDcid, V.ClientDcid, default, default, 0, 1, frames, 0);
            int payloadAt = packet.Length - 16 - Math.Max(frames.Length, 4);
            using var o = new QuicConnectionObserver();
#if TSID_NETSTANDARD_BUILD
            // netstandard2.0: the frame is never reached; the packet is reported as not decryptable instead.
            AssertNotDecrypted(o, o.Feed(C, packet));
            Assert.NotEqual(code, o.Error.Code);
            Assert.True(payloadAt > 0);
#else
            Assert.Equal(OperationStatus.InvalidData, o.Feed(C, packet));
            Assert.Equal(code, o.Error.Code);
            Assert.Equal(payloadAt + 2, o.Error.Offset);
#endif
            // The direction stays invalid.
            Assert.Equal(OperationStatus.InvalidData, o.Feed(C, V.V1ClientInitial));
        }

        [Fact]
        public void A_server_Initial_before_any_client_Initial_cannot_be_keyed()
        {
            using var o = new QuicConnectionObserver();
            Assert.Equal(OperationStatus.InvalidData, o.Feed(S, V.V1ServerInitial));
            Assert.Equal(QuicErrorCode.NoClientInitial, o.Error.Code);
        }

        [Fact]
        public void Truncation_and_bit_flips_never_throw_and_errors_lie_inside_the_datagram()
        {
            byte[] full = W.Concat(V.V1ClientInitial);
            using var o = new QuicConnectionObserver();
            for (int n = 0; n <= full.Length; n += n < 64 ? 1 : 37)
            {
                o.Reset();
                OperationStatus status = o.Feed(C, full.AsSpan(0, n));
                Assert.Equal(OperationStatus.InvalidData, status);
                Assert.InRange(o.Error.Offset, 0, Math.Max(0, n - 1));
            }

            var random = new Random(9001);
            foreach (byte[] source in new[] { V.V1ClientInitial, V.V2ClientInitial, V.V1ServerInitial, V.V1Retry })
            {
                for (int t = 0; t < 300; t++)
                {
                    byte[] d = (byte[])source.Clone();
                    d[random.Next(d.Length)] ^= (byte)(1 << random.Next(8));
                    o.Reset();
                    o.Feed(C, V.V1ClientInitial);
                    TlsDirection dir = source == V.V1ClientInitial || source == V.V2ClientInitial ? C : S;
                    if (o.Feed(dir, d) == OperationStatus.InvalidData)
                    {
                        Assert.InRange(o.Error.Offset, 0, d.Length - 1);
                    }
                }
            }
        }

        [Fact]
        public void Content_demultiplexing_follows_the_invariants()
        {
            Assert.True(QuicPacket.IsLikelyQuic(V.V1ServerInitial));
            Assert.True(QuicPacket.IsLikelyQuic(V.V2Retry));
            Assert.False(QuicPacket.IsLikelyQuic(default));
            Assert.False(QuicPacket.IsLikelyQuic(new byte[] { 0x16, 0xfe, 0xfd, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x30 })); // DTLS record
            Assert.False(QuicPacket.IsLikelyQuic(V.V1ClientInitial.AsSpan(0, 10))); // DCID cut
            Assert.False(QuicPacket.IsLikelyQuic(new byte[] { 0x80, 0, 0, 0, 1, 0, 0 })); // fixed bit clear
            Assert.False(QuicPacket.IsLikelyQuic(new byte[] { 0x40, 1, 2 })); // too short a short header
        }

        [Fact]
        public void Version_names()
        {
            Assert.Equal("v1", QuicVersion.V1.ToString());
            Assert.Equal("v2", QuicVersion.V2.ToString());
            Assert.Equal("draft-29", new QuicVersion(0xff00001d).ToString());
            Assert.Equal("0xfaceb002", new QuicVersion(0xfaceb002).ToString());
            Assert.False(new QuicVersion(0xff00001c).IsSupported);
        }

        [Fact]
        public void A_warm_observer_reads_a_client_Initial_without_allocating()
        {
            using var o = new QuicConnectionObserver();
            for (int i = 0; i < 3; i++)
            {
                o.Reset();
                o.Feed(C, V.V1ClientInitial);
            }

            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 100; i++)
            {
                o.Reset();
                o.Feed(C, V.V1ClientInitial);
            }

            long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
#if TSID_NETSTANDARD_BUILD
            Assert.Equal(QuicErrorCode.DecryptionNotSupported, o.Error.Code);
            Assert.False(o.Handshake.ClientHelloSeen);
#else
            Assert.True(o.Handshake.ClientHelloSeen);
#endif
            Assert.Equal(0, allocated);
        }
    }
}
