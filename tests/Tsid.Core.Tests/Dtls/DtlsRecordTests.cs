using System;
using Tsid.Dtls;
using Tsid.Tls;
using Xunit;
using W = Tsid.Tests.Dtls.DtlsTestWriter;

namespace Tsid.Tests.Dtls
{
    public class DtlsRecordTests
    {
        [Theory]
        [InlineData(0, DatagramKind.Stun)]
        [InlineData(3, DatagramKind.Stun)]
        [InlineData(4, DatagramKind.Unknown)]
        [InlineData(15, DatagramKind.Unknown)]
        [InlineData(16, DatagramKind.Zrtp)]
        [InlineData(19, DatagramKind.Zrtp)]
        [InlineData(20, DatagramKind.Dtls)]
        [InlineData(22, DatagramKind.Dtls)]
        [InlineData(63, DatagramKind.Dtls)]
        [InlineData(64, DatagramKind.TurnChannel)]
        [InlineData(79, DatagramKind.TurnChannel)]
        [InlineData(80, DatagramKind.Unknown)]
        [InlineData(127, DatagramKind.Unknown)]
        [InlineData(128, DatagramKind.RtpRtcp)]
        [InlineData(191, DatagramKind.RtpRtcp)]
        [InlineData(192, DatagramKind.Unknown)]
        [InlineData(255, DatagramKind.Unknown)]
        public void RFC7983_first_byte_ranges(int first, DatagramKind kind)
        {
            Assert.Equal(kind, DtlsRecord.Classify(new[] { (byte)first, (byte)0 }));
        }

        [Fact]
        public void Every_first_byte_is_classified_and_empty_is_unknown()
        {
            Assert.Equal(DatagramKind.Unknown, DtlsRecord.Classify(default));
            int dtls = 0;
            for (int b = 0; b < 256; b++)
            {
                dtls += DtlsRecord.Classify(new[] { (byte)b }) == DatagramKind.Dtls ? 1 : 0;
            }

            Assert.Equal(44, dtls);
        }

        [Fact]
        public void IsLikelyDtls_checks_the_first_record()
        {
            byte[] record = W.Record(22, 0, 1, new byte[20]);
            Assert.True(DtlsRecord.IsLikelyDtls(record));
            Assert.True(DtlsRecord.IsLikelyDtls(W.Record(23, 3, 1, new byte[20], 0xfeff)));
            Assert.True(DtlsRecord.IsLikelyDtls(W.Record(22, 0, 1, new byte[20], DtlsRecord.BadVersion)));
            Assert.False(DtlsRecord.IsLikelyDtls(record.AsSpan(0, record.Length - 1)));
            Assert.False(DtlsRecord.IsLikelyDtls(W.Record(22, 0, 1, new byte[20], 0x0303))); // TLS, not DTLS
            Assert.False(DtlsRecord.IsLikelyDtls(W.Record(30, 0, 1, new byte[20])));
            byte[] cid = W.Record(25, 1, 1, new byte[20]);
            cid[11] = 0xff; // the connection ID sits where DTLSPlaintext has its length
            Assert.True(DtlsRecord.IsLikelyDtls(cid));
            Assert.False(DtlsRecord.IsLikelyDtls(new byte[] { 0x00, 0x01, 0x00, 0x00 }));
            Assert.True(DtlsRecord.IsLikelyDtls(new byte[] { 0x24, 0x01, 0x00, 0x01, 0xff }));
            Assert.False(DtlsRecord.IsLikelyDtls(new byte[] { 0x24, 0x01, 0x00, 0x09, 0xff }));
        }

        [Fact]
        public void Record_header_fields_RFC6347_4_1()
        {
            byte[] record = W.Record(22, 0x0102, 0x0000_a1b2_c3d4_e5f6 & 0xffff_ffff_ffff, new byte[7]);
            Assert.True(DtlsRecordHeader.TryRead(record, out DtlsRecordHeader h));
            Assert.Equal(22, h.ContentType);
            Assert.Equal(0xfefd, h.Version);
            Assert.Equal(0x0102, h.Epoch);
            Assert.Equal(0xa1b2_c3d4_e5f6, h.SequenceNumber);
            Assert.Equal(7, h.Length);
            Assert.False(DtlsRecordHeader.TryRead(record.AsSpan(0, 12), out _));
        }

        [Fact]
        public void Handshake_header_fields_RFC6347_4_2_2()
        {
            var m = new DtlsTestWriter.Message(TlsHandshakeType.Certificate, 0x0203, new byte[0x012345]);
            byte[] f = W.Fragment(m, 0x000100, 0x20);
            Assert.True(DtlsHandshakeHeader.TryRead(f, out DtlsHandshakeHeader h));
            Assert.Equal(TlsHandshakeType.Certificate, h.Type);
            Assert.Equal(0x012345, h.Length);
            Assert.Equal(0x0203, h.MessageSeq);
            Assert.Equal(0x100, h.FragmentOffset);
            Assert.Equal(0x20, h.FragmentLength);
            Assert.True(h.IsWithinMessage);
            Assert.False(DtlsHandshakeHeader.TryRead(f.AsSpan(0, 11), out _));
        }

        [Fact]
        public void Unified_header_RFC9147_4()
        {
            Assert.True(DtlsUnifiedHeader.TryRead(new byte[] { 0x2f, 0xab, 0xcd, 0x01, 0x02 }, out DtlsUnifiedHeader h));
            Assert.False(h.HasConnectionId);
            Assert.Equal(2, h.SequenceNumberLength);
            Assert.True(h.HasLength);
            Assert.Equal(3, h.EpochLowBits);
            Assert.Equal(0xabcd, h.SequenceNumber);
            Assert.Equal(0x0102, h.Length);
            Assert.Equal(5, h.HeaderLength);

            Assert.True(DtlsUnifiedHeader.TryRead(new byte[] { 0x20, 0x07 }, out h));
            Assert.Equal(1, h.SequenceNumberLength);
            Assert.False(h.HasLength);
            Assert.Equal(7, h.SequenceNumber);
            Assert.Equal(2, h.HeaderLength);

            Assert.True(DtlsUnifiedHeader.TryRead(new byte[] { 0x3c }, out h));
            Assert.True(h.HasConnectionId);
            Assert.Equal(1, h.HeaderLength);

            Assert.False(DtlsUnifiedHeader.TryRead(new byte[] { 0x2c, 0x01, 0x00 }, out _));
            Assert.False(DtlsUnifiedHeader.TryRead(new byte[] { 0x16, 0xfe }, out _));
            Assert.False(DtlsUnifiedHeader.IsUnifiedHeader(0x40));
        }

        [Fact]
        public void A_connection_id_record_ends_the_datagram_for_the_observer()
        {
            using var o = new DtlsConnectionObserver();
            byte[] d = { 0x3e, 0x11, 0x22, 0x33, 0x44, 0x55, 0x66 };
            o.Feed(TlsDirection.ClientToServer, d);
            Assert.True(o.UnifiedHeaderSeen);
            Assert.False(o.HasError);
            Assert.Equal(1, o.RecordCount);

            // RFC 9146 tls12_cid (content type 25): the connection ID hides the length field.
            using var p = new DtlsConnectionObserver();
            p.Feed(TlsDirection.ClientToServer, W.Record(25, 1, 3, new byte[30]));
            Assert.False(p.HasError);
            Assert.True(p.ClientEncrypted);
        }
    }
}
